package dev.robucap.encodertrainer;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The encoder-trainer service: the shared stage runtime around {@link EncoderTrainStage}. */
@ApplicationScoped
public class EncoderTrainerService {

    static {
        // Never download an engine at run time: the natives come from the pytorch-native-cpu jar (or the GPU image).
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return new EncoderTrainStage(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
