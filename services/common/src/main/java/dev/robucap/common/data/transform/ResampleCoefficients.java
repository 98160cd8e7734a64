package dev.robucap.common.data.transform;

/**
 * Pillow's bilinear resampling weights for one axis ({@code precompute_coeffs} and {@code normalize_coeffs_8bpc} in
 * libImaging/Resample.c, Pillow 9.4): output sample i reads {@code count[i]} inputs from {@code start[i]} with
 * fixed-point weights {@code weights[i * kernelSize + j]}. On a reduction the triangle filter is widened by the
 * reduction factor, so that every input pixel contributes (Pillow's antialiasing). The arithmetic, double precision
 * throughout and C's truncating casts, is Pillow's operation for operation: the results are identical.
 */
final class ResampleCoefficients {

    /** Fixed-point fraction bits: 32 bits less 8 for the sample, less 2 for headroom (Pillow's PRECISION_BITS). */
    static final int PRECISION_BITS = 32 - 8 - 2;

    final int kernelSize;
    final int[] start;
    final int[] count;
    final int[] weights;

    private ResampleCoefficients(int kernelSize, int[] start, int[] count, int[] weights) {
        this.kernelSize = kernelSize;
        this.start = start;
        this.count = count;
        this.weights = weights;
    }

    /** Weights for resampling {@code inSize} samples to {@code outSize} (Pillow's box (0, inSize)). */
    static ResampleCoefficients bilinear(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the bilinear filter's support is 1
        int kernelSize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * kernelSize];
        double[] k = new double[kernelSize];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), inSize) - min;
            double sum = 0.0;
            for (int x = 0; x < max; x++) {
                k[x] = triangle((x + min - center + 0.5) * ss);
                sum += k[x];
            }
            for (int x = 0; x < max; x++) {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                weights[i * kernelSize + x] = w < 0
                        ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                        : (int) (0.5 + w * (1 << PRECISION_BITS));
            }
            start[i] = min;
            count[i] = max;
        }
        return new ResampleCoefficients(kernelSize, start, count, weights);
    }

    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /** Pillow's {@code clip8}: the rounded fixed-point sum (it starts at one half) as a sample, clamped to 0..255. */
    static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** One half in fixed point: the starting value of every sum, so that clip8's shift rounds. */
    static final int HALF = 1 << (PRECISION_BITS - 1);
}
