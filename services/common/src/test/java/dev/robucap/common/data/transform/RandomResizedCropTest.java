package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sampler draws from our generator, so it is checked by its bounds and determinism, not against torch's. */
class RandomResizedCropTest {

    private static final RandomResizedCrop CROP = RandomResizedCrop.imageNet(224);

    @Test
    void boxesStayInsideWithTheRecipesAreaAndRatio() {
        var rng = new SplittableRandom(42);
        double areaSum = 0;
        int draws = 5000;
        for (int i = 0; i < draws; i++) {
            CropBox box = CROP.sample(500, 375, rng);
            box.requireInside(500, 375);
            double areaFraction = (double) box.width() * box.height() / (500 * 375);
            double ratio = (double) box.width() / box.height();
            // w and h are rounded to whole pixels (>= 106 here), so area and ratio may miss by about 1%.
            assertTrue(areaFraction >= 0.08 * 0.98 && areaFraction <= 1.0, box + " covers " + areaFraction);
            assertTrue(ratio >= 0.75 * 0.99 && ratio <= 4.0 / 3.0 * 1.01, box + " has ratio " + ratio);
            areaSum += areaFraction;
        }
        // Uniform over [0.08, 1] has mean 0.54; large boxes of extreme ratio do not fit and are redrawn smaller.
        double meanArea = areaSum / draws;
        assertTrue(meanArea > 0.40 && meanArea < 0.54, "mean area fraction " + meanArea);
    }

    @Test
    void sameSeedGivesTheSameBoxes() {
        var a = new SplittableRandom(7);
        var b = new SplittableRandom(7);
        IntStream.range(0, 100).forEach(i -> assertEquals(CROP.sample(333, 500, a), CROP.sample(333, 500, b)));
    }

    @Test
    void trainImageIsTheSampledCropResizedThenMirroredOnACoinFlip() {
        var transforms = ImageNetTransforms.imageNet(64, 56);
        var image = TransformVectors.pattern(120, 90);
        int mirrored = 0;
        for (long seed = 0; seed < 200; seed++) {
            var expectedRng = new SplittableRandom(seed);
            var box = transforms.randomCrop().sample(120, 90, expectedRng);
            var resized = PillowResize.resize(image, box, 56, 56);
            boolean mirror = expectedRng.nextDouble() < 0.5;
            var expected = mirror ? ImageNetTransforms.mirror(resized) : resized;
            mirrored += mirror ? 1 : 0;
            assertEquals(expected.sha256(), transforms.trainImage(image, new SplittableRandom(seed)).sha256());
        }
        assertTrue(mirrored > 70 && mirrored < 130, mirrored + " of 200 mirrored");
        assertEquals(3 * 56 * 56, transforms.train(image, new SplittableRandom(1)).length);
    }
}
