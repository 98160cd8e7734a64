package dev.robucap.common.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class StageRunnerTest {

    /** Writes one object, or fails half-way when asked to. */
    private static final class Echo implements Stage {
        final String version = UUID.randomUUID().toString();

        public String name() {
            return "echo";
        }

        public String version(TaskRequest task) {
            return version;
        }

        public String outputKind() {
            return "test";
        }

        public void validate(TaskRequest task) {
            if (!task.param("text").isTextual()) {
                throw new InvalidTaskException("params.text", "a string is required");
            }
        }

        public Manifest run(TaskRequest task, TaskContext context) {
            byte[] bytes = task.param("text").asText().getBytes(StandardCharsets.UTF_8);
            context.store().put(context.outputPrefix() + "/echo.txt", bytes, "text/plain");
            context.progress(0.5, "half");
            if (task.param("fail").asBoolean()) {
                throw new IllegalStateException("asked to fail");
            }
            return new Manifest(0, name(), context.contentKey(), task.taskId(), Instant.now(), task.params(),
                    task.inputs(), List.of(new Manifest.Entry("echo.txt", bytes.length, null)), null,
                    Map.of("bytes", (double) bytes.length));
        }
    }

    private ArtifactStore store;
    private final List<TaskEvent> events = new CopyOnWriteArrayList<>();
    private StageRunner runner;

    @BeforeEach
    void connect(Devstack devstack) {
        store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        runner = new StageRunner(new Echo(), store, events::add);
    }

    private static TaskRequest task(String text, boolean fail) {
        return TaskRequest.of("echo", Json.MAPPER.createObjectNode().put("text", text).put("fail", fail), Map.of());
    }

    @Test
    void aTaskRunsPublishesItsManifestAndTellsEachStep() {
        TaskEvent result = runner.run(task("hello", false));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type());
        assertEquals(runner.outputPrefix(task("hello", false)), result.output());
        assertEquals(5.0, store.manifest(result.output()).orElseThrow().metrics().get("bytes"));
        assertEquals(List.of(TaskEvent.Type.STARTED, TaskEvent.Type.PROGRESS, TaskEvent.Type.SUCCEEDED),
                events.stream().map(TaskEvent::type).toList());
    }

    @Test
    void theContentKeyIgnoresTheTaskIdAndTheOrderOfParameters() {
        var a = TaskRequest.of("echo", Json.MAPPER.createObjectNode().put("text", "x").put("fail", false), Map.of());
        var b = TaskRequest.of("echo", Json.MAPPER.createObjectNode().put("fail", false).put("text", "x"), Map.of());
        assertEquals(runner.contentKey(a), runner.contentKey(b));
        assertFalse(runner.contentKey(a).equals(runner.contentKey(task("y", false))));
    }

    @Test
    void aFailingTaskPublishesNothingAndSaysWhy() {
        TaskEvent result = runner.run(task("doomed", true));

        assertEquals(TaskEvent.Type.FAILED, result.type());
        assertTrue(result.error().contains("asked to fail"), result.error());
        assertFalse(store.isPublished(runner.outputPrefix(task("doomed", true))));
    }

    @Test
    void aTaskForAnotherStageOrWithBadParametersIsRefusedBeforeAnyWork() {
        TaskEvent wrongStage = runner.run(TaskRequest.of("augmenter", null, null));
        TaskEvent badParams = runner.run(TaskRequest.of("echo", Json.MAPPER.createObjectNode().put("text", 3), null));

        assertTrue(wrongStage.error().startsWith("invalid task: stage"), wrongStage.error());
        assertTrue(badParams.error().startsWith("invalid task: params.text"), badParams.error());
        assertTrue(events.stream().noneMatch(e -> e.type() == TaskEvent.Type.STARTED));
    }
}
