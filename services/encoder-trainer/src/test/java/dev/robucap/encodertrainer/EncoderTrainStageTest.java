package dev.robucap.encodertrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.synthetic.ImageNetSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stage on a tiny synthetic ImageNet in a real S3: what a task reads, trains, checkpoints and publishes. */
@ExtendWith(DevstackExtension.class)
class EncoderTrainStageTest {

    private static ArtifactStore store;
    private static String imagenet;
    private static String augmented;

    @BeforeAll
    static void upload(Devstack devstack, @TempDir Path dir) throws Exception {
        store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String run = UUID.randomUUID().toString();
        imagenet = "datasets/imagenet-" + run;
        augmented = "augmented/imagenet-" + run + "-q2";
        SyntheticData.writeImageNet(dir, new ImageNetSpec(3, 40, 3, 2), image -> Jpeg.encode(image, 95), 2);
        List<Manifest.Entry> entries = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString();
                byte[] bytes = Files.readAllBytes(file);
                store.put(imagenet + "/" + relative, bytes, "application/octet-stream");
                if (relative.startsWith("train/")) {
                    byte[] copy = Jpeg.doubleCompress(Jpeg.decode(bytes), 2, 75);
                    store.put(augmented + "/" + relative, copy, "image/jpeg");
                    entries.add(new Manifest.Entry(relative, copy.length, imagenet + "/" + relative));
                }
            }
        }
        store.publish(augmented, new Manifest(0, "augmenter", "k", "t", Instant.now(), null, null, entries, null,
                null));
    }

    private static TaskRequest task(String variant, int epochs) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant).put("resizeSize", 36)
                .put("cropSize", 32).put("width", 8).put("minCropScale", 0.5);
        params.putObject("hyper").put("epochs", epochs).put("batchSize", 8).put("learningRate", 0.05)
                .put("checkpointEverySteps", 2).put("seed", 5);
        return TaskRequest.of("encoder-trainer", params, Map.of("imagenet", imagenet, "augmented", augmented));
    }

    @Test
    void trainsTheBaseVariantAndPublishesTheBestDevModel() throws Exception {
        List<TaskEvent> events = new ArrayList<>();
        var runner = new StageRunner(new EncoderTrainStage(2, DecodeLimits.DEFAULT), store, events::add);

        TaskEvent result = runner.run(task("base", 2));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        assertEquals(30.0, result.metrics().get("train_examples"));
        assertEquals(10.0, result.metrics().get("classes"));
        JsonNode model = Json.MAPPER.readTree(store.getBytes(result.output() + "/model.json"));
        assertEquals(10, model.path("classes").size());
        assertEquals(32, model.path("cropSize").asInt());
        assertEquals(0.5, model.path("minCropScale").asDouble());
        assertTrue(store.getBytes(result.output() + "/model.params").length > 1000);
        assertEquals(2, events.stream().filter(e -> e.metrics().containsKey("dev_top1")).count(),
                "one event per epoch with its dev top-1");
        assertTrue(events.stream().anyMatch(e -> e.metrics().containsKey("loss")
                && e.metrics().containsKey("images_per_second") && e.metrics().containsKey("eta_seconds")));
        assertFalse(store.list("checkpoints/encoder-trainer-" + result.contentKey()).isEmpty(),
                "checkpoints are kept in S3 for resumption");
    }

    @Test
    void thePlusQVariantTrainsOnTheOriginalsAndTheirCompressedCopies() {
        var runner = new StageRunner(new EncoderTrainStage(2, DecodeLimits.DEFAULT), store, e -> { });

        TaskEvent result = runner.run(task("+2", 1));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        assertEquals(60.0, result.metrics().get("train_examples"));
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        var stage = new EncoderTrainStage(1, DecodeLimits.DEFAULT);
        assertField(stage, task("plus-two", 1), "params.variant");
        assertField(stage, task("+0", 1), "params.variant");
        assertField(stage, task("base", -1), "params.hyper");
        assertField(stage, TaskRequest.of("encoder-trainer", Json.MAPPER.createObjectNode().put("variant", "+7"),
                Map.of("imagenet", "datasets/x")), "inputs.augmented");
        assertField(stage, TaskRequest.of("encoder-trainer", Json.MAPPER.createObjectNode().put("variant", "base"),
                Map.of()), "inputs.imagenet");
    }

    private static void assertField(EncoderTrainStage stage, TaskRequest task, String field) {
        var e = assertThrows(InvalidTaskException.class, () -> stage.validate(task));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}
