package dev.robucap.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.store.ArtifactStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few test images as each captioner saw them, clean and at the lowest qualities of the ladder, with a reference
 * caption and every captioner's caption of each: what BLEU-4 summarises, to look at.
 *
 * @param columns "clean", "q10", … in the order shown
 */
public record SampleCaptions(List<String> columns, List<Image> images) {

    /** @param shots column → the JPEG bytes the captioners read; @param captions grid cell → column → caption */
    public record Image(long cocoid, String reference, Map<String, byte[]> shots,
                        Map<String, Map<String, String>> captions) {
    }

    /**
     * @param dataset  the COCO data set's prefix
     * @param ladder   quality → prefix of the test set compressed at it
     * @param bleu     grid cell → prefix of its BLEU evaluation (with {@code captions/<column>.json})
     */
    public static SampleCaptions load(ArtifactStore store, String dataset, Map<Integer, String> ladder,
                                      Map<String, String> bleu, int count) throws IOException {
        List<Integer> lowest = ladder.keySet().stream().sorted().limit(3).toList();
        List<String> columns = new ArrayList<>(List.of("clean"));
        lowest.stream().sorted((a, b) -> b - a).forEach(q -> columns.add("q" + q));
        Map<String, Map<Long, String>> byCell = new LinkedHashMap<>();
        for (var entry : bleu.entrySet()) {
            Map<Long, String> captions = new HashMap<>();
            for (String column : columns) {
                JsonNode results = Json.MAPPER.readTree(store.getBytes(entry.getValue() + "/captions/" + column
                        + ".json"));
                results.forEach(r -> captions.put(key(r.path("image_id").asLong(), column), r.path("caption").asText()));
            }
            byCell.put(entry.getKey(), captions);
        }
        List<CocoExample> test = CocoDataset.read(KeySource.store(store, dataset), CaptionParameters.TUTORIAL).test();
        List<Image> images = new ArrayList<>();
        for (CocoExample example : test.subList(0, Math.min(count, test.size()))) {
            String relative = example.key().substring(dataset.length() + 1);
            Map<String, byte[]> shots = new LinkedHashMap<>();
            Map<String, Map<String, String>> captions = new LinkedHashMap<>();
            for (String column : columns) {
                String prefix = column.equals("clean") ? dataset : ladder.get(Integer.parseInt(column.substring(1)));
                shots.put(column, store.getBytes(prefix + "/" + relative));
            }
            byCell.forEach((cell, all) -> {
                Map<String, String> row = new LinkedHashMap<>();
                columns.forEach(column -> row.put(column, all.getOrDefault(key(example.cocoid(), column),
                        "(not captioned: the image did not decode)")));
                captions.put(cell, row);
            });
            images.add(new Image(example.cocoid(), String.join(" ", example.captions().get(0)), shots, captions));
        }
        return new SampleCaptions(List.copyOf(columns), images);
    }

    /** A caption's key in one map for all columns. */
    private static Long key(long cocoid, String column) {
        return cocoid * 1000 + (column.equals("clean") ? 999 : Integer.parseInt(column.substring(1)));
    }

    /** The file name of an image's shot in a column, beside the report. */
    static String file(Image image, String column) {
        return "sample_" + image.cocoid() + "_" + column + ".jpg";
    }
}
