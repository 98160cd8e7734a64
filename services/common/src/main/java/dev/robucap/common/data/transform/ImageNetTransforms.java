package dev.robucap.common.data.transform;

import dev.robucap.common.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * The PyTorch examples ImageNet recipe on Pillow images, sizes as parameters (224 and 256 for ImageNet; e.g. 56 and
 * 64 for small synthetic images). Training: {@code RandomResizedCrop(cropSize)}, {@code RandomHorizontalFlip()};
 * evaluation: {@code Resize(resizeSize)}, {@code CenterCrop(cropSize)}; both then {@code ToTensor()} and
 * {@code Normalize}. Immutable and thread-safe; the randomness comes from the caller's generator.
 */
public record ImageNetTransforms(int resizeSize, int cropSize, RandomResizedCrop randomCrop,
                                 Normalization normalization) {

    public ImageNetTransforms {
        if (cropSize <= 0 || resizeSize < cropSize) {
            throw new IllegalArgumentException("need 0 < crop size <= resize size, got crop " + cropSize
                    + " and resize " + resizeSize);
        }
    }

    public static ImageNetTransforms imageNet(int resizeSize, int cropSize) {
        return imageNet(resizeSize, cropSize, RandomResizedCrop.IMAGENET_MIN_SCALE);
    }

    /**
     * As {@link #imageNet(int, int)} with crops of at least {@code minCropScale} of the image's area: small images
     * whose object covers a few percent of the frame need larger crops than ImageNet's 8 % to keep the object.
     */
    public static ImageNetTransforms imageNet(int resizeSize, int cropSize, double minCropScale) {
        return new ImageNetTransforms(resizeSize, cropSize,
                new RandomResizedCrop(cropSize, minCropScale, 1.0, 3.0 / 4.0, 4.0 / 3.0), Normalization.IMAGENET);
    }

    /** The training image before ToTensor: a random resized crop, mirrored with probability one half. */
    public RgbImage trainImage(RgbImage image, RandomGenerator rng) {
        RgbImage cropped = randomCrop.apply(image, rng);
        return rng.nextDouble() < 0.5 ? mirror(cropped) : cropped;
    }

    /** The evaluation image before ToTensor: the shorter side resized, then the central crop. */
    public RgbImage evalImage(RgbImage image) {
        var resized = TorchvisionGeometry.resizeShorterSide(image.width(), image.height(), resizeSize);
        return PillowResize.resizeThenCrop(image, resized.width(), resized.height(),
                TorchvisionGeometry.centerCrop(resized.width(), resized.height(), cropSize, cropSize));
    }

    /** A normalised CHW tensor of {@link #trainImage}. */
    public float[] train(RgbImage image, RandomGenerator rng) {
        return normalization.toTensor(trainImage(image, rng));
    }

    /** A normalised CHW tensor of {@link #evalImage}. */
    public float[] eval(RgbImage image) {
        return normalization.toTensor(evalImage(image));
    }

    /** Pillow's {@code FLIP_LEFT_RIGHT}. */
    static RgbImage mirror(RgbImage image) {
        int w = image.width();
        byte[] in = image.rgb();
        byte[] out = new byte[in.length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, (y * w + x) * 3, out, (y * w + w - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(w, image.height(), out);
    }
}
