package dev.robucap.common.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetWriterTest {

    private static final ImageNetSpec SPEC = new ImageNetSpec(9, 64, 3, 2);

    @TempDir
    Path dir;

    @Test
    void writesExactlyTheKaggleImageNetLayout() throws IOException {
        var summary = SyntheticData.writeImageNet(dir, SPEC, TestEncoders.JPEG_95, 2);

        var expected = new TreeSet<String>();
        for (var sceneClass : SceneClass.ALL) {
            String wnid = sceneClass.wnid();
            for (int n = 1; n <= 3; n++) {
                expected.add("train/" + wnid + "/" + wnid + "_" + n + ".JPEG");
            }
        }
        for (int v = 1; v <= 20; v++) {
            String wnid = SceneClass.of((v - 1) % 10).wnid();
            expected.add("val/" + wnid + "/ILSVRC2012_val_%08d.JPEG".formatted(v));
        }
        expected.add("LOC_synset_mapping.txt");
        expected.add("LOC_val_solution.csv");
        var files = OutputTrees.files(dir);
        assertEquals(expected, files.keySet());
        assertEquals(Map.of("train", 30, "val", 20), summary.imagesPerSplit());
        long imageBytes = files.entrySet().stream().filter(e -> e.getKey().endsWith(".JPEG"))
                .mapToLong(e -> e.getValue().length).sum();
        assertEquals(imageBytes, summary.bytes());
    }

    @Test
    void imagesAreJpegsOfTheRequestedSize() throws IOException {
        SyntheticData.writeImageNet(dir, SPEC, TestEncoders.JPEG_95, 1);
        byte[] jpeg = Files.readAllBytes(dir.resolve("train/n90000004/n90000004_2.JPEG"));
        assertEquals(0xFF, jpeg[0] & 0xff);
        assertEquals(0xD8, jpeg[1] & 0xff);
        var image = RgbImage.from(ImageIO.read(new ByteArrayInputStream(jpeg)));
        assertEquals(64, image.width());
        assertEquals(64, image.height());
    }

    @Test
    void synsetMappingListsEveryClassInWnidOrder() throws IOException {
        SyntheticData.writeImageNet(dir, SPEC, TestEncoders.JPEG_95, 1);
        var lines = Files.readAllLines(dir.resolve("LOC_synset_mapping.txt"), StandardCharsets.UTF_8);
        assertEquals(10, lines.size());
        assertEquals("n90000001 warm circle, horizontal-striped circle", lines.get(0));
        assertEquals("n90000010 cool cross, horizontal-striped cross", lines.get(9));
        assertEquals(lines.stream().sorted().toList(), lines);
    }

    @Test
    void valSolutionLabelsEveryValidationImageLikeItsFolder() throws IOException {
        SyntheticData.writeImageNet(dir, SPEC, TestEncoders.JPEG_95, 1);
        var lines = Files.readAllLines(dir.resolve("LOC_val_solution.csv"), StandardCharsets.UTF_8);
        assertEquals("ImageId,PredictionString", lines.get(0));
        assertEquals(21, lines.size());
        Map<String, String> folderOf = OutputTrees.files(dir.resolve("val")).keySet().stream()
                .collect(Collectors.toMap(p -> p.substring(p.indexOf('/') + 1, p.indexOf('.')),
                        p -> p.substring(0, p.indexOf('/'))));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches("ILSVRC2012_val_\\d{8},n\\d{8}( \\d+){4} "), line);
            String[] parts = line.split("[, ]");
            assertEquals(folderOf.get(parts[0]), parts[1], line);
            int xMin = Integer.parseInt(parts[2]);
            int yMin = Integer.parseInt(parts[3]);
            int xMax = Integer.parseInt(parts[4]);
            int yMax = Integer.parseInt(parts[5]);
            assertTrue(0 <= xMin && xMin < xMax && xMax < 64 && 0 <= yMin && yMin < yMax && yMax < 64, line);
        }
    }

    @Test
    void classesAreBalanced() throws IOException {
        SyntheticData.writeImageNet(dir, SPEC, TestEncoders.JPEG_95, 2);
        for (var sceneClass : SceneClass.ALL) {
            try (var train = Files.list(dir.resolve("train").resolve(sceneClass.wnid()));
                 var val = Files.list(dir.resolve("val").resolve(sceneClass.wnid()))) {
                assertEquals(3, train.count());
                assertEquals(2, val.count());
            }
        }
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCountAndDependsOnTheSeed() throws IOException {
        SyntheticData.writeImageNet(dir.resolve("one"), SPEC, TestEncoders.JPEG_95, 1);
        SyntheticData.writeImageNet(dir.resolve("two"), SPEC, TestEncoders.JPEG_95, 2);
        SyntheticData.writeImageNet(dir.resolve("other"), new ImageNetSpec(10, 64, 3, 2), TestEncoders.JPEG_95, 2);
        var one = OutputTrees.files(dir.resolve("one"));
        assertTrue(OutputTrees.identical(one, OutputTrees.files(dir.resolve("two"))));
        assertFalse(OutputTrees.identical(one, OutputTrees.files(dir.resolve("other"))));
    }
}
