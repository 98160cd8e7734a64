package dev.robucap.common.task;

import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.ContentKey;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.TaskEvent.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task of a stage, the same way whether it came from REST, Kafka or job mode: validate, skip when the
 * output is already published under the task's content key, otherwise run the stage and publish its manifest
 * last. Every step is told to the event sink (STARTED, rate-limited PROGRESS, SUCCEEDED or FAILED); the runner
 * never throws for a failing task, the returned terminal event says what happened.
 */
public final class StageRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final Stage stage;
    private final ArtifactStore store;
    private final Consumer<TaskEvent> events;

    public StageRunner(Stage stage, ArtifactStore store, Consumer<TaskEvent> events) {
        this.stage = stage;
        this.store = store;
        this.events = events;
    }

    public Stage stage() {
        return stage;
    }

    public String contentKey(TaskRequest task) {
        return ContentKey.of(stage.name(), stage.version(task), task.params(), task.inputs());
    }

    public String outputPrefix(TaskRequest task) {
        return stage.outputKind() + "/" + stage.name() + "-" + contentKey(task);
    }

    /** Where a task keeps what it needs to resume (trainers' checkpoints); dropped when the task is forced. */
    public String checkpointPrefix(TaskRequest task) {
        return "checkpoints/" + stage.name() + "-" + contentKey(task) + "/";
    }

    public TaskEvent run(TaskRequest task) {
        String key = contentKey(task);
        String prefix = outputPrefix(task);
        try {
            if (!stage.name().equals(task.stage())) {
                throw new InvalidTaskException("stage", "this service runs '" + stage.name() + "', not '"
                        + task.stage() + "'");
            }
            stage.validate(task);
            Optional<Manifest> published = task.force() ? Optional.empty() : store.manifest(prefix);
            if (published.isPresent()) {
                return emit(TaskEvent.of(Type.SUCCEEDED, task, key, 1.0, "cached: output already published")
                        .withMetrics(published.get().metrics()).withOutput(prefix));
            }
            if (task.force()) {
                store.list(checkpointPrefix(task)).forEach(object -> store.delete(object.key()));
            }
            emit(TaskEvent.of(Type.STARTED, task, key, 0.0, task.force() ? "started (forced)" : "started"));
            Manifest manifest = stage.run(task, new Context(task, key, prefix, checkpointPrefix(task)));
            store.publish(prefix, manifest);
            String summary = manifest.errors().isEmpty() ? "done"
                    : "done with " + manifest.errors().size() + " input(s) refused, listed in the manifest";
            return emit(TaskEvent.of(Type.SUCCEEDED, task, key, 1.0, summary)
                    .withMetrics(manifest.metrics()).withOutput(prefix));
        } catch (Exception e) {
            if (!(e instanceof IllegalArgumentException)) {
                LOG.warn("task {} of {} failed", task.taskId(), stage.name(), e);
            }
            return emit(TaskEvent.of(Type.FAILED, task, key, 0.0, "failed").withError(describe(e)));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e instanceof InvalidTaskException ? "invalid task: " + e.getMessage()
                : e.getClass().getSimpleName() + message;
    }

    private TaskEvent emit(TaskEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("could not publish {} event of task {}", event.type(), event.taskId(), e);
        }
        return event;
    }

    private final class Context implements TaskContext {
        private final TaskRequest task;
        private final String contentKey;
        private final String outputPrefix;
        private final String checkpointPrefix;
        private long lastProgressNanos;

        Context(TaskRequest task, String contentKey, String outputPrefix, String checkpointPrefix) {
            this.task = task;
            this.contentKey = contentKey;
            this.outputPrefix = outputPrefix;
            this.checkpointPrefix = checkpointPrefix;
        }

        @Override
        public String checkpointPrefix() {
            return checkpointPrefix;
        }

        @Override
        public ArtifactStore store() {
            return store;
        }

        @Override
        public String contentKey() {
            return contentKey;
        }

        @Override
        public String outputPrefix() {
            return outputPrefix;
        }

        @Override
        public synchronized void progress(double fraction, String message, Map<String, Double> metrics) {
            long now = System.nanoTime();
            if (now - lastProgressNanos < PROGRESS_INTERVAL.toNanos() && fraction < 1.0) {
                return;
            }
            milestone(fraction, message, metrics);
        }

        @Override
        public synchronized void milestone(double fraction, String message, Map<String, Double> metrics) {
            lastProgressNanos = System.nanoTime();
            emit(TaskEvent.of(Type.PROGRESS, task, contentKey, Math.max(0, Math.min(1, fraction)), message)
                    .withMetrics(metrics));
        }
    }
}
