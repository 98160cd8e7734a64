package dev.robucap.common.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;

/**
 * Decoded ImageIO images to RGB the way Pillow's {@code convert('RGB')} does it, without Java2D colour management:
 * grey is replicated, palettes are looked up, alpha is dropped (not composited: Pillow keeps the stored colour of
 * transparent pixels), 16-bit samples keep their high byte (Pillow's "RGB;16B" unpacker), and no gamma or ICC
 * transform is applied. Pillow opens 16-bit grey PNGs as 32-bit "I" and clips them to 0..255 on conversion; here
 * they keep their high byte like 16-bit colour, a deliberate difference.
 */
public final class RgbConversion {

    private RgbConversion() {
    }

    public static RgbImage toRgb(BufferedImage image) {
        if (image.getColorModel() instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        if (image.getColorModel() instanceof ComponentColorModel components && isGreyOrRgb(components.getColorSpace())) {
            return fromComponents(image.getRaster(), components.getNumColorComponents());
        }
        return fromArgb(image);
    }

    private static boolean isGreyOrRgb(ColorSpace space) {
        return space.getType() == ColorSpace.TYPE_GRAY || space.getType() == ColorSpace.TYPE_RGB;
    }

    private static RgbImage fromPalette(Raster raster, IndexColorModel palette) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                rgb[o++] = (byte) palette.getRed(row[x]);
                rgb[o++] = (byte) palette.getGreen(row[x]);
                rgb[o++] = (byte) palette.getBlue(row[x]);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Grey (1 colour band) or RGB (3), optionally followed by alpha, at any sample size. */
    private static RgbImage fromComponents(Raster raster, int colourBands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int bits = raster.getSampleModel().getSampleSize(0);
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[o++] = (byte) to8Bits(row[x * bands + (colourBands == 1 ? 0 : c)], bits);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    /** Packed or other models (BMP, …): ImageIO's non-premultiplied sRGB view, alpha dropped. */
    private static RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0, o = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                rgb[o++] = (byte) (argb >> 16);
                rgb[o++] = (byte) (argb >> 8);
                rgb[o++] = (byte) argb;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
