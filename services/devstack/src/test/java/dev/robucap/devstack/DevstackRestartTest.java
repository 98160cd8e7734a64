package dev.robucap.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts its own devstack twice on one directory: what a user of {@code make run} does every day. */
class DevstackRestartTest {

    @Test
    void dataSurvivesARestartAndCloseLeavesNoThreads(@TempDir Path dir) throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        long t0 = System.nanoTime();
        try (Devstack devstack = Devstack.start(dir)) {
            System.out.printf("devstack cold start: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            DevstackTest.put(DevstackTest.s3(devstack, devstack.s3SecretKey()), devstack.bucket(), "kept", "object");
            DevstackTest.produce(devstack, "kept", "k", "record");
        }
        // Again on fixed ports (what the CLI lets a user choose), which differ from the first run's.
        int kafkaPort = FreePorts.pick();
        int s3Port = FreePorts.pick();
        long t1 = System.nanoTime();
        try (Devstack devstack = Devstack.builder().dataDir(dir).kafkaPort(kafkaPort).s3Port(s3Port).start()) {
            System.out.printf("devstack restart: %d ms%n", (System.nanoTime() - t1) / 1_000_000);
            assertEquals("127.0.0.1:" + kafkaPort, devstack.kafkaBootstrapServers());
            assertEquals("http://127.0.0.1:" + s3Port, devstack.s3Endpoint());
            assertEquals("object",
                    DevstackTest.read(DevstackTest.s3(devstack, devstack.s3SecretKey()), devstack.bucket(), "kept"));
            assertEquals(List.of("record"), DevstackTest.consume(devstack, "kept", 1));
        }
        assertTrue(awaitGone(before), () -> "threads left running after close: " + leftOver(before));
    }

    private static boolean awaitGone(Set<Thread> before) throws InterruptedException {
        for (int i = 0; i < 100 && !leftOver(before).isEmpty(); i++) {
            Thread.sleep(50);
        }
        return leftOver(before).isEmpty();
    }

    /** The MinIO client's OkHttp dispatcher threads belong to this test's client, not to the devstack. */
    private static List<String> leftOver(Set<Thread> before) {
        return liveNonDaemonThreads().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(name -> !name.startsWith("OkHttp")).toList();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
