package dev.robucap.cli.local;

import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.events.KafkaTopics;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.Devstack;
import dev.robucap.driver.DataPreparation;
import dev.robucap.driver.report.ExperimentReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code robucap run} on one machine: the embedded Kafka and S3, the stage services as their own processes (the
 * jars the cluster runs), the experiment's {@link Plan} sent task by task over Kafka as each task's inputs are
 * ready, progress followed on the event topic, a report at the end. Everything is content-addressed in the
 * devstack's directory, so a second run re-uses what the first one did.
 */
public final class LocalRun {

    private final Experiment experiment;
    private final Plan plan;
    private final Path home;
    private final Path workDir;
    private final PrintStream out;
    private final boolean interactive;
    private final Set<String> forced;
    private final int maxParallel;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    /**
     * @param forceStages stages whose tasks run even when cached, with every task downstream of them
     * @param maxParallel the most tasks sent and not yet ended at a time
     */
    public LocalRun(Experiment experiment, Path home, Path workDir, PrintStream out, boolean interactive,
                    Set<String> forceStages, int maxParallel) {
        this.experiment = experiment;
        this.plan = Planner.plan(experiment);
        this.home = home;
        this.workDir = workDir;
        this.out = out;
        this.interactive = interactive;
        this.forced = plan.forcedBy(forceStages);
        this.maxParallel = maxParallel;
    }

    private List<String> services() {
        return plan.tasks().stream().map(PlannedTask::stage).filter(s -> !Plan.DATAGEN.equals(s)).distinct()
                .toList();
    }

    /** Runs the experiment and writes the report into {@code reportDir}; returns the report's S3 prefix. */
    public String run(Path reportDir) throws Exception {
        Instant start = Instant.now();
        out.println("Starting the embedded Kafka broker and S3 server in " + workDir.resolve("devstack") + " …");
        try (Devstack devstack = Devstack.builder().dataDir(workDir.resolve("devstack")).start()) {
            timings.put("devstack_s", seconds(start));
            ArtifactStore store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                    devstack.s3SecretKey(), devstack.bucket()));
            KafkaTopics.ensureTopics(devstack.kafkaBootstrapServers(), topics(), 4);
            withdrawQueuedTasks(devstack.kafkaBootstrapServers());
            List<ServiceProcess> services = new ArrayList<>();
            try (EventPublisher publisher = EventPublisher.connect(devstack.kafkaBootstrapServers())) {
                Instant t = Instant.now();
                out.println("Starting services " + String.join(", ", services()) + " (logs in "
                        + workDir.resolve("logs") + ") …");
                for (String name : services()) {
                    services.add(ServiceProcess.start(home, name, devstack.environment(), workDir.resolve("logs")));
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofMinutes(2));
                }
                timings.put("services_start_s", seconds(t));

                t = Instant.now();
                for (PlannedTask task : plan.tasks()) {
                    if (Plan.DATAGEN.equals(task.stage())) {
                        DataPreparation.ensure(store, Planner.dataset(experiment, task.id()), workDir, out);
                    }
                }
                timings.put("data_s", seconds(t));

                t = Instant.now();
                out.println("Running " + plan.tasks().stream().filter(x -> !Plan.DATAGEN.equals(x.stage())).count()
                        + " tasks (" + maxParallel + " at a time at most; cached ones end at once)"
                        + (forced.isEmpty() ? "" : ", " + forced.size() + " forced") + " …");
                try (var execution = new PlanExecution(plan, store, forced, maxParallel, devstack.kafkaBootstrapServers(),
                        publisher, services, out, interactive)) {
                    execution.run();
                    timings.put("tasks_s", seconds(t));
                    execution.seconds().forEach((label, s) -> timings.put(label + "_s", s));
                }
                timings.put("total_s", seconds(start));
                return ExperimentReport.write(experiment, plan, store, reportDir, timings);
            } finally {
                for (ServiceProcess service : services) {
                    service.close();
                }
            }
        }
    }

    /**
     * Tasks that an earlier run sent and did not see end (it was stopped) are still queued: its services are gone
     * and this run's would work on them first, for nobody. They are skipped before this run's services start (the
     * work they did stays: a task sent again resumes from its checkpoint or finds its output published).
     */
    private void withdrawQueuedTasks(String bootstrap) {
        for (String stage : services()) {
            long skipped = KafkaTopics.skipQueued(bootstrap, Topics.tasks(stage), Topics.consumerGroup(stage));
            if (skipped > 0) {
                out.println("Withdrew " + skipped + " " + stage + " task(s) left queued by an earlier run");
            }
        }
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.DEAD_LETTER));
        services().forEach(s -> topics.add(Topics.tasks(s)));
        return topics;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
