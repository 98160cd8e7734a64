package dev.robucap.encodertrainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.data.transform.RandomResizedCrop;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskParams;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.ml.data.ImageNetExamples;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.ArtifactCheckpointStore;
import dev.robucap.ml.train.EncoderHyperParams;
import dev.robucap.ml.train.EncoderTrainer;
import dev.robucap.ml.train.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the ResNet-18 image encoder on an ImageNet-format data set, as the paper does: the {@code base} variant
 * on the original training images, {@code +q} on the originals plus the augmenter's double-compressed copy of each
 * (twice the examples). Checkpoints go to {@code checkpoints/encoder-trainer-<content key>/} every epoch (and every
 * N steps), so a killed task restarted with the same request resumes; the published model is the best-dev epoch's.
 *
 * <p>Task: {@code params = {"variant": "base" | "+22", "hyper": {EncoderHyperParams fields}, "resizeSize": 256,
 * "cropSize": 224, "width": 64, "minCropScale": 0.08}}, {@code inputs = {"imagenet": "<prefix>", "augmented": "<prefix of the augmenter's
 * output at q>"}}. Output: {@code model.params}, {@code model.json} (classes, sizes, width), {@code history.json}.
 */
public final class EncoderTrainStage implements Stage {

    public static final String NAME = "encoder-trainer";

    private final int threads;
    private final DecodeLimits limits;

    public EncoderTrainStage(int threads, DecodeLimits limits) {
        this.threads = threads;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    static EncoderHyperParams hyper(JsonNode node) {
        return TaskParams.overridden(node, EncoderHyperParams.defaults(), "params.hyper");
    }

    private static int size(TaskRequest task, String field, int fallback) {
        JsonNode node = task.param(field);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < 8) {
            throw new InvalidTaskException("params." + field, "an integer of at least 8 pixels is required");
        }
        return node.asInt();
    }

    private static double minCropScale(TaskRequest task) {
        JsonNode node = task.param("minCropScale");
        if (node.isMissingNode()) {
            return RandomResizedCrop.IMAGENET_MIN_SCALE;
        }
        if (!node.isNumber() || !(node.asDouble() > 0 && node.asDouble() <= 1)) {
            throw new InvalidTaskException("params.minCropScale", "a number in (0, 1] is required (the smallest"
                    + " RandomResizedCrop area as a fraction of the image)");
        }
        return node.asDouble();
    }

    @Override
    public void validate(TaskRequest task) {
        Integer q = TaskParams.augmentationQuality(task.param("variant"));
        hyper(task.param("hyper"));
        int resize = size(task, "resizeSize", 256);
        int crop = size(task, "cropSize", 224);
        if (crop > resize) {
            throw new InvalidTaskException("params.cropSize", "must not exceed resizeSize (" + resize + ")");
        }
        size(task, "width", ResNet18.WIDTH);
        minCropScale(task);
        if (blank(task.inputs().get("imagenet"))) {
            throw new InvalidTaskException("inputs.imagenet", "the S3 prefix of the ImageNet-format data set is required");
        }
        if (q != null && blank(task.inputs().get("augmented"))) {
            throw new InvalidTaskException("inputs.augmented", "variant +" + q
                    + " needs the prefix of the augmenter's training set compressed at " + q);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        ArtifactStore store = context.store();
        EncoderHyperParams hyper = hyper(task.param("hyper"));
        Integer q = TaskParams.augmentationQuality(task.param("variant"));
        var transforms = ImageNetTransforms.imageNet(size(task, "resizeSize", 256), size(task, "cropSize", 224),
                minCropScale(task));
        int width = size(task, "width", ResNet18.WIDTH);

        ImageNetDataset data = ImageNetDataset.read(KeySource.store(store, task.inputs().get("imagenet")));
        List<Example> train = data.train();
        if (q != null) {
            String augmented = task.inputs().get("augmented");
            Manifest set = store.manifest(augmented).orElseThrow(() -> new InvalidTaskException("inputs.augmented",
                    augmented + " has no manifest: it is not a published augmenter output"));
            train = data.trainWithAugmented(augmented, set.entries());
        }
        List<Example> dev = data.devTest().dev();

        List<Map<String, Object>> history = new ArrayList<>();
        var listener = new ProgressListener() {
            @Override
            public void step(Step s) {
                double fraction = (s.epoch() + (double) s.step() / s.stepsPerEpoch()) / hyper.epochs();
                context.progress(fraction, String.format(Locale.ROOT,
                        "epoch %d/%d step %d/%d loss %.4f %.1f img/s ETA %s", s.epoch() + 1, hyper.epochs(),
                        s.step(), s.stepsPerEpoch(), s.loss(), s.imagesPerSecond(), TaskContext.eta(s.eta())), Map.of(
                                "epoch", s.epoch() + 1.0, "step", (double) s.step(),
                                "steps_per_epoch", (double) s.stepsPerEpoch(), "loss", (double) s.loss(),
                                "images_per_second", s.imagesPerSecond(), "eta_seconds",
                                (double) s.eta().toSeconds()));
            }

            @Override
            public void epoch(Epoch e) {
                history.add(Map.of("epoch", e.epoch(), "dev_top1", e.devTop1()));
                context.milestone((e.epoch() + 1.0) / hyper.epochs(), String.format(Locale.ROOT,
                        "epoch %d/%d dev top-1 %.4f (best %.4f at epoch %d)", e.epoch() + 1, hyper.epochs(),
                        e.devTop1(), e.bestDevTop1(), e.bestEpoch() + 1), Map.of("epoch", e.epoch() + 1.0,
                                "dev_top1", e.devTop1(), "best_dev_top1", e.bestDevTop1()));
            }
        };
        var checkpoints = new ArtifactCheckpointStore(store, context.checkpointPrefix());
        EncoderTrainer.Result result;
        try (var trainSource = new ImageNetExamples(store::getBytes, train, transforms, true, hyper.seed(), threads,
                limits);
             var devSource = new ImageNetExamples(store::getBytes, dev, transforms, false, hyper.seed(), threads,
                     limits)) {
            result = new EncoderTrainer(hyper, new ResNet18(data.classes().size(), width), checkpoints, listener)
                    .train(trainSource, devSource);
            history.add(Map.of("corrupt_images", trainSource.corruptImages() + devSource.corruptImages()));
        }

        String prefix = context.outputPrefix();
        var model = new LinkedHashMap<String, Object>();
        model.put("architecture", "resnet18");
        model.put("width", width);
        model.put("classes", data.classes());
        model.put("resizeSize", transforms.resizeSize());
        model.put("cropSize", transforms.cropSize());
        model.put("minCropScale", transforms.randomCrop().minScale());
        model.put("variant", task.param("variant").asText());
        model.put("bestEpoch", result.bestEpoch());
        model.put("bestDevTop1", result.bestDevTop1());
        store.put(prefix + "/model.params", result.bestWeights(), "application/octet-stream");
        byte[] modelJson = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(model);
        store.put(prefix + "/model.json", modelJson, "application/json");
        byte[] historyJson = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(history);
        store.put(prefix + "/history.json", historyJson, "application/json");
        return new Manifest(Manifest.SCHEMA, NAME, context.contentKey(), task.taskId(), Instant.now(), task.params(),
                task.inputs(), List.of(
                        new Manifest.Entry("model.params", result.bestWeights().length, null),
                        new Manifest.Entry("model.json", modelJson.length, null),
                        new Manifest.Entry("history.json", historyJson.length, null)),
                null, Map.of(
                        "best_dev_top1", result.bestDevTop1(),
                        "best_epoch", (double) result.bestEpoch(),
                        "train_examples", (double) train.size(),
                        "classes", (double) data.classes().size()));
    }
}
