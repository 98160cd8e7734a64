package dev.robucap.operator;

import dev.robucap.common.spec.Experiment;
import dev.robucap.common.spec.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Job stage's tasks run and with what: the pool (the operator's pools, overridden or added to by the
 * spec's) and the stage's own {@code spec.resources} on top of the pool's.
 */
public record Placement(String poolName, Experiment.Pool pool, int gpus, int maxParallel, int maxAttempts,
                        String cpu, String memory) {

    static final int DEFAULT_MAX_PARALLEL = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * The placement of a stage's tasks, or empty when they go to the stage Deployments over Kafka. A stage runs as
     * Jobs when the operator lists it or the spec gives it a pool; an unknown pool is the spec's fault.
     */
    public static Optional<Placement> of(Settings settings, Experiment.Spec spec, String stage) {
        Experiment.StageResources resources = spec.resources() == null ? null : spec.resources().get(stage);
        String named = resources == null ? null : resources.pool();
        if (named == null && !settings.jobStages().contains(stage)) {
            return Optional.empty();
        }
        String poolName = named != null ? named : settings.defaultPool();
        Map<String, Experiment.Pool> pools = new LinkedHashMap<>(settings.pools());
        if (spec.pools() != null) {
            pools.putAll(spec.pools());
        }
        Experiment.Pool pool = pools.get(poolName);
        if (pool == null) {
            throw new InvalidSpecException("spec.resources." + stage + ".pool", "no pool " + poolName
                    + (named == null ? " (the operator's default pool)" : "") + "; pools: " + List.copyOf(pools.keySet()));
        }
        int gpus = resources != null && resources.gpus() != null ? resources.gpus()
                : pool.gpusPerTask() == null ? 0 : pool.gpusPerTask();
        return Optional.of(new Placement(poolName, pool, gpus,
                pool.maxParallel() == null ? DEFAULT_MAX_PARALLEL : pool.maxParallel(),
                pool.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : pool.maxAttempts(),
                resources == null ? null : resources.cpu(), resources == null ? null : resources.memory()));
    }
}
