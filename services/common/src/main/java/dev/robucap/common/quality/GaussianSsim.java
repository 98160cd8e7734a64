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

    /**
     * Mean SSIM of two same-sized single-channel images given as float64 samples, row by row. One output row at a
     * time: the vertical pass filters x, y, x², y² and xy into five row buffers (products formed on the fly, as
     * the same float64 values numpy would store), then the horizontal pass and the SSIM formula run along them.
     */
    static double meanSsim(double[] x, double[] y, int width, int height, double dataRange) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels (its Gaussian window), got " + width + "x" + height);
        }
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        double[] ux = new double[width];
        double[] uy = new double[width];
        double[] uxx = new double[width];
        double[] uyy = new double[width];
        double[] uxy = new double[width];
        int rows = height - 2 * RADIUS;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            filterRow(x, y, (r + RADIUS) * width, width, ux, uy, uxx, uyy, uxy);
            for (int c = RADIUS; c < width - RADIUS; c++) {
                double mx = filterAt(ux, c);
                double my = filterAt(uy, c);
                double vx = filterAt(uxx, c) - mx * mx;
                double vy = filterAt(uyy, c) - my * my;
                double vxy = filterAt(uxy, c) - mx * my;
                double a1 = 2 * mx * my + c1;
                double a2 = 2 * vxy + c2;
                double b1 = mx * mx + my * my + c1;
                double b2 = vx + vy + c2;
                sum += a1 * a2 / (b1 * b2);
            }
        }
        return sum / ((double) rows * (width - 2 * RADIUS));
    }

    /** Vertical pass around row {@code centre}, in scipy's summation order: centre, then outer pairs inwards. */
    private static void filterRow(double[] x, double[] y, int centre, int width,
                                  double[] ux, double[] uy, double[] uxx, double[] uyy, double[] uxy) {
        double w0 = WEIGHTS[RADIUS];
        for (int c = 0; c < width; c++) {
            double xc = x[centre + c];
            double yc = y[centre + c];
            ux[c] = xc * w0;
            uy[c] = yc * w0;
            uxx[c] = xc * xc * w0;
            uyy[c] = yc * yc * w0;
            uxy[c] = xc * yc * w0;
        }
        for (int j = RADIUS; j >= 1; j--) {
            double w = WEIGHTS[RADIUS - j];
            int above = centre - j * width;
            int below = centre + j * width;
            for (int c = 0; c < width; c++) {
                double xa = x[above + c];
                double xb = x[below + c];
                double ya = y[above + c];
                double yb = y[below + c];
                ux[c] += (xa + xb) * w;
                uy[c] += (ya + yb) * w;
                uxx[c] += (xa * xa + xb * xb) * w;
                uyy[c] += (ya * ya + yb * yb) * w;
                uxy[c] += (xa * ya + xb * yb) * w;
            }
        }
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
