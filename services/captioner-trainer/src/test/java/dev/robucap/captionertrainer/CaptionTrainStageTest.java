package dev.robucap.captionertrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import dev.robucap.ml.caption.CaptionerModel;
import dev.robucap.ml.model.ResNet18;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stage on a tiny synthetic COCO in a real S3: what a task reads, trains, checkpoints and publishes. */
@ExtendWith(DevstackExtension.class)
class CaptionTrainStageTest {

    /** Words seen more than once make the vocabulary of this tiny data set. */
    private static final CaptionParameters CAPTIONS = new CaptionParameters(50, 5, 1, 123);

    private static ArtifactStore store;
    private static String coco;
    private static String augmented;
    private static String encoder;

    @BeforeAll
    static void upload(Devstack devstack, @TempDir Path dir) throws Exception {
        store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String run = UUID.randomUUID().toString();
        coco = "datasets/coco-" + run;
        augmented = "augmented/coco-" + run + "-q2";
        encoder = "models/encoder-" + run;
        SyntheticData.writeCoco(dir, new CocoSpec(4, 32, 6, 2, 3, 1), image -> Jpeg.encode(image, 95), 2);
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(coco + "/" + dir.relativize(file), Files.readAllBytes(file), "application/octet-stream");
            }
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        for (var image : CocoDataset.read(KeySource.store(store, coco), CAPTIONS).train()) {
            String relative = image.key().substring(coco.length() + 1);
            byte[] copy = Jpeg.doubleCompress(Jpeg.decode(store.getBytes(image.key())), 2, 75);
            store.put(augmented + "/" + relative, copy, "image/jpeg");
            entries.add(new Manifest.Entry(relative, copy.length, image.key()));
        }
        store.publish(augmented, new Manifest(0, "augmenter", "k", "t", Instant.now(), null, null, entries, null,
                null));
        putEncoder(encoder);
    }

    /** A ResNet-18 of width 8 (64 channels) with random weights, published as the encoder trainer does. */
    private static void putEncoder(String prefix) throws Exception {
        var resnet = new ResNet18(3, 8);
        var bytes = new ByteArrayOutputStream();
        try (NDManager manager = NDManager.newBaseManager(); var out = new DataOutputStream(bytes)) {
            resnet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            resnet.saveParameters(out);
        }
        store.put(prefix + "/model.params", bytes.toByteArray(), "application/octet-stream");
        ObjectNode info = Json.MAPPER.createObjectNode().put("architecture", "resnet18").put("width", 8)
                .put("variant", "+2");
        info.putArray("classes").add("n01").add("n02").add("n03");
        store.put(prefix + "/model.json", Json.MAPPER.writeValueAsBytes(info), "application/json");
    }

    private static TaskRequest task(String variant, int stage1Epochs, int stage2Epochs) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant).put("imageSize", 32);
        params.putObject("hyper").put("embedDim", 16).put("attentionDim", 16).put("decoderDim", 16)
                .put("batchSize", 8).put("stage1Epochs", stage1Epochs).put("stage2Epochs", stage2Epochs)
                .put("maxCaptionLength", 12).put("checkpointEverySteps", 2).put("seed", 3).put("encodedImageSize", 1);
        params.putObject("captions").put("minWordFrequency", 1);
        return TaskRequest.of(CaptionTrainStage.NAME, params,
                Map.of("coco", coco, "encoder", encoder, "augmented", augmented));
    }

    @Test
    void trainsTheBaseVariantAndPublishesTheBestDevModel() throws Exception {
        List<TaskEvent> events = new ArrayList<>();
        var runner = new StageRunner(new CaptionTrainStage(2, DecodeLimits.DEFAULT), store, events::add);

        TaskEvent result = runner.run(task("base", 1, 1));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        assertEquals(8.0, result.metrics().get("train_images"));
        assertEquals(40.0, result.metrics().get("train_examples"), "one example per image and caption");
        double bleu4 = result.metrics().get("best_dev_bleu4");
        assertTrue(bleu4 >= 0 && bleu4 <= 1, "BLEU-4 is a fraction: " + bleu4);
        CaptionerModel model = CaptionerModel.fromJson(store.getBytes(result.output() + "/model.json"));
        assertEquals("base", model.variant());
        assertEquals(encoder, model.encoder());
        assertEquals("+2", model.encoderVariant());
        assertEquals(List.of(3, 8, 32, 64, 16), List.of(model.encoderClasses(), model.encoderWidth(),
                model.imageSize(), model.hyper().encoderDim(), model.hyper().embedDim()));
        assertEquals(bleu4, model.bestDevBleu4());
        assertEquals(CAPTIONS, model.captions());
        WordMap words = WordMap.fromJson(store.getBytes(result.output() + "/wordmap.json"));
        assertEquals(CocoDataset.read(KeySource.store(store, coco), CAPTIONS).wordMap().words(), words.words());
        try (NDManager manager = NDManager.newBaseManager()) {
            model.load(store.getBytes(result.output() + "/model.params"), words.words(), 3, manager);
        }
        JsonNode history = Json.MAPPER.readTree(store.getBytes(result.output() + "/history.json"));
        assertEquals(List.of(1, 2), stages(history));
        assertEquals(0, history.path("corrupt_images").asInt());
        assertEquals(2, events.stream().filter(e -> e.metrics().containsKey("dev_bleu4")).count(),
                "one event per epoch with its dev BLEU-4");
        assertTrue(events.stream().anyMatch(e -> e.metrics().containsKey("loss")
                && e.metrics().containsKey("examples_per_second") && e.metrics().containsKey("eta_seconds")));
        assertFalse(store.list("checkpoints/captioner-trainer-" + result.contentKey()).isEmpty(),
                "checkpoints are kept in S3 for resumption");
    }

    @Test
    void thePlusQVariantTrainsOnTheOriginalsAndTheirCompressedCopies() {
        var runner = new StageRunner(new CaptionTrainStage(2, DecodeLimits.DEFAULT), store, e -> { });

        TaskEvent result = runner.run(task("+2", 1, 0));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        assertEquals(16.0, result.metrics().get("train_images"));
        assertEquals(80.0, result.metrics().get("train_examples"));
    }

    @Test
    void aKilledTaskResumesAndPublishesWhatAnUninterruptedOneDoes() throws Exception {
        var stage = new CaptionTrainStage(2, DecodeLimits.DEFAULT);
        TaskRequest task = task("base", 1, 1);
        String run = UUID.randomUUID().toString();
        stage.run(task, new Context("uninterrupted-" + run, step -> { }));

        int[] steps = {0};
        // 5 steps per epoch: the 7th is step 2 of epoch 2 (stage 2), after which a checkpoint was just written
        assertThrows(Killed.class, () -> stage.run(task, new Context("killed-" + run, step -> {
            if (++steps[0] == 7) {
                throw new Killed();
            }
        })));
        List<Double> resumedSteps = new ArrayList<>();
        stage.run(task, new Context("killed-" + run, resumedSteps::add));

        assertEquals(List.of(3.0, 4.0, 5.0), resumedSteps, "the rest of epoch 2 only");
        assertArrayEquals(store.getBytes("models/test-uninterrupted-" + run + "/model.params"),
                store.getBytes("models/test-killed-" + run + "/model.params"));
        JsonNode history = Json.MAPPER.readTree(store.getBytes("models/test-killed-" + run + "/history.json"));
        assertEquals(List.of(1, 2), stages(history), "the epoch before the kill is in the history too");
    }

    @Test
    void aDataSetThatIsNotCocoKarpathyFailsBeforeTraining() {
        List<TaskEvent> events = new ArrayList<>();
        TaskRequest task = task("base", 1, 0);
        var inputs = new HashMap<>(task.inputs());
        inputs.put("coco", "datasets/none-" + UUID.randomUUID());

        TaskEvent result = new StageRunner(new CaptionTrainStage(1, DecodeLimits.DEFAULT), store, events::add)
                .run(TaskRequest.of(CaptionTrainStage.NAME, task.params(), inputs));

        assertEquals(TaskEvent.Type.FAILED, result.type());
        assertTrue(result.error().contains("no dataset_coco.json"), result.error());
        assertTrue(events.stream().noneMatch(e -> e.metrics().containsKey("loss")));
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        var stage = new CaptionTrainStage(1, DecodeLimits.DEFAULT);
        assertField(stage, task("plus-two", 1, 0), "params.variant");
        assertField(stage, task("+101", 1, 0), "params.variant");
        assertField(stage, task("base", -1, 0), "params.hyper");
        ObjectNode misspelt = task("base", 1, 0).params();
        ((ObjectNode) misspelt.path("captions")).put("captionPerImage", 3);
        assertField(stage, TaskRequest.of(CaptionTrainStage.NAME, misspelt, Map.of("coco", "c", "encoder", "e")),
                "params.captions");
        assertField(stage, TaskRequest.of(CaptionTrainStage.NAME, task("base", 1, 0).params().put("imageSize", 8),
                Map.of("coco", "c", "encoder", "e")), "params.imageSize");
        ObjectNode base = Json.MAPPER.createObjectNode().put("variant", "base");
        assertField(stage, TaskRequest.of(CaptionTrainStage.NAME, base, Map.of("encoder", "e")), "inputs.coco");
        assertField(stage, TaskRequest.of(CaptionTrainStage.NAME, base, Map.of("coco", "c")), "inputs.encoder");
        assertField(stage, TaskRequest.of(CaptionTrainStage.NAME, Json.MAPPER.createObjectNode().put("variant", "+7"),
                Map.of("coco", "c", "encoder", "e")), "inputs.augmented");
    }

    private static void assertField(CaptionTrainStage stage, TaskRequest task, String field) {
        var e = assertThrows(InvalidTaskException.class, () -> stage.validate(task));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    private static List<Integer> stages(JsonNode history) {
        List<Integer> stages = new ArrayList<>();
        history.path("epochs").forEach(e -> stages.add(e.path("stage").asInt()));
        return stages;
    }

    /** A task's context outside the runner, under its own content key, telling {@code steps} each step number. */
    private record Context(String contentKey, Consumer<Double> steps) implements TaskContext {

        @Override
        public ArtifactStore store() {
            return store;
        }

        @Override
        public String outputPrefix() {
            return "models/test-" + contentKey;
        }

        @Override
        public String checkpointPrefix() {
            return "checkpoints/captioner-trainer-" + contentKey + "/";
        }

        @Override
        public void progress(double fraction, String message, Map<String, Double> metrics) {
            steps.accept(metrics.get("step"));
        }

        @Override
        public void milestone(double fraction, String message, Map<String, Double> metrics) {
        }
    }

    private static final class Killed extends RuntimeException {
    }
}
