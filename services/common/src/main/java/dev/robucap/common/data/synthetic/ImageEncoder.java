package dev.robucap.common.data.synthetic;

import dev.robucap.common.image.RgbImage;

/** Turns an image into the bytes of a file; the data sets pass {@code img -> Jpeg.encode(img, 95)}. */
@FunctionalInterface
public interface ImageEncoder {

    byte[] encode(RgbImage image);
}
