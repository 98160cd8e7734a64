package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A 500×375 photo, the typical ImageNet size, through both recipes at 224: a few milliseconds each. */
class TransformSpeedTest {

    private static final ImageNetTransforms TRANSFORMS = ImageNetTransforms.imageNet(256, 224);
    private static final RgbImage IMAGE = TransformVectors.pattern(500, 375);

    @Test
    void bothRecipesTakeMillisecondsPerImage() {
        var rng = new SplittableRandom(3);
        double evalMs = bestMillis(() -> TRANSFORMS.eval(IMAGE));
        double trainMs = bestMillis(() -> TRANSFORMS.train(IMAGE, rng));
        System.out.printf("500x375 -> 224: eval %.2f ms, train %.2f ms per image (best batch)%n", evalMs, trainMs);
        // A loose bound: shared build machines are noisy; the point is milliseconds, not tens of them.
        assertTrue(evalMs < 25 && trainMs < 25, "eval " + evalMs + " ms, train " + trainMs + " ms");
    }

    /** The mean time per run of the fastest of 8 batches of 20, after 2 batches of warm-up: robust to a busy machine. */
    private static double bestMillis(Runnable work) {
        double best = Double.MAX_VALUE;
        for (int batch = 0; batch < 10; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                work.run();
            }
            double ms = (System.nanoTime() - start) / 1e6 / 20;
            best = batch < 2 ? best : Math.min(best, ms);
        }
        return best;
    }
}
