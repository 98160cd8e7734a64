package dev.robucap.common.data.coco;

import static dev.robucap.common.data.coco.HandWritten.image;
import static dev.robucap.common.data.coco.HandWritten.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.data.imagenet.InvalidDatasetException;
import dev.robucap.common.data.imagenet.KeySource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed dataset_coco.json is refused while reading, with a message naming the first bad record. */
class KarpathyJsonRefusesBadInputTest {

    private static final String TRAIN = image(0, "train", "a dog");
    private static final String VAL = image(1, "val", "a cat");

    private static String refusal(String json) {
        return assertThrows(InvalidDatasetException.class,
                () -> CocoDataset.read(HandWritten.source(json), CaptionParameters.TUTORIAL)).getMessage();
    }

    /** {@code json(VAL, <the first image with target replaced>)}: the bad record is always images[1]. */
    private static String secondImage(String target, String replacement) {
        String bad = TRAIN.replace(target, replacement);
        if (bad.equals(TRAIN)) {
            throw new IllegalArgumentException(target + " is not in " + TRAIN);
        }
        return json(VAL, bad);
    }

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of(secondImage("\"filepath\":\"train2014\",", ""),
                        "dataset_coco.json images[1]: missing field filepath"),
                Arguments.of(secondImage(",\"split\":\"train\"", ""),
                        "dataset_coco.json images[1]: missing field split"),
                Arguments.of(json(VAL, image(0, "train", "a b", "c d", "e f", "g h")
                                .replace("[\"g\",\"h\"]", "[\"g\",2]")),
                        "dataset_coco.json images[1].sentences[3].tokens: expected a list of strings, got [\"g\",2]"),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "\"a dog\""),
                        "dataset_coco.json images[1].sentences[0].tokens: expected a list of strings, got \"a dog\""),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "null"),
                        "dataset_coco.json images[1].sentences[0].tokens: expected a list of strings, got null"),
                Arguments.of(secondImage("\"split\":\"train\"", "\"split\":\"validation\""),
                        "dataset_coco.json images[1].split: expected one of train, restval, val, test, got"
                                + " \"validation\""),
                Arguments.of(secondImage("\"split\":\"train\"", "\"split\":3"),
                        "dataset_coco.json images[1].split: expected one of train, restval, val, test, got 3"),
                Arguments.of(secondImage("\"imgid\":0,", "\"imgid\":\"0\","),
                        "dataset_coco.json images[1].imgid: expected a non-negative integer, got \"0\""),
                Arguments.of(secondImage("\"cocoid\":100", "\"cocoid\":100.5"),
                        "dataset_coco.json images[1].cocoid: expected a non-negative integer, got 100.5"),
                Arguments.of(secondImage("\"cocoid\":100", "\"cocoid\":-100"),
                        "dataset_coco.json images[1].cocoid: expected a non-negative integer, got -100"),
                Arguments.of(secondImage("\"cocoid\":100", "\"cocoid\":9223372036854775808"),
                        "dataset_coco.json images[1].cocoid: expected a non-negative integer, got"
                                + " 9223372036854775808"),
                Arguments.of(secondImage("\"filename\":\"img0.jpg\"", "\"filename\":\"\""),
                        "dataset_coco.json images[1].filename: expected a non-empty name without control characters"
                                + " or surrounding spaces, got \"\""),
                Arguments.of(secondImage("\"filename\":\"img0.jpg\"", "\"filename\":\"img0.jpg\\nimg1.jpg\""),
                        "dataset_coco.json images[1].filename: expected a non-empty name without control characters"
                                + " or surrounding spaces, got \"img0.jpg\\nimg1.jpg\""),
                Arguments.of(secondImage("\"filepath\":\"train2014\"", "\"filepath\":[\"train2014\"]"),
                        "dataset_coco.json images[1].filepath: expected a non-empty name without control characters"
                                + " or surrounding spaces, got [\"train2014\"]"),
                Arguments.of(json(VAL, image(0, "train").replace("\"sentences\":[]", "\"sentences\":{}")),
                        "dataset_coco.json images[1].sentences: expected a list of sentences, got {}"),
                Arguments.of(json(VAL, image(0, "train").replace("\"sentences\":[]", "\"sentences\":[\"a dog\"]")),
                        "dataset_coco.json images[1].sentences[0]: expected a sentence object, got \"a dog\""),
                Arguments.of(secondImage("{\"tokens\":[\"a\",\"dog\"],", "{"),
                        "dataset_coco.json images[1].sentences[0]: missing field tokens"),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "[\"a\",\"big dog\"]"),
                        "dataset_coco.json images[1].sentences[0].tokens[1]: expected a word without spaces, got"
                                + " \"big dog\""),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "[\"a\",\"\"]"),
                        "dataset_coco.json images[1].sentences[0].tokens[1]: expected a word without spaces,"
                                + " got \"\""),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "[\"a\",\"" + "x ".repeat(100) + "\"]"),
                        "dataset_coco.json images[1].sentences[0].tokens[1]: expected a word without spaces, got"
                                + " \"x x x x x x x x x x x x x x x x x x x x…"),
                Arguments.of(secondImage("[\"a\",\"dog\"]", "[\"a\",\"<end>\"]"),
                        "dataset_coco.json images[1].sentences[0].tokens[1]: <end> is reserved for the word map"),
                Arguments.of(json(VAL, "3"), "dataset_coco.json images[1]: expected an image object, got 3"),
                Arguments.of("{\"images\":{}}", "dataset_coco.json images: expected a list of images, got {}"),
                Arguments.of("{\"dataset\":\"coco\"}", "dataset_coco.json: missing field images"),
                Arguments.of("[" + TRAIN + "]", "dataset_coco.json: expected an object with a list of images"),
                Arguments.of("", "dataset_coco.json: expected an object with a list of images"),
                Arguments.of(json(TRAIN, VAL) + " {}", "dataset_coco.json: unexpected content after the top-level"
                        + " object"));
    }

    @ParameterizedTest
    @MethodSource("malformedRecords")
    void aMalformedRecordIsNamed(String json, String message) {
        assertEquals(message, refusal(json));
    }

    @Test
    void anImageListedTwiceIsNamedWithItsFirstListing() {
        String again = image(2, "train", "a dog").replace("img2.jpg", "img0.jpg");
        assertEquals("dataset_coco.json images[2]: image train2014/img0.jpg is listed twice, first as images[0]",
                refusal(json(TRAIN, VAL, again)));
        assertEquals("dataset_coco.json images[2].imgid: 1 is also the imgid of images[1]",
                refusal(json(TRAIN, VAL, image(2, "test", "a dog").replace("\"imgid\":2", "\"imgid\":1"))));
        assertEquals("dataset_coco.json images[2].cocoid: 100 is also the cocoid of images[0]",
                refusal(json(TRAIN, VAL, image(2, "test", "a dog").replace("\"cocoid\":102", "\"cocoid\":100"))));
    }

    @Test
    void anImageListedButNotInTheDataSetIsNamedWithHowManyAreMissing() {
        int outside = HandWritten.IDS;
        String json = json(TRAIN, VAL, image(outside, "test", "a bird"), image(outside + 1, "val", "a cow"));
        assertEquals("dataset_coco.json images[2]: val2014/img100.jpg is not under data/coco (2 of the 4 listed"
                + " images are missing)", refusal(json));
    }

    @Test
    void aDataSetWithoutItsKarpathyFileIsRefused() {
        var source = new KeySource("data/coco", List.of("train2014/img0.jpg"), key -> "");
        var e = assertThrows(InvalidDatasetException.class,
                () -> CocoDataset.read(source, CaptionParameters.TUTORIAL));
        assertEquals("no dataset_coco.json under data/coco: expected Karpathy's split file beside the COCO 2014"
                + " image folders", e.getMessage());
    }

    @Test
    void aDataSetWithoutTrainingOrDevImagesIsRefused() {
        assertEquals("dataset_coco.json has no training (train or restval) images with a caption of at most 50"
                + " tokens", refusal(json(VAL)));
        assertEquals("dataset_coco.json has no dev (val) images with a caption of at most 50 tokens",
                refusal(json(TRAIN, image(1, "test", "a cat"))));
    }

    @Test
    void invalidJsonIsNamedWithTheRecordBeingReadAndWhere() {
        String json = json(TRAIN, VAL);
        String truncated = json.substring(0, json.indexOf("\"split\":\"val\""));
        assertStartsWith("dataset_coco.json images[1]: not valid JSON at line 1, column ", refusal(truncated));
        assertContains("Unexpected end-of-input", refusal(truncated));

        String duplicateField = json(TRAIN.replace("\"split\":\"train\"", "\"split\":\"train\",\"split\":\"test\""),
                VAL);
        assertStartsWith("dataset_coco.json images[0]: not valid JSON at line 1, column ", refusal(duplicateField));
        assertContains("Duplicate field 'split'", refusal(duplicateField));
    }

    @Test
    void deepNestingIsRefusedInsideAnImageAndOutside() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String inside = refusal(json(TRAIN.replace("\"sentids\":[]", "\"sentids\":" + deep), VAL));
        assertStartsWith("dataset_coco.json images[0]: not valid JSON at line 1, column ", inside);
        assertContains("nesting depth (17) exceeds the maximum allowed (16", inside);

        String outside = refusal("{\"images\":[" + TRAIN + "," + VAL + "],\"extra\":" + deep + "}");
        assertStartsWith("dataset_coco.json: not valid JSON at line 1, column ", outside);
        assertContains("nesting depth (17) exceeds the maximum allowed (16", outside);
    }

    @Test
    void hugeStringsNumbersAndNamesAreRefused() {
        String string = refusal(json(TRAIN.replace("\"dog\"", "\"" + "o".repeat(1 << 20) + "\""), VAL));
        assertStartsWith("dataset_coco.json images[0]: not valid JSON at line 1, column ", string);
        assertContains("String value length", string);
        assertContains("exceeds the maximum allowed (65536", string);

        String number = refusal(json(TRAIN, VAL.replace("\"cocoid\":101", "\"cocoid\":1" + "0".repeat(400))));
        assertStartsWith("dataset_coco.json images[1]: not valid JSON at line 1, column ", number);
        assertContains("Number value length", number);
        assertContains("exceeds the maximum allowed (20", number);

        String name = refusal(json(TRAIN, VAL.replace("\"sentids\"", "\"" + "s".repeat(100_000) + "\"")));
        assertStartsWith("dataset_coco.json images[1]: not valid JSON at line 1, column ", name);
        assertContains("Name length", name);
        assertContains("exceeds the maximum allowed (256", name);
    }

    private static void assertStartsWith(String prefix, String message) {
        assertTrue(message.startsWith(prefix), message);
    }

    private static void assertContains(String part, String message) {
        assertTrue(message.contains(part), message);
    }
}
