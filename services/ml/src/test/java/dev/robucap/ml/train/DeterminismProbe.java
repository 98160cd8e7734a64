package dev.robucap.ml.train;

import dev.robucap.ml.model.ResNet18;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains ResumeTest's tiny encoder twice from the same seed, uninterrupted, and prints both runs' step losses: equal on
 * the CPU (ResumeTest asserts more); on a GPU they show whether its kernels are deterministic (bench/gpu/run.sh).
 */
public final class DeterminismProbe {

    public static void main(String[] args) {
        EncoderHyperParams hyper = EncoderHyperParams.defaults().withBatchSize(8).withEpochs(3).withSeed(7);
        for (int run = 1; run <= 2; run++) {
            List<Float> losses = new ArrayList<>();
            ProgressListener listener = new ProgressListener() {
                @Override
                public void step(Step progress) {
                    losses.add(progress.loss());
                }
            };
            new EncoderTrainer(hyper, new ResNet18(4, 4), new InMemoryCheckpointStore(), listener)
                    .train(TinyData.random(32, 4, 16, 1), TinyData.random(16, 4, 16, 2));
            System.out.println("run " + run + " step losses " + losses);
        }
    }
}
