package dev.robucap.evaluator.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

    private final List<String> loads = new CopyOnWriteArrayList<>();
    private final List<String> unloads = new CopyOnWriteArrayList<>();

    private ModelCache<String> cache(int size) {
        return new ModelCache<>(size, prefix -> {
            loads.add(prefix);
            return prefix;
        }, unloads::add);
    }

    @Test
    void keepsTheMostRecentlyUsedModelsAndUnloadsTheOthers() {
        var cache = cache(2);
        cache.get("a");
        cache.get("b");
        cache.get("a");
        cache.get("c");
        cache.get("a");

        assertEquals(List.of("a", "b", "c"), loads);
        assertEquals(List.of("b"), unloads);
        cache.close();
        assertEquals(List.of("b", "c", "a"), unloads, "least recently used first");
    }

    @Test
    void aFailedLoadIsNotRememberedSoTheNextRequestTriesAgain() {
        AtomicInteger tries = new AtomicInteger();
        var cache = new ModelCache<String>(2, prefix -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("store down");
            }
            return prefix;
        }, unloads::add);

        var e = assertThrows(IllegalStateException.class, () -> cache.get("a"));
        assertEquals("store down", e.getMessage());
        assertEquals("a", cache.get("a"));
        assertEquals(2, tries.get());
    }

    @Test
    void askingForModelsThatDoNotExistUnloadsNothing() {
        var cache = new ModelCache<String>(1, prefix -> {
            if (prefix.startsWith("unknown")) {
                throw new IllegalArgumentException("no model " + prefix);
            }
            loads.add(prefix);
            return prefix;
        }, unloads::add);
        cache.get("a");

        assertThrows(IllegalArgumentException.class, () -> cache.get("unknown-1"));
        assertThrows(IllegalArgumentException.class, () -> cache.get("unknown-2"));
        cache.get("a");

        assertEquals(List.of("a"), loads);
        assertEquals(List.of(), unloads);
    }

    @Test
    void requestsThatAskAtOnceShareOneLoad() throws Exception {
        var release = new CountDownLatch(1);
        var loading = new CountDownLatch(1);
        var cache = new ModelCache<Object>(1, prefix -> {
            loads.add(prefix);
            loading.countDown();
            await(release);
            return new Object();
        }, model -> { });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> first = pool.submit(() -> cache.get("a"));
            await(loading);
            Future<Object> second = pool.submit(() -> cache.get("a"));
            release.countDown();

            assertSame(first.get(), second.get());
            assertEquals(List.of("a"), loads);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
