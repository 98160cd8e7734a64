package dev.robucap.common.jpeg;

import dev.robucap.common.image.RgbImage;

/**
 * JPEG as Pillow 9.4 (libjpeg-turbo) writes and reads it: IJG integer quality scaling, 4:2:0, baseline, standard
 * Huffman tables. Files equal Pillow's byte for byte; decoded pixels equal Pillow's. Thread-safe.
 */
public final class Jpeg {

    private Jpeg() {
    }

    /** Encodes like Pillow's {@code Image.save(format='JPEG', quality=quality)}; quality is clamped to 1..100. */
    public static byte[] encode(RgbImage image, int quality) {
        return JpegEncoder.forThisThread().encode(image, QuantTables.clampQuality(quality));
    }

    /** The 64 IJG table entries for a quality, in natural (row-major) order. */
    public static int[] quantTable(int quality, boolean chroma) {
        return QuantTables.table(quality, chroma);
    }
}
