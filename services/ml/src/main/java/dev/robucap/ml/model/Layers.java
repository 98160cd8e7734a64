package dev.robucap.ml.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The two layer kinds of every ResNet unit, configured as torchvision's. */
final class Layers {

    private Layers() {
    }

    /** A bias-free k×k convolution with torchvision's padding (k / 2) and initialisation. */
    static Conv2d conv(int outChannels, int kernel, int stride) {
        Conv2d conv = Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
        conv.setInitializer(TorchInit.CONV_WEIGHT, Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * nn.BatchNorm2d: eps 1e-5, torch momentum 0.1 (running = 0.9·running + 0.1·batch). DJL's momentum is the weight
     * of the old running value, and its PyTorch engine passes {@code 1 − momentum} to torch, hence 0.9 here.
     */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** Output side of a convolution or pooling window: ⌊(size + 2·pad − kernel) / stride⌋ + 1. */
    static long outSize(long size, int kernel, int stride, int pad) {
        return (size + 2L * pad - kernel) / stride + 1;
    }
}
