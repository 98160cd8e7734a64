package dev.robucap.encodertrainer;

import dev.robucap.common.task.Stage;
import dev.robucap.stage.UnavailableStage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The encoder-trainer service, a skeleton until issue #3 (train the ResNet-18 image encoder). */
@ApplicationScoped
public class EncoderTrainerService {

    @Produces
    @ApplicationScoped
    Stage stage() {
        return new UnavailableStage("encoder-trainer", "models", 3);
    }
}
