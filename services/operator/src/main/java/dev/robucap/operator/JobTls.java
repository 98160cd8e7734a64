package dev.robucap.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Secrets a Job mounts to reach Kafka and S3 over TLS, in the same places and with the same environment as the
 * Helm chart gives the stage Deployments: Kafka client settings at {@value #KAFKA_PROPERTIES} (named by
 * {@code ROBUCAP_KAFKA_CLIENT_PROPERTIES}), the files they refer to under {@code /etc/robucap/kafka/tls/}, and a
 * PKCS12 trust store for S3 at {@code /etc/robucap/s3/truststore.p12} (through {@code JAVA_TOOL_OPTIONS}). Each
 * Secret name is null (or blank) when not used.
 */
public record JobTls(String kafkaClientSecret, String kafkaTlsSecret, String s3TruststoreSecret,
                     String s3TruststorePassword) {

    public static final JobTls NONE = new JobTls(null, null, null, null);
    static final String KAFKA_PROPERTIES = "/etc/robucap/kafka/client.properties";

    List<EnvVar> env() {
        List<EnvVar> env = new ArrayList<>();
        if (set(kafkaClientSecret)) {
            env.add(new EnvVarBuilder().withName("ROBUCAP_KAFKA_CLIENT_PROPERTIES").withValue(KAFKA_PROPERTIES)
                    .build());
        }
        if (set(s3TruststoreSecret)) {
            String options = "-Djavax.net.ssl.trustStore=/etc/robucap/s3/truststore.p12"
                    + " -Djavax.net.ssl.trustStoreType=PKCS12"
                    + (set(s3TruststorePassword) ? " -Djavax.net.ssl.trustStorePassword=" + s3TruststorePassword : "");
            env.add(new EnvVarBuilder().withName("JAVA_TOOL_OPTIONS").withValue(options).build());
        }
        return env;
    }

    List<VolumeMount> mounts() {
        List<VolumeMount> mounts = new ArrayList<>();
        if (set(kafkaClientSecret)) {
            mounts.add(new VolumeMountBuilder().withName("kafka-client").withMountPath(KAFKA_PROPERTIES)
                    .withSubPath("client.properties").withReadOnly(true).build());
        }
        if (set(kafkaTlsSecret)) {
            mounts.add(new VolumeMountBuilder().withName("kafka-tls").withMountPath("/etc/robucap/kafka/tls")
                    .withReadOnly(true).build());
        }
        if (set(s3TruststoreSecret)) {
            mounts.add(new VolumeMountBuilder().withName("s3-truststore").withMountPath("/etc/robucap/s3")
                    .withReadOnly(true).build());
        }
        return mounts;
    }

    List<Volume> volumes() {
        List<Volume> volumes = new ArrayList<>();
        if (set(kafkaClientSecret)) {
            volumes.add(secret("kafka-client", kafkaClientSecret));
        }
        if (set(kafkaTlsSecret)) {
            volumes.add(secret("kafka-tls", kafkaTlsSecret));
        }
        if (set(s3TruststoreSecret)) {
            volumes.add(secret("s3-truststore", s3TruststoreSecret));
        }
        return volumes;
    }

    private static Volume secret(String name, String secret) {
        return new VolumeBuilder().withName(name).withNewSecret().withSecretName(secret).endSecret().build();
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
