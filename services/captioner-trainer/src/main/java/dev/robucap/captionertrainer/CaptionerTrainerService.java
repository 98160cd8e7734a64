package dev.robucap.captionertrainer;

import dev.robucap.common.task.Stage;
import dev.robucap.stage.UnavailableStage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The captioner-trainer service, a skeleton until issue #4 (train the Show, Attend and Tell captioner). */
@ApplicationScoped
public class CaptionerTrainerService {

    @Produces
    @ApplicationScoped
    Stage stage() {
        return new UnavailableStage("captioner-trainer", "models", 4);
    }
}
