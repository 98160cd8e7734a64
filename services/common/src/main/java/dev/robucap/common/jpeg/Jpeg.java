package dev.robucap.common.jpeg;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.ImageIoDecoder;
import dev.robucap.common.image.RgbImage;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * JPEG as Pillow 9.4 (libjpeg-turbo) writes and reads it: IJG integer quality scaling, 4:2:0, baseline, standard
 * Huffman tables. Files equal Pillow's byte for byte; decoded pixels equal Pillow's. Encoding and decoding go
 * through the system's libjpeg-turbo over JNI ({@link NativeJpeg}) where that library is installed, else in plain
 * Java ({@link BaselineEncoder} to encode; the JDK's libjpeg through one ImageIO reader per thread to decode). Both
 * give the same bytes and pixels. Thread-safe.
 */
public final class Jpeg {

    /** The two codecs behind this class; package-private so that tests can run every vector through both. */
    enum Implementation {
        JAVA, NATIVE;

        /** The native path when it loaded, else Java. */
        static Implementation preferred() {
            return NativeJpeg.isAvailable() ? NATIVE : JAVA;
        }
    }

    private Jpeg() {
    }

    /** Encodes like Pillow's {@code Image.save(format='JPEG', quality=quality)}; quality is clamped to 1..100. */
    public static byte[] encode(RgbImage image, int quality) {
        return encode(image, quality, Implementation.preferred());
    }

    static byte[] encode(RgbImage image, int quality, Implementation implementation) {
        int q = QuantTables.clampQuality(quality);
        if (implementation == Implementation.NATIVE && NativeJpeg.encodes(image)) {
            return NativeJpeg.encode(image, q);
        }
        return BaselineEncoder.encode(image, q);
    }

    /** {@link #decode(byte[], DecodeLimits)} with the default 50-megapixel limit. */
    public static RgbImage decode(byte[] bytes) {
        return decode(bytes, DecodeLimits.DEFAULT);
    }

    /**
     * Decodes a JPEG (or PNG, BMP, GIF through ImageIO) to RGB with Pillow's {@code convert('RGB')} semantics:
     * grey replicated, palettes looked up, alpha dropped, CMYK/YCCK converted as Pillow does. EXIF orientation is
     * ignored, pixels stay as stored, like Pillow's {@code Image.open}.
     *
     * @throws ImageDecodeException for zero bytes, unknown formats, truncated or corrupt data, and images whose
     *                              header declares more than {@code limits.maxPixels()} pixels
     */
    public static RgbImage decode(byte[] bytes, DecodeLimits limits) {
        return decode(bytes, limits, Implementation.preferred());
    }

    /** JPEGs that libjpeg-turbo converts exactly as Pillow does go native; CMYK, YCCK and RGB ones stay in Java. */
    static RgbImage decode(byte[] bytes, DecodeLimits limits, Implementation implementation) {
        if (!JpegHeader.looksLikeJpeg(bytes)) {
            return ImageIoDecoder.decode(bytes, limits.maxPixels());
        }
        JpegHeader header = JpegHeader.parse(bytes);
        ImageDecodeException.checkPixelLimit(header.width(), header.height(), limits.maxPixels());
        if (implementation == Implementation.NATIVE && NativeJpeg.decodes(header)) {
            return NativeJpeg.decode(bytes, header);
        }
        return JpegDecoder.forThisThread().decode(bytes, header);
    }

    /** The paper's single compression: a JPEG at {@code quality}. */
    public static byte[] compress(RgbImage image, int quality) {
        return encode(image, quality);
    }

    /** The paper's double compression: encode at {@code quality}, decode, encode again at {@code resave} (75). */
    public static byte[] doubleCompress(RgbImage image, int quality, int resave) {
        return encode(roundTrip(image, quality), resave);
    }

    /** The pixels a reader sees after the image is saved at {@code quality}. */
    public static RgbImage roundTrip(RgbImage image, int quality) {
        return decode(encode(image, quality));
    }

    /** The 64 IJG table entries for a quality, in natural (row-major) order. */
    public static int[] quantTable(int quality, boolean chroma) {
        return QuantTables.table(quality, chroma);
    }

    /**
     * The IJG quality whose scaled standard luminance table is closest (sum of absolute differences) to the JPEG's
     * luma table; exact for files written with IJG tables (Pillow, libjpeg, this class).
     *
     * @throws ImageDecodeException when the data is not a JPEG or has no quantisation table for its luma component
     */
    public static int estimateQuality(byte[] jpeg) {
        return estimateQuality(lumaTable(jpeg));
    }

    /**
     * The IJG quality the JPEG's luma table was scaled for, when it is exactly that table (Pillow, libjpeg, this
     * class); empty for other tables (other encoders' own, custom ones), where {@link #estimateQuality} only guesses.
     *
     * @throws ImageDecodeException when the data is not a JPEG or has no quantisation table for its luma component
     */
    public static OptionalInt ijgQuality(byte[] jpeg) {
        int[] luma = lumaTable(jpeg);
        int quality = estimateQuality(luma);
        return Arrays.equals(luma, QuantTables.table(quality, false)) ? OptionalInt.of(quality) : OptionalInt.empty();
    }

    private static int[] lumaTable(byte[] jpeg) {
        int[] luma = JpegHeader.parse(jpeg).lumaTable();
        if (luma == null) {
            throw new ImageDecodeException("JPEG has no quantisation table (DQT) for its luma component");
        }
        return luma;
    }

    private static int estimateQuality(int[] luma) {
        int best = 1;
        long bestDistance = Long.MAX_VALUE;
        for (int q = 1; q <= 100; q++) {
            int[] candidate = QuantTables.table(q, false);
            long distance = 0;
            for (int i = 0; i < 64; i++) {
                distance += Math.abs(candidate[i] - luma[i]);
            }
            if (distance < bestDistance) {
                best = q;
                bestDistance = distance;
            }
        }
        return best;
    }
}
