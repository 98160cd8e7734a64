package dev.robucap.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's configuration; the Helm chart sets these environment variables:
 * <ul>
 * <li>{@code KAFKA_BOOTSTRAP_SERVERS}: Kafka, for the task topics and {@code robucap.events};</li>
 * <li>{@code ROBUCAP_S3_ENDPOINT}, {@code ROBUCAP_S3_BUCKET}, {@code ROBUCAP_S3_ACCESS_KEY},
 * {@code ROBUCAP_S3_SECRET_KEY}: the artifact store, where the operator looks for published outputs;</li>
 * <li>{@code ROBUCAP_OPERATOR_S3_SECRET}: the Secret (keys {@code accessKey}, {@code secretKey}) whose keys the
 * Jobs get by secretKeyRef;</li>
 * <li>{@code ROBUCAP_OPERATOR_IMAGE_REGISTRY} ({@code ghcr.io/robucap}), {@code ROBUCAP_OPERATOR_IMAGE_TAG}
 * ({@code 0.1.0}), {@code ROBUCAP_OPERATOR_IMAGE_PULL_POLICY} ({@code IfNotPresent}): a Job's image is
 * {@code <registry>/<stage>:<tag>}, or {@code <registry>/<stage>-gpu:<tag>} (the CUDA build) when it gets GPUs;</li>
 * <li>{@code ROBUCAP_OPERATOR_JOB_STAGES} ({@code encoder-trainer,captioner-trainer}): stages whose tasks run as
 * Jobs (so does a stage given a pool in {@code spec.resources}); the others go to the stage Deployments over
 * Kafka;</li>
 * <li>{@code ROBUCAP_OPERATOR_DEFAULT_POOL} ({@code gpu}): the pool of a Job stage that names none;</li>
 * <li>{@code ROBUCAP_OPERATOR_POOLS}: JSON object, pool name → {@code {"nodeSelector": {..}, "tolerations":
 * [..], "gpusPerTask": 1, "maxParallel": 2, "priorityClassName": "", "resources": {"requests": {..}, "limits":
 * {..}}, "maxAttempts": 3}}; a spec's {@code pools} override or add pools by name;</li>
 * <li>{@code ROBUCAP_OPERATOR_RETRY_BACKOFF} ({@code 30S}): the wait before a failed Job's second attempt, doubled
 * for each further one (at most 10 minutes);</li>
 * <li>{@code ROBUCAP_OPERATOR_POLL_INTERVAL} ({@code 10S}): how often an experiment with tasks on Kafka is looked at
 * again (Jobs wake it up by themselves);</li>
 * <li>{@code ROBUCAP_OPERATOR_KAFKA_CLIENT_SECRET}, {@code ROBUCAP_OPERATOR_KAFKA_TLS_SECRET},
 * {@code ROBUCAP_OPERATOR_S3_TRUSTSTORE_SECRET}, {@code ROBUCAP_OPERATOR_S3_TRUSTSTORE_PASSWORD} (none): what the
 * Jobs mount to reach Kafka and S3 over TLS, as the chart mounts them into the Deployments ({@link JobTls});</li>
 * <li>{@code ROBUCAP_OPERATOR_LEADER_ELECTION} ({@code false}): replicas elect one active operator through the
 * Lease {@code robucap-operator} in their namespace (prod profile only).</li>
 * </ul>
 */
@ConfigMapping(prefix = "robucap")
public interface OperatorConfig {

    S3 s3();

    Operator operator();

    @WithName("kafka.bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String kafkaBootstrapServers();

    interface S3 {
        String endpoint();

        Optional<String> accessKey();

        Optional<String> secretKey();

        @WithDefault("robucap")
        String bucket();
    }

    interface Operator {
        @WithName("s3-secret")
        @WithDefault("robucap-s3")
        String s3Secret();

        @WithName("image.registry")
        @WithDefault("ghcr.io/robucap")
        String imageRegistry();

        @WithName("image.tag")
        @WithDefault("0.1.0")
        String imageTag();

        @WithName("image.pull-policy")
        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        @WithName("job.stages")
        @WithDefault("encoder-trainer,captioner-trainer")
        List<String> jobStages();

        @WithName("default.pool")
        @WithDefault("gpu")
        String defaultPool();

        /** JSON; the default is one GPU pool that tolerates the usual {@code nvidia.com/gpu} taint. */
        @WithDefault("{\"gpu\": {\"tolerations\": [{\"key\": \"nvidia.com/gpu\", \"operator\": \"Exists\", "
                + "\"effect\": \"NoSchedule\"}], \"gpusPerTask\": 1, \"maxParallel\": 2, \"maxAttempts\": 3}}")
        String pools();

        @WithName("retry.backoff")
        @WithDefault("30S")
        Duration retryBackoff();

        @WithName("poll.interval")
        @WithDefault("10S")
        Duration pollInterval();

        /** Secret whose key {@code client.properties} the Jobs' Kafka clients read (TLS, SASL); none = plain. */
        @WithName("kafka-client-secret")
        Optional<String> kafkaClientSecret();

        /** Secret with the files {@code client.properties} refers to, mounted at /etc/robucap/kafka/tls/. */
        @WithName("kafka-tls-secret")
        Optional<String> kafkaTlsSecret();

        /** Secret whose key {@code truststore.p12} (PKCS12) the Jobs trust for S3 over HTTPS with a private CA. */
        @WithName("s3-truststore-secret")
        Optional<String> s3TruststoreSecret();

        @WithName("s3-truststore-password")
        Optional<String> s3TruststorePassword();

        @WithName("leader-election")
        @WithDefault("false")
        boolean leaderElection();
    }
}
