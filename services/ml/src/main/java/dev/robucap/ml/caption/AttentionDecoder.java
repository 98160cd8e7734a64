package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tutorial's DecoderWithAttention: h and c start from linear maps of the mean encoder output; each step attends
 * with the previous h, gates the context with σ(f_beta(h)), feeds [embedding of the previous word, gated context]
 * to an {@link LstmCell} and scores the vocabulary with fc(dropout(h)). Children and parameters are registered in
 * the tutorial's order under its names in camel case (attention, embedding, decodeStep, initH, initC, fBeta, fc), so
 * that {@code getParameters()} lists them as torch's {@code named_parameters()} does. The embedding and fc's weight
 * are initialised U(−0.1, 0.1), fc's bias 0, as the tutorial's init_weights; the rest as torch's defaults.
 */
public final class AttentionDecoder extends AbstractBlock {

    /** One decoding step's outputs for n rows: logits (n, vocab), α (n, pixels), the new state h and c (n, decoderDim). */
    public record Step(NDArray logits, NDArray alpha, NDArray h, NDArray c) {
    }

    private final int vocabSize;
    private final int embedDim;
    private final int encoderDim;
    private final int decoderDim;
    private final float dropout;
    private final Attention attention;
    private final WordEmbedding embedding;
    private final LstmCell decodeStep;
    private final Linear initH;
    private final Linear initC;
    private final Linear fBeta;
    private final Linear fc;

    public AttentionDecoder(int vocabSize, CaptionerHyperParams hyper) {
        if (vocabSize < 1) {
            throw new IllegalArgumentException("invalid vocabSize: " + vocabSize);
        }
        this.vocabSize = vocabSize;
        this.embedDim = hyper.embedDim();
        this.encoderDim = hyper.encoderDim();
        this.decoderDim = hyper.decoderDim();
        this.dropout = (float) hyper.dropout();
        attention = addChildBlock("attention", new Attention(encoderDim, decoderDim, hyper.attentionDim()));
        embedding = addChildBlock("embedding", new WordEmbedding(vocabSize, embedDim));
        decodeStep = addChildBlock("decodeStep", new LstmCell(embedDim + encoderDim, decoderDim));
        initH = addChildBlock("initH", Layers.linear(encoderDim, decoderDim));
        initC = addChildBlock("initC", Layers.linear(encoderDim, decoderDim));
        fBeta = addChildBlock("fBeta", Layers.linear(decoderDim, encoderDim));
        fc = addChildBlock("fc", Linear.builder().setUnits(vocabSize).build());
        fc.setInitializer(Layers.uniform(0.1), Parameter.Type.WEIGHT);
        fc.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Creates the parameters (all shapes follow from the dimensions), drawing from the engine's random generator. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, encoderDim), new Shape(1, 2));
    }

    /** h and c from the mean over the pixels of {@code encoderOut} (n, pixels, encoderDim): each (n, decoderDim). */
    public NDList initialState(ParameterStore ps, NDArray encoderOut, boolean training) {
        NDList mean = new NDList(encoderOut.mean(new int[] {1})); // (n, encoderDim)
        return new NDList(initH.forward(ps, mean, training).singletonOrThrow(),
                initC.forward(ps, mean, training).singletonOrThrow());
    }

    /** The attention's encoder projection (n, pixels, attentionDim), fixed for a caption's whole decoding. */
    public NDArray project(ParameterStore ps, NDArray encoderOut, boolean training) {
        return attention.project(ps, encoderOut, training);
    }

    /** Token ids (any shape, int64) → embeddings (that shape, embedDim). */
    public NDArray embed(ParameterStore ps, NDArray tokens, boolean training) {
        return embedding.embed(ps, tokens, training);
    }

    /**
     * One step for n rows: encoder output (n, pixels, encoderDim), its {@link #project projection}, the embedded
     * previous words (n, embedDim) and the state h, c (n, decoderDim). Dropout (training only) acts on fc's input.
     */
    public Step step(ParameterStore ps, NDArray encoderOut, NDArray projected, NDArray embedded, NDArray h, NDArray c,
            boolean training) {
        NDList attended = attention.attend(ps, encoderOut, projected, h, training); // (n, encoderDim), (n, pixels)
        NDArray gate = Activation.sigmoid(fBeta.forward(ps, new NDList(h), training).singletonOrThrow());
        NDArray input = embedded.concat(gate.mul(attended.get(0)), 1); // (n, embedDim + encoderDim)
        NDList state = decodeStep.step(ps, input, h, c, training); // (n, decoderDim) twice
        NDArray dropped = Dropout.dropout(state.get(0), dropout, training).singletonOrThrow();
        NDArray logits = fc.forward(ps, new NDList(dropped), training).singletonOrThrow(); // (n, vocab)
        return new Step(logits, attended.get(1), state.get(0), state.get(1));
    }

