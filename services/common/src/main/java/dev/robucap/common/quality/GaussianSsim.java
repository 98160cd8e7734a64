package dev.robucap.common.quality;

/**
 * SSIM of one channel exactly as scikit-image 0.19 computes it with {@code gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False}: float64, an 11-tap Gaussian (scipy, truncate 3.5), K1 = 0.01, K2 = 0.03, the mean of
 * the SSIM map over the positions where the whole window fits. Because only those positions count, the filter never
 * needs scipy's border reflection, and each pass only computes the rows or columns that are kept.
 */
final class GaussianSsim {

    static final int RADIUS = 5;
    static final int WINDOW = 2 * RADIUS + 1;
    private static final double SIGMA = 1.5;
    private static final double[] WEIGHTS = gaussianWeights();

    private GaussianSsim() {
    }

    /** scipy.ndimage._gaussian_kernel1d: exp(-x²/2σ²) normalised to sum 1. */
    private static double[] gaussianWeights() {
        double[] phi = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            int x = i - RADIUS;
            phi[i] = Math.exp(-0.5 / (SIGMA * SIGMA) * x * x);
            sum += phi[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            phi[i] /= sum;
        }
        return phi;
    }

    /** Mean SSIM of two same-sized single-channel images given as float64 samples, row by row. */
    static double meanSsim(double[] x, double[] y, int width, int height, double dataRange) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels (its Gaussian window), got " + width + "x" + height);
        }
        int n = width * height;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int rows = height - 2 * RADIUS;
        double[] ux = filterColumns(x, width, height);
        double[] uy = filterColumns(y, width, height);
        double[] uxx = filterColumns(xx, width, height);
        double[] uyy = filterColumns(yy, width, height);
        double[] uxy = filterColumns(xy, width, height);

        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int c = RADIUS; c < width - RADIUS; c++) {
                double mx = filterAt(ux, row + c);
                double my = filterAt(uy, row + c);
                double vx = filterAt(uxx, row + c) - mx * mx;
                double vy = filterAt(uyy, row + c) - my * my;
                double vxy = filterAt(uxy, row + c) - mx * my;
                double a1 = 2 * mx * my + c1;
                double a2 = 2 * vxy + c2;
                double b1 = mx * mx + my * my + c1;
                double b2 = vx + vy + c2;
                sum += a1 * a2 / (b1 * b2);
            }
        }
        return sum / ((double) rows * (width - 2 * RADIUS));
    }

    /** Vertical pass for the rows whose window fits; scipy's summation order (centre, then outer pairs inwards). */
    private static double[] filterColumns(double[] in, int width, int height) {
        int rows = height - 2 * RADIUS;
        double[] out = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            int centre = (r + RADIUS) * width;
            int o = r * width;
            for (int c = 0; c < width; c++) {
                out[o + c] = in[centre + c] * WEIGHTS[RADIUS];
            }
            for (int j = RADIUS; j >= 1; j--) {
                double w = WEIGHTS[RADIUS - j];
                int above = centre - j * width;
                int below = centre + j * width;
                for (int c = 0; c < width; c++) {
                    out[o + c] += (in[above + c] + in[below + c]) * w;
                }
            }
        }
        return out;
    }

    /** Horizontal pass at one position, same order as the vertical pass. */
    private static double filterAt(double[] in, int i) {
        double sum = in[i] * WEIGHTS[RADIUS];
        for (int j = RADIUS; j >= 1; j--) {
            sum += (in[i - j] + in[i + j]) * WEIGHTS[RADIUS - j];
        }
        return sum;
    }
}
