package dev.robucap.common.jpeg;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.RgbImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One thread's ImageIO JPEG reader. It reads the stored components as a raw raster (no Java2D colour conversion)
 * and converts them with libjpeg's own arithmetic, which is faster and gives Pillow's pixels. The JDK reader only
 * warns on truncated data ("Truncated File - Missing EOI marker", "premature end of data segment") and fills the
 * rest grey; those warnings become a refusal, as Pillow refuses truncated files. Other libjpeg warnings (such as
 * extraneous bytes before a marker) are tolerated, as Pillow tolerates them.
 */
final class JpegDecoder {

    private static final ThreadLocal<JpegDecoder> PER_THREAD = ThreadLocal.withInitial(JpegDecoder::new);

    private final ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    private String truncation;

    private JpegDecoder() {
        reader.addIIOReadWarningListener((source, warning) -> {
            String lower = warning.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncated")) {
                truncation = warning;
            }
        });
    }

    static JpegDecoder forThisThread() {
        return PER_THREAD.get();
    }

    /** Decodes a JPEG whose header the caller has parsed and checked against the pixel limit. */
    RgbImage decode(byte[] bytes, JpegHeader header) {
        Raster raster = readRaster(bytes);
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] samples = interleavedSamples(raster);
        return switch (header.colourSpace()) {
            case GREY -> new RgbImage(w, h, greyToRgb(samples));
            case RGB -> new RgbImage(w, h, samples);
            case YCBCR -> {
                JpegColour.yccToRgb(samples);
                yield new RgbImage(w, h, samples);
            }
            case CMYK -> new RgbImage(w, h, JpegColour.fourComponentsToRgb(samples, false));
            case YCCK -> new RgbImage(w, h, JpegColour.fourComponentsToRgb(samples, true));
        };
    }

    private Raster readRaster(byte[] bytes) {
        truncation = null;
        try (var in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            if (truncation != null) {
                throw new ImageDecodeException("truncated JPEG: premature end of data");
            }
            return raster;
        } catch (IOException e) {
            throw new ImageDecodeException("corrupt JPEG: " + e.getMessage(), e);
        } finally {
            reader.setInput(null);
        }
    }

    /** The raster's samples as one interleaved array; the reader's own buffer when it already is one. */
    private static byte[] interleavedSamples(Raster raster) {
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int length = raster.getWidth() * raster.getHeight() * raster.getNumBands();
        if (data.length == length && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            return data;
        }
        return (byte[]) raster.getDataElements(0, 0, raster.getWidth(), raster.getHeight(), null);
    }

    private static byte[] greyToRgb(byte[] grey) {
        byte[] rgb = new byte[grey.length * 3];
        for (int i = 0, o = 0; i < grey.length; i++, o += 3) {
            rgb[o] = grey[i];
            rgb[o + 1] = grey[i];
            rgb[o + 2] = grey[i];
        }
        return rgb;
    }
}
