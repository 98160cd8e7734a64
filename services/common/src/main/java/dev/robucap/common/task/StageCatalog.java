package dev.robucap.common.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.store.ContentKey;
import java.util.Map;

/**
 * Every stage's code version and output folder in one place, so that the planner knows each task's content key,
 * and so whether its output is already published, before any service has run it. The stage services take their
 * versions from here. Bump a version whenever a stage's output for the same inputs changes.
 */
public final class StageCatalog {

    public static final String AUGMENTER = "augmenter";
    public static final String ENCODER_TRAINER = "encoder-trainer";
    public static final String CAPTIONER_TRAINER = "captioner-trainer";
    public static final String EVALUATOR = "evaluator";

    private static final Map<String, String> VERSIONS = Map.of(
            AUGMENTER, "1",
            ENCODER_TRAINER, "1",
            CAPTIONER_TRAINER, "2"); // 2: small feature maps are upsampled to encodedImageSize

    /** The evaluator's kinds have a version each: changing one evaluation re-runs that evaluation's tasks only. */
    private static final Map<String, String> EVALUATIONS = Map.of(
            "image-quality", "image-quality-1",
            "top1", "top1-1",
            "bleu", "bleu-3"); // 2: the caption encoder upsamples small feature maps; 3: table3.json adds coco_bleu4

    private static final Map<String, String> OUTPUT_KINDS = Map.of(
            AUGMENTER, "augmented",
            ENCODER_TRAINER, "models",
            CAPTIONER_TRAINER, "models",
            EVALUATOR, "metrics");

    private StageCatalog() {
    }

    /** The version of a stage's code for a task with these params (the evaluator's: of the evaluation kind). */
    public static String version(String stage, JsonNode params) {
        if (EVALUATOR.equals(stage)) {
            return EVALUATIONS.getOrDefault(params.path("kind").asText(""), "unknown-kind");
        }
        return require(VERSIONS, stage);
    }

    /** The version of one evaluation kind of the evaluator. */
    public static String evaluationVersion(String kind) {
        return require(EVALUATIONS, kind);
    }

    /** Top-level S3 folder of a stage's outputs. */
    public static String outputKind(String stage) {
        return require(OUTPUT_KINDS, stage);
    }

    /** The content key a stage service gives this task: stage, code version, params and inputs. */
    public static String contentKey(TaskRequest task) {
        return ContentKey.of(task.stage(), version(task.stage(), task.params()), task.params(), task.inputs());
    }

    /** Where a stage service publishes this task's output. */
    public static String outputPrefix(TaskRequest task) {
        return outputKind(task.stage()) + "/" + task.stage() + "-" + contentKey(task);
    }

    private static String require(Map<String, String> map, String name) {
        String value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown: " + name + " (known: " + map.keySet() + ")");
        }
        return value;
    }
}
