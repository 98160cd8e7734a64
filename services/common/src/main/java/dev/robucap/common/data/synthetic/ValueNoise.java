package dev.robucap.common.data.synthetic;

import java.util.SplittableRandom;

/** Smooth random noise in [-1, 1]: random values on a square grid, interpolated with a smoothstep. */
final class ValueNoise {

    private final double[] grid;
    private final int columns;
    private final double cell;

    ValueNoise(SplittableRandom random, int imageSize, double cell) {
        this.cell = cell;
        this.columns = (int) Math.ceil(imageSize / cell) + 2;
        this.grid = new double[columns * columns];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 2 * random.nextDouble() - 1;
        }
    }

    double at(double x, double y) {
        double gx = x / cell;
        double gy = y / cell;
        int ix = (int) gx;
        int iy = (int) gy;
        double tx = smooth(gx - ix);
        double ty = smooth(gy - iy);
        double top = lerp(value(ix, iy), value(ix + 1, iy), tx);
        double bottom = lerp(value(ix, iy + 1), value(ix + 1, iy + 1), tx);
        return lerp(top, bottom, ty);
    }

    private double value(int x, int y) {
        return grid[y * columns + x];
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
