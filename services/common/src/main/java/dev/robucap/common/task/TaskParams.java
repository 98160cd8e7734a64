package dev.robucap.common.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import java.util.regex.Pattern;

/** Task parameters the trainers share; a bad one is an {@link InvalidTaskException} naming its field. */
public final class TaskParams {

    private static final Pattern VARIANT = Pattern.compile("base|\\+([0-9]{1,3})");

    private TaskParams() {
    }

    /**
     * The paper's training-set variant {@code params.variant}: null for {@code base}, else the augmentation quality
     * q of {@code +q}.
     */
    public static Integer augmentationQuality(JsonNode variant) {
        var match = VARIANT.matcher(variant.asText(""));
        if (!variant.isTextual() || !match.matches()) {
            throw new InvalidTaskException("params.variant", "'base' or '+q' with a JPEG quality q is required, got "
                    + variant);
        }
        if (match.group(1) == null) {
            return null;
        }
        int q = Integer.parseInt(match.group(1));
        if (q < 1 || q > 100) {
            throw new InvalidTaskException("params.variant", "quality " + q + " is outside 1..100");
        }
        return q;
    }

    /**
     * The record {@code defaults} with the fields {@code node} gives replaced (a missing or null node: the
     * defaults). A field it does not have, a value of the wrong type or one its constructor refuses is an error
     * naming {@code field}.
     */
    public static <T extends Record> T overridden(JsonNode node, T defaults, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new InvalidTaskException(field, "an object of " + defaults.getClass().getSimpleName()
                    + " fields is required");
        }
        try {
            ObjectNode merged = Json.MAPPER.valueToTree(defaults);
            merged.setAll((ObjectNode) node);
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) defaults.getClass();
            return Json.YAML.treeToValue(merged, type);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidTaskException(field, cause.getMessage().lines().findFirst().orElse(""));
        }
    }
}
