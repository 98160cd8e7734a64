package dev.robucap.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.SGD (dampening 0, no Nesterov), written out so that its momentum buffers can be checkpointed, which
 * DJL's optimizers do not allow: d = g + wd·p; buf = μ·buf + d; p −= lr·buf. Weight decay applies to every trainable
 * parameter, batch norm included, as in the PyTorch ImageNet example.
 */
final class Sgd {

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;

    /** Zero buffers, one per trainable parameter, in {@code manager} (which must outlive this optimiser). */
    Sgd(NDManager manager, List<Parameter> trainable, double momentum, double weightDecay) {
        this.parameters = List.copyOf(trainable);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        for (Parameter p : parameters) {
            buffers.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** One update from the gradients of the last backward pass, which it then zeroes; temporaries go to {@code step}. */
    void step(NDManager step, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            NDArray grad = p.getGradient(); // a new handle, owned by the parameter's manager: move it to the step's
            grad.attach(step);
            NDArray decay = p.mul(weightDecay);
            decay.attach(step);
            NDArray buffer = buffers.get(i);
            buffer.muli(momentum).addi(grad.add(decay));
            NDArray update = buffer.mul((float) learningRate);
            update.attach(step);
            p.subi(update);
            Gradients.zero(p);
        }
    }

    /** The momentum buffers, in the order of the trainable parameters. */
    List<float[]> buffers() {
        return buffers.stream().map(NDArray::toFloatArray).toList();
    }

    void restore(List<float[]> values) {
        if (values.size() != buffers.size()) {
            throw new IllegalArgumentException(values.size() + " momentum buffers for " + buffers.size() + " parameters");
        }
        for (int i = 0; i < buffers.size(); i++) {
            buffers.get(i).set(values.get(i));
        }
    }
}
