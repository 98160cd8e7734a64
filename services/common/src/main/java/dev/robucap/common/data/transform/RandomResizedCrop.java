package dev.robucap.common.data.transform;

import dev.robucap.common.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop(size, scale, ratio)}: a random box of random area and aspect ratio, resized
 * to {@code size}×{@code size} with Pillow's bilinear filter. The box is drawn as {@code get_params} draws it, but
 * from the caller's {@link RandomGenerator} in double precision: torch's generator cannot be reproduced, so the
 * boxes follow the same distribution, not the same sequence. Given the box, the result is Pillow's, byte for byte.
 */
public record RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio) {

    private static final int ATTEMPTS = 10;
    /** torchvision's default smallest crop: 8 % of the image's area. */
    public static final double IMAGENET_MIN_SCALE = 0.08;

    public RandomResizedCrop {
        if (size <= 0 || !(0 < minScale && minScale <= maxScale) || !(0 < minRatio && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("RandomResizedCrop needs size > 0, 0 < scale min <= max and"
                    + " 0 < ratio min <= max, got size " + size + ", scale (" + minScale + ", " + maxScale
                    + "), ratio (" + minRatio + ", " + maxRatio + ")");
        }
    }

    /** The ImageNet recipe: scale (0.08, 1.0), ratio (3/4, 4/3). */
    public static RandomResizedCrop imageNet(int size) {
        return new RandomResizedCrop(size, IMAGENET_MIN_SCALE, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /**
     * Up to 10 tries of an area uniform in scale × image area and a log-uniform aspect ratio, rounded half-even
     * like Python's {@code round}; a box that fits gets a uniform position. Otherwise the largest central box with
     * the ratio clamped into range.
     */
    public CropBox sample(int width, int height, RandomGenerator rng) {
        double area = (double) width * height;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * uniform(rng, minScale, maxScale);
            double aspectRatio = Math.exp(uniform(rng, logMin, logMax));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspectRatio));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspectRatio));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        return fallback(width, height);
    }

    /** get_params' fallback: the whole image, or its central part with the ratio clamped into range. */
    CropBox fallback(int width, int height) {
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < minRatio) {
            h = (int) Math.rint(w / minRatio);
        } else if (inRatio > maxRatio) {
            w = (int) Math.rint(h * maxRatio);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }

    public RgbImage apply(RgbImage image, RandomGenerator rng) {
        return PillowResize.resize(image, sample(image.width(), image.height(), rng), size, size);
    }

    /** torch's {@code uniform_(a, b)}; {@code nextDouble(a, b)} refuses an empty range, which a fixed scale is. */
    private static double uniform(RandomGenerator rng, double from, double to) {
        return from + (to - from) * rng.nextDouble();
    }
}
