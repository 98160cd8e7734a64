package dev.robucap.ml.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains a classifier with softmax cross-entropy and {@link Sgd} under StepLR, as the PyTorch ImageNet example does;
 * evaluates dev top-1 after every epoch and keeps the best-dev weights; checkpoints after every epoch and every
 * {@link EncoderHyperParams#checkpointEverySteps()} steps, and resumes from the newest checkpoint of its store.
 * Deterministic on CPU: parameters are initialised after seeding the engine, and epoch e visits the training examples
 * in the order of a shuffle seeded by (seed, e), so a resumed run computes exactly what an uninterrupted one does.
 */
public final class EncoderTrainer {

    /** The outcome: the best dev top-1, its epoch, and its weights as {@code Block.saveParameters} writes them. */
    public record Result(double bestDevTop1, int bestEpoch, byte[] bestWeights) {
    }

    private static final Loss LOSS = new SoftmaxCrossEntropyLoss();

    private final EncoderHyperParams hyper;
    private final Block model;
    private final CheckpointStore checkpoints;
    private final ProgressListener listener;

    /** {@code model} is uninitialised: the trainer initialises it, or loads it from the newest checkpoint. */
    public EncoderTrainer(EncoderHyperParams hyper, Block model, CheckpointStore checkpoints,
            ProgressListener listener) {
        this.hyper = hyper;
        this.model = model;
        this.checkpoints = checkpoints;
        this.listener = listener;
    }

    /** Epoch e's order of the {@code n} training examples: a pure function of (seed, e); the captioner shares it. */
    public static int[] order(long seed, int epoch, int n) {
        int[] order = IntStream.range(0, n).toArray();
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Trains to the last epoch, starting from the newest checkpoint if there is one. */
    public Result train(ExampleSource train, ExampleSource dev) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(hyper.seed());
            try (NDManager probe = manager.newSubManager()) {
                model.initialize(manager, DataType.FLOAT32, train.batch(probe, 0, new int[] {0}).get(0).getShape());
            }
            List<Parameter> trainable = model.getParameters().values().stream()
                    .filter(Parameter::requiresGradient).toList();
            Sgd sgd = new Sgd(manager, trainable, hyper.momentum(), hyper.weightDecay());
            Checkpoint.Header at = new Checkpoint.Header(0, 0, hyper.seed(), -1, -1, null);
            Optional<Checkpoint> resumed = latest();
            if (resumed.isPresent()) {
                at = resumed.get().header();
                if (at.seed() != hyper.seed()) {
                    throw new IllegalStateException("the checkpoint is of seed " + at.seed() + ", not " + hyper.seed());
                }
                loadParameters(manager, resumed.get().parameters());
                sgd.restore(resumed.get().momentum());
            }
            return run(manager, sgd, at, train, dev);
        }
    }

    private Result run(NDManager manager, Sgd sgd, Checkpoint.Header start, ExampleSource train, ExampleSource dev) {
        ParameterStore parameters = new ParameterStore(manager, false);
        int stepsPerEpoch = (train.size() + hyper.batchSize() - 1) / hyper.batchSize();
        long totalSteps = (long) hyper.epochs() * stepsPerEpoch;
        long doneBefore = (long) start.epoch() * stepsPerEpoch + start.step();
        long started = System.nanoTime();
        double bestTop1 = start.bestDevTop1();
        int bestEpoch = start.bestEpoch();
        String bestWeights = start.bestWeights();
        for (int epoch = start.epoch(); epoch < hyper.epochs(); epoch++) {
            int[] order = order(hyper.seed(), epoch, train.size());
            double learningRate = hyper.learningRate(epoch);
            for (int step = epoch == start.epoch() ? start.step() : 0; step < stepsPerEpoch; step++) {
                long stepStart = System.nanoTime();
                int[] indices = Arrays.copyOfRange(order, step * hyper.batchSize(),
                        Math.min((step + 1) * hyper.batchSize(), order.length));
                float loss;
                try (NDManager stepManager = manager.newSubManager()) {
                    NDList batch = train.batch(stepManager, epoch, indices); // (n, 3, h, w), (n)
                    if (step + 1 < stepsPerEpoch) {
                        train.prefetch(epoch, Arrays.copyOfRange(order, (step + 1) * hyper.batchSize(),
                                Math.min((step + 2) * hyper.batchSize(), order.length)));
                    }
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = model.forward(parameters, new NDList(batch.get(0)), true)
                                .singletonOrThrow(); // (n, classes)
                        NDArray lossValue = LOSS.evaluate(new NDList(batch.get(1)), new NDList(logits)); // ()
                        collector.backward(lossValue);
                        loss = lossValue.getFloat();
                    }
                    sgd.step(stepManager, learningRate);
                }
                int done = step + 1;
                if (hyper.checkpointEverySteps() > 0 && done % hyper.checkpointEverySteps() == 0
                        && done < stepsPerEpoch) {
                    save(new Checkpoint.Header(epoch, done, hyper.seed(), bestTop1, bestEpoch, bestWeights), sgd);
                }
                long now = System.nanoTime();
                long doneThisRun = (long) epoch * stepsPerEpoch + done - doneBefore;
                Duration eta = Duration.ofNanos((now - started) / doneThisRun
                        * (totalSteps - doneBefore - doneThisRun));
                listener.step(new ProgressListener.Step(epoch, done, stepsPerEpoch, loss,
                        indices.length * 1e9 / (now - stepStart), eta));
            }
            double top1 = Top1.evaluate(model, dev, hyper.batchSize(), manager).accuracy();
            String previousBest = bestWeights;
            if (top1 > bestTop1) {
                bestTop1 = top1;
                bestEpoch = epoch;
                bestWeights = String.format("best-e%04d.params", epoch);
                checkpoints.save(bestWeights, parameters());
            }
            save(new Checkpoint.Header(epoch + 1, 0, hyper.seed(), bestTop1, bestEpoch, bestWeights), sgd);
            if (previousBest != null && !previousBest.equals(bestWeights)) {
                checkpoints.delete(previousBest); // the checkpoint just saved names the new best
            }
            listener.epoch(new ProgressListener.Epoch(epoch, top1, bestTop1, bestEpoch));
        }
        String best = bestWeights;
        byte[] weights = checkpoints.load(best)
                .orElseThrow(() -> new IllegalStateException("the best weights " + best + " are missing"));
        return new Result(bestTop1, bestEpoch, weights);
    }

    private Optional<Checkpoint> latest() {
        return checkpoints.loadLatest().map(Checkpoint::decode);
    }

    private void save(Checkpoint.Header header, Sgd sgd) {
        Checkpoint checkpoint = new Checkpoint(header, parameters(), sgd.buffers());
        checkpoints.saveLatest(checkpoint.name(), checkpoint.encode());
    }

    private byte[] parameters() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            model.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the initial arrays by the checkpoint's (DJL's load neither frees the old ones nor marks gradients). */
    private void loadParameters(NDManager manager, byte[] parameters) {
        List<NDArray> initial = model.getParameters().values().stream().map(Parameter::getArray).toList();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the checkpoint's parameters: " + e.getMessage(), e);
        }
        initial.forEach(NDArray::close);
        model.getParameters().values().stream().filter(Parameter::requiresGradient)
                .forEach(p -> p.getArray().setRequiresGradient(true));
    }
}
