package dev.robucap.common.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoWriterTest {

    private static final CocoSpec SPEC = new CocoSpec(4, 64, 6, 3, 2, 4);

    @TempDir
    Path dir;

    @Test
    void karpathyJsonHasTheRealStructureAndSplitCounts() throws IOException {
        var summary = SyntheticData.writeCoco(dir, SPEC, TestEncoders.JPEG_95, 2);
        JsonNode root = Json.MAPPER.readTree(dir.resolve("dataset_coco.json").toFile());

        assertEquals(List.of("images", "dataset"), fieldNames(root));
        assertEquals("coco", root.get("dataset").asText());
        Map<String, Integer> splits = new HashMap<>();
        var cocoids = new HashSet<Long>();
        var sentids = new HashSet<Integer>();
        for (int i = 0; i < root.get("images").size(); i++) {
            JsonNode image = root.get("images").get(i);
            assertEquals(List.of("filepath", "sentids", "filename", "imgid", "split", "sentences", "cocoid"),
                    fieldNames(image));
            assertEquals(i, image.get("imgid").asInt());
            String split = image.get("split").asText();
            splits.merge(split, 1, Integer::sum);
            String folder = split.equals("train") ? "train2014" : "val2014";
            assertEquals(folder, image.get("filepath").asText());
            long cocoid = image.get("cocoid").asLong();
            assertTrue(cocoids.add(cocoid), "cocoids are unique");
            assertEquals("COCO_%s_%012d.jpg".formatted(folder, cocoid), image.get("filename").asText());

            JsonNode sentences = image.get("sentences");
            assertEquals(Captions.PER_IMAGE, sentences.size());
            for (int k = 0; k < sentences.size(); k++) {
                JsonNode sentence = sentences.get(k);
                assertEquals(List.of("tokens", "raw", "imgid", "sentid"), fieldNames(sentence));
                assertEquals(i, sentence.get("imgid").asInt());
                assertEquals(image.get("sentids").get(k).asInt(), sentence.get("sentid").asInt());
                assertTrue(sentids.add(sentence.get("sentid").asInt()), "sentids are unique");
                var tokens = new ArrayList<String>();
                sentence.get("tokens").forEach(t -> tokens.add(t.asText()));
                assertEquals(List.of(sentence.get("raw").asText().split(" ")), tokens);
            }
        }
        assertEquals(Map.of("train", 6, "restval", 3, "val", 2, "test", 4), splits);
        assertEquals(splits, summary.imagesPerSplit());
    }

    @Test
    void everyListedImageIsWrittenAndNothingElse() throws IOException {
        SyntheticData.writeCoco(dir, SPEC, TestEncoders.JPEG_95, 1);
        JsonNode root = Json.MAPPER.readTree(dir.resolve("dataset_coco.json").toFile());
        var expected = new TreeSet<String>();
        root.get("images").forEach(i -> expected.add(i.get("filepath").asText() + "/" + i.get("filename").asText()));
        expected.add("dataset_coco.json");
        assertEquals(expected, OutputTrees.files(dir).keySet());
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCountAndDependsOnTheSeed() throws IOException {
        SyntheticData.writeCoco(dir.resolve("one"), SPEC, TestEncoders.JPEG_95, 1);
        SyntheticData.writeCoco(dir.resolve("two"), SPEC, TestEncoders.JPEG_95, 2);
        SyntheticData.writeCoco(dir.resolve("other"), new CocoSpec(5, 64, 6, 3, 2, 4), TestEncoders.JPEG_95, 2);
        var one = OutputTrees.files(dir.resolve("one"));
        assertTrue(OutputTrees.identical(one, OutputTrees.files(dir.resolve("two"))));
        assertFalse(OutputTrees.identical(one, OutputTrees.files(dir.resolve("other"))));
    }

    @Test
    void emptySplitsGiveAnEmptyButValidDataset() throws IOException {
        var summary = SyntheticData.writeCoco(dir, new CocoSpec(1, 64, 0, 0, 0, 0), TestEncoders.JPEG_95, 1);
        JsonNode root = Json.MAPPER.readTree(dir.resolve("dataset_coco.json").toFile());
        assertEquals(0, root.get("images").size());
        assertEquals(0, summary.images());
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
