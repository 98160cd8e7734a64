package dev.robucap.evaluator.serving;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of {@code POST /v1/captions}, e.g. {@code ROBUCAP_SERVING_MAX_BYTES=50M}. The pixel limit of an
 * upload is the stage's {@code robucap.images.max-pixels}.
 */
@ConfigMapping(prefix = "robucap.serving")
public interface ServingConfig {

    /**
     * Larger uploads are refused with 413 before their body is read; also the service's HTTP body limit, which is
     * why its default (20M) is set in application.properties.
     */
    MemorySize maxBytes();

    /** Captioners kept loaded, the least recently used one unloaded beyond. */
    @WithDefault("2")
    int models();

    /** The widest beam a request may ask for: memory and time grow with it. */
    @WithDefault("10")
    int maxBeamSize();
}
