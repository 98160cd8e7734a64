package dev.robucap.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.TaskRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The JPEG quality ladder of an evaluation task, each quality with its compressed input {@code q<N>}. */
final class Ladder {

    private Ladder() {
    }

    static List<Integer> of(TaskRequest task) {
        JsonNode ladder = task.param("ladder");
        if (!ladder.isArray() || ladder.isEmpty()) {
            throw new InvalidTaskException("params.ladder", "a non-empty list of JPEG qualities is required");
        }
        List<Integer> qualities = new ArrayList<>();
        for (JsonNode q : ladder) {
            if (!q.isInt() || q.asInt() < 1 || q.asInt() > 100) {
                throw new InvalidTaskException("params.ladder", "qualities must be integers in 1..100, got " + q);
            }
            if (!task.inputs().containsKey("q" + q.asInt())) {
                throw new InvalidTaskException("inputs.q" + q.asInt(), "the prefix of the set compressed at "
                        + q.asInt() + " is required");
            }
            qualities.add(q.asInt());
        }
        return qualities;
    }

    /**
     * The compressed set of quality {@code q} given as input {@code q<N>}: original key → key of its compressed copy,
     * from the augmenter's manifest (whose entries name their source).
     */
    static Map<String, String> copies(ArtifactStore store, TaskRequest task, int q) {
        String prefix = task.inputs().get("q" + q);
        Manifest set = store.manifest(prefix).orElseThrow(() -> new IllegalStateException(
                "input q" + q + " (" + prefix + ") has no manifest: it is not a published compressed set"));
        Map<String, String> bySource = new HashMap<>();
        set.entries().forEach(e -> bySource.put(e.source(), prefix + "/" + e.key()));
        return bySource;
    }

    /**
     * {@code originals} with each key replaced by that of its copy in the set compressed at {@code q}: {@code key}
     * reads an example's key, {@code withKey} makes the example with another one. A missing copy is an error.
     */
    static <T> List<T> compressed(ArtifactStore store, TaskRequest task, int q, List<T> originals,
                                  Function<T, String> key, BiFunction<T, String, T> withKey) {
        Map<String, String> copies = copies(store, task, q);
        List<T> examples = new ArrayList<>(originals.size());
        for (T original : originals) {
            String copy = copies.get(key.apply(original));
            if (copy == null) {
                throw new IllegalStateException(task.inputs().get("q" + q) + " has no compressed copy of "
                        + key.apply(original));
            }
            examples.add(withKey.apply(original, copy));
        }
        return examples;
    }
}
