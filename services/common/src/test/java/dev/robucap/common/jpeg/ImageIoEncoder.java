package dev.robucap.common.jpeg;

import dev.robucap.common.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The JDK's libjpeg (through ImageIO, IJG tables in the metadata's DQT nodes) as an independent oracle for
 * {@link BaselineEncoder}: its files equal Pillow's byte for byte, so the plain-Java encoder must equal it on any
 * input. One writer per thread, with the metadata for each quality prepared once.
 */
final class ImageIoEncoder {

    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final ThreadLocal<ImageIoEncoder> PER_THREAD = ThreadLocal.withInitial(ImageIoEncoder::new);

    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    private final ImageWriteParam param = yccDestinationParam(writer);
    private final IIOMetadata[] metadataByQuality = new IIOMetadata[101];

    static ImageIoEncoder forThisThread() {
        return PER_THREAD.get();
    }

    byte[] encode(RgbImage image, int quality) {
        var bytes = new ByteArrayOutputStream(image.width() * image.height() / 4 + 1024);
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(yccRaster(image), null, metadata(quality)), param);
            writer.setOutput(null);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A raster's colour space is the param's destination type; declaring it YCbCr makes the JDK tell libjpeg
     * "YCbCr in, YCbCr out": no conversion, and libjpeg's YCbCr defaults (chroma Huffman tables for Cb and Cr).
     */
    private static ImageWriteParam yccDestinationParam(ImageWriter writer) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setDestinationType(ImageTypeSpecifier.createInterleaved(YccColourSpace.INSTANCE, new int[] {0, 1, 2},
                DataBuffer.TYPE_BYTE, false, false));
        return param;
    }

    /**
     * The image as a YCbCr raster, converted with libjpeg's own arithmetic: the JDK writer passes a raster's samples
     * to libjpeg unconverted, which avoids its Java2D colour-model path.
     */
    private static Raster yccRaster(RgbImage image) {
        int w = image.width();
        int n = w * image.height();
        byte[][] planes = {new byte[n], new byte[n], new byte[n]};
        JpegColour.rgbRowToPlanes(image.rgb(), 0, n, planes[0], planes[1], planes[2], 0);
        byte[] ycc = new byte[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            ycc[i] = planes[i % 3][i / 3];
        }
        return Raster.createInterleavedRaster(new DataBufferByte(ycc, ycc.length), w, image.height(), w * 3, 3,
                new int[] {0, 1, 2}, null);
    }

    private IIOMetadata metadata(int quality) {
        if (metadataByQuality[quality] == null) {
            metadataByQuality[quality] = prepareMetadata(quality);
        }
        return metadataByQuality[quality];
    }

    /** Default JFIF metadata with the IJG tables in the DQT nodes and Pillow's JFIF version 1.01. */
    private IIOMetadata prepareMetadata(int quality) {
        var type = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR);
        IIOMetadata metadata = writer.getDefaultImageMetadata(type, param);
        var root = (IIOMetadataNode) metadata.getAsTree(NATIVE_FORMAT);
        NodeList tables = root.getElementsByTagName("dqtable");
        for (int i = 0; i < tables.getLength(); i++) {
            var table = (IIOMetadataNode) tables.item(i);
            boolean chroma = Integer.parseInt(table.getAttribute("qtableId")) != 0;
            table.setUserObject(new JPEGQTable(QuantTables.table(quality, chroma)));
        }
        Node jfif = root.getElementsByTagName("app0JFIF").item(0);
        ((IIOMetadataNode) jfif).setAttribute("minorVersion", "1");
        try {
            metadata.setFromTree(NATIVE_FORMAT, root);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("JDK JPEG writer rejected the IJG tables", e);
        }
        return metadata;
    }
}
