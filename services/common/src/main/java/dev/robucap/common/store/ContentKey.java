package dev.robucap.common.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a piece of work: SHA-256 of the canonical JSON of stage, code version, parameters and input
 * keys (object keys sorted at every depth). Equal work gives an equal key whatever the order of fields in the
 * request, so a task whose manifest exists under its key can be skipped.
 */
public final class ContentKey {

    /** Hex digits kept: 96 bits, ample for a cache key and short enough for object keys and labels. */
    public static final int LENGTH = 24;

    private ContentKey() {
    }

    public static String of(String stage, String codeVersion, JsonNode params, Map<String, String> inputs) {
        ObjectNode identity = Json.MAPPER.createObjectNode();
        identity.put("stage", stage);
        identity.put("version", codeVersion);
        identity.set("params", canonical(params));
        identity.set("inputs", Json.MAPPER.valueToTree(new TreeMap<>(inputs)));
        try {
            byte[] bytes = Json.MAPPER.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, LENGTH);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash task identity", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return Json.MAPPER.createObjectNode();
        }
        if (node.isObject()) {
            ObjectNode sorted = Json.MAPPER.createObjectNode();
            var names = new TreeMap<String, JsonNode>();
            node.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue()));
            names.forEach((name, value) -> sorted.set(name, canonical(value)));
            return sorted;
        }
        if (node.isArray()) {
            var array = Json.MAPPER.createArrayNode();
            node.forEach(item -> array.add(canonical(item)));
            return array;
        }
        return node;
    }
}
