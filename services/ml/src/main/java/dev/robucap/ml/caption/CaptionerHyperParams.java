package dev.robucap.ml.caption;

/**
 * Hyper-parameters of the Show, Attend and Tell captioner; the defaults are the paper's and sgrvinod's PyTorch
 * tutorial's (train.py), with ResNet-18's 512 channels as the encoder dimension.
 *
 * @param encodedImageSize side of the attention grid: the feature map is adaptively average-pooled to this size,
 *     upsampled where it is smaller (a 256-pixel image gives ResNet-18 an 8×8 map, which the tutorial pools to 14×14)
 * @param gradClip every gradient element is clamped to [−gradClip, gradClip] before the Adam step
 * @param alphaC weight of the doubly stochastic attention regularisation
 * @param stage1Epochs epochs with the encoder frozen (decoder only)
 * @param stage2Epochs further epochs fine-tuning the encoder's stages 2–4 with the decoder
 * @param maxCaptionLength words a decoded caption may have before {@code <end>}: beam search stops after
 *     maxCaptionLength + 1 steps, as the tutorial's {@code step > 50}
 * @param checkpointEverySteps also checkpoint every this many steps within an epoch; 0 = only after each epoch
 */
public record CaptionerHyperParams(
        int embedDim,
        int attentionDim,
        int decoderDim,
        double dropout,
        int encoderDim,
        int encodedImageSize,
        double decoderLearningRate,
        double encoderLearningRate,
        double gradClip,
        double alphaC,
        int batchSize,
        int stage1Epochs,
        int stage2Epochs,
        int beamSize,
        int maxCaptionLength,
        int seed,
        int checkpointEverySteps) {

    public CaptionerHyperParams {
        require(embedDim >= 1, "embedDim", embedDim);
        require(attentionDim >= 1, "attentionDim", attentionDim);
        require(decoderDim >= 1, "decoderDim", decoderDim);
        require(dropout >= 0 && dropout < 1, "dropout", dropout);
        require(encoderDim >= 1, "encoderDim", encoderDim);
        require(encodedImageSize >= 1, "encodedImageSize", encodedImageSize);
        require(decoderLearningRate > 0, "decoderLearningRate", decoderLearningRate);
        require(encoderLearningRate > 0, "encoderLearningRate", encoderLearningRate);
        require(gradClip > 0, "gradClip", gradClip);
        require(alphaC >= 0, "alphaC", alphaC);
        require(batchSize >= 1, "batchSize", batchSize);
        require(stage1Epochs >= 0, "stage1Epochs", stage1Epochs);
        require(stage2Epochs >= 0, "stage2Epochs", stage2Epochs);
        require(stage1Epochs + stage2Epochs >= 1, "stage1Epochs + stage2Epochs", stage1Epochs + stage2Epochs);
        require(beamSize >= 1, "beamSize", beamSize);
        require(maxCaptionLength >= 1, "maxCaptionLength", maxCaptionLength);
        require(checkpointEverySteps >= 0, "checkpointEverySteps", checkpointEverySteps);
    }

    public static CaptionerHyperParams defaults() {
        return new CaptionerHyperParams(512, 512, 512, 0.5, 512, 14, 4e-4, 1e-4, 5, 1, 32, 20, 6, 3, 50, 0, 0);
    }

    /** All epochs of both stages. */
    public int epochs() {
        return stage1Epochs + stage2Epochs;
    }

    /** Whether {@code epoch} (from 0) fine-tunes the encoder. */
    public boolean fineTunes(int epoch) {
        return epoch >= stage1Epochs;
    }

    /** Embedding, attention and decoder sizes at once: for tiny test models. */
    public CaptionerHyperParams withDimensions(int embed, int attention, int decoder, int encoder) {
        return new CaptionerHyperParams(embed, attention, decoder, dropout, encoder, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withEncodedImageSize(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, value,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withDropout(double value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, value, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withBatchSize(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, value, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withEpochs(int stage1, int stage2) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1, stage2,
                beamSize, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withBeamSize(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                value, maxCaptionLength, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withMaxCaptionLength(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, value, seed, checkpointEverySteps);
    }

    public CaptionerHyperParams withSeed(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, value, checkpointEverySteps);
    }

    public CaptionerHyperParams withCheckpointEverySteps(int value) {
        return new CaptionerHyperParams(embedDim, attentionDim, decoderDim, dropout, encoderDim, encodedImageSize,
                decoderLearningRate, encoderLearningRate, gradClip, alphaC, batchSize, stage1Epochs, stage2Epochs,
                beamSize, maxCaptionLength, seed, value);
    }

    private static void require(boolean valid, String field, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + field + ": " + value);
        }
    }
}
