package dev.robucap.common.jpeg;

/**
 * The IJG (libjpeg) quantisation tables for a quality 1..100, computed exactly as libjpeg's
 * {@code jpeg_set_quality(cinfo, q, TRUE)} does with integer arithmetic. The JDK's
 * {@code setCompressionQuality} scales in floating point and differs at 35 qualities, hence this class.
 */
final class QuantTables {

    /** JPEG standard Annex K luminance table, natural (row-major) order. */
    private static final int[] BASE_LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    };

    /** JPEG standard Annex K chrominance table, natural order. */
    private static final int[] BASE_CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    };

    /** Position in natural order of the i-th coefficient in zigzag (file) order. */
    static final int[] ZIGZAG_TO_NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private QuantTables() {
    }

    /** Pillow clamps the quality to 1..100, so 0 behaves as 1 and 101 as 100. */
    static int clampQuality(int quality) {
        return Math.max(1, Math.min(100, quality));
    }

    static int[] table(int quality, boolean chroma) {
        int q = clampQuality(quality);
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        int[] base = chroma ? BASE_CHROMA : BASE_LUMA;
        int[] table = new int[64];
        for (int i = 0; i < 64; i++) {
            table[i] = Math.max(1, Math.min(255, (base[i] * scale + 50) / 100));
        }
        return table;
    }
}
