package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.robucap.ml.train.Gradients;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.Adam for one parameter group (betas 0.9 and 0.999, eps 1e-8, no weight decay, no AMSGrad), written out
 * so that its moments and step count can be checkpointed, which DJL's optimisers do not allow. Per step s (from 1):
 * m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g²; p −= (lr / (1 − β₁ˢ)) · m / (√v / √(1 − β₂ˢ) + eps), the bias
 * corrections computed in double precision as torch computes them. The tutorial has one Adam per group (decoder,
 * encoder), so does this.
 */
public final class Adam {

    /** Moments in the order of the parameters, and the steps taken. */
    public record State(long steps, List<float[]> firstMoments, List<float[]> secondMoments) {
    }

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final List<Parameter> parameters;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final double learningRate;
    private long steps;

    /** Zero moments, one pair per parameter, in {@code manager} (which must outlive this optimiser). */
    public Adam(NDManager manager, List<Parameter> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        for (Parameter p : this.parameters) {
            first.add(manager.zeros(p.getArray().getShape()));
            second.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /**
     * Clamps every gradient element of {@code parameters} to [−bound, bound] in place, as the tutorial's clip_gradient
     * (DJL's optClipGrad clips only from above). Temporaries go to {@code step}.
     */
    public static void clipElementwise(List<Parameter> parameters, double bound, NDManager step) {
        for (Parameter p : parameters) {
            NDArray grad = p.getArray().getGradient(); // a new handle on the parameter's gradient
            grad.attach(step);
            NDArray clipped = grad.clip(-bound, bound);
            Gradients.zero(p.getArray());
            grad.addi(clipped); // 0 + clipped: exact
        }
    }

    /** One update from the gradients of the last backward pass, which it then zeroes; temporaries go to {@code step}. */
    public void step(NDManager step) {
        steps++;
        double stepSize = learningRate / (1 - Math.pow(BETA1, steps));
        double correction2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            NDArray grad = p.getGradient();
            grad.attach(step);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            m.muli(BETA1).addi(grad.mul(1 - BETA1));
            v.muli(BETA2).addi(grad.mul(grad).muli(1 - BETA2));
            NDArray denominator = v.sqrt();
            denominator.attach(step);
            denominator.divi(correction2).addi(EPS);
            NDArray update = m.div(denominator);
            update.attach(step);
            p.subi(update.muli(stepSize));
            Gradients.zero(p);
        }
    }

    /** The parameters this optimiser updates, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public long steps() {
        return steps;
    }

    public State state() {
        return new State(steps, first.stream().map(NDArray::toFloatArray).toList(),
                second.stream().map(NDArray::toFloatArray).toList());
    }

    public void restore(State state) {
        if (state.firstMoments().size() != first.size() || state.secondMoments().size() != second.size()) {
            throw new IllegalArgumentException(state.firstMoments().size() + " and " + state.secondMoments().size()
                    + " moments for " + first.size() + " parameters");
        }
        for (int i = 0; i < first.size(); i++) {
            first.get(i).set(state.firstMoments().get(i));
            second.get(i).set(state.secondMoments().get(i));
        }
        steps = state.steps();
    }
}
