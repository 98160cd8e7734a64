package dev.robucap.operator;

import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlanState;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.InvalidSpecException;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.driver.report.ExperimentReport;
import dev.robucap.operator.api.Condition;
import dev.robucap.operator.api.ExperimentResource;
import dev.robucap.operator.api.ExperimentStatus;
import dev.robucap.operator.api.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One look at an experiment: validate, plan, see how the running tasks did, start the ready ones, and say so in a
 * new status. Everything it remembers is in the status it returns (per task: state, attempts, Job, request id,
 * content key), so a restarted operator carries on where the last one was.
 */
public final class ExperimentDriver {

    /** As the stages say it of a task whose output they find published. */
    static final String CACHED = "cached: output already published";
    static final String READY = "Ready";
    /** The request id of a task the operator runs itself (a data set made ready). */
    static final String IN_PROCESS = "in-process";

    /** The status to write, and when to look again (null: only when something changes). */
    public record Outcome(ExperimentStatus status, Duration recheck) {
    }

    private final Settings settings;
    private final Outputs outputs;
    private final JobDispatcher jobs;
    private final JobFactory factory;
    private final KafkaDispatcher kafka;
    private final InProcessWork work;
    private final Clock clock;

    public ExperimentDriver(Settings settings, Outputs outputs, JobDispatcher jobs, KafkaDispatcher kafka,
                            InProcessWork work, Clock clock) {
        this.settings = settings;
        this.outputs = outputs;
        this.jobs = jobs;
        this.factory = new JobFactory(settings);
        this.kafka = kafka;
        this.work = work;
        this.clock = clock;
    }

    public Outcome reconcile(ExperimentResource resource) {
        ExperimentStatus previous = resource.getStatus();
        Long generation = resource.getMetadata().getGeneration();
        Plan plan;
        Map<String, Optional<Placement>> placements = new HashMap<>();
        try {
            resource.toExperiment().validate();
            plan = Planner.plan(resource.toExperiment());
            for (PlannedTask task : plan.tasks()) {
                if (!Plan.DATAGEN.equals(task.stage())) {
                    placements.computeIfAbsent(task.stage(), s -> Placement.of(settings, resource.getSpec(), s));
                }
            }
        } catch (InvalidSpecException e) {
            // nothing starts; running Jobs of an earlier, valid spec go on (the spec may be fixed in a moment)
            return new Outcome(new ExperimentStatus(ExperimentStatus.FAILED, generation,
                    conditions(previous, List.of(new Condition(READY, "False", "InvalidSpec", e.getMessage(), null))),
                    previous == null ? null : previous.tasks(), null, null, null, null), null);
        }
        Run run = new Run(resource, plan, placements, previous);
        run.observe();
        // Jobs of tasks no longer in the plan (an edited spec) stop first, and free their pool's slots
        jobs.deleteExcept(resource, run.contentKeys());
        run.startReady();
        return run.outcome(generation);
    }

    /**
     * The status after a reconciliation threw (Kubernetes, Kafka or S3 unreachable): as before, with
     * {@code Ready=False} whose reason is the exception's class (Strimzi's way); the operator SDK retries.
     */
    public ExperimentStatus failed(ExperimentResource resource, Exception e) {
        ExperimentStatus previous = resource.getStatus();
        Condition error = new Condition(READY, "False", e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                null);
        if (previous == null) {
            return new ExperimentStatus(ExperimentStatus.PENDING, resource.getMetadata().getGeneration(),
                    conditions(null, List.of(error)), null, null, null, null, null);
        }
        List<Condition> wanted = new ArrayList<>(previous.conditions().stream()
                .filter(c -> !READY.equals(c.type())).toList());
        wanted.add(0, error);
        return new ExperimentStatus(previous.phase(), previous.observedGeneration(), conditions(previous, wanted),
                previous.tasks(), previous.done(), previous.total(), previous.current(), previous.report());
    }

