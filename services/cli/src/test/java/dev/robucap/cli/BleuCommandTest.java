package dev.robucap.cli;

import static dev.robucap.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BleuCommandTest {

    @TempDir
    Path dir;

    /** A corpus of 20 hypotheses and nltk 3.8's BLEU-1..4 of it, from tools/reference/make_bleu_vectors.py. */
    private static JsonNode example() throws Exception {
        try (InputStream in = BleuCommandTest.class.getResourceAsStream("/bleu/example.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** pycocoevalcap's BLEU-1..4 of the same corpus, from tools/reference/make_coco_bleu_vectors.py. */
    private static JsonNode cocoExample() throws Exception {
        try (InputStream in = BleuCommandTest.class.getResourceAsStream("/bleu/coco-example.json")) {
            return Json.MAPPER.readTree(in).get("coco");
        }
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("corpus.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void jsonPrintsNltksCorpusBleuThenPycocoevalcaps() throws Exception {
        JsonNode example = example();
        Path file = write(Json.MAPPER.writeValueAsString(example.get("input")));

        CommandRun result = run("bleu", file.toString(), "--json");

        assertEquals(0, result.code(), result.err());
        assertEquals("", result.err());
        assertEquals(1, result.out().strip().lines().count(), result.out());
        JsonNode json = Json.MAPPER.readTree(result.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("bleu1", "bleu2", "bleu3", "bleu4", "coco_bleu1", "coco_bleu2", "coco_bleu3",
                "coco_bleu4"), keys);
        for (String key : List.of("bleu1", "bleu2", "bleu3", "bleu4")) {
            double expected = example.get("nltk").get(key).asDouble();
            assertEquals(expected, json.get(key).asDouble(), expected * 1e-12, key);
        }
        JsonNode coco = cocoExample();
        for (String key : List.of("coco_bleu1", "coco_bleu2", "coco_bleu3", "coco_bleu4")) {
            double expected = coco.get(key).asDouble();
            assertEquals(expected, json.get(key).asDouble(), expected * 1e-12, key);
            assertTrue(Math.abs(expected - json.get(key.substring("coco_".length())).asDouble()) > 1e-6,
                    key + ": the example tells the two apart");
        }
    }

    @Test
    void withoutJsonPrintsBothTablesInFractionsAndPercentEachNamed() throws Exception {
        Path file = write(Json.MAPPER.writeValueAsString(example().get("input")));

        CommandRun result = run("bleu", file.toString());

        assertEquals(0, result.code(), result.err());
        var expected = new StringBuilder("corpus BLEU (nltk corpus_bleu) of 20 hypotheses\n");
        for (int n = 1; n <= 4; n++) {
            double bleu = example().get("nltk").get("bleu" + n).asDouble();
            expected.append(String.format(Locale.ROOT, "BLEU-%d  %.6f  %6.2f %%\n", n, bleu, 100 * bleu));
        }
        expected.append("COCO-caption BLEU (pycocoevalcap BleuScorer, option closest) of the same hypotheses\n");
        for (int n = 1; n <= 4; n++) {
            double bleu = cocoExample().get("coco_bleu" + n).asDouble();
            expected.append(String.format(Locale.ROOT, "COCO BLEU-%d  %.6f  %6.2f %%\n", n, bleu, 100 * bleu));
        }
        assertEquals(expected.toString(), result.out().replace(System.lineSeparator(), "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"hypotheses\": [[\"a\"]], |not valid JSON at line 1",
        "{\"hypotheses\": [[\"a\"]]} trailing|not valid JSON",
        "[[\"a\"]]|expected a JSON object with \"hypotheses\" and \"references\", got a list",
        "{\"references\": [[[\"a\"]]]}|missing \"hypotheses\"",
        "{\"hypotheses\": [[\"a\"]]}|missing \"references\"",
        "{\"hypotheses\": {}, \"references\": []}|hypotheses: expected a list of token lists, got an object",
        "{\"hypotheses\": [[\"a\"], \"a b\"], \"references\": [[[\"a\"]], [[\"b\"]]]}"
                + "|hypotheses[1]: expected a list of strings, got a string",
        "{\"hypotheses\": [[\"a\", 7]], \"references\": [[[\"a\"]]]}|hypotheses[0][1]: expected a string, got a number",
        "{\"hypotheses\": [[\"a\"]], \"references\": [\"a\"]}"
                + "|references[0]: expected a list of references (lists of strings), got a string",
        "{\"hypotheses\": [[\"a\"]], \"references\": [[[\"a\"], [null]]]}"
                + "|references[0][1][0]: expected a string, got null",
        "{\"hypotheses\": [[], [], [], []], \"references\": [[[]], [[]], [[]], [[\"a\"], \"a\"]]}"
                + "|references[3][1]: expected a list of strings, got a string",
        "{\"hypotheses\": [[\"a\"], [\"b\"]], \"references\": [[[\"a\"]]]}|2 hypotheses but 1 reference lists",
        "{\"hypotheses\": [[\"a\"]], \"references\": [[]]}|references[0] is empty",
        "{\"hypotheses\": [], \"references\": []}|no hypotheses",
    })
    void badInputFailsWithOneLineNamingTheProblem(String json, String problem) throws Exception {
        Path file = write(json);

        CommandRun result = run("bleu", file.toString(), "--json");

        assertEquals(1, result.code());
        assertEquals("", result.out());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("robucap bleu: " + file + ": " + problem), result.err());
    }

    @Test
    void aMissingFileFailsAndNoFileIsAUsageError() {
        CommandRun missing = run("bleu", dir.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertEquals("", missing.out());
        assertEquals("robucap bleu: " + dir.resolve("nope.json") + ": no such file", missing.err().strip());

        CommandRun usage = run("bleu", "--json");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--help"), usage.err());
    }

    @Test
    void helpSaysWhichScoresAreNltksAndWhichPycocoevalcaps() {
        CommandRun help = run("bleu", "--help");
        assertEquals(0, help.code());
        String out = help.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("BLEU-n (--json bleu1..bleu4): nltk 3.8's corpus_bleu"), help.out());
        assertTrue(out.contains("COCO BLEU-n (--json coco_bleu1..coco_bleu4): the COCO-caption evaluation's"
                + " (pycocoevalcap's BleuScorer, option closest)"), help.out());
    }
}
