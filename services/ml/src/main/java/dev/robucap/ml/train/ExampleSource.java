package dev.robucap.ml.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Labelled images addressed by index, 0 ≤ index < {@link #size()}. The trainer decides the order (a pure function of
 * seed and epoch), so a resumed run reads exactly the batches an uninterrupted one would.
 */
public interface ExampleSource {

    int size();

    /**
     * The examples {@code indices} as (images (n, 3, h, w) float32, labels (n) int32), created in {@code manager}.
     * Random augmentation, if any, must be a function of {@code epoch} and the index.
     */
    NDList batch(NDManager manager, int epoch, int[] indices);

    /**
     * A hint that {@code indices} of {@code epoch} come next: a source that decodes images may start on them while
     * the current step computes. Ignoring it is always correct.
     */
    default void prefetch(int epoch, int[] indices) {
    }
}
