package dev.robucap.common.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An 8-bit RGB image as one interleaved array (r, g, b, r, g, b, …), row by row: the form in which the JPEG
 * codec, the quality metrics and the reference vectors see pixels, so that "same pixels" means "same bytes".
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " samples, got " + rgb.length);
        }
    }

    /** Sample {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Converts any BufferedImage (grey, palette, 16-bit, alpha over black, …) to RGB. */
    public static RgbImage from(BufferedImage image) {
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            rgb[i] = src[i + 2];
            rgb[i + 1] = src[i + 1];
            rgb[i + 2] = src[i];
        }
        return new RgbImage(image.getWidth(), image.getHeight(), rgb);
    }

    /** A TYPE_3BYTE_BGR copy, for Java2D and ImageIO. */
    public BufferedImage toBufferedImage() {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            dst[i] = rgb[i + 2];
            dst[i + 1] = rgb[i + 1];
            dst[i + 2] = rgb[i];
        }
        return image;
    }

    /** SHA-256 of the interleaved samples, hex: how tests compare decoded pixels with Pillow's. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rgb));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
