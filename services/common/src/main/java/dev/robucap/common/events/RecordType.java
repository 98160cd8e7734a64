package dev.robucap.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.util.List;
import java.util.function.Function;

/**
 * What a topic carries and how to check it: the record class, the newest schema version this code reads, the
 * fields that must be present (the records' constructors would otherwise invent a task id or event id), and the
 * id that tells a redelivered record from a new one.
 */
public final class RecordType<T> {

    public static final RecordType<TaskRequest> TASK_REQUEST = new RecordType<>(TaskRequest.class,
            TaskRequest.SCHEMA, List.of("taskId", "stage"), TaskRequest::taskId);
    public static final RecordType<TaskEvent> TASK_EVENT = new RecordType<>(TaskEvent.class,
            TaskEvent.SCHEMA, List.of("eventId", "type", "taskId"), TaskEvent::eventId);

    private final Class<T> type;
    private final int schema;
    private final List<String> requiredFields;
    private final Function<T, String> id;

    private RecordType(Class<T> type, int schema, List<String> requiredFields, Function<T, String> id) {
        this.type = type;
        this.schema = schema;
        this.requiredFields = requiredFields;
        this.id = id;
    }

    String id(T value) {
        return id.apply(value);
    }

    /** Parses one record's value; unknown fields are ignored, anything else wrong is a reason to dead-letter. */
    T parse(String value) throws MalformedRecordException {
        if (value == null) {
            throw new MalformedRecordException("no value");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        checkSchema(tree.get("schema"));
        for (String field : requiredFields) {
            JsonNode node = tree.get(field);
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                throw new MalformedRecordException("missing required field '" + field + "'");
            }
        }
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private void checkSchema(JsonNode node) throws MalformedRecordException {
        if (node == null) {
            return; // the records default to the current version
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > schema) {
            throw new MalformedRecordException("unsupported schema version " + node + " (this reader knows 1 to "
                    + schema + ")");
        }
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }
}
