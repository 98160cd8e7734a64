package dev.robucap.cli.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.devstack.Devstack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage service started by {@code robucap run} never outlives it: here its parent is a stand-in process killed with
 * SIGKILL (no shutdown hook of the parent runs, as when an embedded broker halts the JVM), and the service stops
 * itself. Needs the augmenter's jar (the reactor packages it before this module's integration tests).
 */
class ParentWatchIT {

    private static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aServiceStopsWhenTheProcessThatStartedItIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (Devstack devstack = Devstack.builder().dataDir(dir.resolve("devstack")).start()) {
            var environment = new HashMap<>(devstack.environment());
            environment.put("ROBUCAP_PARENT_PID", Long.toString(parent.pid()));
            try (ServiceProcess service = ServiceProcess.start(HOME, "augmenter", environment, dir.resolve("logs"))) {
                service.awaitReady(Duration.ofMinutes(2));
                assertTrue(service.isAlive(), "the service runs while its parent does");

                parent.destroyForcibly().waitFor();

                assertTrue(service.awaitExit(Duration.ofSeconds(60)), "the service outlived its parent");
                String log = Files.readString(service.log());
                assertTrue(log.contains("which started this service, has ended: stopping"), log);
            }
        } finally {
            parent.destroyForcibly();
        }
    }
}
