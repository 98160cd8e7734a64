package dev.robucap.common.jpeg;

import dev.robucap.common.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JNI fast path (src/main/native/robucap_jpeg.c): the system's libjpeg-turbo, the library Pillow 9.4 links,
 * driven with Pillow's settings. About three times faster than the Java path because libjpeg-turbo uses SIMD.
 * Loaded once from the jar (Linux x86-64 only) and used only if it is found, not disabled (system property
 * {@code robucap.jpeg.native=false} or environment {@code ROBUCAP_JPEG_NATIVE=false}), and agrees with the Java
 * path on a probe image: a different libjpeg on the runtime machine must not change a single byte. Otherwise
 * {@link Jpeg} silently uses the Java path, which gives the same results.
 */
final class NativeJpeg {

    private static final Logger LOG = LoggerFactory.getLogger(NativeJpeg.class);
    private static final String RESOURCE = "/native/linux-x86_64/librobucapjpeg.so";

    /** Null when the library is usable, else why not. */
    private static final String UNAVAILABLE_REASON = load();

    private NativeJpeg() {
    }

    static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the fast path is off, for logs and skipped tests; null when it is on. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** Whether libjpeg decodes this JPEG to Pillow's pixels: YCbCr and grey do; CMYK, YCCK and RGB stay in Java. */
    static boolean decodes(JpegHeader header) {
        JpegHeader.ColourSpace space = header.colourSpace();
        long samples = (long) header.width() * header.height() * 3;
        return (space == JpegHeader.ColourSpace.YCBCR || space == JpegHeader.ColourSpace.GREY)
                && samples <= Integer.MAX_VALUE - 8;
    }

    /** Whether libjpeg can store the image: it refuses sides over 65500, which the Java encoder writes. */
    static boolean encodes(RgbImage image) {
        return image.width() <= 65500 && image.height() <= 65500;
    }

    /** Pillow's file for the image at a quality already clamped to 1..100. */
    static byte[] encode(RgbImage image, int quality) {
        requireAvailable();
        return encode0(image.rgb(), image.width(), image.height(), quality);
    }

    /** Decodes a JPEG whose header Java has parsed, checked against the pixel limit and found {@link #decodes}. */
    static RgbImage decode(byte[] jpeg, JpegHeader header) {
        requireAvailable();
        byte[] rgb = new byte[header.width() * header.height() * 3];
        decode0(jpeg, rgb, header.width(), header.height());
        return new RgbImage(header.width(), header.height(), rgb);
    }

    private static void requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("native JPEG path unavailable: " + UNAVAILABLE_REASON);
        }
    }

    private static native byte[] encode0(byte[] rgb, int width, int height, int quality);

    private static native void decode0(byte[] jpeg, byte[] rgbOut, int width, int height);

    private static String load() {
        String reason = tryLoad();
        if (reason == null) {
            LOG.debug("JPEG codec: native libjpeg-turbo fast path");
        } else {
            LOG.info("JPEG codec: plain Java ({})", reason);
        }
        return reason;
    }

    private static String tryLoad() {
        if ("false".equalsIgnoreCase(System.getProperty("robucap.jpeg.native"))
                || "false".equalsIgnoreCase(System.getenv("ROBUCAP_JPEG_NATIVE"))) {
            return "disabled by robucap.jpeg.native / ROBUCAP_JPEG_NATIVE";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "no native library for " + os + "/" + arch;
        }
        try (InputStream in = NativeJpeg.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "library not built into this jar (gcc or libjpeg62-turbo-dev missing at build time)";
            }
            // Loaded from a private copy that is deleted at once: the mapping stays, nothing is left behind.
            Path copy = Files.createTempFile("librobucapjpeg", ".so");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return "cannot load the native library (is libjpeg62-turbo installed?): " + e.getMessage();
        }
        return probe();
    }

    /** Both paths on one small image with partial MCUs; null when they agree byte for byte and pixel for pixel. */
    private static String probe() {
        byte[] rgb = new byte[37 * 21 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7 + (i / 111) * 13 + (i % 3) * 40);
        }
        RgbImage image = new RgbImage(37, 21, rgb);
        try {
            byte[] file = encode0(rgb, 37, 21, 75);
            if (!Arrays.equals(file, BaselineEncoder.encode(image, 75))) {
                return "the system libjpeg writes different bytes from Pillow's libjpeg-turbo";
            }
            byte[] pixels = new byte[rgb.length];
            decode0(file, pixels, 37, 21);
            JpegHeader header = JpegHeader.parse(file);
            if (!Arrays.equals(pixels, JpegDecoder.forThisThread().decode(file, header).rgb())) {
                return "the system libjpeg decodes to different pixels from Pillow's libjpeg-turbo";
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "the native library failed its probe: " + e;
        }
        return null;
    }
}
