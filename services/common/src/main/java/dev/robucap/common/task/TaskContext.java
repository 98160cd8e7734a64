package dev.robucap.common.task;

/** What a running task may use: where its outputs go and how to report progress. */
public interface TaskContext {

    String contentKey();

    /** Prefix under which the task writes its outputs; the manifest goes last to {@code <prefix>/manifest.json}. */
    String outputPrefix();

    /** Reports progress (fraction 0..1); cheap to call often, events are rate-limited by the runner. */
    void progress(double fraction, String message);
}