    /** The experiment is being deleted: stop its Jobs and their pods now; artifacts stay. */
    public void cleanup(ExperimentResource resource) {
        jobs.deleteExcept(resource, Set.of());
    }

    /** One reconciliation's working state. */
    private final class Run {

        private final ExperimentResource resource;
        private final Plan plan;
        private final Map<String, Optional<Placement>> placements;
        private final ExperimentStatus previous;
        private final Map<String, TaskStatus> tasks = new LinkedHashMap<>();
        private final Instant now = clock.instant();

        Run(ExperimentResource resource, Plan plan, Map<String, Optional<Placement>> placements,
            ExperimentStatus previous) {
            this.resource = resource;
            this.plan = plan;
            this.placements = placements;
            this.previous = previous;
            // a task keeps its state while its content key stays; a changed key is new work
            for (PlannedTask task : plan.tasks()) {
                String key = plan.contentKey(task.id());
                TaskStatus before = previous == null ? null : previous.task(task.id());
                tasks.put(task.id(), before != null && key.equals(before.contentKey()) ? before
                        : TaskStatus.waiting(task.id(), task.stage(), key));
            }
        }

        /** How the running tasks did since the last look. */
        void observe() {
            for (TaskStatus task : List.copyOf(tasks.values())) {
                if (!TaskStatus.RUNNING.equals(task.state())) {
                    continue;
                }
                if (IN_PROCESS.equals(task.requestId())) {
                    tasks.put(task.id(), seenInProcess(task));
                    continue;
                }
                Optional<TaskEvent> event = kafka.latest(task.requestId());
                TaskStatus seen = event.filter(e -> !e.type().terminal())
                        .map(e -> task.withProgress(e.progress())).orElse(task);
                tasks.put(task.id(), task.job() != null ? seenJob(seen) : seenKafka(seen, event));
            }
        }

        private TaskStatus seenJob(TaskStatus task) {
            JobDispatcher.Seen seen = jobs.seen(namespace(), task.job());
            return switch (seen.outcome()) {
                case RUNNING -> task;
                case SUCCEEDED -> task.withProgress(1.0).with(TaskStatus.SUCCEEDED, null);
                case FAILED -> {
                    int max = placements.get(task.stage()).map(Placement::maxAttempts)
                            .orElse(Placement.DEFAULT_MAX_ATTEMPTS);
                    if (task.attemptCount() >= max) {
                        yield task.with(TaskStatus.FAILED, seen.message() + "; " + task.attemptCount() + " of "
                                + max + " attempts made");
                    }
                    Instant at = now.plus(settings.backoffBefore(task.attemptCount() + 1));
                    yield task.retryingAt(at.toString(), seen.message() + "; attempt " + (task.attemptCount() + 1)
                            + " of " + max + " at " + at);
                }
            };
        }

        private TaskStatus seenInProcess(TaskStatus task) {
            InProcessWork.Outcome outcome = work.prepareData(task.contentKey(), resource.toExperiment(), task.id());
            return switch (outcome.state()) {
                case RUNNING -> task;
                case SUCCEEDED -> task.withProgress(1.0).with(TaskStatus.SUCCEEDED, "published");
                case FAILED -> task.with(TaskStatus.FAILED, outcome.message());
            };
        }

        private TaskStatus seenKafka(TaskStatus task, Optional<TaskEvent> event) {
            if (event.isEmpty() || !event.get().type().terminal()) {
                return task;
            }
            TaskEvent last = event.get();
            if (last.type() == TaskEvent.Type.FAILED) {
                return task.with(TaskStatus.FAILED, last.error());
            }
            String expected = plan.output(task.id());
            if (!expected.equals(last.output())) {
                return task.with(TaskStatus.FAILED, "published under " + last.output() + " but the plan expected "
                        + expected + ": the planner's and the stage's code versions are out of step (StageCatalog)");
            }
            return task.withProgress(1.0).with(TaskStatus.SUCCEEDED, last.message());
        }

