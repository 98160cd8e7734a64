package dev.robucap.captionertrainer;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionImageTransform;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.metrics.Bleu;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskParams;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.ml.caption.AttentionDecoder;
import dev.robucap.ml.caption.CaptionEncoder;
import dev.robucap.ml.caption.CaptionerHyperParams;
import dev.robucap.ml.caption.CaptionerListener;
import dev.robucap.ml.caption.CaptionerModel;
import dev.robucap.ml.caption.CaptionerTrainer;
import dev.robucap.ml.data.CocoCaptionExamples;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.ArtifactCheckpointStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the Show, Attend and Tell captioner on a COCO-Karpathy data set, as the paper does: on a trained ResNet-18
 * encoder from the encoder trainer (any of its variants), the {@code base} variant on the original training images,
 * {@code +q} on the originals plus the augmenter's double-compressed copy of each with the same captions (twice the
 * images). Checkpoints go to {@code checkpoints/captioner-trainer-<content key>/} every epoch (and every N steps), so
 * a killed task restarted with the same request resumes; the published model is the best dev BLEU-4 epoch's.
 *
 * <p>Task: {@code params = {"variant": "base" | "+q", "hyper": {CaptionerHyperParams fields}, "imageSize": 256,
 * "captions": {CaptionParameters fields}}}, {@code inputs = {"coco": "<prefix>", "encoder": "<encoder-trainer
 * output>", "augmented": "<prefix of the augmenter's output over the training selection at q>"}}. The encoder's
 * channels are the decoder's encoderDim. Outputs: {@code model.params}, {@code wordmap.json}, {@code model.json}
 * ({@link CaptionerModel}), {@code history.json}.
 */
public final class CaptionTrainStage implements Stage {

    public static final String NAME = "captioner-trainer";
    /** The history of the epochs done, kept with the checkpoints so that a resumed run publishes all of it. */
    private static final String HISTORY = "history.json";

    private final int threads;
    private final DecodeLimits limits;

    public CaptionTrainStage(int threads, DecodeLimits limits) {
        this.threads = threads;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    private static CaptionerHyperParams hyper(TaskRequest task) {
        return TaskParams.overridden(task.param("hyper"), CaptionerHyperParams.defaults(), "params.hyper");
    }

    private static CaptionParameters captions(TaskRequest task) {
        return TaskParams.overridden(task.param("captions"), CaptionParameters.TUTORIAL, "params.captions");
    }

    private static int imageSize(TaskRequest task) {
        JsonNode node = task.param("imageSize");
        if (node.isMissingNode()) {
            return CaptionImageTransform.TUTORIAL.imageSize();
        }
        if (!node.isInt() || node.asInt() < 16) {
            throw new InvalidTaskException("params.imageSize", "an integer of at least 16 pixels is required");
        }
        return node.asInt();
    }

    @Override
    public void validate(TaskRequest task) {
        Integer q = TaskParams.augmentationQuality(task.param("variant"));
        hyper(task);
        captions(task);
        imageSize(task);
        if (blank(task.inputs().get("coco"))) {
            throw new InvalidTaskException("inputs.coco", "the S3 prefix of the COCO-Karpathy data set is required");
        }
        if (blank(task.inputs().get("encoder"))) {
            throw new InvalidTaskException("inputs.encoder", "the prefix of an encoder-trainer output is required");
        }
        if (q != null && blank(task.inputs().get("augmented"))) {
            throw new InvalidTaskException("inputs.augmented", "variant +" + q
                    + " needs the prefix of the augmenter's COCO training set compressed at " + q);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** What the captioner needs of an encoder-trainer output: its classes, stage width, variant and weights. */
    private record Encoder(String prefix, int classes, int width, String variant, byte[] parameters) {

        static Encoder read(ArtifactStore store, String prefix) throws IOException {
            if (!store.exists(prefix + "/model.json")) {
                throw new InvalidTaskException("inputs.encoder", prefix
                        + " has no model.json: it is not an encoder-trainer output");
            }
            JsonNode info = Json.MAPPER.readTree(store.getBytes(prefix + "/model.json"));
            if (info.path("classes").isEmpty()) {
                throw new InvalidTaskException("inputs.encoder", prefix + "/model.json lists no classes");
            }
            return new Encoder(prefix, info.path("classes").size(), info.path("width").asInt(ResNet18.WIDTH),
                    info.path("variant").asText(), store.getBytes(prefix + "/model.params"));
        }
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        ArtifactStore store = context.store();
        Integer q = TaskParams.augmentationQuality(task.param("variant"));
        CaptionParameters captions = captions(task);
        var transform = new CaptionImageTransform(imageSize(task), CaptionImageTransform.TUTORIAL.normalization());
        Encoder encoderInput = Encoder.read(store, task.inputs().get("encoder"));

        CocoDataset data = CocoDataset.read(KeySource.store(store, task.inputs().get("coco")), captions);
        List<CocoExample> train = data.train();
        if (q != null) {
            String augmented = task.inputs().get("augmented");
            Manifest set = store.manifest(augmented).orElseThrow(() -> new InvalidTaskException("inputs.augmented",
                    augmented + " has no manifest: it is not a published augmenter output"));
            train = data.trainWithAugmented(augmented, set.entries());
        }

        var checkpoints = new ArtifactCheckpointStore(store, context.checkpointPrefix());
        Map<Integer, Map<String, Object>> epochs = new TreeMap<>(checkpoints.load(HISTORY)
                .map(CaptionTrainStage::readHistory).orElse(Map.of()));
        CaptionerTrainer.Result result;
        CaptionerHyperParams hyper;
        int trainExamples;
        List<String> corrupt = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            CaptionerHyperParams requested = hyper(task);
            CaptionEncoder encoder = CaptionEncoder.load(encoderInput.parameters(), encoderInput.classes(),
                    encoderInput.width(), requested.encodedImageSize(), manager);
            if (task.param("hyper").has("encoderDim") && requested.encoderDim() != encoder.encoderDim()) {
                throw new InvalidTaskException("params.hyper", "encoderDim is " + requested.encoderDim()
                        + " but the encoder has " + encoder.encoderDim() + " channels");
            }
            hyper = requested.withDimensions(requested.embedDim(), requested.attentionDim(), requested.decoderDim(),
                    encoder.encoderDim());
            var listener = listener(context, hyper, epochs, checkpoints);
            try (var trainSource = new CocoCaptionExamples(store::getBytes, train, data.wordMap(), captions,
                    transform, true, threads, limits);
                 var devSource = new CocoCaptionExamples(store::getBytes, data.dev(), data.wordMap(), captions,
                         transform, false, threads, limits)) {
                trainExamples = trainSource.size();
                result = new CaptionerTrainer(hyper, encoder, new AttentionDecoder(data.wordMap().size(), hyper),
                        data.wordMap().words(), checkpoints, (hypotheses, references) ->
                        Bleu.corpus(hypotheses, references).bleu4(), listener).train(trainSource, devSource);
                corrupt.addAll(trainSource.corruptKeys());
                corrupt.addAll(devSource.corruptKeys());
            }
        }

        String prefix = context.outputPrefix();
        var model = new CaptionerModel(CaptionerModel.ARCHITECTURE, task.param("variant").asText(),
                encoderInput.prefix(), encoderInput.variant(), encoderInput.classes(), encoderInput.width(),
                transform.imageSize(), hyper, captions, result.bestEpoch(), result.bestDevBleu4());
        var history = new LinkedHashMap<String, Object>();
        history.put("epochs", epochs.values());
        history.put("corrupt_images", corrupt.size());
        List<Manifest.Entry> entries = List.of(
                put(store, prefix, "model.params", result.bestWeights(), "application/octet-stream"),
                put(store, prefix, "wordmap.json", data.wordMap().toJson(), "application/json"),
                put(store, prefix, "model.json", model.toJson(), "application/json"),
                put(store, prefix, "history.json",
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(history), "application/json"));
        return new Manifest(Manifest.SCHEMA, NAME, context.contentKey(), task.taskId(), Instant.now(), task.params(),
                task.inputs(), entries,
                corrupt.stream().map(key -> new Manifest.Failure(key, "cannot be decoded: left out")).toList(),
                Map.of("best_dev_bleu4", result.bestDevBleu4(),
                        "best_epoch", (double) result.bestEpoch(),
                        "train_examples", (double) trainExamples,
                        "train_images", (double) train.size(),
                        "words", (double) data.wordMap().size(),
                        "corrupt_images", (double) corrupt.size()));
    }

    /**
     * Progress events for every step (epoch, step, loss, throughput, ETA) and a milestone for every epoch's dev
     * BLEU-4, which also goes into {@code epochs} and the checkpoints' history.
     */
    private static CaptionerListener listener(TaskContext context, CaptionerHyperParams hyper,
            Map<Integer, Map<String, Object>> epochs, ArtifactCheckpointStore checkpoints) {
        return new CaptionerListener() {
            @Override
            public void step(Step s) {
                double fraction = (s.epoch() + (double) s.step() / s.stepsPerEpoch()) / hyper.epochs();
                context.progress(fraction, String.format(Locale.ROOT,
                        "epoch %d/%d (stage %d) step %d/%d loss %.4f %.1f examples/s ETA %s", s.epoch() + 1,
                        hyper.epochs(), stage(s.fineTuning()), s.step(), s.stepsPerEpoch(), s.loss(),
                        s.examplesPerSecond(), TaskContext.eta(s.eta())), Map.of(
                                "epoch", s.epoch() + 1.0, "stage", (double) stage(s.fineTuning()),
                                "step", (double) s.step(), "steps_per_epoch", (double) s.stepsPerEpoch(),
                                "loss", (double) s.loss(), "examples_per_second", s.examplesPerSecond(),
                                "eta_seconds", (double) s.eta().toSeconds()));
            }

            @Override
            public void epoch(Epoch e) {
                epochs.put(e.epoch(), Map.of("epoch", e.epoch(), "stage", stage(e.fineTuning()),
                        "dev_bleu4", e.devBleu4()));
                try {
                    checkpoints.save(HISTORY, Json.MAPPER.writeValueAsBytes(epochs.values()));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
                context.milestone((e.epoch() + 1.0) / hyper.epochs(), String.format(Locale.ROOT,
                        "epoch %d/%d (stage %d) dev BLEU-4 %.4f (best %.4f at epoch %d)", e.epoch() + 1,
                        hyper.epochs(), stage(e.fineTuning()), e.devBleu4(), e.bestDevBleu4(), e.bestEpoch() + 1),
                        Map.of("epoch", e.epoch() + 1.0, "stage", (double) stage(e.fineTuning()),
                                "dev_bleu4", e.devBleu4(), "best_dev_bleu4", e.bestDevBleu4()));
            }
        };
    }

    /** The paper's training stage: 1 with the encoder frozen, 2 fine-tuning it. */
    private static int stage(boolean fineTuning) {
        return fineTuning ? 2 : 1;
    }

    private static Map<Integer, Map<String, Object>> readHistory(byte[] json) {
        try {
            List<Map<String, Object>> epochs = Json.MAPPER.readValue(json, new TypeReference<>() { });
            Map<Integer, Map<String, Object>> byEpoch = new TreeMap<>();
            epochs.forEach(e -> byEpoch.put(((Number) e.get("epoch")).intValue(), e));
            return byEpoch;
        } catch (IOException e) {
            throw new IllegalStateException("corrupt " + HISTORY + " beside the checkpoints: " + e.getMessage(), e);
        }
    }

    private static Manifest.Entry put(ArtifactStore store, String prefix, String name, byte[] bytes, String type) {
        store.put(prefix + "/" + name, bytes, type);
        return new Manifest.Entry(name, bytes.length, null);
    }
}
