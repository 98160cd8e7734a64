package dev.robucap.ml.train;

/**
 * Hyper-parameters of encoder training; the defaults are the PyTorch ImageNet example's recipe (SGD, momentum 0.9,
 * weight decay 1e-4 on every parameter, lr 0.1 divided by 10 every 30 epochs, batch 256) for the paper's 35 epochs.
 *
 * @param checkpointEverySteps also checkpoint every this many steps within an epoch; 0 = only after each epoch
 */
public record EncoderHyperParams(
        double learningRate,
        double momentum,
        double weightDecay,
        int lrStepEpochs,
        double lrGamma,
        int batchSize,
        int epochs,
        int seed,
        int checkpointEverySteps) {

    public EncoderHyperParams {
        require(learningRate > 0, "learningRate", learningRate);
        require(momentum >= 0 && momentum < 1, "momentum", momentum);
        require(weightDecay >= 0, "weightDecay", weightDecay);
        require(lrStepEpochs >= 1, "lrStepEpochs", lrStepEpochs);
        require(lrGamma > 0 && lrGamma <= 1, "lrGamma", lrGamma);
        require(batchSize >= 1, "batchSize", batchSize);
        require(epochs >= 1, "epochs", epochs);
        require(checkpointEverySteps >= 0, "checkpointEverySteps", checkpointEverySteps);
    }

    public static EncoderHyperParams defaults() {
        return new EncoderHyperParams(0.1, 0.9, 1e-4, 30, 0.1, 256, 35, 0, 0);
    }

    /** StepLR: the learning rate of {@code epoch} (from 0). */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(lrGamma, epoch / lrStepEpochs);
    }

    public EncoderHyperParams withBatchSize(int value) {
        return new EncoderHyperParams(learningRate, momentum, weightDecay, lrStepEpochs, lrGamma, value, epochs, seed,
                checkpointEverySteps);
    }

    public EncoderHyperParams withEpochs(int value) {
        return new EncoderHyperParams(learningRate, momentum, weightDecay, lrStepEpochs, lrGamma, batchSize, value, seed,
                checkpointEverySteps);
    }

    public EncoderHyperParams withSeed(int value) {
        return new EncoderHyperParams(learningRate, momentum, weightDecay, lrStepEpochs, lrGamma, batchSize, epochs, value,
                checkpointEverySteps);
    }

    public EncoderHyperParams withCheckpointEverySteps(int value) {
        return new EncoderHyperParams(learningRate, momentum, weightDecay, lrStepEpochs, lrGamma, batchSize, epochs, seed,
                value);
    }

    private static void require(boolean valid, String field, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + field + ": " + value);
        }
    }
}
