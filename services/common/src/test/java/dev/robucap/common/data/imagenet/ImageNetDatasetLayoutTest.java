package dev.robucap.common.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout rules and every refusal, on hand-made key lists under the root "data". */
class ImageNetDatasetLayoutTest {

    private static final List<String> TRAIN = List.of("train/n02/b.JPEG", "train/n01/a.jpeg", "train/n03/c.Jpg",
            "train/n01/notes.txt", "train/");

    @Test
    void jpegExtensionInAnyCaseAndOtherFilesIgnored() {
        var dataset = read(Map.of(), "val/n01/v1.JPEG", "val/n02/v2.JPEG", "val/n03/v3.jpeg");
        assertEquals(List.of("n01", "n02", "n03"), dataset.classes());
        assertEquals(List.of(new Example("data/train/n01/a.jpeg", 0), new Example("data/train/n02/b.JPEG", 1),
                new Example("data/train/n03/c.Jpg", 2)), dataset.train());
    }

    @Test
    void flatValidationWithKaggleSolutionCsv() {
        String csv = "ImageId,PredictionString\nv2,n03 1 2 3 4 n03 5 6 7 8\nv1,n01 0 0 9 9 \n\nv3,n02 1 1 2 2\n";
        var dataset = read(Map.of("LOC_val_solution.csv", csv), "val/v1.JPEG", "val/v2.JPEG", "val/v3.JPEG");
        assertEquals(List.of(new Example("data/val/v1.JPEG", 0), new Example("data/val/v2.JPEG", 2),
                new Example("data/val/v3.JPEG", 1)), dataset.validation());
    }

    @Test
    void flatValidationWithPlainLabelsByWnidOrIndex() {
        String txt = "v1.JPEG n02\nv2.JPEG 0\n v3.JPEG   2 \n";
        var dataset = read(Map.of("val.txt", txt), "val/v1.JPEG", "val/v2.JPEG", "val/v3.JPEG");
        assertEquals(List.of(1, 0, 2), dataset.validation().stream().map(Example::label).toList());
    }

    @Test
    void labelFileCanBeNamed() {
        var source = source(Map.of("labels/val_gt.txt", "v1 n03\nv2 n02\nv3 n01\n"),
                "val/v1.JPEG", "val/v2.JPEG", "val/v3.JPEG");
        var dataset = ImageNetDataset.read(source, "labels/val_gt.txt");
        assertEquals(List.of(2, 1, 0), dataset.validation().stream().map(Example::label).toList());
    }

    @Test
    void validationImageWithoutALabelIsRefused() {
        assertRefused("validation image data/val/v9.JPEG has no label: it is not in a class folder and"
                + " there is no label file (LOC_val_solution.csv or val.txt)", Map.of(), "val/n01/v1.JPEG",
                "val/n02/v2.JPEG", "val/n03/v3.JPEG", "val/v9.JPEG");
        assertRefused("validation image data/val/v9.JPEG has no label: it is not in a class folder and"
                + " val.txt does not list v9", Map.of("val.txt", "v1 n01\nv2 n02\nv3 n03\n"),
                "val/v1.JPEG", "val/v2.JPEG", "val/v3.JPEG", "val/v9.JPEG");
    }

    @Test
    void labelOfAnUnknownClassIsRefused() {
        assertRefused("LOC_val_solution.csv line 3: label n07 is not one of the 3 training classes",
                Map.of("LOC_val_solution.csv", "ImageId,PredictionString\nv1,n01 0 0 1 1\nv2,n07 0 0 1 1\n"),
                "val/v1.JPEG", "val/v2.JPEG");
        assertRefused("val.txt line 1: class index 3 is out of range: there are 3 training classes (0..2)",
                Map.of("val.txt", "v1.JPEG 3\n"), "val/v1.JPEG");
        assertRefused("validation image data/val/n07/v1.JPEG is in folder n07, which is not one of the 3 training"
                + " classes", Map.of(), "val/n07/v1.JPEG");
    }

    @Test
    void malformedLabelLinesAreRefused() {
        assertRefused("val.txt line 2: expected '<file> <label>', got 'v2.JPEG'",
                Map.of("val.txt", "v1.JPEG n01\nv2.JPEG\n"), "val/v1.JPEG");
        assertRefused("LOC_val_solution.csv line 2: expected '<ImageId>,<wnid> [boxes]', got 'v1,'",
                Map.of("LOC_val_solution.csv", "ImageId,PredictionString\nv1,\n"), "val/v1.JPEG");
        assertRefused("val.txt line 2: image v1.JPEG is labelled twice",
                Map.of("val.txt", "v1.JPEG n01\nv1.JPEG n02\n"), "val/v1.JPEG");
    }

    @Test
    void folderAndLabelFileMustAgree() {
        assertRefused("validation image data/val/n01/v1.JPEG is in folder n01 but val.txt labels it n02",
                Map.of("val.txt", "v1.JPEG n02\n"), "val/n01/v1.JPEG");
    }

    @Test
    void classWithoutValidationImagesIsRefused() {
        assertRefused("class n02 has no validation images (2 of 3 classes have none)", Map.of(), "val/n01/v1.JPEG");
    }

    @Test
    void missingImagesAreRefused() {
        assertRefused("no validation images under data: expected val/<wnid>/<file>.JPEG or val/<file>.JPEG with a"
                + " label file", Map.of());
        var error = assertThrows(InvalidDatasetException.class,
                () -> ImageNetDataset.read(source(Map.of(), List.of("val/n01/v1.JPEG", "README.txt"))));
        assertEquals("no training images under data: expected train/<wnid>/<file>.JPEG", error.getMessage());
    }

    @Test
    void singleClassIsRefused() {
        var error = assertThrows(InvalidDatasetException.class, () -> ImageNetDataset.read(
                source(Map.of(), List.of("train/n05/a.JPEG", "train/n05/b.JPEG", "val/n05/v.JPEG"))));
        assertEquals("only 1 class (n05) under data/train: classification needs at least 2", error.getMessage());
    }

    @Test
    void imagesOutsideTheirPlacesAreRefused() {
        assertRefused("training image data/train/a.JPEG is not in a class folder: expected"
                + " train/<wnid>/<file>.JPEG", Map.of(), "train/a.JPEG");
        assertRefused("validation image data/val/n01/x/v.JPEG is nested too deep: expected val/<wnid>/<file>.JPEG"
                + " or val/<file>.JPEG", Map.of(), "val/n01/x/v.JPEG");
    }

    private static ImageNetDataset read(Map<String, String> texts, String... valKeys) {
        return ImageNetDataset.read(source(texts, valKeys));
    }

    private static void assertRefused(String message, Map<String, String> texts, String... valKeys) {
        var error = assertThrows(InvalidDatasetException.class, () -> read(texts, valKeys));
        assertEquals(message, error.getMessage());
    }

    /** The training images of TRAIN, the label files of {@code texts}, and {@code valKeys}. */
    private static KeySource source(Map<String, String> texts, String... valKeys) {
        var keys = new ArrayList<>(TRAIN);
        keys.addAll(texts.keySet());
        keys.addAll(List.of(valKeys));
        return source(texts, keys);
    }

    private static KeySource source(Map<String, String> texts, List<String> keys) {
        return new KeySource("data", keys, texts::get);
    }
}
