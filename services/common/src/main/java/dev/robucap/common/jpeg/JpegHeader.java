package dev.robucap.common.jpeg;

import dev.robucap.common.image.ImageDecodeException;

/**
 * The marker segments of a JPEG up to its first scan: size, components, colour-space hints and quantisation tables.
 * Read by hand because ImageIO needs a full decode to tell the quality, and because the pixel limit must be checked
 * before ImageIO allocates anything.
 */
record JpegHeader(int width, int height, int[] componentIds, int[] componentTables, boolean jfif, int adobeTransform,
                  int[][] quantTables) {

    /** The colour space libjpeg assumes for the stored components (jdapimin.c default_decompress_parms). */
    enum ColourSpace { GREY, YCBCR, RGB, CMYK, YCCK }

    /**
     * libjpeg counts an APP0 segment as JFIF only when it holds at least 14 bytes (jdmarker.c APP0_DATA_LEN); a
     * shorter one must not make this parser assume YCbCr where libjpeg (and so Pillow) reads RGB.
     */
    private static final int APP0_DATA_LEN = 14;

    static boolean looksLikeJpeg(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8;
    }

    static JpegHeader parse(byte[] b) {
        if (!looksLikeJpeg(b)) {
            throw new ImageDecodeException("not a JPEG: missing start-of-image marker");
        }
        int[][] tables = new int[4][];
        boolean jfif = false;
        int adobeTransform = -1;
        int width = -1;
        int height = -1;
        int[] ids = null;
        int[] selectors = null;
        int pos = 2;
        while (true) {
            while (pos < b.length && (b[pos] & 0xff) == 0xFF && pos + 1 < b.length && (b[pos + 1] & 0xff) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos + 4 > b.length) {
                throw new ImageDecodeException("truncated JPEG: premature end of data in the header");
            }
            if ((b[pos] & 0xff) != 0xFF) {
                throw new ImageDecodeException("corrupt JPEG: expected a marker at byte " + pos);
            }
            int marker = b[pos + 1] & 0xff;
            int length = u16(b, pos + 2);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > b.length) {
                throw new ImageDecodeException("truncated JPEG: premature end of data in the header");
            }
            if (marker == 0xDA) {
                if (ids == null) {
                    throw new ImageDecodeException("corrupt JPEG: scan before frame header");
                }
                return new JpegHeader(width, height, ids, selectors, jfif, adobeTransform, tables);
            } else if (marker == 0xDB) {
                readQuantTables(b, start, end, tables);
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                height = u16(b, start + 1);
                width = u16(b, start + 3);
                int n = b[start + 5] & 0xff;
                if (width == 0 || height == 0 || n == 0 || start + 6 + 3 * n > end) {
                    throw new ImageDecodeException("corrupt JPEG: bad frame header " + width + "x" + height
                            + " with " + n + " components");
                }
                ids = new int[n];
                selectors = new int[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = b[start + 6 + 3 * i] & 0xff;
                    selectors[i] = b[start + 8 + 3 * i] & 0x03;
                }
            } else if (marker == 0xE0 && end - start >= APP0_DATA_LEN && hasPrefix(b, start, end, "JFIF\0")) {
                jfif = true;
            } else if (marker == 0xEE && hasPrefix(b, start, end, "Adobe") && end - start >= 12) {
                adobeTransform = b[start + 11] & 0xff;
            }
            pos = end;
        }
    }

    /** Reads one DQT segment (it may hold several tables, 8- or 16-bit, zigzag order) into natural order. */
    private static void readQuantTables(byte[] b, int pos, int end, int[][] tables) {
        while (pos < end) {
            int precision = (b[pos] & 0xff) >> 4;
            int id = b[pos] & 0x03;
            int entryBytes = precision == 0 ? 1 : 2;
            pos++;
            if (pos + 64 * entryBytes > end) {
                throw new ImageDecodeException("corrupt JPEG: quantisation table runs past its segment");
            }
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                int value = entryBytes == 1 ? b[pos + i] & 0xff : u16(b, pos + 2 * i);
                table[QuantTables.ZIGZAG_TO_NATURAL[i]] = value;
            }
            tables[id] = table;
            pos += 64 * entryBytes;
        }
    }

    ColourSpace colourSpace() {
        return switch (componentIds.length) {
            case 1 -> ColourSpace.GREY;
            case 3 -> {
                if (jfif) {
                    yield ColourSpace.YCBCR;
                }
                if (adobeTransform >= 0) {
                    yield adobeTransform == 0 ? ColourSpace.RGB : ColourSpace.YCBCR;
                }
                boolean rgbIds = componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B';
                yield rgbIds ? ColourSpace.RGB : ColourSpace.YCBCR;
            }
            case 4 -> adobeTransform == 2 ? ColourSpace.YCCK : ColourSpace.CMYK;
            default -> throw new ImageDecodeException("unsupported JPEG: " + componentIds.length + " components");
        };
    }

    /** The table the first (luma) component is quantised with. */
    int[] lumaTable() {
        return quantTables[componentTables[0]];
    }

    private static boolean hasPrefix(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
    }
}
