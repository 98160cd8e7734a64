package dev.robucap.evaluator;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.ml.Djl;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The evaluator service: the shared stage runtime around the evaluations (image quality, top-1, BLEU). */
@ApplicationScoped
public class EvaluatorService {

    static {
        Djl.offlineByDefault();
    }

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return EvaluatorStage.of(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
