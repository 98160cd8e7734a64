package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.robucap.common.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java encoder against the JDK's libjpeg (driven through ImageIO with the same tables) on many sizes and
 * qualities: every odd width and height, partial MCUs and dummy blocks, noise and flat areas (long zero runs).
 */
class BaselineEncoderMatchesLibjpegTest {

    @Test
    void writesTheSameBytesAsLibjpegForAnySizeAndQuality() {
        Random random = new Random(42);
        int[][] sizes = {{1, 1}, {7, 9}, {8, 8}, {15, 17}, {16, 16}, {17, 15}, {33, 1}, {1, 40}, {67, 45}, {100, 31}};
        for (int[] size : sizes) {
            for (int quality : new int[] {1, 2, 12, 22, 41, 50, 75, 90, 100}) {
                RgbImage image = randomImage(random, size[0], size[1]);
                assertArrayEquals(ImageIoEncoder.forThisThread().encode(image, quality),
                        BaselineEncoder.encode(image, quality), size[0] + "x" + size[1] + " q=" + quality);
            }
        }
    }

    /** Half smooth ramps (long zero runs after quantisation), half noise (large coefficients, 0xFF stuffing). */
    private static RgbImage randomImage(Random random, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        boolean noisy = random.nextBoolean();
        for (int i = 0; i < rgb.length; i++) {
            int pixel = i / 3;
            rgb[i] = (byte) (noisy ? random.nextInt(256) : (pixel % w) * 7 + (pixel / w) * 3 + i % 3 * 50);
        }
        return new RgbImage(w, h, rgb);
    }
}
