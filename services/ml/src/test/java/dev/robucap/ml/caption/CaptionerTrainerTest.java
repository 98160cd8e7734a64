package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.robucap.ml.train.InMemoryCheckpointStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptionerTrainerTest {

    private final InMemoryCaptionExamples train = TinyCaptions.random(8, 3);
    private final InMemoryCaptionExamples dev = TinyCaptions.random(4, 4);

    @Test
    void stageOneKeepsTheEncoderAndStageTwoFineTunesItsStagesTwoToFour() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CaptionEncoder encoder = TinyCaptions.encoder(manager, 12);
            Map<String, float[]> initial = snapshot(encoder);
            List<Map<String, float[]>> afterEpoch = new ArrayList<>();
            List<CaptionerListener.Epoch> epochs = new ArrayList<>();
            CaptionerTrainer.Result result = new CaptionerTrainer(TinyCaptions.HYPER, encoder,
                    new AttentionDecoder(TinyCaptions.WORDS.size(), TinyCaptions.HYPER), TinyCaptions.WORDS,
                    new InMemoryCheckpointStore(), TinyCaptions::unigramPrecision, new CaptionerListener() {
                        @Override
                        public void epoch(Epoch e) {
                            afterEpoch.add(snapshot(encoder));
                            epochs.add(e);
                        }
                    }).train(train, dev);

            assertEquals(List.of(false, true), epochs.stream().map(CaptionerListener.Epoch::fineTuning).toList());
            initial.forEach((name, values) -> assertArrayEquals(values, afterEpoch.get(0).get(name), name));
            initial.forEach((name, values) -> {
                boolean statistic = name.endsWith("runningMean") || name.endsWith("runningVar");
                boolean fineTuned = name.matches("01trunk_0[456]layer[234]_.*") && !statistic;
                if (fineTuned) {
                    assertFalse(Arrays.equals(values, afterEpoch.get(1).get(name)), name + " is trained");
                } else if (!statistic) { // batch norm runs in training mode in stage 2, as the tutorial's
                    assertArrayEquals(values, afterEpoch.get(1).get(name), name + " stays");
                }
            });
            CaptionerListener.Epoch best = epochs.stream()
                    .max((a, b) -> Double.compare(a.devBleu4(), b.devBleu4())).orElseThrow();
            assertEquals(best.devBleu4(), result.bestDevBleu4());
        }
    }

    @Test
    void theBestWeightsLoadIntoAFreshCaptioner() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CaptionerTrainer.Result result = new CaptionerTrainer(TinyCaptions.HYPER.withEpochs(1, 0),
                    TinyCaptions.encoder(manager, 13), new AttentionDecoder(TinyCaptions.WORDS.size(),
                            TinyCaptions.HYPER), TinyCaptions.WORDS, new InMemoryCheckpointStore(),
                    TinyCaptions::unigramPrecision, new CaptionerListener() { }).train(train, dev);
            CaptionEncoder encoder = TinyCaptions.encoder(manager, 99);
            AttentionDecoder decoder = new AttentionDecoder(TinyCaptions.WORDS.size(), TinyCaptions.HYPER);
            decoder.initialize(manager);
            CaptionerTrainer.loadWeights(result.bestWeights(), encoder, decoder, manager);
            assertArrayEquals(result.bestWeights(), CaptionerTrainer.weights(encoder, decoder));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray encoded = encoder.forward(ps, new NDList(dev.images(manager, 0, new int[] {0, 1})), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 4, 16), encoded.getShape());
            assertEquals(2, new BeamSearch(decoder, 3, 6, 1, 2).search(ps, encoded).size());
        }
    }

    @Test
    void aWordMapWithoutTheSpecialTokensIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<String> words = new ArrayList<>(TinyCaptions.WORDS);
            words.set(2, "end");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CaptionerTrainer(
                    TinyCaptions.HYPER, TinyCaptions.encoder(manager, 1),
                    new AttentionDecoder(words.size(), TinyCaptions.HYPER), words, new InMemoryCheckpointStore(),
                    TinyCaptions::unigramPrecision, new CaptionerListener() { }));
            assertEquals("the word map has no <end>", e.getMessage());
        }
    }

    private static Map<String, float[]> snapshot(CaptionEncoder encoder) {
        Map<String, float[]> values = new LinkedHashMap<>();
        encoder.getParameters().forEach(p -> values.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return values;
    }
}
