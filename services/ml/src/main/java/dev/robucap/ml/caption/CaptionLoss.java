package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * The tutorial's training loss: cross-entropy averaged over the decoded positions (pack_padded_sequence) plus
 * alphaC · ((1 − Σ_t α_t)²).mean(), the doubly stochastic attention regularisation, averaged over the batch and the
 * pixels, with α zero beyond each caption's decode length.
 */
public final class CaptionLoss {

    /** The loss and its two parts, scalars. */
    public record Value(NDArray loss, NDArray crossEntropy, NDArray attentionRegularisation) {
    }

    private CaptionLoss() {
    }

    public static Value of(TeacherForced decoded, double alphaC) {
        NDArray logProbabilities = decoded.packedLogits().logSoftmax(1); // (positions, vocab)
        NDArray picked = logProbabilities.get(new NDIndex().addAllDim().addPickDim(decoded.packedTargets()));
        NDArray crossEntropy = picked.neg().mean();
        NDArray regularisation = decoded.alphaSums().neg().add(1).square().mean(); // over (batch, pixels)
        return new Value(crossEntropy.add(regularisation.mul((float) alphaC)), crossEntropy, regularisation);
    }
}
