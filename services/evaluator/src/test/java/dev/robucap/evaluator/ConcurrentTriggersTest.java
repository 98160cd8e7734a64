package dev.robucap.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
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
 * 50 REST triggers at once on the evaluator (issue #7, load; no timing asserted): every request answered 202 with a
 * task id or 429 with Retry-After, none dropped or 5xx; every accepted task ends; the queue bound holds and the heap
 * comes back (the bound as in the augmenter's ConcurrentTriggersTest).
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ConcurrentTriggersTest {

    static final int REQUESTS = 50;
    static final int QUEUE = 16;
    static final long HEAP_GROWTH_BOUND = 48L << 20;

    @Inject
    ArtifactStore store;

    @TestHTTPResource("/")
    URI base;

    private static RgbImage picture(int seed) {
        byte[] rgb = new byte[16 * 16 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7 + seed * 31);
        }
        return new RgbImage(16, 16, rgb);
    }

    @Test
    void fiftyImageQualityTriggersAtOnceAreAllAnsweredAndEveryAcceptedTaskEnds() throws Exception {
        String run = UUID.randomUUID().toString();
        String originals = "datasets/burst-" + run;
        String compressed = "augmented/burst-" + run;
        var entries = new java.util.ArrayList<Manifest.Entry>();
        for (int i = 0; i < 2; i++) {
            store.put(originals + "/" + i + ".jpg", Jpeg.encode(picture(i), 95), "image/jpeg");
            byte[] copy = Jpeg.encode(picture(i), 30);
            store.put(compressed + "/" + i + ".jpg", copy, "image/jpeg");
            entries.add(new Manifest.Entry(i + ".jpg", copy.length, originals + "/" + i + ".jpg"));
        }
        // the evaluator reads a compressed set through the augmenter's manifest (each entry names its source)
        store.publish(compressed, new Manifest(Manifest.SCHEMA, "augmenter", "burst", "burst", java.time.Instant.now(),
                null, java.util.Map.of(), entries, java.util.List.of(), java.util.Map.of()));
        var burst = new TriggerBurst(base, null);
        long heapBefore = TriggerBurst.retainedHeap();

        // a ladder of one quality per request: distinct content keys, every accepted task really runs
        var outcome = burst.fireAndFollow(REQUESTS, i -> "{\"params\": {\"kind\": \"image-quality\","
                + " \"ladder\": [" + (i + 1) + "]}, \"inputs\": {\"originals\": \"" + originals + "\", \"q" + (i + 1)
                + "\": \"" + compressed + "\"}}", QUEUE,
                Duration.ofMinutes(3));

        assertEquals(List.of(), outcome.problems());
        assertEquals(REQUESTS, outcome.answers().size());
        long growth = TriggerBurst.retainedHeap() - heapBefore;
        assertTrue(growth < HEAP_GROWTH_BOUND, "retained heap grew by " + (growth >> 20) + " MiB");
    }
}
