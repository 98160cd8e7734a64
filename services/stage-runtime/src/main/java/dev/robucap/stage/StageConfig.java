package dev.robucap.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Configuration of a stage service. Every key can be set by environment variable, e.g.
 * {@code ROBUCAP_S3_ENDPOINT}, {@code ROBUCAP_TASKS_THREADS}, {@code ROBUCAP_JOB_TASK}; Kafka's address is
 * Quarkus' usual {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
@ConfigMapping(prefix = "robucap")
public interface StageConfig {

    S3 s3();

    Tasks tasks();

    Images images();

    Auth auth();

    /** Job mode: the JSON of one task to run, after which the process exits (0 = succeeded). */
    @WithName("job.task")
    Optional<String> jobTask();

    /** {@code ROBUCAP_PARENT_PID}: a process whose end stops this service (see {@link ParentWatch}). */
    @WithName("parent-pid")
    Optional<Long> parentPid();

    @WithName("kafka.bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String kafkaBootstrapServers();

    /** Where artifacts live. Credentials have no defaults: they come from configuration or a Secret. */
    interface S3 {
        String endpoint();

        String accessKey();

        String secretKey();

        @WithDefault("robucap")
        String bucket();
    }

    interface Tasks {
        /** Tasks run at once by this replica (each task also uses {@link #threads()} worker threads). */
        @WithDefault("1")
        int concurrency();

        /** Tasks accepted over REST beyond those running; more are answered 429 with Retry-After. */
        @WithDefault("16")
        int queue();

        /** Worker threads inside one task (images decoded and compressed in parallel). */
        @WithDefault("2")
        int threads();

        /** Whether to consume the stage's Kafka task topic (off for REST-only or job-mode use). */
        @WithDefault("true")
        boolean consume();

        /**
         * {@code ROBUCAP_TASKS_STALL_TIMEOUT}: a running task silent for longer (no progress event) fails the
         * liveness check, see {@link StalledTasksCheck}; 0 = never. Trainers report every step, but the evaluator
         * reports once per compressed set and the encoder trainer's dev top-1 says nothing: on ImageNet's 25,000-image
         * test half one set takes ~12 min on two cores at 35 images/s, hence hours, not minutes.
         */
        @WithDefault("2h")
        java.time.Duration stallTimeout();

        /** Partitions of the task topic when this service creates it: the most replicas that share the work. */
        @WithDefault("4")
        int partitions();
    }

    /** Who may use the REST triggers; see {@link BearerToken}. */
    interface Auth {
        /** {@code ROBUCAP_AUTH_TOKEN}: the bearer token the REST triggers want; none = open (one machine). */
        Optional<String> token();
    }

    interface Images {
        /** Larger images are refused before their pixels are decoded (decompression bombs). */
        @WithDefault("50000000")
        long maxPixels();
    }
}
