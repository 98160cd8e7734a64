package dev.robucap.ml.train;

import dev.robucap.common.store.ArtifactStore;
import java.util.Optional;

/** Checkpoints as S3 objects under {@code prefix}; each PUT is atomic, and the trainer writes the pointer last. */
public final class ArtifactCheckpointStore implements CheckpointStore {

    private final ArtifactStore store;
    private final String prefix;

    /** {@code prefix} ends with "/", e.g. {@code models/<task key>/checkpoints/}. */
    public ArtifactCheckpointStore(ArtifactStore store, String prefix) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a checkpoint prefix ends with '/': " + prefix);
        }
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public void save(String name, byte[] data) {
        store.put(prefix + name, data, name.endsWith(".json") ? "application/json" : "application/octet-stream");
    }

    @Override
    public Optional<byte[]> load(String name) {
        return store.exists(prefix + name) ? Optional.of(store.getBytes(prefix + name)) : Optional.empty();
    }

    @Override
    public void delete(String name) {
        store.delete(prefix + name);
    }
}
