package dev.robucap.common.data.coco;

import static dev.robucap.common.data.coco.HandWritten.image;
import static dev.robucap.common.data.coco.HandWritten.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tutorial's create_input_files rules on hand-written dataset_coco.json files. */
class CocoDatasetPreparesCaptionsTest {

    private static final String DOG = "a dog";

    private static CocoDataset read(String json) {
        return read(json, CaptionParameters.TUTORIAL);
    }

    private static CocoDataset read(String json, CaptionParameters parameters) {
        return CocoDataset.read(HandWritten.source(json), parameters);
    }

    /** "w1 w2 … wN". */
    private static String words(int count) {
        return String.join(" ", IntStream.rangeClosed(1, count).mapToObj(i -> "w" + i).toList());
    }

    private static List<String> tokens(String caption) {
        return List.of(caption.split(" "));
    }

    @Test
    void trainAndRestvalAreTrainingValIsDevAndTestIsTestEachInTheFilesOrder() {
        var data = read(json(image(0, "train", DOG), image(1, "restval", DOG), image(2, "val", DOG),
                image(3, "test", DOG), image(4, "train", DOG)));
        assertEquals(List.of("data/coco/train2014/img0.jpg", "data/coco/val2014/img1.jpg",
                "data/coco/train2014/img4.jpg"), data.train().stream().map(CocoExample::key).toList());
        assertEquals(List.of(100L, 101L, 104L), data.train().stream().map(CocoExample::cocoid).toList());
        assertEquals(List.of("data/coco/val2014/img2.jpg"), data.dev().stream().map(CocoExample::key).toList());
        assertEquals(List.of("data/coco/val2014/img3.jpg"), data.test().stream().map(CocoExample::key).toList());
        assertEquals(data.dev(), data.split(Split.DEV));
    }

    @Test
    void captionsLongerThanMaxLengthAreDroppedAndImagesLeftWithoutAnyAreSkipped() {
        var data = read(json(image(0, "train", words(51), words(50)), image(1, "train", words(51)),
                image(2, "val", DOG)));
        assertEquals(1, data.train().size());
        assertEquals(List.of(tokens(words(50))), new ArrayList<>(new HashSet<>(data.train().get(0).captions())));
        assertEquals(1, data.skippedImages());
        assertEquals("train2014/img0.jpg\n", data.selection(Split.TRAIN));
    }

    @Test
    void anImageWithFewerCaptionsKeepsThemAllThenRepeatsRandomOnes() {
        var data = read(json(image(0, "train", "a dog", "one dog"), image(1, "val", DOG)));
        var captions = data.train().get(0).captions();
        assertEquals(5, captions.size());
        assertEquals(List.of(tokens("a dog"), tokens("one dog")), captions.subList(0, 2));
        assertTrue(List.of(tokens("a dog"), tokens("one dog")).containsAll(captions.subList(2, 5)), captions::toString);
        assertEquals(List.of(tokens(DOG), tokens(DOG), tokens(DOG), tokens(DOG), tokens(DOG)),
                data.dev().get(0).captions());
    }

    @Test
    void anImageWithAsManyOrMoreCaptionsKeepsARandomSampleOfDistinctOnes() {
        String[] eight = IntStream.range(0, 8).mapToObj(i -> "dog number " + i).toArray(String[]::new);
        String[] five = IntStream.range(0, 5).mapToObj(i -> "cat number " + i).toArray(String[]::new);
        var data = read(json(image(0, "train", eight), image(1, "val", five)));

        var sampled = data.train().get(0).captions();
        assertEquals(5, sampled.size());
        assertEquals(5, new HashSet<>(sampled).size());
        assertTrue(IntStream.range(0, 8).mapToObj(i -> tokens(eight[i])).toList().containsAll(sampled));

        var all = data.dev().get(0).captions();
        assertEquals(IntStream.range(0, 5).mapToObj(i -> tokens(five[i])).collect(Collectors.toSet()),
                new HashSet<>(all));
    }

    @Test
    void theSamplesDependOnTheSeedAlone() {
        String[] eight = IntStream.range(0, 8).mapToObj(i -> "dog number " + i).toArray(String[]::new);
        var images = new ArrayList<String>();
        for (int id = 0; id < 20; id++) {
            images.add(image(id, id % 4 == 0 ? "val" : "train", eight));
        }
        String json = json(images.toArray(String[]::new));
        var seed123 = read(json);
        assertEquals(seed123.train(), read(json).train());
        assertEquals(seed123.dev(), read(json).dev());
        var seed124 = read(json, new CaptionParameters(50, 5, 5, 124));
        assertNotEquals(seed123.train(), seed124.train());
        assertNotEquals(seed123.train().get(0).captions(), seed123.train().get(1).captions(),
                "one stream draws every image's sample");
    }

    @Test
    void wordsOccurringMoreThanMinWordFrequencyTimesInAnySentenceMakeTheVocabularyInFirstOccurrenceOrder() {
        var data = read(json(
                image(0, "train", "a cat sat", "a cat sat", "a cat sat", "a cat", "a cat"),
                image(1, "train", "zebra ".repeat(51).strip()),
                image(2, "val", "a dog dog dog"),
                image(3, "test", "dog dog dog")));
        // a: 6, cat: 5, sat: 3, zebra: 51 in a caption too long to keep, dog: 6 counting the test split's.
        assertEquals(List.of(WordMap.PAD, "a", "zebra", "dog", WordMap.UNK, WordMap.START, WordMap.END),
                data.wordMap().words());
        assertEquals(1, data.skippedImages());
    }

    @Test
    void theParametersChangeTheRules() {
        var data = read(json(image(0, "train", "a b c", "a b c d"), image(1, "val", "x")),
                new CaptionParameters(3, 2, 0, 7));
        assertEquals(List.of(tokens("a b c"), tokens("a b c")), data.train().get(0).captions());
        assertEquals(List.of(WordMap.PAD, "a", "b", "c", "d", "x", WordMap.UNK, WordMap.START, WordMap.END),
                data.wordMap().words());
        assertEquals(new CaptionParameters(3, 2, 0, 7), data.parameters());
    }

    @Test
    void selectionsListTheRelativeKeysOfASplitsImagesOnePerLine() {
        var data = read(json(image(0, "train", DOG), image(1, "restval", DOG), image(2, "val", DOG),
                image(3, "test", DOG)));
        assertEquals("train2014/img0.jpg\nval2014/img1.jpg\n", data.selection(Split.TRAIN));
        assertEquals("val2014/img3.jpg\n", data.selection(Split.TEST));
    }
}
