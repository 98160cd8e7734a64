package dev.robucap.captionertrainer;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.ml.Djl;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The captioner-trainer service: the shared stage runtime around {@link CaptionTrainStage}. */
@ApplicationScoped
public class CaptionerTrainerService {

    static {
        Djl.offlineByDefault();
    }

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return new CaptionTrainStage(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
