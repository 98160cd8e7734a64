package dev.robucap.operator;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.robucap.common.Json;
import dev.robucap.common.spec.Experiment;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** {@link OperatorConfig} as plain values (pools parsed), so the reconciliation can be built without Quarkus. */
public record Settings(String kafkaBootstrapServers, String s3Endpoint, String s3Bucket, String s3Secret,
                       String imageRegistry, String imageTag, String imagePullPolicy, Set<String> jobStages,
                       String defaultPool, Map<String, Experiment.Pool> pools, Duration retryBackoff,
                       Duration pollInterval, JobTls tls) {

    /** At most this long between a failed Job and its next attempt. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    public static Settings from(OperatorConfig config) {
        OperatorConfig.Operator op = config.operator();
        return new Settings(config.kafkaBootstrapServers(), config.s3().endpoint(), config.s3().bucket(),
                op.s3Secret(), op.imageRegistry(), op.imageTag(), op.imagePullPolicy(),
                new LinkedHashSet<>(op.jobStages()), op.defaultPool(), parsePools(op.pools()), op.retryBackoff(),
                op.pollInterval(), new JobTls(op.kafkaClientSecret().orElse(null), op.kafkaTlsSecret().orElse(null),
                op.s3TruststoreSecret().orElse(null), op.s3TruststorePassword().orElse(null)));
    }

    /** {@code ROBUCAP_OPERATOR_POOLS}: refused at start-up, with the reason, when it is not a JSON object of pools. */
    public static Map<String, Experiment.Pool> parsePools(String json) {
        try {
            Map<String, Experiment.Pool> pools = Json.MAPPER.readValue(json, new TypeReference<>() { });
            return pools == null ? Map.of() : pools;
        } catch (IOException e) {
            throw new IllegalArgumentException("ROBUCAP_OPERATOR_POOLS is not a JSON object of pools {nodeSelector, "
                    + "tolerations, gpusPerTask, maxParallel, priorityClassName, resources, maxAttempts}: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Wait before attempt {@code next} (2, 3, ...): the backoff, doubled per further attempt, capped. */
    Duration backoffBefore(int next) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(Math.max(next - 2, 0), 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
