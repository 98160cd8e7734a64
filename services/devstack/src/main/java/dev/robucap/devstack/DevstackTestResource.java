package dev.robucap.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts a devstack for a {@code @QuarkusTest} and points the application at it:
 * {@code @QuarkusTestResource(DevstackTestResource.class)} (or {@code @WithTestResource}).
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    private Devstack devstack;

    @Override
    public Map<String, String> start() {
        try {
            devstack = Devstack.start(Files.createTempDirectory("robucap-devstack"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the devstack's directory", e);
        }
        return Map.of(
                "kafka.bootstrap.servers", devstack.kafkaBootstrapServers(),
                "robucap.s3.endpoint", devstack.s3Endpoint(),
                "robucap.s3.access-key", devstack.s3AccessKey(),
                "robucap.s3.secret-key", devstack.s3SecretKey(),
                "robucap.s3.bucket", devstack.bucket());
    }

    @Override
    public void stop() {
        if (devstack != null) {
            devstack.close();
            devstack = null;
        }
    }
}
