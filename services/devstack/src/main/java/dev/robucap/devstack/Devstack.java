package dev.robucap.devstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded default: a real Kafka broker (KRaft, one node) and a real S3 server (S3Proxy over the file system)
 * on loopback, in this JVM, with their data under one directory. Starting again on the same directory finds the
 * same topics, records and objects. Used by {@code make run}, the CLI's {@code devstack} command and tests.
 *
 * <pre>{@code
 * try (Devstack devstack = Devstack.start(dir)) {
 *     Map<String, String> env = devstack.environment(); // hand to a stage service
 * }
 * }</pre>
 */
public final class Devstack implements AutoCloseable {

    public static final String DEFAULT_BUCKET = "robucap";
    public static final String DEFAULT_ACCESS_KEY = "robucap";

    private final Path dataDir;
    private final int kafkaPort;
    private final int s3Port;
    private EmbeddedKafka kafka;
    private EmbeddedS3 s3;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;

    private Devstack(Path dataDir, EmbeddedKafka kafka, EmbeddedS3 s3, String accessKey, String secretKey,
                     String bucket) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.s3 = s3;
        this.kafkaPort = kafka.port();
        this.s3Port = s3.port();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucket = bucket;
    }

    /** Starts both servers on free ports with a fresh random secret key. */
    public static Devstack start(Path dataDir) {
        return builder().dataDir(dataDir).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The broker's address; the same while it is stopped and after {@link #startKafka()}. */
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The S3 server's address; the same while it is stopped and after {@link #startS3()}. */
    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /**
     * Stops the Kafka broker, as a crash or a restart would (clients see it gone); its data stays, and
     * {@link #startKafka()} brings it back on the same port. Fault tests use this; stopping a stopped one does nothing.
     */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same port and log directory. */
    public synchronized void startKafka() {
        if (kafka == null) {
            try {
                kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
            } catch (Exception e) {
                throw new IllegalStateException("cannot restart Kafka in " + dataDir + " on port " + kafkaPort, e);
            }
        }
    }

    /** Stops the S3 server (clients' connections are refused); {@link #startS3()} brings it back, objects kept. */
    public synchronized void stopS3() {
        if (s3 != null) {
            try {
                s3.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the S3 server", e);
            } finally {
                s3 = null;
            }
        }
    }

    /** Starts the S3 server stopped by {@link #stopS3()} again, on the same port, directory and keys. */
    public synchronized void startS3() {
        if (s3 == null) {
            try {
                s3 = EmbeddedS3.start(dataDir.resolve("s3"), s3Port, accessKey, secretKey, bucket);
            } catch (Exception e) {
                throw new IllegalStateException("cannot restart the S3 server in " + dataDir + " on port " + s3Port, e);
            }
        }
    }

    public String s3AccessKey() {
        return accessKey;
    }

    public String s3SecretKey() {
        return secretKey;
    }

    public String bucket() {
        return bucket;
    }

    /** The environment a stage service needs to find Kafka and S3 (the secret key included: do not log it). */
    public Map<String, String> environment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers(),
                "ROBUCAP_S3_ENDPOINT", s3Endpoint(),
                "ROBUCAP_S3_ACCESS_KEY", accessKey,
                "ROBUCAP_S3_SECRET_KEY", secretKey,
                "ROBUCAP_S3_BUCKET", bucket);
    }

    /** Stops S3 and Kafka and waits for their threads; the data stays on disk. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        try {
            stopS3();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            stopKafka();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Devstack[kafka=" + kafkaBootstrapServers() + ", s3=" + s3Endpoint() + ", bucket=" + bucket + "]";
    }

    /** Options; every one but the data directory has a default. Port 0 (the default) picks a free port. */
    public static final class Builder {

        private Path dataDir;
        private int kafkaPort;
        private int s3Port;
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey;
        private String bucket = DEFAULT_BUCKET;

        private Builder() {
        }

        /** Kafka logs go to {@code dataDir/kafka}, S3 objects to {@code dataDir/s3}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = checkPort(port);
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = checkPort(port);
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = requireText(accessKey, "accessKey");
            return this;
        }

        /** Without one, each start generates a random secret key. */
        public Builder secretKey(String secretKey) {
            this.secretKey = requireText(secretKey, "secretKey");
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = requireText(bucket, "bucket");
            return this;
        }

        public Devstack start() {
            Objects.requireNonNull(dataDir, "dataDir");
            QuietLogs.apply();
            String secret = secretKey != null ? secretKey : randomSecret();
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Kafka in " + dataDir, e);
            }
            try {
                EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("s3"), s3Port, accessKey, secret, bucket);
                return new Devstack(dataDir, kafka, s3, accessKey, secret, bucket);
            } catch (Exception e) {
                kafka.close();
                throw new IllegalStateException("cannot start the S3 server in " + dataDir, e);
            }
        }

        private static String randomSecret() {
            byte[] bytes = new byte[20];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
