package dev.robucap.augmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.devstack.DevstackTestResource;
import dev.robucap.devstack.load.TriggerBurst;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
        long heapBefore = TriggerBurst.retainedHeap();

        // distinct qualities: distinct content keys, so that every accepted task really runs
        var outcome = burst.fireAndFollow(REQUESTS, i -> "{\"params\": {\"quality\": " + (i + 1)
                + ", \"resave\": 75}, \"inputs\": {\"images\": \"" + dataset + "\"}}", QUEUE,
                Duration.ofMinutes(3));

        assertEquals(List.of(), outcome.problems());
        assertEquals(REQUESTS, outcome.answers().size());
        long growth = TriggerBurst.retainedHeap() - heapBefore;
        assertTrue(growth < HEAP_GROWTH_BOUND, "retained heap grew by " + (growth >> 20) + " MiB");
    }
}
