package dev.robucap.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Pre-transformed CHW float images and their labels, in memory: for tests and small data. */
public final class InMemoryExamples implements ExampleSource {

    private final float[][] images;
    private final int[] labels;
    private final Shape imageShape;

    /** {@code images[i]} is image i as (3, height, width) in row-major order, {@code labels[i]} its class. */
    public InMemoryExamples(float[][] images, int[] labels, int height, int width) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        this.images = images;
        this.labels = labels;
        this.imageShape = new Shape(3, height, width);
        for (float[] image : images) {
            if (image.length != imageShape.size()) {
                throw new IllegalArgumentException("an image has " + image.length + " values, not " + imageShape);
            }
        }
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public NDList batch(NDManager manager, int epoch, int[] indices) {
        int n = indices.length;
        float[] pixels = new float[n * (int) imageShape.size()];
        int[] batchLabels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images[indices[i]], 0, pixels, i * (int) imageShape.size(), (int) imageShape.size());
            batchLabels[i] = labels[indices[i]];
        }
        NDArray x = manager.create(pixels, new Shape(n).addAll(imageShape)); // (n, 3, h, w)
        return new NDList(x, manager.create(batchLabels)); // (n, 3, h, w), (n)
    }
}
