package dev.robucap.common.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.imagenet.InvalidDatasetException;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on the synthetic writer's real output: 6 train, 3 restval, 2 val and 4 test images of 32 px. */
class CocoDatasetReadsSyntheticCocoTest {

    @TempDir
    static Path dir;

    private static CocoDataset dataset;
    /** Each image's five captions, by cocoid, as the writer wrote them. */
    private static final Map<Long, List<List<String>>> WRITTEN = new HashMap<>();
    private static final List<String> TRAIN_KEYS = new ArrayList<>();

    @BeforeAll
    static void writeSyntheticCoco() throws IOException {
        SyntheticData.writeCoco(dir, new CocoSpec(3, 32, 6, 3, 2, 4), img -> Jpeg.encode(img, 95), 2);
        dataset = CocoDataset.read(KeySource.folder(dir), CaptionParameters.TUTORIAL);
        for (JsonNode image : Json.MAPPER.readTree(dir.resolve("dataset_coco.json").toFile()).get("images")) {
            var captions = new ArrayList<List<String>>();
            image.get("sentences").forEach(s -> captions.add(List.of(s.get("raw").asText().split(" "))));
            WRITTEN.put(image.get("cocoid").asLong(), captions);
            if (List.of("train", "restval").contains(image.get("split").asText())) {
                TRAIN_KEYS.add(image.get("filepath").asText() + "/" + image.get("filename").asText());
            }
        }
    }

    @Test
    void splitsHoldKarpathysImagesWithTheirFiveCaptions() {
        assertEquals(9, dataset.train().size());
        assertEquals(2, dataset.dev().size());
        assertEquals(4, dataset.test().size());
        assertEquals(0, dataset.skippedImages());
        for (Split split : Split.values()) {
            for (CocoExample example : dataset.split(split)) {
                assertTrue(Files.isRegularFile(Path.of(example.key())), example.key());
                // Five written, five kept: the same captions in the sample's order.
                assertEquals(new HashSet<>(WRITTEN.get(example.cocoid())), new HashSet<>(example.captions()));
                assertEquals(5, example.captions().size());
            }
        }
    }

    @Test
    void everyCaptionEncodesAndDecodesBackWithRareWordsAsUnknown() {
        WordMap words = dataset.wordMap();
        for (CocoExample example : dataset.train()) {
            for (List<String> caption : example.captions()) {
                EncodedCaption encoded = words.encode(caption, 50);
                assertEquals(52, encoded.ids().length);
                assertEquals(caption.size() + 2, encoded.length());
                List<String> expected = caption.stream()
                        .map(w -> words.words().contains(w) ? w : WordMap.UNK).toList();
                assertEquals(expected, words.decode(encoded.ids()));
            }
        }
        assertTrue(words.size() > 4, "the synthetic captions repeat their words");
    }

    @Test
    void theTrainingSelectionListsTrainAndRestvalImagesAsTheAugmenterReadsThem() {
        assertEquals(String.join("\n", TRAIN_KEYS) + "\n", dataset.selection(Split.TRAIN));
    }

    @Test
    void augmentedTrainingSetIsTheOriginalsThenTheirCopiesWithTheSameCaptions() {
        List<CocoExample> union = dataset.trainWithAugmented("aug/q2/", entries(dataset.train()));
        assertEquals(18, union.size());
        assertEquals(dataset.train(), union.subList(0, 9));
        for (int i = 0; i < 9; i++) {
            CocoExample original = dataset.train().get(i);
            assertEquals(new CocoExample("aug/q2/" + relative(original), original.cocoid(), original.captions()),
                    union.get(9 + i));
        }
    }

    @Test
    void augmentedSetMissingImagesIsRefusedSayingHowMany() {
        var entries = entries(dataset.train()).subList(3, 9);
        var error = assertThrows(InvalidDatasetException.class, () -> dataset.trainWithAugmented("aug/q2", entries));
        assertEquals("the augmented set aug/q2 lacks 3 of the 9 training images, e.g. "
                + relative(dataset.train().get(0)), error.getMessage());
    }

    @Test
    void augmentedImageOfAnotherOriginalIsRefused() {
        var entries = dataset.train().stream()
                .map(e -> new Manifest.Entry(relative(e), 100, "other/" + relative(e))).toList();
        var error = assertThrows(InvalidDatasetException.class, () -> dataset.trainWithAugmented("aug/q2", entries));
        String first = relative(dataset.train().get(0));
        assertEquals("augmented image aug/q2/" + first + " was made from other/" + first + ", not from the original "
                + dir + "/" + first, error.getMessage());
    }

    @Test
    void anImageDeletedFromTheFolderIsNamed(@TempDir Path copy) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(dir.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.delete(copy.resolve(TRAIN_KEYS.get(4)));
        var error = assertThrows(InvalidDatasetException.class,
                () -> CocoDataset.read(KeySource.folder(copy), CaptionParameters.TUTORIAL));
        assertEquals("dataset_coco.json images[4]: " + TRAIN_KEYS.get(4) + " is not under " + copy
                + " (1 of the 15 listed images are missing)", error.getMessage());
    }

    /** The augmenter's manifest entries for {@code examples}: same relative key, the original as source. */
    private static List<Manifest.Entry> entries(List<CocoExample> examples) {
        return examples.stream().map(e -> new Manifest.Entry(relative(e), 100, e.key())).toList();
    }

    private static String relative(CocoExample example) {
        return example.key().substring(dir.toString().length() + 1);
    }
}
