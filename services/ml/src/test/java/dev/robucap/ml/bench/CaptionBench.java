package dev.robucap.ml.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.robucap.ml.caption.Adam;
import dev.robucap.ml.caption.AttentionDecoder;
import dev.robucap.ml.caption.BeamSearch;
import dev.robucap.ml.caption.CaptionLoss;
import dev.robucap.ml.caption.CaptionerHyperParams;
import dev.robucap.ml.caption.TeacherForced;
import java.util.Arrays;
import java.util.Random;

/**
 * Show, Attend and Tell decoder speed and memory, as {@code bench/pytorch_caption.py} measures PyTorch. The paper's
 * dimensions ({@link CaptionerHyperParams#defaults()}: embed, attention and decoder 512, dropout 0.5), vocabulary
 * 10,000, random encoder outputs (n, 7×7 or 14×14, 512) standing in for a frozen encoder (stage 1), so that the
 * decoder is what is measured.
 * <ul>
 * <li>{@code train_step_ms}: median training step as {@code CaptionerTrainer} takes it (teacher forcing over 32
 *     captions of 13 to 20 tokens counting {@code <start>} and {@code <end>}, so the batch shrinks; loss; backward;
 *     element-wise clipping; Adam).
 * <li>{@code captions_per_s}: median rate of {@link BeamSearch} (beam 3, 20 words) over 32 images at a time. The
 *     {@code <end>} logit is pushed to −10⁴ so that every caption runs the full 21 steps on both sides: a random
 *     decoder's captions would otherwise end at steps that differ between DJL and PyTorch.
 * <li>{@code rss_kib}: resident memory after a tenth of the memory steps and after all of them (7×7), a fresh decoder
 *     trained as above; growth would mean leaked NDArrays. Run with a fixed, pre-touched heap (see
 *     {@link MemoryBench}).
 * </ul>
 * Arguments: warm-up steps, measured steps, memory steps (defaults 2, 5, 500; 0 skips memory). Threads:
 * -Dai.djl.pytorch.num_threads.
 */
public final class CaptionBench {

    static final int BATCH = 32;
    static final int VOCAB = 10_000;
    static final int TOKENS = 20;
    static final int BEAM = 3;
    static final int MAX_WORDS = 20;
    static final int START = 1;
    static final int END = 2;
    static final int FIRST_WORD = 4; // after <pad>, <start>, <end>, <unk>

    private static final CaptionerHyperParams HYPER = CaptionerHyperParams.defaults();

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int memorySteps = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Engine.getInstance().setRandomSeed(0);
        Random random = new Random(0);
        int[] lengths = new int[BATCH];
        int[][] captions = new int[BATCH][TOKENS];
        for (int i = 0; i < BATCH; i++) {
            lengths[i] = TOKENS - i % 8; // 20 down to 13, as bench/pytorch_caption.py
            captions[i][0] = START;
            for (int t = 1; t < lengths[i] - 1; t++) {
                captions[i][t] = FIRST_WORD + random.nextInt(VOCAB - FIRST_WORD);
            }
            captions[i][lengths[i] - 1] = END; // then <pad> (0)
        }
        for (int side : new int[] {7, 14}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                AttentionDecoder decoder = new AttentionDecoder(VOCAB, HYPER);
                decoder.initialize(manager);
                Adam adam = new Adam(manager, decoder.getParameters().values(), HYPER.decoderLearningRate());
                ParameterStore ps = new ParameterStore(manager, false);
                NDArray encoded = manager.randomNormal(new Shape(BATCH, (long) side * side, HYPER.encoderDim()));
                double[] ms = new double[warmup + measured];
                for (int i = 0; i < ms.length; i++) {
                    long start = System.nanoTime();
                    trainStep(manager, ps, decoder, adam, encoded, captions, lengths);
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("djl train_step_ms %dx%d %.1f%n", side, side, median(ms, warmup));

                neverEnd(decoder);
                BeamSearch search = new BeamSearch(decoder, BEAM, MAX_WORDS, START, END);
                double[] rates = new double[warmup + measured];
                for (int i = 0; i < rates.length; i++) {
                    long start = System.nanoTime();
                    try (NDManager batch = manager.newSubManager()) { // as CaptionerTrainer's evaluate
                        search.search(new ParameterStore(batch, false), view(encoded, batch));
                    }
                    rates[i] = BATCH / ((System.nanoTime() - start) / 1e9);
                }
                System.out.printf("djl captions_per_s %dx%d %.1f%n", side, side, median(rates, warmup));
            }
        }
        if (memorySteps > 0) {
            memory(memorySteps, captions, lengths);
        }
    }

    /** CaptionerTrainer's step with the encoder frozen: its arrays live in a sub-manager closed at the end. */
    private static float trainStep(NDManager manager, ParameterStore ps, AttentionDecoder decoder, Adam adam,
            NDArray encoded, int[][] captions, int[] lengths) {
        try (NDManager step = manager.newSubManager()) {
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TeacherForced out = decoder.teacherForce(ps, view(encoded, step), captions, lengths, true);
                NDArray value = CaptionLoss.of(out, HYPER.alphaC()).loss();
                collector.backward(value);
                loss = value.getFloat();
            }
            Adam.clipElementwise(adam.parameters(), HYPER.gradClip(), step);
            adam.step(step);
            return loss;
        }
    }

    private static void memory(int steps, int[][] captions, int[] lengths) {
        long[] rss = new long[2];
        int first = Math.max(1, steps / 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = new AttentionDecoder(VOCAB, HYPER);
            decoder.initialize(manager);
            Adam adam = new Adam(manager, decoder.getParameters().values(), HYPER.decoderLearningRate());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray encoded = manager.randomNormal(new Shape(BATCH, 49, HYPER.encoderDim()));
            for (int step = 1; step <= steps; step++) {
                trainStep(manager, ps, decoder, adam, encoded, captions, lengths);
                if (step == first || step == steps) {
                    System.gc();
                    long kib = MemoryBench.residentKiB();
                    rss[0] = step == first ? kib : rss[0];
                    rss[1] = kib;
                }
            }
        }
        System.out.printf("djl rss_kib step=%d %d%n", first, rss[0]);
        System.out.printf("djl rss_kib step=%d %d%n", steps, rss[1]);
    }

    /**
     * A view of {@code encoded} owned by {@code manager}: the decoder creates its arrays in its input's manager, and
     * they must go when that manager closes, not pile up in the long-lived one.
     */
    private static NDArray view(NDArray encoded, NDManager manager) {
        NDArray view = encoded.reshape(encoded.getShape());
        view.attach(manager);
        return view;
    }

    /** fc's bias for {@code <end>} := −10⁴: no beam ends before MAX_WORDS, the same work as on the PyTorch side. */
    private static void neverEnd(AttentionDecoder decoder) {
        Parameter bias = decoder.getParameters().stream().filter(p -> p.getKey().endsWith("fc_bias"))
                .map(Pair::getValue).findFirst().orElseThrow();
        bias.getArray().set(new NDIndex(END), -1e4f);
    }

    private static double median(double[] values, int skip) {
        double[] kept = Arrays.copyOfRange(values, skip, values.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}
