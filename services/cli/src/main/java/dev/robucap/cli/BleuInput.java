package dev.robucap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of {@code robucap bleu},
 * {@code {"hypotheses": [[token, …], …], "references": [[[token, …], …], …]}}, checked strictly so that a malformed file fails with the JSON path of its first bad value.
 */
record BleuInput(List<List<String>> hypotheses, List<List<List<String>>> references) {

    /** Reads and checks FILE; errors do not name it, the caller does. */
    static BleuInput read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException("no such file");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"hypotheses\" and \"references\", got "
                    + kind(root));
        }
        List<List<String>> hypotheses = new ArrayList<>();
        for (JsonNode hypothesis : list(field(root, "hypotheses"), "hypotheses", "a list of token lists")) {
            hypotheses.add(tokens(hypothesis, "hypotheses[" + hypotheses.size() + "]"));
        }
        List<List<List<String>>> references = new ArrayList<>();
        for (JsonNode ofOne : list(field(root, "references"), "references", "a list of reference lists")) {
            String path = "references[" + references.size() + "]";
            List<List<String>> refs = new ArrayList<>();
            for (JsonNode reference : list(ofOne, path, "a list of references (lists of strings)")) {
                refs.add(tokens(reference, path + "[" + refs.size() + "]"));
            }
            references.add(refs);
        }
        return new BleuInput(hypotheses, references);
    }

    private static JsonNode field(JsonNode root, String name) {
        if (!root.has(name)) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return root.get(name);
    }

    private static JsonNode list(JsonNode node, String path, String expected) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(path + ": expected " + expected + ", got " + kind(node));
        }
        return node;
    }

    private static List<String> tokens(JsonNode node, String path) {
        List<String> tokens = new ArrayList<>();
        for (JsonNode token : list(node, path, "a list of strings")) {
            if (!token.isTextual()) {
                throw new IllegalArgumentException(path + "[" + tokens.size() + "]: expected a string, got "
                        + kind(token));
            }
            tokens.add(token.asText());
        }
        return tokens;
    }

    /** What a JSON value is, for error messages. */
    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().toString();
        };
    }
}
