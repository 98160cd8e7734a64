package dev.robucap.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny experiment through the real thing: the devstack, the four service jars as processes, the plan over Kafka.
 * Every table has every cell; a second run of the same experiment runs no task (all cached) and reports the same
 * numbers, through the services of a {@code robucap up} (which withdrew a task a stopped run had left queued).
 * Needs the service jars (the reactor packages them before this module's integration tests).
 */
class LocalRunIT {

    private static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aTinyExperimentRunsEndToEndAndASecondRunComesFromTheCache() throws Exception {
        Path spec = Path.of(LocalRunIT.class.getResource("/tiny-experiment.yaml").toURI());
        Experiment experiment = Experiment.read(spec);

        String first = run(experiment, dir.resolve("report-1"));
        assertTrue(first.contains("train captioner +2/+2") && first.contains("done"), first);
        for (String table : List.of("table1.csv", "table2.csv", "table3.csv")) {
            List<String> ours = Files.readAllLines(dir.resolve("report-1").resolve(table)).stream()
                    .filter(l -> l.contains(",ours,") || table.equals("table1.csv")).toList();
            assertTrue(ours.size() >= 2, table + ": " + ours);
            for (String row : ours) {
                assertTrue(!row.contains(",,") && !row.endsWith(",") && !row.contains("NaN"), table + ": " + row);
            }
        }
        assertEquals(2, Files.readAllLines(dir.resolve("report-1/table3.csv")).stream()
                .filter(l -> l.contains(",ours,")).count(), "a row per grid cell");

        // A task that a stopped run left queued: withdrawn when the next stack starts, never run.
        Path work = dir.resolve("work");
        try (Devstack devstack = Devstack.builder().dataDir(work.resolve("devstack")).start();
             EventPublisher publisher = EventPublisher.connect(devstack.kafkaBootstrapServers())) {
            publisher.submit(TaskRequest.of(StageCatalog.AUGMENTER, Json.MAPPER.createObjectNode().put("quality", 50),
                    Map.of("images", "datasets/left-behind", "selection", "datasets/left-behind/splits/test.txt")));
        }
        // The second run finds the stack of a `robucap up` and uses it.
        var upOutput = new ByteArrayOutputStream();
        String second;
        try (LocalStack up = LocalStack.start(HOME, work, LocalStack.STAGES,
                new PrintStream(upOutput, true, StandardCharsets.UTF_8))) {
            up.advertise(work);
            second = run(experiment, dir.resolve("report-2"));
        }
        assertTrue(upOutput.toString(StandardCharsets.UTF_8).contains("Withdrew 1 augmenter task(s)"),
                upOutput.toString(StandardCharsets.UTF_8));
        assertTrue(second.contains("Re-using the Kafka, S3 and stage services of `robucap up`"), second);
        List<String> taskLines = second.lines().filter(l -> l.startsWith("[")).toList();
        assertEquals(15, taskLines.size(), second);
        assertTrue(taskLines.stream().allMatch(l -> l.contains("cached: output already published")), second);
        for (String table : List.of("table1.csv", "table2.csv", "table3.csv")) {
            assertEquals(Files.readAllLines(dir.resolve("report-1").resolve(table)),
                    Files.readAllLines(dir.resolve("report-2").resolve(table)), table);
        }
    }

    private String run(Experiment experiment, Path reportDir) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new LocalRun(experiment, HOME, dir.resolve("work"), out, false, Set.of(), 4).run(reportDir);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
