package dev.robucap.captionertrainer;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The captioner-trainer service as a skeleton: it starts, serves health, metrics and OpenAPI, consumes its task topic, and
 * refuses every task with a clear reason until the stage itself arrives (issue #4: train the Show, Attend and Tell captioner).
 */
@ApplicationScoped
public class CaptionerTrainerService {

    @Produces
    @ApplicationScoped
    Stage stage() {
        return new Stage() {
            @Override
            public String name() {
                return "captioner-trainer";
            }

            @Override
            public String version() {
                return "0";
            }

            @Override
            public String outputKind() {
                return "models";
            }

            @Override
            public void validate(TaskRequest task) {
                throw new InvalidTaskException("stage", "captioner-trainer cannot run tasks yet: it arrives with issue #4");
            }

            @Override
            public Manifest run(TaskRequest task, TaskContext context) {
                throw new IllegalStateException("validate refuses every task");
            }
        };
    }
}
