package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.robucap.ml.train.Checkpoint;
import dev.robucap.ml.train.InMemoryCheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptionerResumeTest {

    private static final CaptionerHyperParams HYPER = TinyCaptions.HYPER.withDropout(0.5).withCheckpointEverySteps(1);
    private final InMemoryCaptionExamples train = TinyCaptions.random(8, 1);
    private final InMemoryCaptionExamples dev = TinyCaptions.random(4, 2);

    @Test
    void aRunKilledInStageTwoAndRestartedEndsWithTheUninterruptedRunsWeightsAndAdamState() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InMemoryCheckpointStore uninterrupted = new InMemoryCheckpointStore();
            List<Float> losses = new ArrayList<>();
            CaptionerTrainer.Result expected = trainer(manager, uninterrupted, step -> losses.add(step.loss()))
                    .train(train, dev);

            InMemoryCheckpointStore killed = new InMemoryCheckpointStore();
            int[] steps = {0};
            // 2 steps per epoch; the 4th step is step 2 of epoch 1 (stage 2): the newest checkpoint is after its step 1
            assertThrows(Killed.class, () -> trainer(manager, killed, step -> {
                if (++steps[0] == 4) {
                    throw new Killed();
                }
            }).train(train, dev));
            CaptionCheckpoint.Header at = latest(killed).header();
            assertEquals(List.of(1, 1), List.of(at.epoch(), at.step()));
            assertEquals(1, latest(killed).encoderAdam().steps(), "the encoder's Adam took stage 2's first step");

            List<Float> resumedLosses = new ArrayList<>();
            CaptionerTrainer.Result resumed = trainer(manager, killed, step -> resumedLosses.add(step.loss()))
                    .train(train, dev);

            assertEquals(losses.subList(3, 4), resumedLosses, "the loss of the redone step");
            CaptionCheckpoint a = latest(uninterrupted);
            CaptionCheckpoint b = latest(killed);
            assertEquals(a.header(), b.header());
            assertArrayEquals(a.encoderParameters(), b.encoderParameters(), "encoder, bit for bit");
            assertArrayEquals(a.decoderParameters(), b.decoderParameters(), "decoder, bit for bit");
            assertAdamEquals(a.decoderAdam(), b.decoderAdam());
            assertAdamEquals(a.encoderAdam(), b.encoderAdam());
            assertEquals(expected.bestEpoch(), resumed.bestEpoch());
            assertEquals(expected.bestDevBleu4(), resumed.bestDevBleu4());
            assertArrayEquals(expected.bestWeights(), resumed.bestWeights());
            String best = String.format("best-e%04d.params", expected.bestEpoch());
            assertEquals(Set.of(Checkpoint.LATEST, "checkpoint-e0002-s0000000.bin", best), killed.names());
        }
    }

    private static void assertAdamEquals(Adam.State a, Adam.State b) {
        assertEquals(a.steps(), b.steps());
        assertEquals(a.firstMoments().size(), b.firstMoments().size());
        for (int i = 0; i < a.firstMoments().size(); i++) {
            assertArrayEquals(a.firstMoments().get(i), b.firstMoments().get(i), "first moment " + i);
            assertArrayEquals(a.secondMoments().get(i), b.secondMoments().get(i), "second moment " + i);
        }
    }

    /** A fresh process: the same pretrained encoder, a new decoder. */
    private static CaptionerTrainer trainer(NDManager manager, InMemoryCheckpointStore store, StepListener listener) {
        return new CaptionerTrainer(HYPER, TinyCaptions.encoder(manager, 11),
                new AttentionDecoder(TinyCaptions.WORDS.size(), HYPER), TinyCaptions.WORDS, store,
                TinyCaptions::unigramPrecision, listener);
    }

    private static CaptionCheckpoint latest(InMemoryCheckpointStore store) {
        String pointer = new String(store.load(Checkpoint.LATEST).orElseThrow());
        String name = pointer.replaceAll(".*\"checkpoint\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return CaptionCheckpoint.decode(store.load(name).orElseThrow());
    }

    private interface StepListener extends CaptionerListener {
        void onStep(Step progress);

        @Override
        default void step(Step progress) {
            onStep(progress);
        }
    }

    private static final class Killed extends RuntimeException {
    }
}
