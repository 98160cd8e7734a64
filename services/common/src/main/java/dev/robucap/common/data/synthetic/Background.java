package dev.robucap.common.data.synthetic;

import java.util.SplittableRandom;

/**
 * A cloudy, low-saturation background: a few octaves of value noise over a gentle gradient, with the hue drifting
 * slowly. The finer octaves give the background the mid-frequency detail that photos have and JPEG removes.
 */
final class Background {

    /** Cell sizes as fractions of the image side, coarse to fine, and the value amplitude of each. */
    private static final double[] OCTAVE_CELLS = {1 / 2.0, 1 / 4.0, 1 / 8.0, 1 / 16.0, 1 / 32.0};
    private static final double[] OCTAVE_AMPLITUDES = {0.14, 0.08, 0.05, 0.035, 0.025};
    /** Fine octaves are scaled per image by a roughness in this range, so that some scenes are busier. */
    private static final double MIN_ROUGHNESS = 0.8;
    private static final double MAX_ROUGHNESS = 3.0;

    private Background() {
    }

    /** The background as r, g, b doubles in 0..255, row by row. */
    static double[] paint(SplittableRandom random, int size) {
        double hue = 360 * random.nextDouble();
        double saturation = 0.06 + 0.22 * random.nextDouble();
        double value = 0.45 + 0.35 * random.nextDouble();
        double gradientAngle = 2 * Math.PI * random.nextDouble();
        double gradient = 0.08 + 0.12 * random.nextDouble();
        double gx = gradient * Math.cos(gradientAngle);
        double gy = gradient * Math.sin(gradientAngle);
        double roughness = MIN_ROUGHNESS + (MAX_ROUGHNESS - MIN_ROUGHNESS) * random.nextDouble();
        var octaves = new ValueNoise[OCTAVE_CELLS.length];
        for (int i = 0; i < octaves.length; i++) {
            octaves[i] = new ValueNoise(random, size, Math.max(2, OCTAVE_CELLS[i] * size));
        }
        var hueDrift = new ValueNoise(random, size, size / 2.0);
        var saturationDrift = new ValueNoise(random, size, size / 3.0);

        var rgb = new double[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = value + gx * (x / (double) size - 0.5) + gy * (y / (double) size - 0.5);
                for (int i = 0; i < octaves.length; i++) {
                    v += OCTAVE_AMPLITUDES[i] * (i < 2 ? 1 : roughness) * octaves[i].at(x, y);
                }
                double h = hue + 30 * hueDrift.at(x, y);
                double s = saturation * (1 + 0.5 * saturationDrift.at(x, y));
                Hsv.toRgb(h, clamp(s), clamp(v), rgb, (y * size + x) * 3);
            }
        }
        return rgb;
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
