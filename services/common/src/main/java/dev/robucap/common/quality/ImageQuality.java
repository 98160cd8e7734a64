package dev.robucap.common.quality;

import dev.robucap.common.image.RgbImage;

/**
 * PSNR and SSIM as the paper's analysis computes them with scikit-image 0.19: {@code peak_signal_noise_ratio(
 * data_range=255)} and {@code structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 * data_range=255, channel_axis=-1)}. Stateless and thread-safe.
 */
public final class ImageQuality {

    private static final double PEAK = 255;

    private ImageQuality() {
    }

    public static Comparison compare(RgbImage original, RgbImage distorted) {
        return new Comparison(psnr(original, distorted), ssim(original, distorted), ssimLuma(original, distorted));
    }

    /** PSNR over all RGB samples with peak 255; {@code +Infinity} for identical images. */
    public static double psnr(RgbImage a, RgbImage b) {
        checkSameSize(a, b);
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        long squaredErrors = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            squaredErrors += d * d;
        }
        if (squaredErrors == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double mse = (double) squaredErrors / x.length;
        return 10 * Math.log10(PEAK * PEAK / mse);
    }

    /** Mean over R, G and B of the per-channel SSIM. */
    public static double ssim(RgbImage a, RgbImage b) {
        checkSameSize(a, b);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += GaussianSsim.meanSsim(channel(a, c), channel(b, c), a.width(), a.height(), PEAK);
        }
        return sum / 3;
    }

    /** SSIM of the unrounded float64 luma Y = 0.299R + 0.587G + 0.114B. */
    public static double ssimLuma(RgbImage a, RgbImage b) {
        checkSameSize(a, b);
        return GaussianSsim.meanSsim(luma(a), luma(b), a.width(), a.height(), PEAK);
    }

    private static double[] channel(RgbImage image, int c) {
        byte[] rgb = image.rgb();
        double[] samples = new double[rgb.length / 3];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = rgb[3 * i + c] & 0xff;
        }
        return samples;
    }

    private static double[] luma(RgbImage image) {
        byte[] rgb = image.rgb();
        double[] y = new double[rgb.length / 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299 * (rgb[3 * i] & 0xff) + 0.587 * (rgb[3 * i + 1] & 0xff) + 0.114 * (rgb[3 * i + 2] & 0xff);
        }
        return y;
    }

    private static void checkSameSize(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("cannot compare images of different sizes: " + a.width() + "x"
                    + a.height() + " and " + b.width() + "x" + b.height());
        }
    }
}
