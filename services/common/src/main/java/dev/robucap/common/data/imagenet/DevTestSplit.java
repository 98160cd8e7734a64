package dev.robucap.common.data.imagenet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The paper's split of the validation set (appendix C): in every class, sort the file names ascending; the first
 * half is the dev set (checkpoint selection), the second half the test set (the reported numbers). With an odd
 * count the extra image goes to the test half (dev = floor(n/2)): the test half is what the paper reports, so it
 * gets the larger share; with ImageNet's 50 per class both halves have 25.
 */
public record DevTestSplit(List<Example> dev, List<Example> test) {

    /**
     * Splits {@code validation} class by class; both halves list the classes in index order and each class's images
     * by file name. Refuses a split with an empty dev half (no class has two images).
     */
    public static DevTestSplit of(List<Example> validation) {
        var byClass = new TreeMap<Integer, List<Example>>();
        validation.forEach(e -> byClass.computeIfAbsent(e.label(), l -> new ArrayList<>()).add(e));
        var dev = new ArrayList<Example>();
        var test = new ArrayList<Example>();
        for (List<Example> images : byClass.values()) {
            images.sort(Comparator.comparing(e -> fileName(e.key())));
            int devCount = images.size() / 2;
            dev.addAll(images.subList(0, devCount));
            test.addAll(images.subList(devCount, images.size()));
        }
        if (dev.isEmpty()) {
            throw new InvalidDatasetException("cannot split " + validation.size() + " validation images of "
                    + byClass.size() + " classes into dev and test halves: the dev half would be empty;"
                    + " a class needs at least 2 validation images");
        }
        return new DevTestSplit(List.copyOf(dev), List.copyOf(test));
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
