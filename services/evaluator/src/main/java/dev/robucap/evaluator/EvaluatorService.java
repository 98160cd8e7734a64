package dev.robucap.evaluator;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/** The evaluator service: the shared stage runtime around the evaluations (image quality, top-1). */
@ApplicationScoped
public class EvaluatorService {

    static {
        // Never download an engine at run time: the natives come from the pytorch-native-cpu jar (or the GPU image).
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
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
