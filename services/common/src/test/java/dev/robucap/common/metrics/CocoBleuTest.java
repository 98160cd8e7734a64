package dev.robucap.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

class CocoBleuTest {

    /**
     * Relative: Java's pow and exp may differ from glibc's in the last bit (with OpenJDK 17 on x86-64 every vector
     * agrees bit for bit, but Math.pow and Math.exp are only specified to within 1 ulp).
     */
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
    void matchesPycocoevalcap(JsonNode v) {
        BleuScores scores = v.has("generated") ? generated(v.get("generated")) : CocoBleu.corpus(
                Json.MAPPER.convertValue(v.get("hypotheses"), new TypeReference<List<List<String>>>() { }),
                Json.MAPPER.convertValue(v.get("references"), new TypeReference<List<List<List<String>>>>() { }));
        double[] actual = {scores.bleu1(), scores.bleu2(), scores.bleu3(), scores.bleu4()};
        for (int n = 1; n <= 4; n++) {
            double expected = v.get("cocoBleu").get(n - 1).asDouble();
            // Exact where pycocoevalcap returns 0; relative elsewhere, down to the 1e-16 of no matching unigram.
            assertEquals(expected, actual[n - 1], Math.abs(expected) * TOLERANCE, "COCO BLEU-" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatPycocoevalcapFailsOn(JsonNode v) {
        var hypotheses = Json.MAPPER.convertValue(v.get("hypotheses"), new TypeReference<List<List<String>>>() { });
        var references = Json.MAPPER.convertValue(v.get("references"),
                new TypeReference<List<List<List<String>>>>() { });
        assertThrows(IllegalArgumentException.class, () -> CocoBleu.corpus(hypotheses, references));
    }

    @Test
    void clippedUnigramsWithTheConstantsAndABrevityPenaltyByHand() {
        // Papineni et al.'s example: "the" is in the first reference twice, so 2 of the 7 count; no bigram matches.
        // The closest reference is the second, 7 tokens, as long as the hypothesis: ratio (7 + 1e-15) / (7 + 1e-9).
        var scores = CocoBleu.corpus(List.of(words("the the the the the the the")), List.of(List.of(CAT, MAT)));
        double ratio = (7 + 1e-15) / (7 + 1e-9);
        double penalty = Math.exp(1 - 1 / ratio);
        assertTrue(ratio < 1 && penalty < 1, "ratio " + ratio);
        assertEquals((2 + 1e-15) / (7 + 1e-9) * penalty, scores.bleu1(), 1e-17);
        assertEquals(2.0 / 7, scores.bleu1(), 1e-9);
        double p2 = (2 + 1e-15) / (7 + 1e-9) * (1e-15 / (6 + 1e-9));
        assertEquals(Math.sqrt(p2) * penalty, scores.bleu2(), 1e-22);
        double p4 = p2 * (1e-15 / (5 + 1e-9)) * (1e-15 / (4 + 1e-9));
        assertEquals(Math.pow(p4, 0.25) * penalty, scores.bleu4(), 1e-25);
        assertTrue(scores.bleu4() > 1e-13 && scores.bleu4() < 1e-11, "BLEU-4 " + scores.bleu4());
    }

    @Test
    void aHypothesisEqualToAReferenceScoresJustBelowOne() {
        var scores = CocoBleu.corpus(List.of(MAT), List.of(List.of(CAT, MAT)));
        for (double bleu : new double[] {scores.bleu1(), scores.bleu2(), scores.bleu3(), scores.bleu4()}) {
            assertNotEquals(1.0, bleu);
            assertEquals(1.0, bleu, 1e-9);
        }
    }

    @Test
    void noMatchingUnigramIsNotExactlyZeroButNoHypothesisTokensIs() {
        var none = CocoBleu.corpus(List.of(words("a dog runs")), List.of(List.of(CAT)));
        // 1e-15 / 3 against an ideal 1, with the penalty exp(1 - 6/3) of a hypothesis half as long as its reference.
        assertEquals(1e-15 / (3 + 1e-9) * Math.exp(1 - (6 + 1e-9) / (3 + 1e-15)), none.bleu1(), 1e-30);
        assertEquals(new BleuScores(0, 0, 0, 0), CocoBleu.corpus(List.of(List.of()), List.of(List.of(CAT))));
        assertEquals(new BleuScores(0, 0, 0, 0), CocoBleu.corpus(List.of(), List.of()));
    }

    @Test
    void shortHypothesesGuessNoNgramsWhereNltkCountsOne() {
        var two = List.of(words("the cat"));
        var references = List.of(List.of(words("the cat")));
        // BLEU-3: (2/2 * 1/1 * 1e-15/1e-9)^(1/3), the 1e-6 of a hypothesis with no trigram to guess.
        double expected = Math.pow((2 + 1e-15) / (2 + 1e-9) * ((1 + 1e-15) / (1 + 1e-9)) * (1e-15 / 1e-9), 1.0 / 3)
                * Math.exp(1 - 1 / ((2 + 1e-15) / (2 + 1e-9)));
        assertEquals(expected, CocoBleu.corpus(two, references).bleu3(), expected * TOLERANCE);
        assertEquals(0.01, CocoBleu.corpus(two, references).bleu3(), 1e-9);
    }

    @Test
    void equallyCloseReferenceLengthsTakeTheShorter() {
        // 5 tokens, references of 3 and 7: against 3 there is no brevity penalty.
        var scores = CocoBleu.corpus(List.of(words("the cat is on mat")),
                List.of(List.of(words("the cat is on the mat too"), words("the cat is"))));
        assertEquals((5 + 1e-15) / (5 + 1e-9), scores.bleu1());
    }

    @Test
    void refusesDifferentNumbersOfHypothesesAndReferenceLists() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CocoBleu.corpus(List.of(CAT, MAT), List.of(List.of(CAT))));
        assertTrue(e.getMessage().startsWith("2 hypotheses but 1 reference lists"), e.getMessage());
    }

    @Test
    void refusesAHypothesisWithoutReferences() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CocoBleu.corpus(List.of(CAT, MAT), List.of(List.of(CAT), List.of())));
        assertTrue(e.getMessage().startsWith("references[1] is empty"), e.getMessage());
    }

    private static BleuScores generated(JsonNode g) {
        var corpus = GeneratedCorpus.of(g.get("seed").asLong(), g.get("size").asInt(),
                g.get("referencesPerHypothesis").asInt(), g.get("vocabulary").asInt());
        return CocoBleu.corpus(corpus.hypotheses(), corpus.references());
    }

    private static List<String> words(String sentence) {
        return List.of(sentence.split(" "));
    }

    /** The vectors that tools/reference/make_coco_bleu_vectors.py wrote with pycocoevalcap's code. */
    private static Stream<Named<JsonNode>> section(String name) {
        try (InputStream in = CocoBleuTest.class.getResourceAsStream("/bleu/coco-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource bleu/coco-vectors.json;"
                        + " run /usr/bin/python3 tools/reference/make_coco_bleu_vectors.py FOLDER (see its docstring)");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            return StreamSupport.stream(root.get(name).spliterator(), false)
                    .map(v -> Named.of(v.get("name").asText(), v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
