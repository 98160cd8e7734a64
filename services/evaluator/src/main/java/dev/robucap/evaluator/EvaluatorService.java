package dev.robucap.evaluator;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The evaluator service: the shared stage runtime around the evaluations (image quality in this version). */
@ApplicationScoped
public class EvaluatorService {

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return new ImageQualityStage(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
