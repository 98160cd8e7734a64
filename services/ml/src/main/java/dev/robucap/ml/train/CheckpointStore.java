package dev.robucap.ml.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a training run keeps its checkpoints, by name. {@link #saveLatest} writes a checkpoint object first and then
 * the small pointer {@value Checkpoint#LATEST}, so a reader never sees a pointer to a missing object; only then does
 * it delete the checkpoint the pointer named before, so that a run keeps one checkpoint (and its best weights).
 */
public interface CheckpointStore {

    void save(String name, byte[] data);

    Optional<byte[]> load(String name);

    /** Removes a checkpoint nothing points at any more (a missing one is no error). */
    void delete(String name);

    /** The newest checkpoint's bytes, if a run has saved one. */
    default Optional<byte[]> loadLatest() {
        return load(Checkpoint.LATEST).map(pointer -> {
            String name = pointed(pointer);
            return load(name).orElseThrow(() -> new IllegalStateException(Checkpoint.LATEST + " names a missing "
                    + name));
        });
    }

    /** Saves a checkpoint as {@code name}, makes it the newest, and deletes the one it replaces. */
    default void saveLatest(String name, byte[] data) {
        String previous = load(Checkpoint.LATEST).map(CheckpointStore::pointed).orElse(null);
        save(name, data);
        try {
            save(Checkpoint.LATEST, Json.MAPPER.writeValueAsBytes(new Checkpoint.Pointer(name)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (previous != null && !previous.equals(name)) {
            delete(previous); // nothing points at it any more
        }
    }

    private static String pointed(byte[] pointer) {
        try {
            return Json.MAPPER.readValue(pointer, Checkpoint.Pointer.class).checkpoint();
        } catch (IOException e) {
            throw new IllegalStateException("corrupt " + Checkpoint.LATEST + ": " + e.getMessage(), e);
        }
    }
}
