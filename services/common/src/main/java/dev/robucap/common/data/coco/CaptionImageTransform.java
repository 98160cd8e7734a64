package dev.robucap.common.data.coco;

import dev.robucap.common.data.transform.Normalization;
import dev.robucap.common.data.transform.PillowResize;
import dev.robucap.common.image.RgbImage;

/**
 * The tutorial's captioning image: {@code scipy.misc.imresize(img, (256, 256))}, which is Pillow's
 * {@code resize((size, size), BILINEAR)} (antialiased bilinear, not aspect-preserving: the image is stretched to a
 * square), done byte for byte by {@link PillowResize}; then {@code img / 255.} and {@code Normalize(mean, std)}, the
 * same float32 values as {@link Normalization} gives (x / 255 in float64 then float32 equals it in float32 for every
 * byte). No crop and no flip, in training as in evaluation. Immutable and thread-safe.
 */
public record CaptionImageTransform(int imageSize, Normalization normalization) {

    /** The tutorial's 256 × 256 with the ImageNet statistics. */
    public static final CaptionImageTransform TUTORIAL = new CaptionImageTransform(256, Normalization.IMAGENET);

    public CaptionImageTransform {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageSize);
        }
    }

    /** The image stretched to {@code imageSize} × {@code imageSize}. */
    public RgbImage resize(RgbImage image) {
        return PillowResize.resize(image, imageSize, imageSize);
    }

    /** A normalised CHW tensor of {@link #resize}. */
    public float[] toTensor(RgbImage image) {
        return normalization.toTensor(resize(image));
    }
}
