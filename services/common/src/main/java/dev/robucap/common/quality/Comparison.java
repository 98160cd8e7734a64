package dev.robucap.common.quality;

/**
 * How a distorted image compares with its original: PSNR in dB over all RGB samples (infinite when identical),
 * SSIM averaged over the R, G and B channels, and SSIM of the luma Y = 0.299R + 0.587G + 0.114B.
 */
public record Comparison(double psnr, double ssim, double ssimY) {
}