        /**
         * Starts what can start: cached tasks succeed at once (which may make more tasks ready, hence the loop),
         * failed Jobs whose backoff is over are tried again, and each pool runs at most maxParallel Jobs.
         */
        void startReady() {
            // retries first: they were started before any task that is ready now
            for (TaskStatus task : List.copyOf(tasks.values())) {
                if (TaskStatus.RETRYING.equals(task.state()) && !now.isBefore(Instant.parse(task.retryAt()))) {
                    Optional<Placement> placement = placements.get(task.stage());
                    if (placement.isEmpty()) {
                        // the stage no longer runs as Jobs (operator configuration changed): start it afresh
                        tasks.put(task.id(), task.with(TaskStatus.WAITING, task.message()));
                    } else if (hasRoom(placement.get())) {
                        tasks.put(task.id(), startJob(plan.task(task.id()), task, placement.get()));
                    }
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                PlanState state = planState();
                state.markNotRun().forEach((id, cause) -> tasks.put(id, tasks.get(id).with(TaskStatus.NOT_RUN,
                        "not run: " + cause + " did not succeed")));
                for (PlannedTask task : state.ready()) {
                    TaskStatus before = tasks.get(task.id());
                    TaskStatus after = start(task, before);
                    tasks.put(task.id(), after);
                    changed |= TaskStatus.SUCCEEDED.equals(after.state());
                }
            }
        }

        private TaskStatus start(PlannedTask task, TaskStatus status) {
            String output = plan.output(task.id());
            if (Plan.DATAGEN.equals(task.stage())) {
                return outputs.isPublished(output) ? status.withProgress(1.0).with(TaskStatus.SUCCEEDED, "published")
                        : seenInProcess(status.started(null, IN_PROCESS, null));
            }
            if (outputs.isPublished(output)) {
                return status.withProgress(1.0).with(TaskStatus.SUCCEEDED, CACHED);
            }
            Optional<Placement> placement = placements.get(task.stage());
            if (placement.isEmpty()) {
                TaskRequest request = plan.request(task.id());
                kafka.submit(request);
                return status.started(null, request.taskId(), null);
            }
            return hasRoom(placement.get()) ? startJob(task, status, placement.get()) : status;
        }

        private TaskStatus startJob(PlannedTask task, TaskStatus status, Placement placement) {
            TaskRequest request = plan.request(task.id());
            int attempt = status.attemptCount() + 1;
            var job = factory.job(resource, task, request, plan.contentKey(task.id()), placement, attempt);
            jobs.start(job);
            return status.started(job.getMetadata().getName(), request.taskId(),
                    attempt == 1 ? null : "attempt " + attempt + "; the last one: " + status.message());
        }

        private boolean hasRoom(Placement placement) {
            long running = tasks.values().stream()
                    .filter(t -> TaskStatus.RUNNING.equals(t.state()) && t.job() != null)
                    .filter(t -> placements.getOrDefault(t.stage(), Optional.empty())
                            .map(p -> p.poolName().equals(placement.poolName())).orElse(false))
                    .count();
            return running < placement.maxParallel();
        }

        private PlanState planState() {
            Map<String, PlanState.State> states = new HashMap<>();
            tasks.forEach((id, task) -> states.put(id, switch (task.state()) {
                case TaskStatus.RUNNING, TaskStatus.RETRYING -> PlanState.State.RUNNING;
                case TaskStatus.SUCCEEDED -> PlanState.State.SUCCEEDED;
                case TaskStatus.FAILED -> PlanState.State.FAILED;
                case TaskStatus.NOT_RUN -> PlanState.State.NOT_RUN;
                default -> PlanState.State.WAITING;
            }));
            return new PlanState(plan, states);
        }

        /** The content keys of this plan's tasks; a Job of the experiment with another key is stale. */
        Set<String> contentKeys() {
            return tasks.values().stream().map(TaskStatus::contentKey).collect(Collectors.toSet());
        }

        Outcome outcome(Long generation) {
            List<TaskStatus> list = new ArrayList<>(tasks.values());
            int done = count(TaskStatus.SUCCEEDED);
            boolean active = count(TaskStatus.RUNNING) + count(TaskStatus.RETRYING) > 0;
            boolean open = active || count(TaskStatus.WAITING) > 0;
            int failed = count(TaskStatus.FAILED);
            boolean allSucceeded = done == list.size();
            // The report is written once every task has succeeded: the phase is Succeeded when it is there.
            InProcessWork.Outcome report = allSucceeded ? work.writeReport(
                    ExperimentReport.prefix(resource.toExperiment(), plan), resource.toExperiment(), plan) : null;
            boolean reporting = report != null && report.state() == InProcessWork.State.RUNNING;
            String phase = open || reporting ? (active || done > 0 ? ExperimentStatus.RUNNING : ExperimentStatus.PENDING)
                    : allSucceeded && report.state() == InProcessWork.State.SUCCEEDED ? ExperimentStatus.SUCCEEDED
                    : ExperimentStatus.FAILED;
            List<Condition> wanted = new ArrayList<>();
            wanted.add(switch (phase) {
                case ExperimentStatus.SUCCEEDED -> new Condition(READY, "True", "Succeeded",
                        "all " + list.size() + " tasks succeeded; report under " + report.message(), null);
                case ExperimentStatus.FAILED -> allSucceeded
                        ? new Condition(READY, "False", "ReportFailed", report.message(), null)
                        : new Condition(READY, "False", "TasksFailed", failedMessage(), null);
                default -> new Condition(READY, "False", "InProgress", done + " of " + list.size() + " tasks done"
                        + (reporting ? "; writing the report" : "")
                        + (failed > 0 ? "; failed: " + failedMessage() : ""), null);
            });
            List<String> running = list.stream().filter(t -> TaskStatus.RUNNING.equals(t.state()))
                    .map(TaskStatus::id).toList();
            String current = reporting ? "report" : running.isEmpty() ? null
                    : running.get(0) + (running.size() > 1 ? " (+" + (running.size() - 1) + ")" : "");
            String reportPrefix = ExperimentStatus.SUCCEEDED.equals(phase) ? report.message() : null;
            ExperimentStatus status = new ExperimentStatus(phase, generation, conditions(previous, wanted), list, done,
                    list.size(), current, reportPrefix);
            return new Outcome(status, open || reporting ? nextLook() : null);
        }

        /** Jobs wake the reconciler up by themselves; Kafka tasks, retries and blocked data need a look later. */
        private Duration nextLook() {
            Duration next = settings.pollInterval();
            for (TaskStatus task : tasks.values()) {
                if (TaskStatus.RETRYING.equals(task.state())) {
                    Duration wait = Duration.between(now, Instant.parse(task.retryAt()));
                    if (wait.compareTo(next) < 0) {
                        next = wait.isNegative() ? Duration.ZERO : wait;
                    }
                }
            }
            return next;
        }

        private String failedMessage() {
            return tasks.values().stream().filter(t -> TaskStatus.FAILED.equals(t.state()))
                    .map(t -> t.id() + ": " + t.message()).collect(Collectors.joining("; "))
                    + (count(TaskStatus.NOT_RUN) > 0 ? "; not run because of them: " + count(TaskStatus.NOT_RUN)
                    + " task(s)" : "");
        }

        private int count(String state) {
            return (int) tasks.values().stream().filter(t -> state.equals(t.state())).count();
        }

        private String namespace() {
            return resource.getMetadata().getNamespace();
        }
    }

    /** The wanted conditions, keeping a condition's transition time while its status stays. */
    private List<Condition> conditions(ExperimentStatus previous, List<Condition> wanted) {
        List<Condition> result = new ArrayList<>();
        for (Condition c : wanted) {
            Condition before = previous == null ? null : previous.condition(c.type());
            String time = before != null && before.status().equals(c.status()) && before.lastTransitionTime() != null
                    ? before.lastTransitionTime() : clock.instant().toString();
            result.add(new Condition(c.type(), c.status(), c.reason(), c.message(), time));
        }
        return result;
    }
}
