package dev.robucap.common.data.transform;

import dev.robucap.common.image.RgbImage;
import java.util.Arrays;

/**
 * Pillow 9.4's {@code Image.resize(size, Image.BILINEAR)} for 8-bit RGB, byte for byte ({@code ImagingResample} in
 * libImaging/Resample.c): separable, a horizontal pass over only the rows the vertical pass will read, into 8-bit
 * samples, then the vertical pass; a pass whose size does not change is skipped. Stateless and thread-safe.
 */
public final class PillowResize {

    private PillowResize() {
    }

    public static RgbImage resize(RgbImage image, int width, int height) {
        return resize(image, new CropBox(0, 0, image.width(), image.height()), width, height);
    }

    /**
     * {@code image.crop(box).resize((width, height), BILINEAR)}: torchvision's {@code resized_crop} crops first, so
     * the filter sees only the crop (unlike Pillow's {@code resize(box=…)}, which reads pixels around the box).
     */
    public static RgbImage resize(RgbImage image, CropBox crop, int width, int height) {
        return resample(image, crop, width, height, new CropBox(0, 0, width, height));
    }

    /**
     * {@code image.resize((width, height), BILINEAR).crop(window)}, computing only the window's pixels: each output
     * pixel depends only on its own row's and column's weights, so the bytes are the same.
     */
    public static RgbImage resizeThenCrop(RgbImage image, int width, int height, CropBox window) {
        return resample(image, new CropBox(0, 0, image.width(), image.height()), width, height, window);
    }

    private static RgbImage resample(RgbImage image, CropBox crop, int width, int height, CropBox window) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        crop.requireInside(image.width(), image.height());
        window.requireInside(width, height);
        boolean horizontal = width != crop.width();
        boolean vertical = height != crop.height();
        int x0 = crop.left();
        int y0 = crop.top();
        if (!horizontal && !vertical) {
            return crop(image, new CropBox(x0 + window.left(), y0 + window.top(), window.width(), window.height()));
        }
        int stride = image.width() * 3;
        byte[] out;
        if (!horizontal) {
            out = verticalPass(image.rgb(), stride, x0 + window.left(), y0, window.width(),
                    ResampleCoefficients.bilinear(crop.height(), height), window.top(), window.height());
        } else if (!vertical) {
            out = horizontalPass(image.rgb(), stride, x0, y0 + window.top(), window.height(),
                    ResampleCoefficients.bilinear(crop.width(), width), window.left(), window.width());
        } else {
            var columns = ResampleCoefficients.bilinear(crop.width(), width);
            var rows = ResampleCoefficients.bilinear(crop.height(), height);
            int bottom = window.top() + window.height() - 1;
            int first = rows.start[window.top()];
            int last = rows.start[bottom] + rows.count[bottom];
            byte[] band = horizontalPass(image.rgb(), stride, x0, y0 + first, last - first, columns,
                    window.left(), window.width());
            out = verticalPass(band, window.width() * 3, 0, -first, window.width(), rows, window.top(),
                    window.height());
        }
        return new RgbImage(window.width(), window.height(), out);
    }

    /** Pillow's {@code crop} of a box inside the image: a copy of its pixels. */
    public static RgbImage crop(RgbImage image, CropBox box) {
        box.requireInside(image.width(), image.height());
        byte[] out = new byte[box.width() * box.height() * 3];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(image.rgb(), ((box.top() + y) * image.width() + box.left()) * 3,
                    out, y * box.width() * 3, box.width() * 3);
        }
        return new RgbImage(box.width(), box.height(), out);
    }

    /**
     * Resamples {@code rows} rows starting at ({@code x0}, {@code y0}) of {@code in} with {@code k}, giving output
     * columns {@code from} to {@code from + count}.
     */
    private static byte[] horizontalPass(byte[] in, int inStride, int x0, int y0, int rows, ResampleCoefficients k,
                                         int from, int count) {
        byte[] out = new byte[rows * count * 3];
        int o = 0;
        for (int y = 0; y < rows; y++) {
            int row = (y0 + y) * inStride + x0 * 3;
            for (int i = from; i < from + count; i++) {
                int s0 = ResampleCoefficients.HALF;
                int s1 = s0;
                int s2 = s0;
                int p = row + k.start[i] * 3;
                int w = i * k.kernelSize;
                for (int x = 0, n = k.count[i]; x < n; x++, p += 3) {
                    int weight = k.weights[w + x];
                    s0 += (in[p] & 0xff) * weight;
                    s1 += (in[p + 1] & 0xff) * weight;
                    s2 += (in[p + 2] & 0xff) * weight;
                }
                out[o++] = ResampleCoefficients.clip8(s0);
                out[o++] = ResampleCoefficients.clip8(s1);
                out[o++] = ResampleCoefficients.clip8(s2);
            }
        }
        return out;
    }

    /**
     * Resamples {@code width} columns from {@code x0} of {@code in} with {@code k}, whose row numbers are offset by
     * {@code y0}, giving output rows {@code from} to {@code from + count}. Sums row by row across the line (integer
     * sums, so the order does not change them).
     */
    private static byte[] verticalPass(byte[] in, int inStride, int x0, int y0, int width, ResampleCoefficients k,
                                       int from, int count) {
        int samples = width * 3;
        byte[] out = new byte[count * samples];
        int[] sums = new int[samples];
        for (int i = from; i < from + count; i++) {
            Arrays.fill(sums, ResampleCoefficients.HALF);
            for (int y = 0, n = k.count[i]; y < n; y++) {
                int weight = k.weights[i * k.kernelSize + y];
                int p = (y0 + k.start[i] + y) * inStride + x0 * 3;
                for (int s = 0; s < samples; s++) {
                    sums[s] += (in[p + s] & 0xff) * weight;
                }
            }
            for (int s = 0; s < samples; s++) {
                out[(i - from) * samples + s] = ResampleCoefficients.clip8(sums[s]);
            }
        }
        return out;
    }
}
