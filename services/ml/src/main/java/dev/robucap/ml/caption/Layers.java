package dev.robucap.ml.caption;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;

/** The decoder's layers initialised as torch initialises them. */
final class Layers {

    private Layers() {
    }

    /** U(−bound, bound), torch's {@code uniform_}. */
    static Initializer uniform(double bound) {
        float b = (float) bound;
        return (manager, shape, dataType) -> manager.randomUniform(-b, b, shape, dataType);
    }

    /** nn.Linear(in, out): weight and bias U(−1/√in, 1/√in) (kaiming_uniform_ with a = √5 is that bound). */
    static Linear linear(int in, int out) {
        Linear linear = Linear.builder().setUnits(out).build();
        linear.setInitializer(uniform(1 / Math.sqrt(in)), Parameter.Type.WEIGHT);
        linear.setInitializer(uniform(1 / Math.sqrt(in)), Parameter.Type.BIAS);
        return linear;
    }
}
