package dev.robucap.ml.caption;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Pre-transformed CHW float images with their captions, in memory: for tests and small data. */
public final class InMemoryCaptionExamples implements CaptionExamples {

    /** One example: an image (3, h, w) in row-major order, its encoded caption and length, all its references. */
    public record Example(float[] image, int[] caption, int captionLength, List<List<String>> references) {
    }

    private final List<Example> examples;
    private final Shape imageShape;

    public InMemoryCaptionExamples(List<Example> examples, int height, int width) {
        this.examples = List.copyOf(examples);
        this.imageShape = new Shape(3, height, width);
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.image().length != imageShape.size()) {
                throw new IllegalArgumentException("image " + i + " has " + e.image().length + " values, not "
                        + imageShape);
            }
            if (e.captionLength() < 2 || e.captionLength() > e.caption().length) {
                throw new IllegalArgumentException("caption " + i + " has " + e.caption().length
                        + " tokens and length " + e.captionLength());
            }
        }
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public Batch batch(NDManager manager, int epoch, int[] indices) {
        int size = (int) imageShape.size();
        float[] pixels = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(examples.get(indices[i]).image(), 0, pixels, i * size, size);
        }
        return new Batch(manager.create(pixels, new Shape(indices.length).addAll(imageShape)), // (n, 3, h, w)
                indices.clone());
    }

    @Override
    public int[] caption(int index) {
        return examples.get(index).caption().clone();
    }

    @Override
    public int captionLength(int index) {
        return examples.get(index).captionLength();
    }

    @Override
    public List<List<String>> references(int index) {
        return examples.get(index).references();
    }
}
