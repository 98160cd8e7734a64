package dev.robucap.common.data.transform;

import dev.robucap.common.image.RgbImage;

/**
 * torchvision's {@code ToTensor()} then {@code Normalize(mean, std)}: a float32 tensor in CHW order with
 * {@code (x / 255 - mean[c]) / std[c]}, each operation rounded to float32 as torch computes it on the CPU.
 */
public record Normalization(float[] mean, float[] std) {

    /** The ImageNet statistics of the PyTorch examples recipe. */
    public static final Normalization IMAGENET =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need one value per RGB channel, got "
                    + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Channel c of pixel (x, y) is at {@code (c * height + y) * width + x}. */
    public float[] toTensor(RgbImage image) {
        float[][] table = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        int plane = image.width() * image.height();
        byte[] rgb = image.rgb();
        float[] chw = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            chw[p] = table[0][rgb[3 * p] & 0xff];
            chw[plane + p] = table[1][rgb[3 * p + 1] & 0xff];
            chw[2 * plane + p] = table[2][rgb[3 * p + 2] & 0xff];
        }
        return chw;
    }
}
