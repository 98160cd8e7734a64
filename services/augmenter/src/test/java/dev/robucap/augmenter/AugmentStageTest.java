package dev.robucap.augmenter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class AugmentStageTest {

    private ArtifactStore store;
    private final List<TaskEvent> events = new CopyOnWriteArrayList<>();
    private StageRunner runner;
    private String dataset;

    @BeforeEach
    void uploadDataset(Devstack devstack) {
        store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        runner = new StageRunner(new AugmentStage(2, DecodeLimits.DEFAULT), store, events::add);
        dataset = "datasets/test-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            store.put(dataset + "/train/n0" + i + "/img" + i + ".JPEG",
                    Jpeg.encode(TestImages.pattern(40 + i, 32, i), 95), "image/jpeg");
        }
        store.put(dataset + "/train/n03/broken.JPEG", "not a jpeg at all".getBytes(StandardCharsets.UTF_8),
                "image/jpeg");
        store.put(dataset + "/README.txt", "not an image, not listed".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private TaskRequest task(Object quality, Object resave) {
        var params = Json.MAPPER.createObjectNode();
        params.set("quality", Json.MAPPER.valueToTree(quality));
        if (resave != null) {
            params.set("resave", Json.MAPPER.valueToTree(resave));
        }
        return TaskRequest.of("augmenter", params, Map.of("images", dataset));
    }

    @Test
    void doubleCompressesEveryImageKeepingTheLayoutAndListsTheCorruptOne() throws Exception {
        TaskEvent result = runner.run(task(10, 75));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        Manifest manifest = store.manifest(result.output()).orElseThrow();
        assertEquals(List.of("train/n00/img0.JPEG", "train/n01/img1.JPEG", "train/n02/img2.JPEG"),
                manifest.entries().stream().map(Manifest.Entry::key).toList());
        assertEquals(1, manifest.errors().size());
        assertEquals(dataset + "/train/n03/broken.JPEG", manifest.errors().get(0).source());
        assertFalse(manifest.errors().get(0).reason().isBlank());
        assertEquals(1.0, result.metrics().get("refused"));

        byte[] original = store.getBytes(dataset + "/train/n01/img1.JPEG");
        byte[] expected = Jpeg.doubleCompress(Jpeg.decode(original), 10, 75);
        assertArrayEquals(expected, store.getBytes(result.output() + "/train/n01/img1.JPEG"));
        assertEquals(75, Jpeg.estimateQuality(store.getBytes(result.output() + "/train/n01/img1.JPEG")));
        assertTrue(events.stream().anyMatch(e -> e.type() == TaskEvent.Type.STARTED));
    }

    @Test
    void singleCompressionWritesTheFileAtTheRequestedQuality() throws Exception {
        TaskEvent result = runner.run(task(22, null));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        byte[] original = store.getBytes(dataset + "/train/n00/img0.JPEG");
        assertArrayEquals(Jpeg.compress(Jpeg.decode(original), 22),
                store.getBytes(result.output() + "/train/n00/img0.JPEG"));
    }

    @Test
    void aRepeatedTaskIsServedFromItsPublishedOutput() {
        TaskEvent first = runner.run(task(7, 75));
        events.clear();

        TaskEvent second = runner.run(task(7, 75));

        assertEquals(TaskEvent.Type.SUCCEEDED, second.type());
        assertEquals(first.output(), second.output());
        assertTrue(second.message().startsWith("cached"), second.message());
        assertTrue(events.stream().noneMatch(e -> e.type() == TaskEvent.Type.STARTED));
    }

    @Test
    void anInvalidQualityFailsTheTaskNamingTheFieldAndWritesNothing() {
        TaskEvent result = runner.run(task(0, 75));

        assertEquals(TaskEvent.Type.FAILED, result.type());
        assertTrue(result.error().contains("params.quality"), result.error());
        assertTrue(store.list("augmented/").stream().noneMatch(o -> o.key().contains(result.contentKey())));
    }

    @Test
    void theOutputNameOfANonJpegInputGetsAJpegExtension() {
        assertEquals("a/b.png.jpg", AugmentStage.outputName("a/b.png"));
        assertEquals("a/b.JPEG", AugmentStage.outputName("a/b.JPEG"));
    }
}
