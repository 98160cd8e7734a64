package dev.robucap.ml.caption;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.robucap.ml.train.CheckpointStore;
import dev.robucap.ml.train.EncoderTrainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Trains the captioner in the paper's two stages, as the tutorial's train.py: stage 1 ({@code stage1Epochs}) trains
 * the decoder on a frozen encoder, which runs in inference mode (a fixed feature extractor; the tutorial leaves its
 * batch norms in training mode even when frozen); stage 2 ({@code stage2Epochs}) also fine-tunes the encoder's
 * stages 2–4 in training mode. Each step: teacher-forced loss ({@link CaptionLoss}), backward, every gradient element
 * clamped to ±gradClip, one {@link Adam} step per group (decoder; encoder in stage 2, with fresh moments when stage 2
 * starts, as the tutorial creates its encoder optimiser then); an image that cannot be decoded is left out of its
 * batch. After every epoch the dev images are captioned by a {@link Captioner} and scored by the {@link DevScorer};
 * the best score's weights are kept. Checkpoints after every
 * epoch and every {@code checkpointEverySteps} steps; a run resumes from the newest one and computes exactly what an
 * uninterrupted run does on CPU: the data order is {@link EncoderTrainer#order} of (seed, epoch) and each step's
 * dropout masks come from the engine's generator seeded by (seed, epoch, step).
 */
public final class CaptionerTrainer {

    /** The outcome: the best dev BLEU-4, its epoch, and its weights as {@link #weights} writes them. */
    public record Result(double bestDevBleu4, int bestEpoch, byte[] bestWeights) {
    }

    private final CaptionerHyperParams hyper;
    private final CaptionEncoder encoder;
    private final AttentionDecoder decoder;
    private final Captioner captioner;
    private final CheckpointStore checkpoints;
    private final DevScorer scorer;
    private final CaptionerListener listener;

    /**
     * {@code encoder} is initialised (e.g. {@link CaptionEncoder#load}ed from the encoder trainer's model),
     * {@code decoder} is not: the trainer initialises it, or loads both from the newest checkpoint into arrays of its
     * own, which are freed when {@link #train} returns. {@code words} maps token ids to words and holds
     * {@code <start>}, {@code <end>} and {@code <pad>}.
     */
    public CaptionerTrainer(CaptionerHyperParams hyper, CaptionEncoder encoder, AttentionDecoder decoder,
            List<String> words, CheckpointStore checkpoints, DevScorer scorer, CaptionerListener listener) {
        if (words.size() != decoder.vocabSize()) {
            throw new IllegalArgumentException(words.size() + " words for a decoder of " + decoder.vocabSize());
        }
        if (!encoder.isInitialized()) {
            throw new IllegalArgumentException("the encoder is not initialised");
        }
        if (encoder.encoderDim() != hyper.encoderDim()) {
            throw new IllegalArgumentException("the encoder has " + encoder.encoderDim() + " channels, encoderDim is "
                    + hyper.encoderDim());
        }
        this.hyper = hyper;
        this.encoder = encoder;
        this.decoder = decoder;
        this.captioner = new Captioner(encoder, decoder, words, hyper.beamSize(), hyper.maxCaptionLength(),
                hyper.batchSize());
        this.checkpoints = checkpoints;
        this.scorer = scorer;
        this.listener = listener;
    }

    /** The weights of a captioner: the encoder's {@code saveParameters} stream followed by the decoder's. */
    public static byte[] weights(CaptionEncoder encoder, AttentionDecoder decoder) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            encoder.saveParameters(out);
            decoder.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@link #weights} into an initialised encoder and decoder, creating the arrays in {@code manager}. */
    public static void loadWeights(byte[] weights, CaptionEncoder encoder, AttentionDecoder decoder,
            NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            encoder.loadParameters(manager, in);
            decoder.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the weights do not fit this captioner: " + e.getMessage(), e);
        }
    }

    /** Trains to the last epoch, starting from the newest checkpoint if there is one. */
    public Result train(CaptionExamples train, CaptionExamples dev) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(hyper.seed());
            decoder.initialize(manager);
            Adam decoderAdam = new Adam(manager, decoder.getParameters().values(), hyper.decoderLearningRate());
            CaptionCheckpoint.Header at = new CaptionCheckpoint.Header(0, 0, hyper.seed(), -1, -1, null);
            Adam.State encoderState = null;
            Optional<CaptionCheckpoint> resumed = latest();
            if (resumed.isPresent()) {
                CaptionCheckpoint checkpoint = resumed.get();
                at = checkpoint.header();
                if (at.seed() != hyper.seed()) {
                    throw new IllegalStateException("the checkpoint is of seed " + at.seed() + ", not " + hyper.seed());
                }
                load(encoder, manager, checkpoint.encoderParameters());
                load(decoder, manager, checkpoint.decoderParameters());
                decoder.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
                decoderAdam.restore(checkpoint.decoderAdam());
                encoderState = checkpoint.encoderAdam();
            }
            return run(manager, decoderAdam, encoderState, at, train, dev);
        }
    }

    private Result run(NDManager manager, Adam decoderAdam, Adam.State encoderState, CaptionCheckpoint.Header from,
            CaptionExamples train, CaptionExamples dev) {
        ParameterStore parameters = new ParameterStore(manager, false);
        int stepsPerEpoch = (train.size() + hyper.batchSize() - 1) / hyper.batchSize();
        long totalSteps = (long) hyper.epochs() * stepsPerEpoch;
        long doneBefore = (long) from.epoch() * stepsPerEpoch + from.step();
        long started = System.nanoTime();
        double bestBleu4 = from.bestDevBleu4();
        int bestEpoch = from.bestEpoch();
        String bestWeights = from.bestWeights();
        Adam encoderAdam = null;
        for (int epoch = from.epoch(); epoch < hyper.epochs(); epoch++) {
            boolean fineTune = hyper.fineTunes(epoch);
            encoder.fineTune(fineTune);
            if (fineTune && encoderAdam == null) {
                encoderAdam = new Adam(manager, encoder.fineTunable(), hyper.encoderLearningRate());
                if (encoderState != null && !encoderState.firstMoments().isEmpty()) {
                    encoderAdam.restore(encoderState);
                }
            }
            int[] order = EncoderTrainer.order(hyper.seed(), epoch, train.size());
            for (int step = epoch == from.epoch() ? from.step() : 0; step < stepsPerEpoch; step++) {
                long stepStart = System.nanoTime();
                int[] indices = Arrays.copyOfRange(order, step * hyper.batchSize(),
                        Math.min((step + 1) * hyper.batchSize(), order.length));
                if (step + 1 < stepsPerEpoch) {
                    train.prefetch(epoch, Arrays.copyOfRange(order, (step + 1) * hyper.batchSize(),
                            Math.min((step + 2) * hyper.batchSize(), order.length)));
                }
                Engine.getInstance().setRandomSeed(stepSeed(epoch, step));
                int done = step + 1;
                int decoded;
                float loss = 0;
                try (NDManager stepManager = manager.newSubManager()) {
                    CaptionExamples.Batch batch = train.batch(stepManager, epoch, indices);
                    decoded = batch.indices().length;
                    if (decoded > 0) { // else every image of the batch is corrupt: nothing to learn from
                        loss = step(parameters, stepManager, train, batch, decoderAdam, fineTune ? encoderAdam : null);
                    }
                }
                if (hyper.checkpointEverySteps() > 0 && done % hyper.checkpointEverySteps() == 0
                        && done < stepsPerEpoch) {
                    save(new CaptionCheckpoint.Header(epoch, done, hyper.seed(), bestBleu4, bestEpoch, bestWeights),
                            decoderAdam, encoderAdam);
                }
                if (decoded > 0) {
                    long now = System.nanoTime();
                    long doneThisRun = (long) epoch * stepsPerEpoch + done - doneBefore;
                    Duration eta = Duration.ofNanos((now - started) / doneThisRun
                            * (totalSteps - doneBefore - doneThisRun));
                    listener.step(new CaptionerListener.Step(epoch, done, stepsPerEpoch, fineTune, loss,
                            decoded * 1e9 / (now - stepStart), eta));
                }
            }
            double bleu4 = evaluate(manager, dev);
            String previousBest = bestWeights;
            if (bleu4 > bestBleu4) {
                bestBleu4 = bleu4;
                bestEpoch = epoch;
                bestWeights = String.format("best-e%04d.params", epoch);
                checkpoints.save(bestWeights, weights(encoder, decoder));
            }
            save(new CaptionCheckpoint.Header(epoch + 1, 0, hyper.seed(), bestBleu4, bestEpoch, bestWeights),
                    decoderAdam, encoderAdam);
            if (previousBest != null && !previousBest.equals(bestWeights)) {
                checkpoints.delete(previousBest); // the checkpoint just saved names the new best
            }
            listener.epoch(new CaptionerListener.Epoch(epoch, fineTune, bleu4, bestBleu4, bestEpoch));
        }
        String best = bestWeights;
        byte[] weights = checkpoints.load(best)
                .orElseThrow(() -> new IllegalStateException("the best weights " + best + " are missing"));
        return new Result(bestBleu4, bestEpoch, weights);
    }

    /** One training step on the decoded {@code batch}; {@code encoderAdam} is null while the encoder is frozen. */
    private float step(ParameterStore parameters, NDManager step, CaptionExamples train, CaptionExamples.Batch batch,
            Adam decoderAdam, Adam encoderAdam) {
        int[] indices = batch.indices();
        int[][] captions = new int[indices.length][];
        int[] lengths = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            captions[i] = train.caption(indices[i]);
            lengths[i] = train.captionLength(indices[i]);
        }
        float loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray encoded = encoder.forward(parameters, new NDList(batch.images()), encoderAdam != null)
                    .singletonOrThrow(); // (n, pixels, encoderDim)
            TeacherForced out = decoder.teacherForce(parameters, encoded, captions, lengths, true);
            NDArray value = CaptionLoss.of(out, hyper.alphaC()).loss();
            collector.backward(value);
            loss = value.getFloat();
        }
        Adam.clipElementwise(decoderAdam.parameters(), hyper.gradClip(), step);
        decoderAdam.step(step);
        if (encoderAdam != null) {
            Adam.clipElementwise(encoderAdam.parameters(), hyper.gradClip(), step);
            encoderAdam.step(step);
        }
        return loss;
    }

    /** Dev BLEU-4 of beam-search captions of the dev images that decode. */
    private double evaluate(NDManager manager, CaptionExamples dev) {
        List<List<String>> hypotheses = new ArrayList<>(dev.size());
        List<List<List<String>>> references = new ArrayList<>(dev.size());
        for (Captioner.Captioned caption : captioner.caption(manager, dev)) {
            hypotheses.add(caption.words());
            references.add(dev.references(caption.index()));
        }
        return scorer.bleu4(hypotheses, references);
    }

    private int stepSeed(int epoch, int step) {
        return Long.hashCode((hyper.seed() * 1_000_003L + epoch) * 1_000_003L + step);
    }

    private Optional<CaptionCheckpoint> latest() {
        return checkpoints.loadLatest().map(CaptionCheckpoint::decode);
    }

    private void save(CaptionCheckpoint.Header header, Adam decoderAdam, Adam encoderAdam) {
        Adam.State encoderState = encoderAdam != null ? encoderAdam.state() : new Adam.State(0, List.of(), List.of());
        CaptionCheckpoint checkpoint = new CaptionCheckpoint(header, parameters(encoder), parameters(decoder),
                decoderAdam.state(), encoderState);
        checkpoints.saveLatest(checkpoint.name(), checkpoint.encode());
    }

    private static byte[] parameters(Block block) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the block's arrays by the checkpoint's (DJL's load neither frees the old ones nor marks gradients). */
    private static void load(Block block, NDManager manager, byte[] parameters) {
        List<NDArray> initial = block.getParameters().values().stream().map(Parameter::getArray).toList();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the checkpoint's parameters: " + e.getMessage(), e);
        }
        initial.forEach(NDArray::close);
    }
}
