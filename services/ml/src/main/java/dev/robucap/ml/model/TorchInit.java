package dev.robucap.ml.model;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * torchvision's ResNet initialisation in DJL terms. DJL's Xavier initializer draws with scale √(magnitude / fan),
 * so kaiming_normal_(mode="fan_out", nonlinearity="relu") is Gaussian, fan out, magnitude 2, and nn.Linear's
 * kaiming_uniform_(a=√5) (bound 1/√fan_in) is uniform, fan in, magnitude 1. Batch norm keeps DJL's defaults, which are
 * torch's: weight 1, bias 0, running mean 0, running variance 1.
 */
final class TorchInit {

    /** Convolution weights: N(0, 2 / fan_out), fan_out = out_channels · kh · kw. */
    static final Initializer CONV_WEIGHT = new XavierInitializer(RandomType.GAUSSIAN, FactorType.OUT, 2);

    /** Linear weights: U(−1/√fan_in, 1/√fan_in). */
    static final Initializer LINEAR_WEIGHT = new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1);

    private TorchInit() {
    }

    /** Linear bias: U(−1/√fan_in, 1/√fan_in); the bias's own shape does not tell fan_in, so it is given. */
    static Initializer linearBias(long fanIn) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        return (manager, shape, dataType) -> manager.randomUniform(-bound, bound, shape, dataType);
    }
}
