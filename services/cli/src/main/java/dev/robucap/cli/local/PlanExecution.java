package dev.robucap.cli.local;

import dev.robucap.cli.Progress;
import dev.robucap.common.events.EventFollower;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlanState;
import dev.robucap.common.plan.PlanState.State;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a plan's stage tasks through the Kafka task topics: a task is sent once every task it reads from has
 * succeeded, at most {@code maxParallel} at a time; a task that fails fails nothing but the tasks downstream of it,
 * which are not sent, and the rest of the plan goes on. A task whose output is already published is not sent at
 * all (unless forced): it would only queue behind a service's long task to say so. A succeeded task must have
 * published where the plan said (else the planner's and the stage's code versions are out of step, and the task
 * counts as failed).
 */
final class PlanExecution implements AutoCloseable {

    /** As the stages say it of a task whose output they find published. */
    static final String CACHED = "cached: output already published";

    /** How the tasks' events are followed: {@link EventFollower} on {@code robucap.events}; a fake in tests. */
    interface Follower {
        Optional<TaskEvent> latest(String taskId);

        void close() throws InterruptedException;
    }

    private final Plan plan;
    private final Predicate<String> published;
    private final Set<String> forced;
    private final int maxParallel;
    private final Consumer<TaskRequest> submit;
    private final List<LocalService> services;
    private final Progress progress;
    private final Follower follower;
    private final Set<String> sentIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PlanState states;
    private final Map<String, TaskRequest> sent = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, Instant> started = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Boolean> cache = new LinkedHashMap<>();

    PlanExecution(Plan plan, ArtifactStore store, Set<String> forced, int maxParallel, String bootstrap,
                  EventPublisher publisher, List<LocalService> services, PrintStream out, boolean interactive) {
        this(plan, store::isPublished, forced, maxParallel, publisher::submit, services, out, interactive,
                (follows, listener) -> {
                    var follower = new EventFollower(bootstrap, "cli", follows, listener);
                    return new Follower() {
                        @Override
                        public Optional<TaskEvent> latest(String taskId) {
                            return follower.latest(taskId);
                        }

                        @Override
                        public void close() throws InterruptedException {
                            follower.close();
                        }
                    };
                });
    }

    /** {@code followers}: given which task ids to follow and whom to tell, follows the tasks' events. */
    PlanExecution(Plan plan, Predicate<String> published, Set<String> forced, int maxParallel,
                  Consumer<TaskRequest> submit, List<LocalService> services, PrintStream out, boolean interactive,
                  BiFunction<Predicate<String>, Consumer<TaskEvent>, Follower> followers) {
        this.plan = plan;
        this.published = published;
        this.forced = forced;
        this.maxParallel = maxParallel;
        this.submit = submit;
        this.services = services;
        this.progress = new Progress(out, interactive);
        this.follower = followers.apply(sentIds::contains, progress::update);
        Map<String, State> data = new LinkedHashMap<>();
        plan.tasks().stream().filter(t -> Plan.DATAGEN.equals(t.stage())).forEach(t -> data.put(t.id(), State.SUCCEEDED));
        this.states = new PlanState(plan, data);
        progress.total((int) plan.tasks().stream().filter(t -> !Plan.DATAGEN.equals(t.stage())).count());
    }

    /** Runs every task it can; throws {@link RunFailedException} naming the failed tasks and those left out. */
    void run() throws IOException, InterruptedException {
        while (!states.finished()) {
            for (LocalService service : services) {
                service.checkAlive();
            }
            followSent();
            sendReady();
            progress.render();
            Thread.sleep(200);
        }
        progress.render();
        List<String> failed = ids(State.FAILED).stream().map(id -> label(id) + ": " + errors.get(id)).toList();
        if (!failed.isEmpty()) {
            List<String> notRun = ids(State.NOT_RUN).stream().map(this::label).toList();
            throw new RunFailedException(failed.size() + " task(s) failed: " + String.join("; ", failed)
                    + (notRun.isEmpty() ? "" : ". Not run because of them: " + String.join(", ", notRun)));
        }
    }

    /** Wall seconds of each task that ran (not of those found cached), by label. */
    Map<String, Double> seconds() {
        return seconds;
    }

    private void followSent() {
        for (var entry : sent.entrySet()) {
            String id = entry.getKey();
            if (states.state(id) != State.RUNNING) {
                continue;
            }
            TaskEvent event = follower.latest(entry.getValue().taskId()).orElse(null);
            if (event == null || !event.type().terminal()) {
                continue;
            }
            if (event.type() == TaskEvent.Type.FAILED) {
                fail(id, event.error());
            } else if (!plan.output(id).equals(event.output())) {
                fail(id, "published under " + event.output() + " but the plan expected " + plan.output(id)
                        + ": the planner's and the stage's code versions are out of step (StageCatalog)");
            } else {
                states.set(id, State.SUCCEEDED);
                if (event.message() == null || !event.message().equals(CACHED)) {
                    seconds.put(label(id), Duration.between(started.get(id), Instant.now()).toMillis() / 1000.0);
                }
            }
        }
    }

    /** Sends what can go; cached tasks succeed at once, which may make more ready, hence the loop. */
    private void sendReady() {
        boolean cachedAny = true;
        while (cachedAny) {
            cachedAny = false;
            states.markNotRun().forEach(this::notRun);
            long running = states.count(State.RUNNING);
            for (PlannedTask task : states.ready()) {
                if (cached(task.id())) {
                    TaskRequest request = plan.request(task.id());
                    progress.add(request.taskId(), task.label());
                    progress.update(TaskEvent.of(TaskEvent.Type.SUCCEEDED, request, plan.contentKey(task.id()), 1.0,
                            CACHED).withOutput(plan.output(task.id())));
                    states.set(task.id(), State.SUCCEEDED);
                    cachedAny = true;
                } else if (running < maxParallel) {
                    TaskRequest request = plan.request(task.id()).withForce(forced.contains(task.id()));
                    sentIds.add(request.taskId());
                    progress.add(request.taskId(), task.label());
                    submit.accept(request);
                    sent.put(task.id(), request);
                    started.put(task.id(), Instant.now());
                    states.set(task.id(), State.RUNNING);
                    running++;
                }
            }
        }
    }

    /** Whether the task's output is published, asked of the store once per task. */
    private boolean cached(String id) {
        return !forced.contains(id) && cache.computeIfAbsent(id, i -> published.test(plan.output(i)));
    }

    private void fail(String id, String error) {
        states.set(id, State.FAILED);
        errors.put(id, error);
    }

    private void notRun(String id, String cause) {
        TaskRequest request = plan.request(id);
        progress.add(request.taskId(), label(id));
        progress.update(TaskEvent.of(TaskEvent.Type.FAILED, request, plan.contentKey(id), 0, "not run")
                .withError(Progress.NOT_RUN + ": " + label(cause) + " did not succeed"));
    }

    private List<String> ids(State state) {
        return plan.tasks().stream().map(PlannedTask::id).filter(id -> states.state(id) == state).toList();
    }

    private String label(String id) {
        return plan.task(id).label();
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }

    /** Some tasks failed; the message says which and why, and which were not run because of them. */
    static final class RunFailedException extends IOException {
        RunFailedException(String message) {
            super(message);
        }
    }
}