    /**
     * Teacher forcing over a batch, as the tutorial's forward: caption i (token ids from {@code <start>}, at least
     * {@code lengths[i]} of them, the length counting {@code <start>} and {@code <end>}) is decoded for
     * {@code lengths[i] − 1} steps, step t reading its token t. Captions are processed longest first and the batch
     * shrinks as they end, so no step computes a finished caption; the outputs are identical to the tutorial's on its
     * valid positions. {@code encoderOut} is (batch, pixels, encoderDim); everything is created in its manager.
     */
    public TeacherForced teacherForce(ParameterStore ps, NDArray encoderOut, int[][] captions, int[] lengths,
            boolean training) {
        int batch = captions.length;
        if (lengths.length != batch || encoderOut.getShape().get(0) != batch) {
            throw new IllegalArgumentException(batch + " captions, " + lengths.length + " lengths and "
                    + encoderOut.getShape().get(0) + " encoded images");
        }
        for (int i = 0; i < batch; i++) {
            if (lengths[i] < 2 || lengths[i] > captions[i].length) {
                throw new IllegalArgumentException("caption " + i + " has " + captions[i].length
                        + " tokens and length " + lengths[i] + ": a length is 2.." + captions[i].length);
            }
        }
        int[] order = IntStream.range(0, batch).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
        int[] decodeLengths = Arrays.stream(order).map(i -> lengths[i] - 1).toArray();
        int steps = decodeLengths[0];
        NDManager manager = encoderOut.getManager();
        long[] tokens = new long[batch * steps];
        List<Integer> targets = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < batch && decodeLengths[r] > t; r++) {
                targets.add(captions[order[r]][t + 1]); // time-major, as pack_padded_sequence
            }
        }
        for (int r = 0; r < batch; r++) {
            for (int t = 0; t < steps; t++) {
                tokens[r * steps + t] = captions[order[r]][t];
            }
        }
        NDArray sorted = encoderOut.get(manager.create(Arrays.stream(order).asLongStream().toArray())); // (batch, ...)
        NDArray embedded = embed(ps, manager.create(tokens, new Shape(batch, steps)), training); // (batch, steps, e)
        NDArray projected = project(ps, sorted, training); // (batch, pixels, attentionDim)
        NDList state = initialState(ps, sorted, training);
        NDArray h = state.get(0);
        NDArray c = state.get(1);
        List<NDArray> logits = new ArrayList<>(steps);
        List<NDArray> alphas = new ArrayList<>(steps);
        int rows = batch;
        for (int t = 0; t < steps; t++) {
            while (decodeLengths[rows - 1] <= t) {
                rows--; // captions are longest first: the last rows end first
            }
            NDIndex first = new NDIndex().addSliceDim(0, rows);
            NDArray words = embedded.get(new NDIndex().addSliceDim(0, rows).addIndices(t)); // (rows, embedDim)
            Step step = step(ps, rows < batch ? sorted.get(first) : sorted, rows < batch ? projected.get(first)
                    : projected, words, rows < h.getShape().get(0) ? h.get(first) : h,
                    rows < c.getShape().get(0) ? c.get(first) : c, training);
            logits.add(step.logits());
            alphas.add(step.alpha());
            h = step.h();
            c = step.c();
        }
        return new TeacherForced(logits, alphas, order, decodeLengths,
                targets.stream().mapToInt(Integer::intValue).toArray(), manager);
    }

    /** Inputs (encoder output (batch, pixels, encoderDim), captions (batch, length) int, lengths (batch) int) →
     * (logits (batch, steps, vocab), α (batch, steps, pixels)) in the batch's order, zero beyond each caption. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        long[] shape = inputs.get(1).getShape().getShape();
        int[] flat = inputs.get(1).toType(DataType.INT32, false).toIntArray();
        int[][] captions = new int[(int) shape[0]][];
        for (int i = 0; i < captions.length; i++) {
            captions[i] = Arrays.copyOfRange(flat, i * (int) shape[1], (i + 1) * (int) shape[1]);
        }
        int[] lengths = inputs.get(2).toType(DataType.INT32, false).toIntArray();
        TeacherForced out = teacherForce(ps, inputs.get(0), captions, lengths, training);
        return new NDList(out.logits(), out.alphas());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, -1, vocabSize), new Shape(batch, -1, inputShapes[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        attention.initialize(manager, dataType, new Shape(1, 1, encoderDim), new Shape(1, decoderDim));
        embedding.initialize(manager, dataType, new Shape(1));
        Shape state = new Shape(1, decoderDim);
        decodeStep.initialize(manager, dataType, new Shape(1, embedDim + encoderDim), state, state);
        initH.initialize(manager, dataType, new Shape(1, encoderDim));
        initC.initialize(manager, dataType, new Shape(1, encoderDim));
        fBeta.initialize(manager, dataType, state);
        fc.initialize(manager, dataType, state);
    }
}
