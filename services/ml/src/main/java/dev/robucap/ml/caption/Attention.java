package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Soft attention of Show, Attend and Tell as the tutorial's Attention: scores = full_att(relu(encoder_att(a) +
 * decoder_att(h))), α = softmax over the pixels, context = Σ α·a. The encoder projection does not depend on h, so the
 * decoder computes it once per caption batch ({@link #project}) instead of once per step.
 */
public final class Attention extends AbstractBlock {

    private final int encoderDim;
    private final int decoderDim;
    private final int attentionDim;
    private final Linear encoderAtt;
    private final Linear decoderAtt;
    private final Linear fullAtt;

    public Attention(int encoderDim, int decoderDim, int attentionDim) {
        this.encoderDim = encoderDim;
        this.decoderDim = decoderDim;
        this.attentionDim = attentionDim;
        encoderAtt = addChildBlock("encoderAtt", Layers.linear(encoderDim, attentionDim));
        decoderAtt = addChildBlock("decoderAtt", Layers.linear(decoderDim, attentionDim));
        fullAtt = addChildBlock("fullAtt", Layers.linear(attentionDim, 1));
    }

    /** encoder_att(a): (n, pixels, encoderDim) → (n, pixels, attentionDim). */
    public NDArray project(ParameterStore ps, NDArray encoderOut, boolean training) {
        return encoderAtt.forward(ps, new NDList(encoderOut), training).singletonOrThrow();
    }

    /**
     * The context and the weights for rows of encoder output {@code encoderOut} (n, pixels, encoderDim), its
     * {@link #project projection} (n, pixels, attentionDim) and the decoder state h (n, decoderDim): (context
     * (n, encoderDim), α (n, pixels)).
     */
    public NDList attend(ParameterStore ps, NDArray encoderOut, NDArray projected, NDArray h, boolean training) {
        NDArray query = decoderAtt.forward(ps, new NDList(h), training).singletonOrThrow(); // (n, attentionDim)
        NDArray hidden = Activation.relu(projected.add(query.expandDims(1))); // (n, pixels, attentionDim)
        NDArray scores = fullAtt.forward(ps, new NDList(hidden), training).singletonOrThrow().squeeze(2); // (n, pixels)
        NDArray alpha = scores.softmax(1); // (n, pixels)
        NDArray context = encoderOut.mul(alpha.expandDims(2)).sum(new int[] {1}); // (n, encoderDim)
        return new NDList(context, alpha);
    }

    /** Inputs (encoder output, h) → (context, α). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray encoderOut = inputs.get(0);
        return attend(ps, encoderOut, project(ps, encoderOut, training), inputs.get(1), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape encoderOut = inputShapes[0];
        return new Shape[] {new Shape(encoderOut.get(0), encoderDim), new Shape(encoderOut.get(0), encoderOut.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoderAtt.initialize(manager, dataType, new Shape(1, encoderDim));
        decoderAtt.initialize(manager, dataType, new Shape(1, decoderDim));
        fullAtt.initialize(manager, dataType, new Shape(1, attentionDim));
    }
}
