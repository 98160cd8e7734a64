package dev.robucap.common.plan;

import dev.robucap.common.Json;
import dev.robucap.common.data.synthetic.SyntheticDataset;
import dev.robucap.common.store.ContentKey;
import java.util.Map;

/**
 * A data set an experiment reads: its images under {@code images}, and the selections of its training and test
 * images under {@code splits} ({@code splits/train.txt}, {@code splits/test.txt}, keys relative to {@code images}).
 * Generated data carries both under one prefix; a data set already in the bucket gets its selections written by
 * the driver beside the other artifacts, under a prefix named by the data set's.
 *
 * @param generated the synthetic data set to generate, or null for one already in the bucket
 */
public record DataSet(String format, String images, String splits, String contentKey, String description,
                      SyntheticDataset generated) {

    /** Bumped when the way selections are made from a data set changes. */
    public static final String INDEX_VERSION = "1";

    public static DataSet generated(SyntheticDataset dataset) {
        return new DataSet(dataset.format(), dataset.prefix(), dataset.prefix(), dataset.contentKey(),
                dataset.description(), dataset);
    }

    /** A data set in the bucket under {@code prefix}, in its real format ({@code coco} or {@code imagenet}). */
    public static DataSet inBucket(String format, String prefix) {
        String images = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String key = ContentKey.of("index-" + format, INDEX_VERSION, Json.MAPPER.createObjectNode().put("images",
                images), Map.of());
        String name = "coco".equals(format) ? "COCO-Karpathy" : "ImageNet";
        return new DataSet(format, images, "datasets/index-" + format + "-" + key, key,
                name + " data set in the bucket under " + images, null);
    }

    public String trainSelection() {
        return splits + "/splits/train.txt";
    }

    public String testSelection() {
        return splits + "/splits/test.txt";
    }
}
