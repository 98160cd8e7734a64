package dev.robucap.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.SGD (dampening 0, no Nesterov), written out so that its momentum buffers can be checkpointed, which
 * DJL's optimizers do not allow: d = g + wd·p; buf = μ·buf + d; p −= lr·buf. Weight decay applies to every trainable
 * parameter, batch norm included, as in the PyTorch ImageNet example.
 *
 * <p>Every operation is in place, on the parameter, its gradient (zeroed at the end anyway), its momentum buffer and a
 * scratch tensor of its shape kept for the whole run. DJL's operations that return a new tensor allocate 47 MB per
 * step for ResNet-18, which glibc maps fresh and the kernel zero-fills page by page: on two cores that made the update
 * 3× slower than {@code torch.optim.SGD} (38 vs 12 ms), in place it is 16 ms ({@code bench/sgd_update.py}).
 */
final class Sgd {

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final List<NDArray> scratch = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;

    /** Zero buffers, one per trainable parameter, in {@code manager} (which must outlive this optimiser). */
    Sgd(NDManager manager, List<Parameter> trainable, double momentum, double weightDecay) {
        this.parameters = List.copyOf(trainable);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        for (Parameter p : parameters) {
            buffers.add(manager.zeros(p.getArray().getShape()));
            scratch.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** One update from the gradients of the last backward pass, which it then zeroes; handles go to {@code step}. */
    void step(NDManager step, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            NDArray grad = p.getGradient(); // a new handle, owned by the parameter's manager: move it to the step's
            grad.attach(step);
            NDArray buffer = buffers.get(i);
            NDArray x = scratch.get(i);
            copy(p, x).muli(weightDecay);
            grad.addi(x); // d, the same roundings as g.add(p.mul(wd))
            buffer.muli(momentum).addi(grad);
            copy(buffer, x).muli((float) learningRate);
            p.subi(x);
            Gradients.zero(p);
        }
    }

    /** {@code into ← from}, both of one shape: libtorch's copy, with no allocation. */
    private static NDArray copy(NDArray from, NDArray into) {
        long[] shape = into.getShape().getShape();
        long[] ones = new long[shape.length];
        java.util.Arrays.fill(ones, 1);
        JniUtils.indexSet((PtNDArray) into, (PtNDArray) from, new long[shape.length], shape, ones);
        return into;
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
