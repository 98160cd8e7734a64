package dev.robucap.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BleuTest {

    /** Relative: Java's log and exp may differ from glibc's in the last bit. */
    private static final double TOLERANCE = 1e-12;

    private static final List<String> CAT = words("the cat is on the mat");
    private static final List<String> MAT = words("there is a cat on the mat");

    static Stream<Named<JsonNode>> cases() {
        return section("cases");
    }

    static Stream<Named<JsonNode>> refusals() {
        return section("refusals");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNltkCorpusBleu(JsonNode v) {
        BleuScores scores = v.has("generated") ? generated(v.get("generated")) : Bleu.corpus(
                Json.MAPPER.convertValue(v.get("hypotheses"), new TypeReference<List<List<String>>>() { }),
                Json.MAPPER.convertValue(v.get("references"), new TypeReference<List<List<List<String>>>>() { }));
        double[] actual = {scores.bleu1(), scores.bleu2(), scores.bleu3(), scores.bleu4()};
        for (int n = 1; n <= 4; n++) {
            double expected = v.get("bleu").get(n - 1).asDouble();
            // Exact where nltk returns 0; a relative tolerance also holds the tiny values of method0.
            assertEquals(expected, actual[n - 1], Math.abs(expected) * TOLERANCE, "BLEU-" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatNltkFailsOn(JsonNode v) {
        var hypotheses = Json.MAPPER.convertValue(v.get("hypotheses"), new TypeReference<List<List<String>>>() { });
        var references = Json.MAPPER.convertValue(v.get("references"),
                new TypeReference<List<List<List<String>>>>() { });
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(hypotheses, references));
    }

    @Test
    void repeatedWordsCountOnlyAsOftenAsInTheReference() {
        // Papineni et al.'s example: "the" is in the first reference twice, so 2 of the 7 count.
        var scores = Bleu.corpus(List.of(words("the the the the the the the")), List.of(List.of(CAT, MAT)));
        assertEquals(2.0 / 7, scores.bleu1());
    }

    @Test
    void aHypothesisEqualToAReferenceScoresOne() {
        assertEquals(new BleuScores(1, 1, 1, 1), Bleu.corpus(List.of(MAT), List.of(List.of(CAT, MAT))));
    }

    @Test
    void noMatchingUnigramScoresZero() {
        assertEquals(new BleuScores(0, 0, 0, 0), Bleu.corpus(List.of(words("a dog runs")), List.of(List.of(CAT))));
    }

    @Test
    void anOrderWithoutMatchesGivesATinyPositiveScoreNotZero() {
        var scores = Bleu.corpus(List.of(words("the cat sat on the mat")), List.of(List.of(CAT, MAT)));
        assertEquals(0.5, scores.bleu3(), 1e-15);
        // No 4-gram matches: nltk's method0 takes the 4-gram precision as the smallest normal double.
        assertTrue(scores.bleu4() > 0 && scores.bleu4() < 1e-70, "BLEU-4 " + scores.bleu4());
    }

    @Test
    void equallyCloseReferenceLengthsTakeTheShorter() {
        // 5 tokens, references of 3 and 7: against 3 there is no brevity penalty.
        var scores = Bleu.corpus(List.of(words("the cat is on mat")),
                List.of(List.of(words("the cat is on the mat too"), words("the cat is"))));
        assertEquals(1.0, scores.bleu1());
    }

    @Test
    void aShortCorpusIsPenalisedAgainstItsClosestReferences() {
        // 3 tokens against a closest reference of 4: exp(1 - 4/3).
        var scores = Bleu.corpus(List.of(words("the cat is")), List.of(List.of(CAT, words("the cat is here"))));
        assertEquals(Math.exp(1 - 4.0 / 3), scores.bleu1(), 1e-15);
    }

    @Test
    void refusesDifferentNumbersOfHypothesesAndReferenceLists() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of(CAT, MAT), List.of(List.of(CAT))));
        assertTrue(e.getMessage().startsWith("2 hypotheses but 1 reference lists"), e.getMessage());
    }

    @Test
    void refusesAHypothesisWithoutReferences() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of(CAT, MAT), List.of(List.of(CAT), List.of())));
        assertTrue(e.getMessage().startsWith("references[1] is empty"), e.getMessage());
    }

    private static BleuScores generated(JsonNode g) {
        var corpus = GeneratedCorpus.of(g.get("seed").asLong(), g.get("size").asInt(),
                g.get("referencesPerHypothesis").asInt(), g.get("vocabulary").asInt());
        return Bleu.corpus(corpus.hypotheses(), corpus.references());
    }

    private static List<String> words(String sentence) {
        return List.of(sentence.split(" "));
    }

    /** The vectors that tools/reference/make_bleu_vectors.py wrote with nltk 3.8, each named for the report. */
    private static Stream<Named<JsonNode>> section(String name) {
        try (InputStream in = BleuTest.class.getResourceAsStream("/bleu/vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource bleu/vectors.json;"
                        + " run /usr/bin/python3 tools/reference/make_bleu_vectors.py");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            return StreamSupport.stream(root.get(name).spliterator(), false)
                    .map(v -> Named.of(v.get("name").asText(), v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
