package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native path against the Java path (itself tested against Pillow): the same bytes, pixels and refusals on
 * random images of awkward sizes and on damaged files. Skipped, with the reason, where the library is missing.
 */
class NativeMatchesJavaTest {

    private static final int[][] SIZES = {{1, 1}, {2, 3}, {17, 9}, {64, 48}, {333, 127}};
    private static final int[] QUALITIES = {1, 2, 5, 22, 50, 75, 95, 100};

    @BeforeEach
    void needsTheNativeLibrary() {
        Implementations.assumeNative();
    }

    @Test
    void encodesTheSameBytesAndDecodesTheSamePixelsForAnySizeAndQuality() {
        Random random = new Random(7);
        for (int[] size : SIZES) {
            for (int quality : QUALITIES) {
                for (boolean noisy : new boolean[] {false, true}) {
                    RgbImage image = randomImage(random, size[0], size[1], noisy);
                    String what = size[0] + "x" + size[1] + " q=" + quality + (noisy ? " noise" : " ramps");
                    byte[] file = Jpeg.encode(image, quality, Implementation.JAVA);
                    assertArrayEquals(file, Jpeg.encode(image, quality, Implementation.NATIVE), what);
                    assertArrayEquals(decode(file, Implementation.JAVA).rgb(),
                            decode(file, Implementation.NATIVE).rgb(), what);
                }
            }
        }
    }

    /** Every way of cutting a file short, and damaged bytes in headers and scan: same refusal or same pixels. */
    @Test
    void damagedFilesGiveTheSameRefusalsOrPixels() {
        byte[] valid = Jpeg.encode(Reference.image("photo-201x149"), 80, Implementation.JAVA);
        List<byte[]> damaged = new ArrayList<>();
        for (int length = 2; length < valid.length; length += 1 + length / 16) {
            damaged.add(Arrays.copyOf(valid, length));
        }
        damaged.add(Arrays.copyOf(valid, valid.length - 2)); // no EOI marker
        damaged.add(Arrays.copyOf(valid, valid.length - 1));
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            byte[] copy = valid.clone();
            int at = random.nextInt(i < 20 ? 700 : copy.length - 2); // a third in the headers
            copy[at] = (byte) random.nextInt(256);
            damaged.add(copy);
        }
        for (byte[] input : damaged) {
            String java = outcome(input, Implementation.JAVA);
            assertEquals(java, outcome(input, Implementation.NATIVE), "damaged file of " + input.length + " bytes");
        }
    }

    @Test
    void refusesAHeaderThatDisagreesWithLibjpegInsteadOfWritingPastTheArray() {
        byte[] file = Reference.bytes("pillow-jpegs/gradient-67x45-q80.jpg");
        JpegHeader parsed = JpegHeader.parse(file);
        JpegHeader wrong = new JpegHeader(parsed.width() + 1, parsed.height(), parsed.componentIds(),
                parsed.componentTables(), parsed.jfif(), parsed.adobeTransform(), parsed.quantTables());
        var e = assertThrows(IllegalStateException.class, () -> NativeJpeg.decode(file, wrong));
        assertTrue(e.getMessage().contains("differs from the parsed header"), e.getMessage());
    }

    @Test
    void isThePreferredImplementation() {
        assertEquals(Implementation.NATIVE, Implementation.preferred());
    }

    private static RgbImage decode(byte[] file, Implementation implementation) {
        return Jpeg.decode(file, DecodeLimits.DEFAULT, implementation);
    }

    private static String outcome(byte[] input, Implementation implementation) {
        try {
            return "pixels " + decode(input, implementation).sha256();
        } catch (ImageDecodeException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static RgbImage randomImage(Random random, int w, int h, boolean noisy) {
        byte[] rgb = new byte[w * h * 3];
        int tint = random.nextInt(256);
        for (int i = 0; i < rgb.length; i++) {
            int pixel = i / 3;
            rgb[i] = (byte) (noisy ? random.nextInt(256) : (pixel % w) * 5 + (pixel / w) * 3 + i % 3 * tint);
        }
        return new RgbImage(w, h, rgb);
    }
}
