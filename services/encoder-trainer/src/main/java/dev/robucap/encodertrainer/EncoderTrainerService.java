package dev.robucap.encodertrainer;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The encoder-trainer service as a skeleton: it starts, serves health, metrics and OpenAPI, consumes its task topic, and
 * refuses every task with a clear reason until the stage itself arrives (issue #3: train the ResNet-18 image encoder).
 */
@ApplicationScoped
public class EncoderTrainerService {

    @Produces
    @ApplicationScoped
    Stage stage() {
        return new Stage() {
            @Override
            public String name() {
                return "encoder-trainer";
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
                throw new InvalidTaskException("stage", "encoder-trainer cannot run tasks yet: it arrives with issue #3");
            }

            @Override
            public Manifest run(TaskRequest task, TaskContext context) {
                throw new IllegalStateException("validate refuses every task");
            }
        };
    }
}
