package dev.robucap.augmenter;

import dev.robucap.common.image.RgbImage;

/** Small deterministic pictures with edges and gradients, so that compression changes them measurably. */
final class TestImages {

    private TestImages() {
    }

    static RgbImage pattern(int width, int height, int seed) {
        byte[] rgb = new byte[width * height * 3];
        var random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean stripe = ((x + 2 * y + seed) / 3) % 2 == 0;
                rgb[i] = (byte) (x * 255 / width);
                rgb[i + 1] = (byte) (stripe ? 200 : 40);
                rgb[i + 2] = (byte) (y * 255 / height ^ random.nextInt(16));
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
