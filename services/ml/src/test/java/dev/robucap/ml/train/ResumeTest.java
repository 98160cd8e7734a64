package dev.robucap.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.robucap.ml.model.ResNet18;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeTest {

    private static final EncoderHyperParams HYPER = EncoderHyperParams.defaults()
            .withBatchSize(8).withEpochs(3).withSeed(7).withCheckpointEverySteps(3);
    private final InMemoryExamples train = TinyData.random(32, 4, 16, 1);
    private final InMemoryExamples dev = TinyData.random(16, 4, 16, 2);

    @Test
    void aRunKilledMidEpochAndRestartedEndsWithTheUninterruptedRunsWeights() {
        InMemoryCheckpointStore uninterrupted = new InMemoryCheckpointStore();
        List<Float> losses = new ArrayList<>();
        EncoderTrainer.Result expected = trainer(uninterrupted, step -> losses.add(step.loss())).train(train, dev);

        InMemoryCheckpointStore killed = new InMemoryCheckpointStore();
        int[] steps = {0};
        // 4 steps per epoch; the 8th step is step 4 of epoch 1: the newest checkpoint is after step 3, step 4 is redone
        assertThrows(Killed.class, () -> trainer(killed, step -> {
            if (++steps[0] == 8) {
                throw new Killed();
            }
        }).train(train, dev));
        assertEquals(new Checkpoint.Header(1, 3, 7, latest(killed).header().bestDevTop1(), 0, "best-e0000.params"),
                latest(killed).header());

        List<Float> resumedLosses = new ArrayList<>();
        EncoderTrainer.Result resumed = trainer(killed, step -> resumedLosses.add(step.loss())).train(train, dev);

        assertEquals(losses.subList(7, 12), resumedLosses, "the losses of the redone and remaining steps");
        Checkpoint a = latest(uninterrupted);
        Checkpoint b = latest(killed);
        assertEquals(a.header(), b.header());
        assertArrayEquals(a.parameters(), b.parameters(), "final parameters, bit for bit");
        assertEquals(a.momentum().size(), b.momentum().size());
        for (int i = 0; i < a.momentum().size(); i++) {
            assertArrayEquals(a.momentum().get(i), b.momentum().get(i), "momentum buffer " + i);
        }
        assertEquals(expected.bestEpoch(), resumed.bestEpoch());
        assertArrayEquals(expected.bestWeights(), resumed.bestWeights());
        String best = String.format("best-e%04d.params", expected.bestEpoch());
        assertEquals(java.util.Set.of(Checkpoint.LATEST, "checkpoint-e0003-s0000000.bin", best), killed.names(),
                "a run keeps its newest checkpoint and its best weights, nothing older");
    }

    private static EncoderTrainer trainer(CheckpointStore store, StepListener listener) {
        return new EncoderTrainer(HYPER, new ResNet18(4, 4), store, listener);
    }

    private static Checkpoint latest(InMemoryCheckpointStore store) {
        String pointer = new String(store.load(Checkpoint.LATEST).orElseThrow());
        String name = pointer.replaceAll(".*\"checkpoint\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return Checkpoint.decode(store.load(name).orElseThrow());
    }

    private interface StepListener extends ProgressListener {
        void onStep(Step progress);

        @Override
        default void step(Step progress) {
            onStep(progress);
        }
    }

    private static final class Killed extends RuntimeException {
    }
}
