package dev.robucap.evaluator.serving;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The models loaded lately, by prefix: at most {@code size}, the least recently used unloaded when another one has
 * loaded. A model asked for by several requests at once is loaded once, by the first; a failed load is not
 * remembered, so the next request tries again, and evicts nothing. Unloading must let a request that still
 * holds the model finish or notice ({@link ServedCaptioner#caption}).
 */
final class ModelCache<V> implements AutoCloseable {

    private final int size;
    private final Function<String, V> load;
    private final Consumer<V> unload;
    private final Map<String, CompletableFuture<V>> loaded = new LinkedHashMap<>(16, 0.75f, true);

    ModelCache(int size, Function<String, V> load, Consumer<V> unload) {
        if (size < 1) {
            throw new IllegalArgumentException("the cache must hold at least one model, not " + size);
        }
        this.size = size;
        this.load = load;
        this.unload = unload;
    }

    /** The model of {@code prefix}; rethrows what loading it threw. */
    V get(String prefix) {
        CompletableFuture<V> future;
        boolean loader;
        synchronized (loaded) {
            future = loaded.get(prefix);
            loader = future == null;
            if (loader) {
                future = new CompletableFuture<>();
                loaded.put(prefix, future);
            }
        }
        if (loader) {
            load(prefix, future);
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Evicts only once the load succeeded: requests for models that do not exist unload nothing. */
    private void load(String prefix, CompletableFuture<V> future) {
        V model;
        try {
            model = load.apply(prefix);
        } catch (RuntimeException | Error e) {
            synchronized (loaded) {
                loaded.remove(prefix, future);
            }
            future.completeExceptionally(e);
            return;
        }
        List<CompletableFuture<V>> evicted = new ArrayList<>();
        synchronized (loaded) {
            Iterator<Map.Entry<String, CompletableFuture<V>>> eldest = loaded.entrySet().iterator();
            while (loaded.size() > size && eldest.hasNext()) {
                Map.Entry<String, CompletableFuture<V>> entry = eldest.next();
                if (!entry.getKey().equals(prefix)) {
                    evicted.add(entry.getValue());
                    eldest.remove();
                }
            }
        }
        future.complete(model);
        evicted.forEach(f -> f.thenAccept(unload)); // a model still loading is unloaded when done
    }

    /** Unloads every model. */
    @Override
    public void close() {
        synchronized (loaded) {
            loaded.values().forEach(f -> f.thenAccept(unload));
            loaded.clear();
        }
    }
}
