package dev.robucap.common.data.synthetic;

import dev.robucap.common.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

/** A plain ImageIO JPEG encoder, so that these tests do not depend on the project's own codec. */
final class TestEncoders {

    private TestEncoders() {
    }

    static final ImageEncoder JPEG_95 = image -> jpeg(image, 0.95f);

    static byte[] jpeg(RgbImage image, float quality) {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var out = new ByteArrayOutputStream(); var stream = ImageIO.createImageOutputStream(out)) {
            var param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
