package dev.robucap.common.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordMapTest {

    /** b: 1, a: 3, c: 2 occurrences. */
    private static final List<List<String>> SENTENCES =
            List.of(List.of("b", "a"), List.of("a", "c"), List.of("c", "a"));

    private static WordMap map() {
        return WordMap.build(SENTENCES, 0);
    }

    @Test
    void wordsAreNumberedFromOneInFirstOccurrenceOrderThenUnkStartEndWithPadZero() {
        var map = map();
        assertEquals(List.of("<pad>", "b", "a", "c", "<unk>", "<start>", "<end>"), map.words());
        assertEquals(7, map.size());
        assertEquals(0, map.pad());
        assertEquals(4, map.unk());
        assertEquals(5, map.start());
        assertEquals(6, map.end());
        assertEquals(2, map.index("a"));
        assertEquals(4, map.index("zebra"));
        assertEquals("c", map.word(3));
    }

    @Test
    void onlyWordsOccurringMoreThanMinWordFrequencyTimesAreKept() {
        assertEquals(List.of("<pad>", "a", "c", "<unk>", "<start>", "<end>"), WordMap.build(SENTENCES, 1).words());
        assertEquals(List.of("<pad>", "a", "<unk>", "<start>", "<end>"), WordMap.build(SENTENCES, 2).words());
        assertEquals(List.of("<pad>", "<unk>", "<start>", "<end>"), WordMap.build(SENTENCES, 3).words());
    }

    @Test
    void aCaptionIsStartWordsEndThenPaddingToMaxLengthPlusTwo() {
        EncodedCaption encoded = map().encode(List.of("a", "zebra", "c"), 5);
        assertArrayEquals(new int[] {5, 2, 4, 3, 6, 0, 0}, encoded.ids());
        assertEquals(5, encoded.length());
        EncodedCaption full = map().encode(List.of("b", "b"), 2);
        assertArrayEquals(new int[] {5, 1, 1, 6}, full.ids());
        assertEquals(4, full.length());
    }

    @Test
    void aCaptionLongerThanMaxLengthIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> map().encode(List.of("a", "b", "c"), 2));
        assertEquals("a caption of 3 tokens is longer than the maximum of 2", e.getMessage());
    }

    @Test
    void decodingDropsStartEndAndPadWhereverTheyAreAndKeepsUnk() {
        var map = map();
        assertEquals(List.of("a", "<unk>", "c"), map.decode(map.encode(List.of("a", "zebra", "c"), 50).ids()));
        assertEquals(List.of("b", "a"), map.decode(new int[] {0, 1, 5, 6, 2, 0}));
        assertEquals(List.of(), map.decode(new int[] {5, 6}));
        var e = assertThrows(IllegalArgumentException.class, () -> map.decode(new int[] {5, 7}));
        assertEquals("index 7 is outside the word map (0..6)", e.getMessage());
    }

    @Test
    void savedAsTheTutorialsJsonObjectAndLoadedBack() {
        byte[] json = map().toJson();
        assertEquals("{\"b\":1,\"a\":2,\"c\":3,\"<unk>\":4,\"<start>\":5,\"<end>\":6,\"<pad>\":0}",
                new String(json, StandardCharsets.UTF_8));
        assertEquals(map().words(), WordMap.fromJson(json).words());
        String spaced = "{\"<pad>\": 0, \"<end>\": 6, \"b\": 1, \"a\": 2, \"c\": 3, \"<unk>\": 4, \"<start>\": 5}\n";
        assertEquals(map().words(), WordMap.fromJson(spaced.getBytes(StandardCharsets.UTF_8)).words());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"<pad>\":0,\"a\":2,\"<unk>\":3,\"<start>\":4,\"<end>\":5}"
                + " | word map: index 1 is missing: the 5 indices must be 0..4",
        "{\"<pad>\":0,\"a\":1,\"b\":1} | word map: b: index 1 is also a's",
        "{\"<pad>\":0,\"a\":\"1\"} | word map: a: expected a non-negative integer index, got 1",
        "{\"<pad>\":0,\"a\":-1} | word map: a: expected a non-negative integer index, got -1",
        "{\"<pad>\":0,\"a\":1.0} | word map: a: expected a non-negative integer index, got 1.0",
        "{\"<pad>\":0,\"a\":99999999999} | word map: a: expected a non-negative integer index, got 99999999999",
        "{} | word map: <pad> must be at index 0 of a word map of 0 entries",
        "{\"a\":0,\"<unk>\":1,\"<start>\":2,\"<end>\":3}"
                + " | word map: <pad> must be at index 0 of a word map of 4 entries",
        "{\"<pad>\":0,\"<start>\":1,\"<unk>\":2,\"<end>\":3} | word map: <unk> must be at index 1 of a word map of 4"
                + " entries",
        "[\"<pad>\"] | word map: expected an object of words and indices",
        "{\"<pad>\":0} {} | word map: unexpected content after the object",
    })
    void aCorruptWordMapIsRefusedSayingWhy(String json, String message) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WordMap.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aDuplicateWordOrANestedValueIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WordMap.fromJson("{\"<pad>\":0,\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("word map: not valid JSON: Duplicate field 'a'", e.getMessage());
        var nested = assertThrows(IllegalArgumentException.class,
                () -> WordMap.fromJson("{\"a\":{\"b\":{}}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("word map: a: expected a non-negative integer index, got {", nested.getMessage());
    }

    @Test
    void aReservedWordInACaptionIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WordMap.build(List.of(List.of("a", "<pad>")), 0));
        assertEquals("<pad> is reserved for the word map: it cannot be a caption's", e.getMessage());
    }
}
