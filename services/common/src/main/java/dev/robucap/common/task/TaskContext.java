package dev.robucap.common.task;

import dev.robucap.common.store.ArtifactStore;

/** What a running task may use: the store, where its outputs go, and a way to report progress. */
public interface TaskContext {

    ArtifactStore store();

    String contentKey();

    /** Prefix under which the task writes its outputs; the runner writes the manifest there last. */
    String outputPrefix();

    /** Reports progress (fraction 0..1); cheap to call often: the runner rate-limits the events it sends. */
    void progress(double fraction, String message);
}
