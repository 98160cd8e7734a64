package dev.robucap.augmenter;

import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.task.Stage;
import dev.robucap.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The augmenter service: the shared stage runtime around {@link AugmentStage}. */
@ApplicationScoped
public class AugmenterService {

    @Produces
    @ApplicationScoped
    Stage stage(StageConfig config) {
        return new AugmentStage(config.tasks().threads(), new DecodeLimits(config.images().maxPixels()));
    }
}
