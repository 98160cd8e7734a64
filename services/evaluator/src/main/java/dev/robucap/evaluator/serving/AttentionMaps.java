package dev.robucap.evaluator.serving;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A word's attention weights over the encoder's square grid as a greyscale PNG the size of the uploaded image:
 * bilinear upsampling with half-pixel centres (torch's {@code interpolate(align_corners=False)}), scaled so that
 * the most attended cell is white; the weights sum to 1, so their absolute scale would be near black everywhere.
 */
final class AttentionMaps {

    private AttentionMaps() {
    }

    static byte[] png(float[] alpha, int width, int height) {
        int side = (int) Math.round(Math.sqrt(alpha.length));
        if (side * side != alpha.length) {
            throw new IllegalArgumentException("attention over " + alpha.length + " cells is not a square grid");
        }
        float max = 0;
        for (float a : alpha) {
            max = Math.max(max, a);
        }
        float scale = max > 0 ? 255 / max : 0;
        Axis xs = Axis.of(width, side);
        Axis ys = Axis.of(height, side);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            int top = ys.low[y] * side;
            int bottom = ys.high[y] * side;
            float wy = ys.weight[y];
            for (int x = 0; x < width; x++) {
                int l = xs.low[x];
                int r = xs.high[x];
                float wx = xs.weight[x];
                float upper = alpha[top + l] + wx * (alpha[top + r] - alpha[top + l]);
                float lower = alpha[bottom + l] + wx * (alpha[bottom + r] - alpha[bottom + l]);
                grey[y * width + x] = (byte) Math.round(scale * (upper + wy * (lower - upper)));
            }
        }
        var png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an attention map as PNG", e);
        }
        return png.toByteArray();
    }

    /** For each output position along one axis: the two grid cells around its centre and the far one's weight. */
    private record Axis(int[] low, int[] high, float[] weight) {

        static Axis of(int size, int cells) {
            var axis = new Axis(new int[size], new int[size], new float[size]);
            for (int i = 0; i < size; i++) {
                float c = Math.min(Math.max((i + 0.5f) * cells / size - 0.5f, 0), cells - 1);
                axis.low[i] = (int) c;
                axis.high[i] = Math.min(axis.low[i] + 1, cells - 1);
                axis.weight[i] = c - axis.low[i];
            }
            return axis;
        }
    }
}
