package dev.robucap.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.cli.local.LocalRun;
import dev.robucap.cli.local.LocalStack;
import dev.robucap.cli.local.ServiceProcess;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskEvent.Type;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7, fault 2: the Kafka broker stops for 15 s and comes back (same port, same log directory) while
 * {@code robucap run} drives the tiny experiment through the stage services. The experiment completes, no task
 * runs to completion twice (one non-cached SUCCEEDED per content key), and no event is lost: every task of the
 * plan has its STARTED and its SUCCEEDED (with the plan's output) on the event topic.
 */
class KafkaRestartIT {

    private static final String CACHED = "cached: output already published";

    @TempDir
    Path dir;

    @Test
    void anExperimentOutlastsARestartOfTheKafkaBroker() throws Exception {
        try (FaultRig rig = new FaultRig(dir, "/tiny-experiment.yaml")) {
            List<ServiceProcess> services = new ArrayList<>();
            for (String stage : LocalStack.STAGES) {
                services.add(rig.start(stage));
            }
            Path work = dir.resolve("work");
            java.nio.file.Files.createDirectories(work);
            LocalStack.of(rig.devstack, services).advertise(work);
            var output = new ByteArrayOutputStream();
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                Future<String> run = runner.submit(() -> new LocalRun(rig.experiment, FaultRig.HOME, work, out,
                        false, Set.of(), 4).run(dir.resolve("report")));

                // Once the experiment is under way (some task done, others running): the broker goes.
                rig.events.await(e -> e.type() == Type.SUCCEEDED && !CACHED.equals(e.message()),
                        Duration.ofMinutes(10), "first task done", services.toArray(ServiceProcess[]::new));
                rig.devstack.stopKafka();
                Thread.sleep(15_000);
                rig.devstack.startKafka();

                run.get(20, TimeUnit.MINUTES);
            } finally {
                runner.shutdownNow();
            }
            String log = output.toString(StandardCharsets.UTF_8);

            List<PlannedTask> stageTasks = rig.plan.tasks().stream().filter(t -> !Plan.DATAGEN.equals(t.stage()))
                    .toList();
            for (PlannedTask task : stageTasks) {
                String output1 = rig.plan.output(task.id());
                TaskEvent done = rig.events.await(e -> e.type() == Type.SUCCEEDED && output1.equals(e.output()),
                        Duration.ofMinutes(1), "SUCCEEDED event of " + task.label() + " (lost?)");
                assertTrue(rig.events.of(done.taskId()).stream().anyMatch(e -> e.type() == Type.STARTED),
                        "the STARTED event of " + task.label() + " is lost");
            }
            // The event topic is at-least-once: a SUCCEEDED delivered twice (same event id) is one completion.
            Map<String, Long> completions = rig.events.all().stream()
                    .filter(e -> e.type() == Type.SUCCEEDED && !CACHED.equals(e.message()))
                    .collect(Collectors.groupingBy(TaskEvent::contentKey, Collectors.mapping(TaskEvent::eventId,
                            Collectors.collectingAndThen(Collectors.toSet(), ids -> (long) ids.size()))));
            assertEquals(stageTasks.size(), completions.size(), "tasks run to completion: " + completions + "\n" + log);
            completions.forEach((key, count) -> assertEquals(1, count, "task " + key + " ran to completion "
                    + count + " times: " + rig.events.all().stream().filter(e -> key.equals(e.contentKey()))
                    .map(e -> e.type() + " " + e.taskId() + " " + e.eventId() + " " + e.time() + " " + e.message())
                    .toList() + "\n" + log));
            assertTrue(rig.events.all().stream().noneMatch(e -> e.type() == Type.FAILED), log);
        }
    }
}
