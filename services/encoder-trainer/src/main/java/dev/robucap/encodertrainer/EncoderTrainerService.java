package dev.robucap.encodertrainer;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.ml.Djl;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The encoder-trainer service: the shared stage runtime around {@link EncoderTrainStage}. */
@ApplicationScoped
public class EncoderTrainerService {

    static {
        Djl.offlineByDefault();
    }

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return new EncoderTrainStage(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
