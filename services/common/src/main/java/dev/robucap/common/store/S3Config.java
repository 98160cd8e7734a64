package dev.robucap.common.store;

import java.util.Map;

/** Where the artifact store is and how to sign requests to it. {@link #toString()} never shows the secret. */
public record S3Config(String endpoint, String accessKey, String secretKey, String bucket) {

    public static final String DEFAULT_BUCKET = "robucap";

    public S3Config {
        requireText(endpoint, "endpoint");
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        requireText(bucket, "bucket");
    }

    /**
     * From {@code ROBUCAP_S3_ENDPOINT}, {@code ROBUCAP_S3_ACCESS_KEY}, {@code ROBUCAP_S3_SECRET_KEY} and
     * {@code ROBUCAP_S3_BUCKET} (default {@value #DEFAULT_BUCKET}).
     */
    public static S3Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, from a given map of variables; a missing one is named in the error. */
    public static S3Config fromEnvironment(Map<String, String> env) {
        return new S3Config(variable(env, "ROBUCAP_S3_ENDPOINT"), variable(env, "ROBUCAP_S3_ACCESS_KEY"),
                variable(env, "ROBUCAP_S3_SECRET_KEY"), env.getOrDefault("ROBUCAP_S3_BUCKET", DEFAULT_BUCKET));
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=***, bucket=" + bucket + "]";
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("S3 " + name + " must not be blank");
        }
    }
}
