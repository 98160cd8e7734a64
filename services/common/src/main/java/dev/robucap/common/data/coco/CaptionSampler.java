package dev.robucap.common.data.coco;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tutorial's choice of an image's captions: with fewer than wanted, all of them followed by random picks among
 * them ({@code choice}, with replacement); otherwise a random sample without replacement, in the order drawn
 * ({@code random.sample}, which reorders even when it keeps them all).
 */
final class CaptionSampler {

    private CaptionSampler() {
    }

    static List<List<String>> sample(List<List<String>> captions, int count, Random rng) {
        var chosen = new ArrayList<>(captions);
        if (captions.size() < count) {
            while (chosen.size() < count) {
                chosen.add(captions.get(rng.nextInt(captions.size())));
            }
            return List.copyOf(chosen);
        }
        for (int i = 0; i < count; i++) {
            int pick = i + rng.nextInt(chosen.size() - i);
            chosen.set(pick, chosen.set(i, chosen.get(pick)));
        }
        return List.copyOf(chosen.subList(0, count));
    }
}
