package dev.robucap.common.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevTestSplitTest {

    /** Images per class → dev and test per class: the odd one goes to test. */
    @ParameterizedTest(name = "{0} per class -> {1} dev, {2} test")
    @CsvSource({"50, 25, 25", "49, 24, 25", "51, 25, 26", "5, 2, 3", "3, 1, 2", "2, 1, 1"})
    void everyClassIsHalvedByFileName(int perClass, int devPerClass, int testPerClass) {
        List<Example> validation = shuffled(images(3, perClass));
        DevTestSplit split = DevTestSplit.of(validation);
        for (int label = 0; label < 3; label++) {
            assertEquals(names(label, 0, devPerClass), keysOf(split.dev(), label));
            assertEquals(names(label, devPerClass, perClass), keysOf(split.test(), label));
        }
        assertEquals(3 * testPerClass, split.test().size());
    }

    /** Sorting is by file name, not by key: a flat and a foldered layout split alike. */
    @Test
    void namesAreComparedWithoutTheirFolder() {
        var validation = List.of(new Example("val/b/ILSVRC2012_val_00000009.JPEG", 0),
                new Example("val/a/ILSVRC2012_val_00000010.JPEG", 0));
        DevTestSplit split = DevTestSplit.of(validation);
        assertEquals(List.of(validation.get(0)), split.dev());
        assertEquals(List.of(validation.get(1)), split.test());
    }

    @Test
    void classWithOneImageGoesToTestOnly() {
        var validation = new ArrayList<>(images(1, 1));
        validation.addAll(images(2, 3).subList(3, 6)); // class 1: three images
        DevTestSplit split = DevTestSplit.of(validation);
        assertEquals(List.of(), keysOf(split.dev(), 0));
        assertEquals(names(0, 0, 1), keysOf(split.test(), 0));
        assertEquals(names(1, 0, 1), keysOf(split.dev(), 1));
        assertEquals(names(1, 1, 3), keysOf(split.test(), 1));
    }

    @Test
    void oneImagePerClassIsRefused() {
        var error = assertThrows(InvalidDatasetException.class, () -> DevTestSplit.of(images(4, 1)));
        assertEquals("cannot split 4 validation images of 4 classes into dev and test halves: the dev half would be"
                + " empty; a class needs at least 2 validation images", error.getMessage());
    }

    private static List<Example> images(int classes, int perClass) {
        return IntStream.range(0, classes).boxed().flatMap(label -> names(label, 0, perClass).stream()
                .map(key -> new Example(key, label))).toList();
    }

    /** Keys of class {@code label}'s images {@code from} (inclusive) to {@code to}, ascending. */
    private static List<String> names(int label, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "val/c" + label + "/img_%03d.JPEG".formatted(i)).toList();
    }

    private static List<String> keysOf(List<Example> examples, int label) {
        return examples.stream().filter(e -> e.label() == label).map(Example::key).toList();
    }

    private static List<Example> shuffled(List<Example> examples) {
        var copy = new ArrayList<>(examples);
        Collections.shuffle(copy, new Random(7));
        return copy;
    }
}
