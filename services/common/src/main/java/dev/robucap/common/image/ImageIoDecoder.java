package dev.robucap.common.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Any format ImageIO reads (PNG, BMP, GIF, …) to RGB, refusing oversized images from their header and data that
 * ImageIO cannot read. Uses in-memory streams only, never ImageIO's disk cache.
 */
public final class ImageIoDecoder {

    private ImageIoDecoder() {
    }

    public static RgbImage decode(byte[] bytes, long maxPixels) {
        if (bytes.length == 0) {
            throw new ImageDecodeException("empty input: zero bytes is not an image");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException("not an image: unrecognised format (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase();
            try {
                reader.setInput(in, true, true);
                ImageDecodeException.checkPixelLimit(reader.getWidth(0), reader.getHeight(0), maxPixels);
                return RgbConversion.toRgb(reader.read(0));
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageDecodeException refusal) {
                    throw refusal;
                }
                throw new ImageDecodeException("corrupt " + format + ": " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageDecodeException("unreadable image: " + e.getMessage(), e);
        }
    }
}
