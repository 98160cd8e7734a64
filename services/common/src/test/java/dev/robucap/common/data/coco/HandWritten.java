package dev.robucap.common.data.coco;

import dev.robucap.common.data.imagenet.KeySource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small {@code dataset_coco.json} texts written as Karpathy's are, and a source that holds one beside its images. */
final class HandWritten {

    static final String ROOT = "data/coco";
    /** The ids whose images {@link #source} holds, in both folders. */
    static final int IDS = 100;

    private HandWritten() {
    }

    /**
     * Image {@code id} in Karpathy's field order: in train2014/ for the train split, val2014/ otherwise, with cocoid
     * 100 + id and one sentence per caption, tokenised at spaces.
     */
    static String image(int id, String split, String... captions) {
        String folder = split.equals("train") ? "train2014" : "val2014";
        var sentences = new ArrayList<String>();
        for (String caption : captions) {
            String tokens = Arrays.stream(caption.split(" ")).map(t -> "\"" + t + "\"")
                    .collect(Collectors.joining(","));
            sentences.add("{\"tokens\":[" + tokens + "],\"raw\":\"" + caption + "\",\"imgid\":" + id
                    + ",\"sentid\":" + sentences.size() + "}");
        }
        return "{\"filepath\":\"" + folder + "\",\"sentids\":[],\"filename\":\"img" + id + ".jpg\",\"imgid\":" + id
                + ",\"split\":\"" + split + "\",\"sentences\":[" + String.join(",", sentences) + "],\"cocoid\":"
                + (100 + id) + "}";
    }

    static String json(String... images) {
        return "{\"images\":[" + String.join(",", images) + "],\"dataset\":\"coco\"}";
    }

    /** {@code json} as dataset_coco.json under {@link #ROOT}, beside images 0 to {@link #IDS} - 1 in both folders. */
    static KeySource source(String json) {
        var keys = new ArrayList<String>(List.of(CocoDataset.DATASET_JSON));
        for (int id = 0; id < IDS; id++) {
            keys.add("train2014/img" + id + ".jpg");
            keys.add("val2014/img" + id + ".jpg");
        }
        return new KeySource(ROOT, keys, Map.of(CocoDataset.DATASET_JSON, json)::get);
    }

    /** A training image and a dev image with one caption each, the least that reads. */
    static String minimal() {
        return json(image(0, "train", "a dog"), image(1, "val", "a cat"));
    }
}
