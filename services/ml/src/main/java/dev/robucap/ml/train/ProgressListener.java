package dev.robucap.ml.train;

import java.time.Duration;

/** Training progress; a listener that throws stops the run (the last checkpoint stays). */
public interface ProgressListener {

    /** After step {@code step} (from 1) of {@code stepsPerEpoch} in {@code epoch} (from 0). */
    record Step(int epoch, int step, int stepsPerEpoch, float loss, double imagesPerSecond, Duration eta) {
    }

    /** After an epoch's dev evaluation. */
    record Epoch(int epoch, double devTop1, double bestDevTop1, int bestEpoch) {
    }

    default void step(Step progress) {
    }

    default void epoch(Epoch result) {
    }
}
