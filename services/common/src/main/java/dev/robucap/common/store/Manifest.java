package dev.robucap.common.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last object a task writes under its output prefix ({@code <prefix>/manifest.json}): readers trust only
 * what a manifest lists, so an output without one does not exist. Entry keys are relative to the prefix.
 * {@code errors} lists every input that could not be processed, with the reason: nothing is dropped silently.
 */
public record Manifest(int schema, String stage, String contentKey, String taskId, Instant createdAt,
                       ObjectNode params, Map<String, String> inputs, List<Entry> entries, List<Failure> errors,
                       Map<String, Double> metrics) {

    public static final int SCHEMA = 1;
    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        entries = entries == null ? List.of() : List.copyOf(entries);
        errors = errors == null ? List.of() : List.copyOf(errors);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        schema = schema == 0 ? SCHEMA : schema;
    }

    /** One published object: its key relative to the output prefix, its size, and the input it came from. */
    public record Entry(String key, long size, String source) {
    }

    /** An input that could not be processed, and why. */
    public record Failure(String source, String reason) {
    }
}
