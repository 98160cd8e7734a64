package dev.robucap.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One task of the plan as it stands.
 *
 * @param id         the plan's task id ({@code encoder/+2})
 * @param state      one of the constants below
 * @param attempts   Jobs started for it (Kafka tasks: 1 once sent)
 * @param progress   0..1, from the stage's events
 * @param job        the Kubernetes Job of its latest attempt, for Job tasks
 * @param requestId  the task id of its latest request, which the stage's events carry
 * @param contentKey the key its output is published under: a spec change that keeps it keeps the task's result
 * @param retryAt    when a failed Job is tried again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(String id, String stage, String state, Integer attempts, Double progress, String job,
                         String requestId, String contentKey, String message, String retryAt) {

    public static final String WAITING = "Waiting";
    public static final String RUNNING = "Running";
    public static final String RETRYING = "Retrying";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String NOT_RUN = "NotRun";

    public static TaskStatus waiting(String id, String stage, String contentKey) {
        return new TaskStatus(id, stage, WAITING, 0, 0.0, null, null, contentKey, null, null);
    }

    public int attemptCount() {
        return attempts == null ? 0 : attempts;
    }

    public TaskStatus with(String newState, String newMessage) {
        return new TaskStatus(id, stage, newState, attempts, progress, job, requestId, contentKey, newMessage, retryAt);
    }

    /** A new attempt; {@code why} says why there is one after the first (else null). */
    public TaskStatus started(String newJob, String newRequestId, String why) {
        return new TaskStatus(id, stage, RUNNING, attemptCount() + 1, 0.0, newJob, newRequestId, contentKey, why,
                null);
    }

    public TaskStatus withProgress(double newProgress) {
        return new TaskStatus(id, stage, state, attempts, newProgress, job, requestId, contentKey, message, retryAt);
    }

    public TaskStatus retryingAt(String when, String why) {
        return new TaskStatus(id, stage, RETRYING, attempts, progress, job, requestId, contentKey, why, when);
    }
}
