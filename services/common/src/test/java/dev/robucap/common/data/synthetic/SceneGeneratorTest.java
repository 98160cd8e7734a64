package dev.robucap.common.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.RgbImage;
import java.awt.Color;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class SceneGeneratorTest {

    private static final int SIZE = 64;

    @Test
    void sameSeedAndIndexGiveTheSamePixelsAndScene() {
        var first = new SceneGenerator(42, SIZE).generate(7);
        var second = new SceneGenerator(42, SIZE).generate(7);
        assertArrayEquals(first.image().rgb(), second.image().rgb());
        assertEquals(first.scene(), second.scene());
    }

    @Test
    void otherSeedsAndIndicesGiveOtherPixels() {
        var image = new SceneGenerator(42, SIZE).generate(7).image().rgb();
        assertFalse(Arrays.equals(image, new SceneGenerator(43, SIZE).generate(7).image().rgb()));
        assertFalse(Arrays.equals(image, new SceneGenerator(42, SIZE).generate(17).image().rgb()));
    }

    @Test
    void imageIndexModuloTenIsTheClassAndDecidesShapeHueFamilyAndStripes() {
        var generator = new SceneGenerator(1, SIZE);
        for (int index = 0; index < 40; index++) {
            var scene = generator.generate(index).scene();
            var sceneClass = SceneClass.of(index % 10);
            assertEquals(index % 10, scene.classIndex());
            assertEquals(sceneClass.shape(), scene.main().shape());
            assertEquals(sceneClass.family(), scene.main().colour().family());
            assertEquals(sceneClass.stripeAngle(), scene.main().stripeAngle());
        }
    }

    @Test
    void classesHaveStripes18DegreesApartAndDistinctWnids() {
        for (int i = 0; i < SceneClass.COUNT; i++) {
            assertEquals(18.0 * i, SceneClass.of(i).stripeAngle());
        }
        assertEquals(SceneClass.COUNT, SceneClass.ALL.stream().map(SceneClass::wnid).distinct().count());
        assertEquals("n90000001", SceneClass.of(0).wnid());
    }

    @Test
    void mainObjectIsAFifthToAThirdOfTheImageAndDistractorsAreSmaller() {
        var generator = new SceneGenerator(3, 128);
        int distractors = 0;
        for (int index = 0; index < 50; index++) {
            var scene = generator.generate(index).scene();
            var box = scene.main().box();
            int extent = Math.max(box.xMax() - box.xMin(), box.yMax() - box.yMin()) + 1;
            // Nominal diameter 20-32 %; a turned square's corners reach a little past it, a triangle falls short.
            assertTrue(extent >= 0.16 * 128 && extent <= 0.36 * 128, "main object extent " + extent);
            assertTrue(scene.distractors().size() <= 2);
            for (var distractor : scene.distractors()) {
                var b = distractor.box();
                assertTrue(Math.max(b.xMax() - b.xMin(), b.yMax() - b.yMin()) + 1 < extent + 2);
                assertEquals("small", distractor.size());
                assertFalse(distractor.colour() == scene.main().colour(), "distractors take other colours");
                distractors++;
            }
        }
        assertTrue(distractors > 20, "about one distractor per image expected, got " + distractors);
    }

    @Test
    void theNamedColourIsThePixelColourAtTheMainObjectsCentre() {
        var generator = new SceneGenerator(5, 128);
        for (int index = 0; index < 60; index++) {
            var generated = generator.generate(index);
            var main = generated.scene().main();
            int cx = (main.box().xMin() + main.box().xMax()) / 2;
            int cy = (main.box().yMin() + main.box().yMax()) / 2;
            assertEquals(main.colour(), nearestColour(meanHue(generated.image(), cx, cy)), "image " + index);
        }
    }

    @Test
    void placementWordFollowsTheObjectsCentre() {
        assertEquals(Placement.CENTRE, Placement.of(64, 64, 128));
        assertEquals(Placement.LEFT, Placement.of(20, 60, 128));
        assertEquals(Placement.RIGHT, Placement.of(110, 70, 128));
        assertEquals(Placement.TOP, Placement.of(60, 15, 128));
        assertEquals(Placement.BOTTOM, Placement.of(70, 120, 128));
    }

    @Test
    void imagesSmallerThan32PixelsAreRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> new SceneGenerator(1, 31));
        assertTrue(error.getMessage().contains("size"));
    }

    /** Hue in degrees of the mean colour of the 5x5 pixels around (cx, cy). */
    private static double meanHue(RgbImage image, int cx, int cy) {
        double[] mean = new double[3];
        for (int y = cy - 2; y <= cy + 2; y++) {
            for (int x = cx - 2; x <= cx + 2; x++) {
                for (int c = 0; c < 3; c++) {
                    mean[c] += image.sample(x, y, c) / 25.0;
                }
            }
        }
        float[] hsb = Color.RGBtoHSB((int) mean[0], (int) mean[1], (int) mean[2], null);
        return hsb[0] * 360;
    }

    private static Colour nearestColour(double hue) {
        return Arrays.stream(Colour.values())
                .min(Comparator.comparingDouble(c -> hueDistance(hue, c.hue(0.5))))
                .orElseThrow();
    }

    private static double hueDistance(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }
}
