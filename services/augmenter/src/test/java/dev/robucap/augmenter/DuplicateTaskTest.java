package dev.robucap.augmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.Json;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.DevstackTestResource;
import dev.robucap.stage.TaskService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * One task request delivered twice (Kafka redelivers it to a second consumer after a rebalance, or it comes over
 * REST and Kafka): it runs to completion once; the other delivery answers from the published output.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class DuplicateTaskTest {

    @Inject
    ArtifactStore store;

    @Inject
    TaskService tasks;

    @Test
    void theSameTaskDeliveredTwiceAtOnceRunsOnce() throws Exception {
        String dataset = "datasets/dup-" + UUID.randomUUID();
        for (int i = 0; i < 24; i++) {
            store.put(dataset + "/" + i + ".jpg", Jpeg.encode(TestImages.pattern(64, 48, i), 95), "image/jpeg");
        }
        var params = Json.MAPPER.createObjectNode().put("quality", 33).put("resave", 75);
        TaskRequest task = TaskRequest.of("augmenter", params, Map.of("images", dataset));
        var go = new CountDownLatch(1);

        List<CompletableFuture<TaskEvent>> runs = List.of(
                CompletableFuture.supplyAsync(() -> awaitThenRun(go, task)),
                CompletableFuture.supplyAsync(() -> awaitThenRun(go, task)));
        go.countDown();
        List<TaskEvent> results = runs.stream().map(CompletableFuture::join).toList();

        assertEquals(List.of(TaskEvent.Type.SUCCEEDED, TaskEvent.Type.SUCCEEDED),
                results.stream().map(TaskEvent::type).toList());
        assertEquals(1, results.stream().filter(e -> e.message().startsWith("cached")).count(),
                "one delivery ran the task, the other found it published: " + results);
        assertEquals(results.get(0).output(), results.get(1).output());
        assertEquals(24, store.manifest(results.get(0).output()).orElseThrow().entries().size());
    }

    private TaskEvent awaitThenRun(CountDownLatch go, TaskRequest task) {
        try {
            go.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return tasks.run(task);
    }
}
