package dev.robucap.common.data.coco;

import dev.robucap.common.data.AugmentedSet;
import dev.robucap.common.data.imagenet.InvalidDatasetException;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.store.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A COCO captioning data set in Karpathy's format: the COCO 2014 image folders and {@code dataset_coco.json} beside
 * them, prepared as the tutorial's {@code create_input_files} prepares it (see {@link CaptionParameters}):
 * <ul>
 * <li>Karpathy's train and restval images are the training split, val the dev split, test the test split; each
 *     lists its images in the file's order;</li>
 * <li>captions longer than {@code maxLength} tokens are dropped, and an image left with none is skipped;</li>
 * <li>each image keeps {@code captionsPerImage} captions: with fewer, all of them and then random picks among them;
 *     with as many or more, a random sample. One {@link Random} seeded with {@code seed} draws them, split by split
 *     (train, dev, test) and image by image, as the tutorial does after {@code seed(123)}; Python's random stream is
 *     not reproduced, so the samples differ from the tutorial's, but are the same on every run and every JVM;</li>
 * <li>the {@link WordMap} counts the words of every sentence of every image, whatever its split, its length or
 *     whether the image is skipped, as the tutorial counts them.</li>
 * </ul>
 * Reading refuses, before any training, a file that is not Karpathy's format (see {@link KarpathyJson}), an image it
 * lists that is not in the data set, and a data set without training or dev images.
 */
public final class CocoDataset {

    public static final String DATASET_JSON = "dataset_coco.json";

    private final KeySource source;
    private final CaptionParameters parameters;
    private final WordMap wordMap;
    private final Map<Split, List<CocoExample>> splits;
    private final int skipped;

    private CocoDataset(KeySource source, CaptionParameters parameters, WordMap wordMap,
                        Map<Split, List<CocoExample>> splits, int skipped) {
        this.source = source;
        this.parameters = parameters;
        this.wordMap = wordMap;
        this.splits = splits;
        this.skipped = skipped;
    }

    /** Reads {@value #DATASET_JSON} at the root of {@code source}. */
    public static CocoDataset read(KeySource source, CaptionParameters parameters) {
        return read(source, DATASET_JSON, parameters);
    }

    /** Reads the Karpathy file {@code jsonKey} (relative to the root); image keys are relative to the root too. */
    public static CocoDataset read(KeySource source, String jsonKey, CaptionParameters parameters) {
        var present = new HashSet<>(source.keys());
        if (!present.contains(jsonKey)) {
            throw new InvalidDatasetException("no " + jsonKey + " under " + source.root()
                    + ": expected Karpathy's split file beside the COCO 2014 image folders");
        }
        List<KarpathyImage> images;
        try (InputStream in = source.stream().apply(jsonKey)) {
            images = KarpathyJson.parse(in, jsonKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.fullKey(jsonKey), e);
        }
        requirePresent(images, present, jsonKey, source);
        WordMap wordMap = WordMap.build(images.stream().flatMap(i -> i.sentences().stream()).toList(),
                parameters.minWordFrequency());

        var bySplit = images.stream().collect(Collectors.groupingBy(KarpathyImage::split,
                () -> new EnumMap<>(Split.class), Collectors.toList()));
        var rng = new Random(parameters.seed());
        var splits = new EnumMap<Split, List<CocoExample>>(Split.class);
        int skipped = 0;
        for (Split split : Split.values()) {
            var examples = new ArrayList<CocoExample>();
            for (KarpathyImage image : bySplit.getOrDefault(split, List.of())) {
                var kept = image.sentences().stream().filter(s -> s.size() <= parameters.maxLength()).toList();
                if (kept.isEmpty()) {
                    skipped++;
                    continue;
                }
                examples.add(new CocoExample(source.fullKey(image.key()), image.cocoid(),
                        CaptionSampler.sample(kept, parameters.captionsPerImage(), rng)));
            }
            splits.put(split, List.copyOf(examples));
        }
        requireNotEmpty(splits, Split.TRAIN, "training (train or restval)", jsonKey, parameters);
        requireNotEmpty(splits, Split.DEV, "dev (val)", jsonKey, parameters);
        return new CocoDataset(source, parameters, wordMap, splits, skipped);
    }

    private static void requirePresent(List<KarpathyImage> images, Set<String> present, String jsonKey,
                                       KeySource source) {
        var missing = images.stream().filter(i -> !present.contains(i.key())).toList();
        if (!missing.isEmpty()) {
            KarpathyImage first = missing.get(0);
            throw new InvalidDatasetException(jsonKey + " images[" + first.index() + "]: " + first.key()
                    + " is not under " + source.root() + " (" + missing.size() + " of the " + images.size()
                    + " listed images are missing)");
        }
    }

    private static void requireNotEmpty(Map<Split, List<CocoExample>> splits, Split split, String what,
                                        String jsonKey, CaptionParameters parameters) {
        if (splits.get(split).isEmpty()) {
            throw new InvalidDatasetException(jsonKey + " has no " + what + " images with a caption of at most "
                    + parameters.maxLength() + " tokens");
        }
    }

    public CaptionParameters parameters() {
        return parameters;
    }

    /** The vocabulary of this data set, to be saved with the model trained on it. */
    public WordMap wordMap() {
        return wordMap;
    }

    public List<CocoExample> split(Split split) {
        return splits.get(split);
    }

    /** The {@code base} training set: the original images. */
    public List<CocoExample> train() {
        return split(Split.TRAIN);
    }

    public List<CocoExample> dev() {
        return split(Split.DEV);
    }

    public List<CocoExample> test() {
        return split(Split.TEST);
    }

    /** Images the file lists that were left out because none of their captions is short enough. */
    public int skippedImages() {
        return skipped;
    }

    /**
     * The images of {@code split} as a selection: their keys relative to the root, one per line, in order. Written
     * beside the data set (e.g. {@code splits/train.txt}), it tells the augmenter to compress exactly these images.
     */
    public String selection(Split split) {
        var text = new StringBuilder();
        split(split).forEach(e -> text.append(relative(e)).append('\n'));
        return text.toString();
    }

    /**
     * The {@code +q} training set: the originals, then the augmenter's compressed copy of each, with the same
     * captions. {@code augmented} are the entries of the augmenter's manifest under {@code augmentedRoot}: each
     * keeps its original's relative key and names the original's full key as its source.
     */
    public List<CocoExample> trainWithAugmented(String augmentedRoot, List<Manifest.Entry> augmented) {
        return AugmentedSet.of(train(), CocoExample::key, (e, key) -> new CocoExample(key, e.cocoid(), e.captions()),
                source.root(), augmentedRoot, augmented);
    }

    private String relative(CocoExample example) {
        return example.key().substring(source.root().length() + 1);
    }
}
