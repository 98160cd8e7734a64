package dev.robucap.augmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.devstack.DevstackTestResource;
import dev.robucap.devstack.load.TriggerBurst;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 50 REST triggers at once (issue #7, load; no timing asserted): every request is answered 202 with a task id or
 * 429 with Retry-After, none dropped or 5xx; every accepted task ends; the queue bound holds and the heap comes back.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ConcurrentTriggersTest {

    static final int REQUESTS = 50;
    /** {@code robucap.tasks.queue}'s default: accepted and not yet running. */
    static final int QUEUE = 16;
    /**
     * Retained heap after the burst, over before: the service keeps the events of its last 1000 tasks (a few hundred
     * bytes each) and nothing of a task's images once it ended; 50 tasks of two tiny images leave well under 1 MiB.
     * The bound leaves room for what Kafka's and S3Proxy's clients in this same JVM grow by, and still catches a
     * task that would keep its images or its pool thread.
     */
    static final long HEAP_GROWTH_BOUND = 48L << 20;

    @Inject
    ArtifactStore store;

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiftyTriggersAtOnceAreAllAnsweredAndEveryAcceptedTaskEnds() throws Exception {
        String dataset = "datasets/burst-" + UUID.randomUUID();
        store.put(dataset + "/a.jpg", Jpeg.encode(TestImages.pattern(16, 16, 1), 90), "image/jpeg");
        store.put(dataset + "/b.jpg", Jpeg.encode(TestImages.pattern(16, 16, 2), 90), "image/jpeg");
        var burst = new TriggerBurst(base, null);
        long heapBefore = retainedHeap();

        // distinct qualities: distinct content keys, so that every accepted task really runs
        List<TriggerBurst.Answer> answers = burst.fire(REQUESTS, i -> "{\"params\": {\"quality\": " + (i + 1)
                + ", \"resave\": 75}, \"inputs\": {\"images\": \"" + dataset + "\"}}");

        assertEquals(REQUESTS, answers.size());
        for (TriggerBurst.Answer a : answers) {
            assertTrue(a.status() == 202 || a.status() == 429, "answered 202 or 429, not " + a);
            if (a.status() == 202) {
                assertNotNull(a.taskId(), a.body());
            } else {
                assertNotNull(a.retryAfter(), "a 429 says when to retry: " + a);
            }
        }
        List<String> accepted = answers.stream().filter(a -> a.status() == 202).map(TriggerBurst.Answer::taskId)
                .toList();
        assertTrue(accepted.size() >= 1 + QUEUE, "at least the running task and a full queue: " + accepted.size());
        assertTrue(TriggerBurst.metric(burst.get("q/metrics"), "robucap_tasks_queued") <= QUEUE);

        var ends = burst.awaitEnds(accepted, Duration.ofMinutes(3));
        ends.forEach((id, end) -> {
            assertNotNull(end, "task " + id + " did not end within 3 minutes");
            assertEquals("SUCCEEDED", end.type(), id + ": " + end.error());
        });
        long growth = retainedHeap() - heapBefore;
        assertTrue(growth < HEAP_GROWTH_BOUND, "retained heap grew by " + (growth >> 20) + " MiB");
    }

    static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
