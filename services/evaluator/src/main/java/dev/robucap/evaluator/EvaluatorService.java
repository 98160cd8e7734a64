package dev.robucap.evaluator;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.ml.Djl;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/** The evaluator service: the shared stage runtime around the evaluations (image quality, top-1). */
@ApplicationScoped
public class EvaluatorService {

    static {
        Djl.offlineByDefault();
    }

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        var limits = new DecodeLimits(config.images().maxPixels());
        int threads = config.tasks().threads();
        return new EvaluatorStage(Map.of(ImageQualityStage.KIND, new ImageQualityStage(threads, limits),
                Top1Stage.KIND, new Top1Stage(threads, limits)));
    }
}
