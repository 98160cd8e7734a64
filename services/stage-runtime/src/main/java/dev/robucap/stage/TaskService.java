package dev.robucap.stage;

import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;

/**
 * Runs the tasks of this service and remembers what became of them: a bounded pool (REST requests beyond the
 * queue are refused, never dropped), every event to Kafka and to the server-sent-event streams of the REST API,
 * and the latest state of recent tasks for {@code GET /v1/tasks/{id}}.
 */
@ApplicationScoped
public class TaskService {

    private static final int REMEMBERED_TASKS = 1000;

    private final StageRunner runner;
    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor pool;
    private final BroadcastProcessor<TaskEvent> broadcast = BroadcastProcessor.create();
    private final AtomicInteger running = new AtomicInteger();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final TaskSilence silence = new TaskSilence();
    private final Map<String, List<TaskEvent>> history = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<TaskEvent>> eldest) {
                    return size() > REMEMBERED_TASKS;
                }
            });

    @Inject
    public TaskService(Stage stage, ArtifactStore store, EventPublisher publisher, StageConfig config,
                       MeterRegistry meters) {
        this.runner = new StageRunner(stage, store, this::publish);
        this.publisher = publisher;
        this.meters = meters;
        int concurrency = config.tasks().concurrency();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.tasks().queue()));
        meters.gauge("robucap_tasks_running", running);
        meters.gauge("robucap_tasks_queued", pool.getQueue(), java.util.Collection::size);
    }

    public StageRunner runner() {
        return runner;
    }

    /** Queues a task; throws {@link RejectedExecutionException} when the queue is full. */
    public TaskEvent submit(TaskRequest task) {
        TaskEvent requested = TaskEvent.of(TaskEvent.Type.REQUESTED, task, runner.contentKey(task), 0, "queued");
        record(requested);
        try {
            pool.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            history.remove(task.taskId());
            throw e;
        }
        publisher.publish(requested);
        return requested;
    }

    /**
     * Runs a task on the caller's thread (Kafka consumer, job mode) and returns its terminal event. The same work
     * (content key) already running here, e.g. a task redelivered by Kafka to a second consumer or sent over both
     * REST and Kafka, is waited for first: the runner then finds its output published and answers cached, so the
     * work never runs twice to completion at once.
     */
    public TaskEvent run(TaskRequest task) {
        String work;
        try {
            work = runner.contentKey(task);
        } catch (RuntimeException invalid) {
            work = "task:" + task.taskId(); // the runner fails it, naming the fault
        }
        var mine = new CompletableFuture<Void>();
        for (CompletableFuture<Void> other; (other = inFlight.putIfAbsent(work, mine)) != null; ) {
            other.join();
        }
        running.incrementAndGet();
        try {
            var timer = io.micrometer.core.instrument.Timer.start(meters);
            TaskEvent result = runner.run(task);
            timer.stop(meters.timer("robucap_task_duration", "stage", task.stage(), "outcome", result.type().name()));
            meters.counter("robucap_tasks_total", "stage", task.stage(), "outcome", result.type().name()).increment();
            return result;
        } finally {
            running.decrementAndGet();
            inFlight.remove(work, mine);
            mine.complete(null);
        }
    }

    /** The event sink of the runner: Kafka, the in-memory history, and live SSE subscribers. */
    void record(TaskEvent event) {
        history.computeIfAbsent(event.taskId(), id -> Collections.synchronizedList(new ArrayList<>())).add(event);
        broadcast.onNext(event);
    }

    void publish(TaskEvent event) {
        silence.heard(event, java.time.Instant.now());
        record(event);
        publisher.publish(event);
    }

    /** The running tasks that have said nothing for longer than {@code limit}, with how long; see StalledTasksCheck. */
    public Map<String, java.time.Duration> silentLongerThan(java.time.Duration limit, java.time.Instant now) {
        return silence.silentLongerThan(limit, now);
    }

    public Optional<TaskEvent> latest(String taskId) {
        List<TaskEvent> events = history.get(taskId);
        if (events == null) {
            return Optional.empty();
        }
        synchronized (events) {
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
        }
    }

    /** The task's events so far, then live ones, completing after the terminal event. */
    public Multi<TaskEvent> events(String taskId) {
        return Multi.createFrom().emitter(emitter -> {
            var seen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
            java.util.function.Consumer<TaskEvent> emit = event -> {
                if (seen.add(event.eventId())) {
                    emitter.emit(event);
                    if (event.type().terminal()) {
                        emitter.complete();
                    }
                }
            };
            // Subscribe before reading the history, so that no event falls between the two.
            var live = broadcast.filter(e -> e.taskId().equals(taskId)).subscribe().with(emit);
            emitter.onTermination(live::cancel);
            List<TaskEvent> events = history.getOrDefault(taskId, List.of());
            List<TaskEvent> past;
            synchronized (events) {
                past = List.copyOf(events);
            }
            past.forEach(emit);
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
