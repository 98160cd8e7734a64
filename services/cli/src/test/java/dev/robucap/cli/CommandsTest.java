package dev.robucap.cli;

import static dev.robucap.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.quality.ImageQuality;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandsTest {

    @TempDir
    Path dir;

    private Path picture() throws Exception {
        byte[] rgb = new byte[64 * 48 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) ((i * 37) ^ (i / 192 * 11));
        }
        Path file = dir.resolve("original.jpg");
        Files.write(file, Jpeg.encode(new RgbImage(64, 48, rgb), 95));
        return file;
    }

    @Test
    void jpegWritesWhatTheCodecWritesAndQualityOfReadsItBack() throws Exception {
        Path original = picture();
        Path out = dir.resolve("q22.jpg");

        assertEquals(0, run("jpeg", "--quality", "22", original.toString(), out.toString()).code());

        assertArrayEquals(Jpeg.compress(Jpeg.decode(Files.readAllBytes(original)), 22), Files.readAllBytes(out));
        CommandRun quality = run("quality-of", out.toString());
        assertEquals(0, quality.code());
        assertEquals("22", quality.out().strip());
    }

    @Test
    void jpegWithResaveIsThePapersDoubleCompression() throws Exception {
        Path original = picture();
        Path out = dir.resolve("q2-75.jpg");

        assertEquals(0, run("jpeg", "--quality", "2", "--resave", "75", original.toString(), out.toString()).code());

        assertArrayEquals(Jpeg.doubleCompress(Jpeg.decode(Files.readAllBytes(original)), 2, 75),
                Files.readAllBytes(out));
        assertEquals("75", run("quality-of", out.toString()).out().strip());
    }

    @Test
    void compareJsonPrintsPsnrSsimAndSsimOfLuma() throws Exception {
        Path original = picture();
        Path distorted = dir.resolve("q5.jpg");
        run("jpeg", "--quality", "5", original.toString(), distorted.toString());

        CommandRun result = run("compare", original.toString(), distorted.toString(), "--json");

        assertEquals(0, result.code(), result.err());
        JsonNode json = Json.MAPPER.readTree(result.out());
        var expected = ImageQuality.compare(Jpeg.decode(Files.readAllBytes(original)),
                Jpeg.decode(Files.readAllBytes(distorted)));
        assertEquals(expected.psnr(), json.get("psnr").asDouble(), 1e-12);
        assertEquals(expected.ssim(), json.get("ssim").asDouble(), 1e-12);
        assertEquals(expected.ssimY(), json.get("ssim_y").asDouble(), 1e-12);
    }

    @Test
    void badInputFailsWithOneLineThatSaysWhy() throws Exception {
        Path original = picture();
        CommandRun missing = run("compare", dir.resolve("nope.png").toString(), original.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        CommandRun quality = run("jpeg", "--quality", "0", original.toString(), dir.resolve("x.jpg").toString());
        assertEquals(1, quality.code());
        assertTrue(quality.err().contains("--quality must be in 1..100"), quality.err());

        Path garbage = dir.resolve("garbage.jpg");
        Files.writeString(garbage, "this is not an image");
        CommandRun corrupt = run("quality-of", garbage.toString());
        assertEquals(1, corrupt.code());
        assertEquals(1, corrupt.err().strip().lines().count(), corrupt.err());

        CommandRun usage = run("jpeg", "--quality");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--help"), usage.err());
        assertEquals(2, run("no-such-command").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "compare", "quality-of", "datagen", "devstack", "run", "plan", "summary", "bleu"})
    void everySubcommandPrintsHelp(String command) {
        CommandRun result = run(command, "--help");
        assertEquals(0, result.code());
        assertTrue(result.out().contains("Usage: robucap " + command), result.out());
    }

    @Test
    void summaryCountsTorchvisionsResNet18Parameters() throws Exception {
        CommandRun result = run("summary", "resnet18", "--json");
        assertEquals(0, result.code(), result.err());
        assertEquals(11_689_512L, Json.MAPPER.readTree(result.out()).get("trainable_parameters").asLong());

        CommandRun ten = run("summary", "resnet18", "--classes", "10");
        assertEquals(0, ten.code(), ten.err());
        assertTrue(ten.out().contains("11,181,642") || ten.out().contains("11181642"), ten.out());

        assertEquals(1, run("summary", "vgg16").code());
    }

    @Test
    void planListsTheQuickstartsTasksAllToRunInAFreshWorkDirectory() throws Exception {
        CommandRun result = run("plan", "../../workflows/quickstart.yaml", "--work-dir", dir.toString(), "--json");
        assertEquals(0, result.code(), result.err());
        JsonNode tasks = Json.MAPPER.readTree(result.out()).get("tasks");
        assertEquals("data/coco", tasks.get(0).get("id").asText());
        int bleu = 0;
        for (JsonNode task : tasks) {
            assertEquals("to run", task.get("status").asText(), task.toString());
            bleu += task.get("id").asText().startsWith("bleu/") ? 1 : 0;
        }
        assertEquals(4, bleu, "a BLEU evaluation per grid cell");

        CommandRun forced = run("plan", "../../workflows/quickstart.yaml", "--work-dir", dir.toString(),
                "--force", "encoder-trainer");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.out().lines().anyMatch(l -> l.startsWith("forced") && l.contains("bleu/+2/+2")),
                forced.out());

        CommandRun unknown = run("plan", "../../workflows/quickstart.yaml", "--force", "trainer");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--force trainer"), unknown.err());
    }
}
