package dev.robucap.ml.train;

import java.util.Optional;

/**
 * Where a training run keeps its checkpoints, by name. The trainer writes a checkpoint object first and then the
 * small pointer {@value Checkpoint#LATEST}, so a reader never sees a pointer to a missing object; only then does it
 * delete the checkpoint the pointer named before, so that a run keeps one checkpoint and one best-weights object.
 */
public interface CheckpointStore {

    void save(String name, byte[] data);

    Optional<byte[]> load(String name);

    /** Removes a checkpoint nothing points at any more (a missing one is no error). */
    void delete(String name);
}
