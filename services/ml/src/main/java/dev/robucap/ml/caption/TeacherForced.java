package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * The outputs of {@link AttentionDecoder#teacherForce}: per step t, logits (rows_t, vocab) and α (rows_t, pixels) of
 * the rows_t captions still decoding, the captions ordered longest first ({@link #order()}).
 */
public final class TeacherForced {

    private final List<NDArray> stepLogits;
    private final List<NDArray> stepAlphas;
    private final int[] order;
    private final int[] decodeLengths;
    private final int[] packedTargets;
    private final NDManager manager;

    TeacherForced(List<NDArray> stepLogits, List<NDArray> stepAlphas, int[] order, int[] decodeLengths,
            int[] packedTargets, NDManager manager) {
        this.stepLogits = stepLogits;
        this.stepAlphas = stepAlphas;
        this.order = order;
        this.decodeLengths = decodeLengths;
        this.packedTargets = packedTargets;
        this.manager = manager;
    }

    /** Row r of the step outputs is caption {@code order()[r]} of the batch. */
    public int[] order() {
        return order.clone();
    }

    /** Steps decoded per caption (its length − 1), in the order of {@link #order()}. */
    public int[] decodeLengths() {
        return decodeLengths.clone();
    }

    /** The logits of every decoded position, step by step (as pack_padded_sequence orders them): (positions, vocab). */
    public NDArray packedLogits() {
        return NDArrays.concat(new NDList(stepLogits), 0);
    }

    /** The word each packed position should predict (the caption's next token): (positions) int64. */
    public NDArray packedTargets() {
        return manager.create(Arrays.stream(packedTargets).asLongStream().toArray());
    }

    /** Σ over its steps of each caption's α: (batch, pixels), in the order of {@link #order()}. */
    public NDArray alphaSums() {
        NDArray sum = stepAlphas.get(0);
        for (int t = 1; t < stepAlphas.size(); t++) {
            sum = sum.add(padRows(stepAlphas.get(t)));
        }
        return sum;
    }

    /** (batch, max decode length, vocab) in the batch's own order, zero beyond each caption: the tutorial's layout. */
    public NDArray logits() {
        return unsorted(stepLogits);
    }

    /** (batch, max decode length, pixels) in the batch's own order, zero beyond each caption. */
    public NDArray alphas() {
        return unsorted(stepAlphas);
    }

    private NDArray unsorted(List<NDArray> steps) {
        NDList padded = new NDList(steps.size());
        steps.forEach(s -> padded.add(padRows(s)));
        NDArray stacked = NDArrays.stack(padded, 1); // (batch, steps, ...) longest first
        long[] inverse = new long[order.length];
        for (int r = 0; r < order.length; r++) {
            inverse[order[r]] = r;
        }
        return stacked.get(manager.create(inverse));
    }

    /** (rows, d) → (batch, d), zero rows appended. */
    private NDArray padRows(NDArray rows) {
        long missing = order.length - rows.getShape().get(0);
        return missing == 0 ? rows : rows.concat(manager.zeros(new Shape(missing, rows.getShape().get(1))), 0);
    }
}
