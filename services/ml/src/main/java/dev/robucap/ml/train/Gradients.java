package dev.robucap.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Gradient bookkeeping that DJL's API leaves out. */
public final class Gradients {

    private Gradients() {
    }

    /**
     * Zeroes a parameter's gradient in place with libtorch's {@code grad().zero_()}: one write of the tensor, where
     * {@code g.subi(g)} reads it twice (and keeps NaN). DJL's PyTorch engine accumulates gradients across backward
     * passes (its collector does not zero them), so every optimiser step ends with this.
     */
    public static void zero(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
