package dev.robucap.common.task;

import dev.robucap.common.store.ArtifactStore;
import java.time.Duration;
import java.util.Map;

/** What a running task may use: the store, where its outputs go, and a way to report progress. */
public interface TaskContext {

    ArtifactStore store();

    String contentKey();

    /** Prefix under which the task writes its outputs; the runner writes the manifest there last. */
    String outputPrefix();

    /** Prefix (ending in "/") for the task's resumable state, e.g. checkpoints; a forced run starts without it. */
    String checkpointPrefix();

    /** Reports progress (fraction 0..1); cheap to call often: the runner rate-limits the events it sends. */
    default void progress(double fraction, String message) {
        progress(fraction, message, Map.of());
    }

    /** Progress with figures for machines (epoch, loss, images per second, …), sent as the event's metrics. */
    void progress(double fraction, String message, Map<String, Double> metrics);

    /** Progress that must not be rate-limited away (an epoch's result): always sent. */
    void milestone(double fraction, String message, Map<String, Double> metrics);

    /** A remaining time as progress messages show it: "1h5m", "4m30s". */
    static String eta(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m"
                : d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
}
