package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Captioned images addressed by index, 0 ≤ index < {@link #size()}: for training one example per (image, caption)
 * pair, as the tutorial's CaptionDataset; for dev evaluation one per image (its caption is not used, the image is
 * decoded once). The trainer decides the order (a pure function of seed and epoch), so a resumed run reads exactly
 * the batches an uninterrupted one would.
 */
public interface CaptionExamples {

    /**
     * Images (n, 3, h, w) float32, normalised, and the n examples they are of: those asked for, in order, less any
     * whose image cannot be decoded (so n may be smaller than the batch asked for, even 0).
     */
    record Batch(NDArray images, int[] indices) {
    }

    int size();

    /**
     * The images of {@code indices} that decode, created in {@code manager}. Random augmentation, if any, must be a
     * function of {@code epoch} and the index.
     */
    Batch batch(NDManager manager, int epoch, int[] indices);

    /** Example {@code index}'s caption as token ids from {@code <start>} through {@code <end>}, padding allowed after. */
    int[] caption(int index);

    /** Tokens of the caption that count, {@code <start>} and {@code <end>} included (the tutorial's caplen). */
    int captionLength(int index);

    /** Every reference caption of example {@code index}'s image, as words (no {@code <start>}, {@code <end>}, pads). */
    List<List<String>> references(int index);

    /** A hint that {@code indices} of {@code epoch} come next; ignoring it is always correct. */
    default void prefetch(int epoch, int[] indices) {
    }
}
