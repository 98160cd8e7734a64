package dev.robucap.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.quality.ImageQuality;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class ImageQualityEvaluationTest {

    private static RgbImage picture(int seed) {
        var random = new java.util.Random(seed);
        int w = 48 + seed, h = 36;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            int x = (i / 3) % w, y = (i / 3) / w;
            rgb[i] = (byte) (128 + 100 * Math.sin(x / 3.0 + seed));
            rgb[i + 1] = (byte) (((x / 4 + y / 4) % 2) * 180 + random.nextInt(30));
            rgb[i + 2] = (byte) (y * 6);
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void table1HoldsTheMeanAndPopulationStdOfEveryImagePerQuality(Devstack devstack) throws Exception {
        var store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String run = "test-" + UUID.randomUUID();
        String originals = "datasets/" + run;
        List<RgbImage> pictures = List.of(picture(1), picture(2), picture(3));
        Map<String, String> inputs = new LinkedHashMap<>(Map.of("originals", originals));
        Map<Integer, List<double[]>> expected = new LinkedHashMap<>();
        for (int q : List.of(31, 5)) {
            String set = "augmented/" + run + "-q" + q;
            List<Manifest.Entry> entries = new ArrayList<>();
            expected.put(q, new ArrayList<>());
            for (int i = 0; i < pictures.size(); i++) {
                byte[] original = Jpeg.encode(pictures.get(i), 95);
                store.put(originals + "/img" + i + ".jpg", original, "image/jpeg");
                byte[] compressed = Jpeg.compress(Jpeg.decode(original), q);
                store.put(set + "/img" + i + ".jpg", compressed, "image/jpeg");
                entries.add(new Manifest.Entry("img" + i + ".jpg", compressed.length, originals + "/img" + i + ".jpg"));
                var c = ImageQuality.compare(Jpeg.decode(original), Jpeg.decode(compressed));
                expected.get(q).add(new double[] {c.psnr(), c.ssim(), c.ssimY()});
            }
            store.publish(set, new Manifest(Manifest.SCHEMA, "augmenter", "k", "t", Instant.now(), null, null,
                    entries, null, null));
            inputs.put("q" + q, set);
        }
        var params = Json.MAPPER.createObjectNode().put("kind", "image-quality");
        params.putArray("ladder").add(31).add(5);
        var runner = new StageRunner(EvaluatorStage.of(2, DecodeLimits.DEFAULT), store, e -> { });

        TaskEvent result = runner.run(TaskRequest.of("evaluator", params, inputs));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        JsonNode table = Json.MAPPER.readTree(store.getBytes(result.output() + "/table1.json"));
        for (JsonNode row : table.path("rows")) {
            List<double[]> values = expected.get(row.path("quality").asInt());
            assertEquals(3, row.path("images").asInt());
            assertMeanAndStd(values, 0, row.path("psnr_mean_db").asDouble(), row.path("psnr_std_db").asDouble());
            assertMeanAndStd(values, 1, row.path("ssim_mean").asDouble(), row.path("ssim_std").asDouble());
            assertMeanAndStd(values, 2, row.path("ssim_y_mean").asDouble(), row.path("ssim_y_std").asDouble());
        }
        assertTrue(table.path("rows").get(0).path("ssim_mean").asDouble()
                > table.path("rows").get(1).path("ssim_mean").asDouble(), "q31 must look better than q5");
        String csv = new String(store.getBytes(result.output() + "/table1.csv"));
        assertTrue(csv.startsWith("quality,images,psnr_mean_db"), csv);
        assertEquals(1 + 6, new String(store.getBytes(result.output() + "/per_image.csv")).lines().count());
    }

    private static void assertMeanAndStd(List<double[]> values, int column, double mean, double std) {
        double m = values.stream().mapToDouble(v -> v[column]).average().orElseThrow();
        double s = Math.sqrt(values.stream().mapToDouble(v -> (v[column] - m) * (v[column] - m)).sum() / values.size());
        assertEquals(m, mean, 1e-9);
        assertEquals(s, std, 1e-9);
    }

    @Test
    void aLadderQualityWithoutItsCompressedSetIsRefusedNamingTheInput(Devstack devstack) {
        var store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        var params = Json.MAPPER.createObjectNode().put("kind", "image-quality");
        params.putArray("ladder").add(80);
        var runner = new StageRunner(EvaluatorStage.of(1, DecodeLimits.DEFAULT), store, e -> { });

        TaskEvent result = runner.run(TaskRequest.of("evaluator", params, Map.of("originals", "datasets/x")));

        assertEquals(TaskEvent.Type.FAILED, result.type());
        assertTrue(result.error().contains("inputs.q80"), result.error());
    }
}
