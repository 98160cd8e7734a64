package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch.nn.LSTMCell, one step at a time (DJL's LSTM runs whole sequences; the decoder feeds each step's attention
 * into the next): gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, split into i, f, g, o in that order;
 * c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Every parameter is initialised U(−1/√hidden, 1/√hidden), as torch's.
 * Parameter names are torch's in camel case (weightIh, weightHh, biasIh, biasHh).
 */
public final class LstmCell extends AbstractBlock {

    private final int hidden;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    public LstmCell(int input, int hidden) {
        this.hidden = hidden;
        double bound = 1 / Math.sqrt(hidden);
        weightIh = addParameter(parameter("weightIh", Parameter.Type.WEIGHT, new Shape(4L * hidden, input), bound));
        weightHh = addParameter(parameter("weightHh", Parameter.Type.WEIGHT, new Shape(4L * hidden, hidden), bound));
        biasIh = addParameter(parameter("biasIh", Parameter.Type.BIAS, new Shape(4L * hidden), bound));
        biasHh = addParameter(parameter("biasHh", Parameter.Type.BIAS, new Shape(4L * hidden), bound));
    }

    private static Parameter parameter(String name, Parameter.Type type, Shape shape, double bound) {
        return Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(Layers.uniform(bound)).build();
    }

    /** x (n, input), h (n, hidden), c (n, hidden) → (h', c'), each (n, hidden). */
    public NDList step(ParameterStore ps, NDArray x, NDArray h, NDArray c, boolean training) {
        NDArray gates = Linear.linear(x, ps.getValue(weightIh, x.getDevice(), training),
                        ps.getValue(biasIh, x.getDevice(), training)).singletonOrThrow()
                .add(Linear.linear(h, ps.getValue(weightHh, x.getDevice(), training),
                        ps.getValue(biasHh, x.getDevice(), training)).singletonOrThrow()); // (n, 4·hidden)
        NDList parts = gates.split(4, 1); // i, f, g, o: (n, hidden) each
        NDArray cell = Activation.sigmoid(parts.get(1)).mul(c)
                .add(Activation.sigmoid(parts.get(0)).mul(parts.get(2).tanh()));
        NDArray out = Activation.sigmoid(parts.get(3)).mul(cell.tanh());
        return new NDList(out, cell);
    }

    /** Inputs (x, h, c) → (h', c'). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return step(ps, inputs.get(0), inputs.get(1), inputs.get(2), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape state = new Shape(inputShapes[0].get(0), hidden);
        return new Shape[] {state, state};
    }
}
