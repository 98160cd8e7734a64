package dev.robucap.ml.train;

import java.util.Optional;

/**
 * Where a training run keeps its checkpoints, by name. The trainer writes a checkpoint object first and then the
 * small pointer {@value Checkpoint#LATEST}, so a reader never sees a pointer to a missing object.
 */
public interface CheckpointStore {

    void save(String name, byte[] data);

    Optional<byte[]> load(String name);
}
