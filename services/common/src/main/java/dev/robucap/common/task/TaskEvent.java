package dev.robucap.common.task;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a stage says about a task, on the Kafka topic {@code robucap.events} and as server-sent events on
 * {@code GET /v1/tasks/{id}/events}. Versioned; readers ignore unknown fields and tolerate duplicates (the
 * {@code eventId} tells them apart).
 */
public record TaskEvent(int schema, String eventId, Type type, String taskId, String stage, String contentKey,
                        double progress, String message, Map<String, Double> metrics, String error,
                        String output, Instant time) {

    public static final int SCHEMA = 1;

    public enum Type {
        REQUESTED, STARTED, PROGRESS, SUCCEEDED, FAILED;

        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    public TaskEvent {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        eventId = eventId == null ? UUID.randomUUID().toString() : eventId;
        time = time == null ? Instant.now() : time;
        schema = schema == 0 ? SCHEMA : schema;
    }

    public static TaskEvent of(Type type, TaskRequest task, String contentKey, double progress, String message) {
        return new TaskEvent(SCHEMA, null, type, task.taskId(), task.stage(), contentKey, progress, message,
                null, null, null, null);
    }

    public TaskEvent withMetrics(Map<String, Double> newMetrics) {
        return new TaskEvent(schema, eventId, type, taskId, stage, contentKey, progress, message, newMetrics, error,
                output, time);
    }

    public TaskEvent withError(String newError) {
        return new TaskEvent(schema, eventId, type, taskId, stage, contentKey, progress, message, metrics, newError,
                output, time);
    }

    public TaskEvent withOutput(String newOutput) {
        return new TaskEvent(schema, eventId, type, taskId, stage, contentKey, progress, message, metrics, error,
                newOutput, time);
    }
}
