package dev.robucap.ml.caption;

import java.time.Duration;

/** Captioner training progress; a listener that throws stops the run (the last checkpoint stays). */
public interface CaptionerListener {

    /** After step {@code step} (from 1) of {@code stepsPerEpoch} in {@code epoch} (from 0). */
    record Step(int epoch, int step, int stepsPerEpoch, boolean fineTuning, float loss, double examplesPerSecond,
            Duration eta) {
    }

    /** After an epoch's dev evaluation by beam search. */
    record Epoch(int epoch, boolean fineTuning, double devBleu4, double bestDevBleu4, int bestEpoch) {
    }

    default void step(Step progress) {
    }

    default void epoch(Epoch result) {
    }
}
