package dev.robucap.common.image;

import java.math.BigDecimal;

/**
 * Input that is not a decodable image, or one too large to decode: zero bytes, unknown format, truncated or corrupt
 * data, dimensions over the pixel limit. Unchecked, because callers (data set import, augmentation tasks) treat it
 * like any other bad record; the message is one line that says what is wrong with the input.
 */
public final class ImageDecodeException extends RuntimeException {

    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Refusal of an image whose header declares more than {@code maxPixels} pixels. */
    public static ImageDecodeException overPixelLimit(long width, long height, long maxPixels) {
        return new ImageDecodeException("image is " + width + "x" + height + " = " + megapixels(width * height)
                + " megapixels, over the " + megapixels(maxPixels) + "-megapixel limit");
    }

    /** Checks the size an image header declares, before any pixel is allocated. */
    public static void checkPixelLimit(long width, long height, long maxPixels) {
        if (width * height > maxPixels) {
            throw overPixelLimit(width, height, maxPixels);
        }
    }

    private static String megapixels(long pixels) {
        return BigDecimal.valueOf(pixels, 6).stripTrailingZeros().toPlainString();
    }
}
