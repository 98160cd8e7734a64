package dev.robucap.common.data.imagenet;

/** One labelled image: its full key (the data set's root, a slash, the relative key) and its class index. */
public record Example(String key, int label) {
}
