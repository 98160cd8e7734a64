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
import dev.robucap.ml.train.EncoderTrainer;
import dev.robucap.ml.train.InMemoryCheckpointStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
            NDArray encoded = encoder.forward(ps, new NDList(dev.batch(manager, 0, new int[] {0, 1}).images()), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 4, 16), encoded.getShape());
            assertEquals(2, new BeamSearch(decoder, 3, 6, 1, 2).search(ps, encoded).size());
        }
    }

    @Test
    void examplesWhoseImagesDoNotDecodeAreLeftOutAndABatchOfNoneIsSkipped() {
        CaptionerHyperParams hyper = TinyCaptions.HYPER.withEpochs(1, 0);
        Set<Integer> firstBatch = Arrays.stream(EncoderTrainer.order(hyper.seed(), 0, train.size()))
                .limit(hyper.batchSize()).boxed().collect(Collectors.toSet());
        Undecodable trainLeavingOut = new Undecodable(train, firstBatch);
        Undecodable devLeavingOut = new Undecodable(dev, Set.of(1));
        List<Integer> steps = new ArrayList<>();
        List<List<List<String>>> scored = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            new CaptionerTrainer(hyper, TinyCaptions.encoder(manager, 14),
                    new AttentionDecoder(TinyCaptions.WORDS.size(), hyper), TinyCaptions.WORDS,
                    new InMemoryCheckpointStore(), (hypotheses, references) -> {
                        scored.addAll(references);
                        return TinyCaptions.unigramPrecision(hypotheses, references);
                    }, new CaptionerListener() {
                        @Override
                        public void step(Step progress) {
                            steps.add(progress.step());
                        }
                    }).train(trainLeavingOut, devLeavingOut);
        }
        assertEquals(List.of(2), steps, "the first batch has no image to learn from");
        assertEquals(Set.of(), intersection(trainLeavingOut.captionsRead, firstBatch));
        assertEquals(List.of(dev.references(0), dev.references(2), dev.references(3)), scored);
    }

    private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
        Set<Integer> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** Examples of which some images cannot be decoded; records whose captions the trainer reads. */
    private static final class Undecodable implements CaptionExamples {
        private final CaptionExamples examples;
        private final Set<Integer> undecodable;
        private final Set<Integer> captionsRead = new HashSet<>();

        Undecodable(CaptionExamples examples, Set<Integer> undecodable) {
            this.examples = examples;
            this.undecodable = undecodable;
        }

        @Override
        public int size() {
            return examples.size();
        }

        @Override
        public Batch batch(NDManager manager, int epoch, int[] indices) {
            return examples.batch(manager, epoch,
                    Arrays.stream(indices).filter(i -> !undecodable.contains(i)).toArray());
        }

        @Override
        public int[] caption(int index) {
            captionsRead.add(index);
            return examples.caption(index);
        }

        @Override
        public int captionLength(int index) {
            return examples.captionLength(index);
        }

        @Override
        public List<List<String>> references(int index) {
            return examples.references(index);
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
