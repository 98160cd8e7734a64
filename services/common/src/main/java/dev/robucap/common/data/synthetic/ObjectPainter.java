package dev.robucap.common.data.synthetic;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Paints striped objects onto an image held as doubles: Java2D draws the anti-aliased outline as a coverage mask,
 * and the stripes, shading and a soft drop shadow are computed per pixel through that mask.
 */
final class ObjectPainter {

    /** Stripe period in pixels at 128 px; it scales with the image. */
    private static final double STRIPE_PERIOD_AT_128 = 6;
    /** How much darker the dark stripes are than the light ones. */
    private static final double STRIPE_CONTRAST = 0.45;
    /** Light from the top left: objects are up to this much brighter or darker at their rims. */
    private static final double SHADING = 0.12;
    private static final double SHADOW_DEPTH = 0.35;

    private final int size;
    private final double[] rgb;
    private final BufferedImage mask;
    private final double stripePeriod;

    ObjectPainter(int size, double[] rgb) {
        this.size = size;
        this.rgb = rgb;
        this.mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        this.stripePeriod = STRIPE_PERIOD_AT_128 * size / 128.0;
    }

    /** A striped object: outline, base colour in HSV, stripe angle in degrees and stripe phase in radians. */
    record Drawing(Shape outline, double cx, double cy, double radius, double hue, double saturation,
                   double value, double stripeAngle, double phase) {
    }

    void paint(Drawing drawing) {
        double[] coverage = coverage(drawing.outline());
        darkenShadow(coverage);
        double[] light = Hsv.toRgb(drawing.hue(), drawing.saturation(), drawing.value());
        double[] dark = Hsv.toRgb(drawing.hue(), drawing.saturation(), drawing.value() * (1 - STRIPE_CONTRAST));
        double angle = Math.toRadians(drawing.stripeAngle());
        double across = Math.sin(angle);
        double down = Math.cos(angle);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double alpha = coverage[y * size + x];
                if (alpha == 0) {
                    continue;
                }
                double wave = Math.sin(2 * Math.PI * (x * across + y * down) / stripePeriod + drawing.phase());
                double t = 0.5 + 0.5 * Math.max(-1, Math.min(1, 1.6 * wave));
                double lit = 1 - SHADING * ((x - drawing.cx()) * 0.6 + (y - drawing.cy()) * 0.8) / drawing.radius();
                int i = (y * size + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double object = (dark[c] + (light[c] - dark[c]) * t) * lit;
                    rgb[i + c] += (object - rgb[i + c]) * alpha;
                }
            }
        }
    }

    /** The anti-aliased coverage of a shape, 0..1 per pixel. */
    private double[] coverage(Shape outline) {
        var g = mask.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        g.fill(outline);
        g.dispose();
        byte[] bytes = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        var coverage = new double[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            coverage[i] = (bytes[i] & 0xff) / 255.0;
        }
        return coverage;
    }

    /** A blurred copy of the coverage, shifted down and right, darkens what lies beneath. */
    private void darkenShadow(double[] coverage) {
        int offset = Math.max(1, size / 64);
        double[] shadow = blur(coverage, Math.max(1, size / 48));
        for (int y = offset; y < size; y++) {
            for (int x = offset; x < size; x++) {
                double darken = 1 - SHADOW_DEPTH * shadow[(y - offset) * size + (x - offset)];
                int i = (y * size + x) * 3;
                for (int c = 0; c < 3; c++) {
                    rgb[i + c] *= darken;
                }
            }
        }
    }

    /** Box blur, rows then columns, clamped at the borders. */
    private double[] blur(double[] values, int radius) {
        var rows = new double[values.length];
        var out = new double[values.length];
        double norm = 1.0 / (2 * radius + 1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += values[y * size + Math.max(0, Math.min(size - 1, x + k))];
                }
                rows[y * size + x] = sum * norm;
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += rows[Math.max(0, Math.min(size - 1, y + k)) * size + x];
                }
                out[y * size + x] = sum * norm;
            }
        }
        return out;
    }
}
