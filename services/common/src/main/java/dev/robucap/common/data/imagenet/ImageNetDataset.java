package dev.robucap.common.data.imagenet;

import dev.robucap.common.data.AugmentedSet;
import dev.robucap.common.store.Manifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * An ImageNet-format classification data set read from its keys: training images {@code train/<wnid>/*.JPEG}, and
 * validation images either in class folders {@code val/<wnid>/*.JPEG} or flat {@code val/*.JPEG} with a label file
 * (see {@link ValidationLabels}). Images end in .JPEG, .jpeg or .jpg, in any case; other files are ignored. The
 * class index is the position of the wnid among the sorted training wnids, as torchvision's {@code ImageFolder}
 * numbers them. Examples are listed in key order.
 */
public final class ImageNetDataset {

    private final KeySource source;
    private final List<String> classes;
    private final List<Example> train;
    private final List<Example> validation;

    private ImageNetDataset(KeySource source, List<String> classes, List<Example> train, List<Example> validation) {
        this.source = source;
        this.classes = classes;
        this.train = train;
        this.validation = validation;
    }

    /**
     * Reads the layout; flat validation images take their labels from the first of {@code LOC_val_solution.csv}
     * and {@code val.txt} that is present.
     */
    public static ImageNetDataset read(KeySource source) {
        var present = new HashSet<>(source.keys());
        return read(source, ValidationLabels.DEFAULT_KEYS.stream().filter(present::contains).findFirst().orElse(null));
    }

    /**
     * Reads the layout with validation labels from {@code labelsKey} (relative; null for none). Where an image is in
     * a class folder and also in the label file, the two must agree.
     */
    public static ImageNetDataset read(KeySource source, String labelsKey) {
        var trainByClass = new TreeMap<String, List<String>>();
        var valKeys = new ArrayList<String>();
        for (String key : source.keys()) {
            if (!isJpeg(key)) {
                continue;
            }
            String[] parts = key.split("/");
            if (parts[0].equals("train")) {
                if (parts.length != 3) {
                    throw new InvalidDatasetException("training image " + source.fullKey(key)
                            + " is not in a class folder: expected train/<wnid>/<file>.JPEG");
                }
                trainByClass.computeIfAbsent(parts[1], w -> new ArrayList<>()).add(key);
            } else if (parts[0].equals("val")) {
                if (parts.length > 3) {
                    throw new InvalidDatasetException("validation image " + source.fullKey(key)
                            + " is nested too deep: expected val/<wnid>/<file>.JPEG or val/<file>.JPEG");
                }
                valKeys.add(key);
            }
        }
        List<String> classes = List.copyOf(trainByClass.keySet());
        if (classes.isEmpty()) {
            throw new InvalidDatasetException("no training images under " + source.root()
                    + ": expected train/<wnid>/<file>.JPEG");
        }
        if (classes.size() == 1) {
            throw new InvalidDatasetException("only 1 class (" + classes.get(0) + ") under " + source.root()
                    + "/train: classification needs at least 2");
        }
        var index = new HashMap<String, Integer>();
        classes.forEach(w -> index.put(w, index.size()));
        var train = new ArrayList<Example>();
        trainByClass.forEach((wnid, keys) ->
                keys.forEach(k -> train.add(new Example(source.fullKey(k), index.get(wnid)))));
        train.sort(Comparator.comparing(Example::key));

        Map<String, String> fileLabels = labelsKey == null ? Map.of()
                : ValidationLabels.parse(labelsKey, source.text().apply(labelsKey), classes);
        var validation = new ArrayList<Example>();
        for (String key : valKeys) {
            String wnid = validationWnid(key, fileLabels, labelsKey, source, index);
            validation.add(new Example(source.fullKey(key), index.get(wnid)));
        }
        validation.sort(Comparator.comparing(Example::key));
        requireEveryClassValidated(validation, classes, source);
        return new ImageNetDataset(source, classes, List.copyOf(train), List.copyOf(validation));
    }

    private static String validationWnid(String key, Map<String, String> fileLabels, String labelsKey,
                                         KeySource source, Map<String, Integer> index) {
        String[] parts = key.split("/");
        String folder = parts.length == 3 ? parts[1] : null;
        String listed = fileLabels.get(ValidationLabels.imageId(key));
        if (folder != null && !index.containsKey(folder)) {
            throw new InvalidDatasetException("validation image " + source.fullKey(key) + " is in folder " + folder
                    + ", which is not one of the " + index.size() + " training classes");
        }
        if (folder != null && listed != null && !folder.equals(listed)) {
            throw new InvalidDatasetException("validation image " + source.fullKey(key) + " is in folder " + folder
                    + " but " + labelsKey + " labels it " + listed);
        }
        if (folder == null && listed == null) {
            throw new InvalidDatasetException("validation image " + source.fullKey(key) + " has no label: it is"
                    + " not in a class folder and " + (labelsKey == null
                            ? "there is no label file (" + String.join(" or ", ValidationLabels.DEFAULT_KEYS) + ")"
                            : labelsKey + " does not list " + ValidationLabels.imageId(key)));
        }
        return folder != null ? folder : listed;
    }

    private static void requireEveryClassValidated(List<Example> validation, List<String> classes, KeySource source) {
        if (validation.isEmpty()) {
            throw new InvalidDatasetException("no validation images under " + source.root()
                    + ": expected val/<wnid>/<file>.JPEG or val/<file>.JPEG with a label file");
        }
        int[] counts = new int[classes.size()];
        validation.forEach(e -> counts[e.label()]++);
        List<String> empty = IntStream.range(0, counts.length).filter(i -> counts[i] == 0)
                .mapToObj(classes::get).toList();
        if (!empty.isEmpty()) {
            throw new InvalidDatasetException("class " + empty.get(0) + " has no validation images ("
                    + empty.size() + " of " + classes.size() + " classes have none)");
        }
    }

    static boolean isJpeg(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpeg") || lower.endsWith(".jpg");
    }

    /** The training wnids, in class-index order. */
    public List<String> classes() {
        return classes;
    }

    /** The {@code base} training set: the original images. */
    public List<Example> train() {
        return train;
    }

    /**
     * The {@code +q} training set: the originals, then the augmenter's compressed copy of each, with the same label.
     * {@code augmented} are the entries of the augmenter's manifest under {@code augmentedRoot}: each keeps its
     * original's relative key and names the original's full key as its source.
     */
    public List<Example> trainWithAugmented(String augmentedRoot, List<Manifest.Entry> augmented) {
        return AugmentedSet.of(train, Example::key, (e, key) -> new Example(key, e.label()), source.root(),
                augmentedRoot, augmented);
    }

    /** The whole validation set. */
    public List<Example> validation() {
        return validation;
    }

    /** The validation set split into the paper's dev and test halves. */
    public DevTestSplit devTest() {
        return DevTestSplit.of(validation);
    }
}
