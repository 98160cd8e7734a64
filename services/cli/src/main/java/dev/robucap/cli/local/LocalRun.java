package dev.robucap.cli.local;

import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.driver.DataPreparation;
import dev.robucap.driver.report.ExperimentReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Runs the experiment and writes the report into {@code reportDir}; returns the report's S3 prefix. Uses the
     * stack of a running {@code robucap up} on the same work directory, else starts one for the run.
     */
    public String run(Path reportDir) throws Exception {
        Instant start = Instant.now();
        Optional<LocalStack> running = LocalStack.attach(workDir, out);
        try (LocalStack stack = running.isPresent() ? running.get()
                : LocalStack.start(home, workDir, services(), out)) {
            timings.put(stack.attached() ? "attach_s" : "devstack_and_services_s", seconds(start));
            ArtifactStore store = stack.store();
            List<LocalService> services = stack.services(services());
            try (EventPublisher publisher = EventPublisher.connect(stack.kafkaBootstrapServers())) {
                Instant t = Instant.now();
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
                try (var execution = new PlanExecution(plan, store, forced, maxParallel,
                        stack.kafkaBootstrapServers(), publisher, services, out, interactive)) {
                    execution.run();
                    timings.put("tasks_s", seconds(t));
                    execution.seconds().forEach((label, s) -> timings.put(label + "_s", s));
                }
                timings.put("total_s", seconds(start));
                return ExperimentReport.write(experiment, plan, store, reportDir, timings);
            }
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
