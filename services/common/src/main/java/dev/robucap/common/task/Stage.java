package dev.robucap.common.task;

import dev.robucap.common.store.Manifest;

/**
 * One kind of work (augment, evaluate, train, …). The REST trigger, the Kafka consumer and the job mode of a
 * stage service all end in {@link StageRunner}, which calls {@link #run}: one code path however a task arrives.
 */
public interface Stage {

    /** The stage's name: the Kafka topic suffix and the first word of its output prefix. */
    String name();

    /**
     * Bumped whenever the stage's output for the same inputs changes; part of every content key. From
     * {@link StageCatalog}, where the planner finds it too.
     */
    default String version(TaskRequest task) {
        return StageCatalog.version(name(), task.params());
    }

    /** Top-level S3 folder of the outputs: {@code augmented}, {@code metrics}, {@code models}, … (StageCatalog's). */
    default String outputKind() {
        return StageCatalog.outputKind(name());
    }

    /** Checks a request before any work is done; throws {@link InvalidTaskException} naming the field. */
    void validate(TaskRequest task);

    /**
     * Does the work: writes objects under {@code context.outputPrefix()} and returns the manifest to publish
     * (the runner publishes it, last). Reports progress through the context.
     */
    Manifest run(TaskRequest task, TaskContext context) throws Exception;
}
