package dev.robucap.common.data;

import dev.robucap.common.data.imagenet.InvalidDatasetException;
import dev.robucap.common.store.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The paper's {@code +q} training set of any data set: the originals, then the augmenter's compressed copy of each
 * with the same label or captions (twice the examples). The copies are the entries of the augmenter's manifest: each
 * keeps its original's key relative to the data set's root and names the original's full key as its source.
 */
public final class AugmentedSet {

    private AugmentedSet() {
    }

    /**
     * @param key         an example's full key
     * @param withKey     the example with its key replaced (the copy of an original)
     * @param datasetRoot the prefix the originals' keys start with
     * @param augmented   the augmenter's manifest entries under {@code augmentedRoot}
     */
    public static <T> List<T> of(List<T> originals, Function<T, String> key, BiFunction<T, String, T> withKey,
                                 String datasetRoot, String augmentedRoot, List<Manifest.Entry> augmented) {
        String root = augmentedRoot.endsWith("/") ? augmentedRoot.substring(0, augmentedRoot.length() - 1)
                : augmentedRoot;
        var byKey = new HashMap<String, Manifest.Entry>();
        augmented.forEach(e -> byKey.put(e.key(), e));
        var copies = new ArrayList<T>();
        var missing = new ArrayList<String>();
        for (T original : originals) {
            String originalKey = key.apply(original);
            String relative = originalKey.substring(datasetRoot.length() + 1);
            Manifest.Entry copy = byKey.get(relative);
            if (copy == null) {
                missing.add(relative);
                continue;
            }
            if (copy.source() != null && !copy.source().equals(originalKey)) {
                throw new InvalidDatasetException("augmented image " + root + "/" + relative + " was made from "
                        + copy.source() + ", not from the original " + originalKey);
            }
            copies.add(withKey.apply(original, root + "/" + relative));
        }
        if (!missing.isEmpty()) {
            throw new InvalidDatasetException("the augmented set " + root + " lacks " + missing.size() + " of the "
                    + originals.size() + " training images, e.g. " + missing.get(0));
        }
        var union = new ArrayList<>(originals);
        union.addAll(copies);
        return List.copyOf(union);
    }
}
