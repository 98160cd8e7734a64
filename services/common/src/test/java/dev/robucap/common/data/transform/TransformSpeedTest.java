package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A 500×375 photo, the typical ImageNet size, through both recipes at 224: a few milliseconds each. */
class TransformSpeedTest {

    @Test
    void bothRecipesTakeMillisecondsPerImage() {
        var transforms = ImageNetTransforms.imageNet(256, 224);
        var image = TransformVectors.pattern(500, 375);
        var rng = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            transforms.eval(image);
            transforms.train(image, rng);
        }
        int runs = 50;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            transforms.eval(image);
        }
        double evalMs = (System.nanoTime() - start) / 1e6 / runs;
        start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            transforms.train(image, rng);
        }
        double trainMs = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("500x375 -> 224: eval %.2f ms, train %.2f ms per image%n", evalMs, trainMs);
        // A loose bound: shared build machines are noisy; the point is milliseconds, not tens of them.
        assertTrue(evalMs < 25 && trainMs < 25, "eval " + evalMs + " ms, train " + trainMs + " ms");
    }
}
