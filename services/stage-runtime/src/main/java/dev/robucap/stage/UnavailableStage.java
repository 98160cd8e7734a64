package dev.robucap.stage;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;

/**
 * A stage whose service is deployed before its work is written: it starts and serves the whole API, and refuses
 * every task with the issue that brings it, instead of pretending to run.
 */
public record UnavailableStage(String name, String outputKind, int issue) implements Stage {

    @Override
    public String version() {
        return "0";
    }

    @Override
    public void validate(TaskRequest task) {
        throw new InvalidTaskException("stage", name + " cannot run tasks yet: it arrives with issue #" + issue);
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) {
        throw new IllegalStateException("validate refuses every task");
    }
}
