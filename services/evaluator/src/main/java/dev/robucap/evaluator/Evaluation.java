package dev.robucap.evaluator;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;

/**
 * One kind of evaluation the evaluator stage runs, chosen by {@code params.kind}; its code version is in
 * {@link dev.robucap.common.task.StageCatalog}.
 */
interface Evaluation {

    /** Checks a request before any work is done; throws {@code InvalidTaskException} naming the field. */
    void validate(TaskRequest task);

    /** Writes the outputs under {@code context.outputPrefix()} and returns the manifest to publish. */
    Manifest run(TaskRequest task, TaskContext context) throws Exception;
}
