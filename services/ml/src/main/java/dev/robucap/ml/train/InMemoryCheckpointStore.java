package dev.robucap.ml.train;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints in a map: for tests. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void save(String name, byte[] data) {
        objects.put(name, data.clone());
    }

    @Override
    public Optional<byte[]> load(String name) {
        return Optional.ofNullable(objects.get(name)).map(byte[]::clone);
    }

    @Override
    public void delete(String name) {
        objects.remove(name);
    }

    /** The names held now. */
    public Set<String> names() {
        return Set.copyOf(objects.keySet());
    }
}
