package dev.robucap.common.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A request to run one task of a stage: what to do ({@code params}) on which artifacts ({@code inputs}, logical
 * name → S3 prefix or key). Versioned JSON on the Kafka topic {@code robucap.tasks.<stage>} and the body of
 * {@code POST /v1/tasks}. The content key is derived, never sent: the same work always has the same key.
 * {@code force} runs the task even when its output is already published, from scratch (its checkpoints are
 * dropped); it is not part of the key.
 */
public record TaskRequest(int schema, String taskId, String stage, ObjectNode params, Map<String, String> inputs,
                          Instant requestedAt, boolean force) {

    public static final int SCHEMA = 1;

    public TaskRequest {
        Objects.requireNonNull(stage, "stage");
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
        inputs = inputs == null ? Map.of() : Map.copyOf(new TreeMap<>(inputs));
        taskId = taskId == null || taskId.isBlank() ? UUID.randomUUID().toString() : taskId;
        requestedAt = requestedAt == null ? Instant.now() : requestedAt;
        schema = schema == 0 ? SCHEMA : schema;
    }

    public static TaskRequest of(String stage, ObjectNode params, Map<String, String> inputs) {
        return new TaskRequest(SCHEMA, null, stage, params, inputs, null, false);
    }

    public TaskRequest withForce(boolean newForce) {
        return new TaskRequest(schema, taskId, stage, params, inputs, requestedAt, newForce);
    }

    public JsonNode param(String name) {
        return params.path(name);
    }
}
