package dev.robucap.common.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.robucap.common.data.synthetic.ImageNetSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on the synthetic writer's real output: 10 classes, 3 training and 5 validation images each. */
class ImageNetDatasetReadsSyntheticImageNetTest {

    private static final List<String> WNIDS = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> "n%08d".formatted(90_000_000 + i)).toList();

    @TempDir
    static Path dir;

    private static ImageNetDataset dataset;

    @BeforeAll
    static void writeSyntheticImageNet() throws IOException {
        SyntheticData.writeImageNet(dir, new ImageNetSpec(3, 32, 3, 5), img -> Jpeg.encode(img, 95), 2);
        dataset = ImageNetDataset.read(KeySource.folder(dir));
    }

    @Test
    void classesAreTheSortedTrainingWnids() {
        assertEquals(WNIDS, dataset.classes());
    }

    @Test
    void trainingExamplesAreLabelledByTheirFolder() {
        List<Example> expected = WNIDS.stream().flatMap(w -> IntStream.rangeClosed(1, 3).mapToObj(n ->
                new Example(dir + "/train/" + w + "/" + w + "_" + n + ".JPEG", WNIDS.indexOf(w)))).toList();
        assertEquals(expected, dataset.train());
    }

    /** Validation ids interleave the classes: image v (1-based) is of class (v - 1) mod 10. */
    @Test
    void validationExamplesAreLabelledByFolderAndSolutionFileAlike() {
        assertEquals(50, dataset.validation().size());
        for (Example e : dataset.validation()) {
            int v = Integer.parseInt(e.key().replaceAll(".*ILSVRC2012_val_(\\d+)\\.JPEG", "$1"));
            assertEquals((v - 1) % 10, e.label(), e.key());
        }
    }

    @Test
    void devTakesTheFirstTwoAndTestTheLastThreeOfEveryClass() {
        DevTestSplit split = dataset.devTest();
        assertEquals(20, split.dev().size());
        assertEquals(30, split.test().size());
        // Class 0 holds val images 1, 11, 21, 31, 41.
        assertEquals(List.of(valExample(0, 1), valExample(0, 11)), split.dev().subList(0, 2));
        assertEquals(List.of(valExample(0, 21), valExample(0, 31), valExample(0, 41)), split.test().subList(0, 3));
    }

    @Test
    void flatValidationFolderTakesItsLabelsFromTheSolutionFile(@TempDir Path flat) throws IOException {
        copyTree(dir, flat);
        try (Stream<Path> images = Files.walk(flat.resolve("val"))) {
            for (Path image : images.filter(Files::isRegularFile).toList()) {
                Files.move(image, flat.resolve("val").resolve(image.getFileName()));
            }
        }
        var flatDataset = ImageNetDataset.read(KeySource.folder(flat));
        assertEquals(labelsByFileName(dataset.validation()), labelsByFileName(flatDataset.validation()));
        assertEquals(flat + "/val/ILSVRC2012_val_00000001.JPEG", flatDataset.validation().get(0).key());
    }

    @Test
    void augmentedTrainingSetIsTheOriginalsThenTheirCopies() {
        List<Manifest.Entry> entries = dataset.train().stream().map(e -> new Manifest.Entry(relative(e), 100, e.key()))
                .toList();
        List<Example> union = dataset.trainWithAugmented("aug/q2", entries);
        assertEquals(60, union.size());
        assertEquals(dataset.train(), union.subList(0, 30));
        for (int i = 0; i < 30; i++) {
            Example original = dataset.train().get(i);
            assertEquals(new Example("aug/q2/" + relative(original), original.label()), union.get(30 + i));
        }
    }

    @Test
    void augmentedSetMissingImagesIsRefused() {
        List<Manifest.Entry> entries = dataset.train().stream().skip(2)
                .map(e -> new Manifest.Entry(relative(e), 100, e.key())).toList();
        var error = assertThrows(InvalidDatasetException.class, () -> dataset.trainWithAugmented("aug/q2/", entries));
        assertEquals("the augmented set aug/q2 lacks 2 of the 30 training images, e.g. train/n90000001/n90000001_1.JPEG",
                error.getMessage());
    }

    @Test
    void augmentedImageOfAnotherOriginalIsRefused() {
        List<Manifest.Entry> entries = dataset.train().stream()
                .map(e -> new Manifest.Entry(relative(e), 100, "other/" + relative(e))).toList();
        var error = assertThrows(InvalidDatasetException.class, () -> dataset.trainWithAugmented("aug/q2", entries));
        assertEquals("augmented image aug/q2/train/n90000001/n90000001_1.JPEG was made from"
                + " other/train/n90000001/n90000001_1.JPEG, not from the original " + dir
                + "/train/n90000001/n90000001_1.JPEG", error.getMessage());
    }

    private static Example valExample(int label, int v) {
        return new Example(dir + "/val/" + WNIDS.get(label) + "/ILSVRC2012_val_%08d.JPEG".formatted(v), label);
    }

    private static Map<String, Integer> labelsByFileName(List<Example> examples) {
        return examples.stream().collect(Collectors.toMap(e -> Path.of(e.key()).getFileName().toString(),
                Example::label));
    }

    private static String relative(Example e) {
        return e.key().substring(dir.toString().length() + 1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }
}
