package dev.robucap.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.metrics.Bleu;
import dev.robucap.common.metrics.CocoBleu;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevstackExtension.class)
class CaptionEvaluationTest {

    @Test
    void bleuIsMeasuredOnEveryTestImageCleanAndAtEveryQuality(Devstack devstack, @TempDir Path dir)
            throws Exception {
        var store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String run = UUID.randomUUID().toString();
        String coco = "datasets/coco-" + run;
        SyntheticData.writeCoco(dir, new CocoSpec(6, 32, 2, 0, 1, 4), image -> Jpeg.encode(image, 95), 2);
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(coco + "/" + dir.relativize(file), Files.readAllBytes(file), "application/octet-stream");
            }
        }
        var data = CocoDataset.read(KeySource.store(store, coco), TinyCaptioner.CAPTIONS);
        List<CocoExample> test = data.test();
        String captioner = "models/captioner-" + run;
        TinyCaptioner.publish(store, captioner, data.wordMap());
        Map<String, String> inputs = new LinkedHashMap<>(Map.of("coco", coco, "captioner", captioner));
        for (int q : List.of(10, 2)) {
            String set = "augmented/coco-test-" + run + "-q" + q;
            List<Manifest.Entry> entries = new ArrayList<>();
            for (var image : test) {
                String name = image.key().substring(coco.length() + 1);
                boolean corrupt = q == 2 && image == test.get(1);
                byte[] copy = corrupt ? "truncated".getBytes(StandardCharsets.UTF_8)
                        : Jpeg.compress(Jpeg.decode(store.getBytes(image.key())), q);
                store.put(set + "/" + name, copy, "image/jpeg");
                entries.add(new Manifest.Entry(name, copy.length, image.key()));
            }
            store.publish(set, new Manifest(0, "augmenter", "k", "t", Instant.now(), null, null, entries, null, null));
            inputs.put("q" + q, set);
        }
        var params = Json.MAPPER.createObjectNode().put("kind", "bleu").put("beamSize", 2);
        params.putArray("ladder").add(10).add(2);

        TaskEvent result = new StageRunner(EvaluatorStage.of(2, DecodeLimits.DEFAULT), store, e -> { })
                .run(TaskRequest.of("evaluator", params, inputs));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        JsonNode table = Json.MAPPER.readTree(store.getBytes(result.output() + "/table3.json"));
        assertEquals(List.of(captioner, "+2", "base", "4"), List.of(table.path("captioner").asText(),
                table.path("variant").asText(), table.path("encoderVariant").asText(), table.path("images").asText()));
        assertEquals(List.of("captioner", "variant", "encoderVariant", "images", "beamSize", "bleu", "coco_bleu",
                "bleu4", "coco_bleu4", "bleu1", "bleu2", "bleu3", "corruptImages"), fieldNames(table));
        String cocoBleu = table.path("coco_bleu").asText();
        assertTrue(cocoBleu.startsWith("pycocoevalcap's BleuScorer, option closest, over tokens"), cocoBleu);
        for (String bleu : List.of("bleu4", "coco_bleu4", "bleu1", "bleu2", "bleu3")) {
            assertEquals(List.of("clean", "q10", "q2"), fieldNames(table.path(bleu)), bleu);
            table.path(bleu).forEach(v -> assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1, bleu + " " + v));
        }
        assertEquals(Map.of("clean", 0, "q10", 0, "q2", 1), Json.MAPPER.convertValue(table.path("corruptImages"),
                Map.class));

        Set<Long> cocoids = test.stream().map(CocoExample::cocoid).collect(Collectors.toSet());
        for (String column : List.of("clean", "q10", "q2")) {
            JsonNode captions = Json.MAPPER.readTree(store.getBytes(result.output() + "/captions/" + column + ".json"));
            Set<Long> ids = new HashSet<>();
            captions.forEach(c -> ids.add(c.path("image_id").asLong()));
            Set<Long> expected = new HashSet<>(cocoids);
            if (column.equals("q2")) {
                expected.remove(test.get(1).cocoid());
            }
            assertEquals(expected, ids, column);
            Corpus corpus = corpus(captions, test, data.wordMap());
            assertEquals(table.path("bleu4").path(column).asDouble(),
                    Bleu.corpus(corpus.hypotheses(), corpus.references()).bleu4(), 1e-12,
                    column + ": table 3 scores the captions published");
            assertEquals(table.path("coco_bleu4").path(column).asDouble(),
                    CocoBleu.corpus(corpus.hypotheses(), corpus.references()).bleu4(), 1e-12,
                    column + ": COCO BLEU-4 of the captions published");
            assertEquals(table.path("bleu4").path(column).asDouble(), result.metrics().get("bleu4_" + column));
        }
        assertTrue(new String(store.getBytes(result.output() + "/table3.csv"), StandardCharsets.UTF_8)
                .startsWith("variant,encoderVariant,images,clean,q10,q2\n+2,base,4,"));
        Manifest manifest = store.manifest(result.output()).orElseThrow();
        assertEquals(1, manifest.errors().size());
        assertTrue(manifest.errors().get(0).source().startsWith(inputs.get("q2")));
    }

    private record Corpus(List<List<String>> hypotheses, List<List<List<String>>> references) {
    }

    /** A captions file's tokens and the test captions as the word map sees them. */
    private static Corpus corpus(JsonNode captions, List<CocoExample> test, WordMap words) {
        Map<Long, CocoExample> byId = test.stream().collect(Collectors.toMap(CocoExample::cocoid, e -> e));
        List<List<String>> hypotheses = new ArrayList<>();
        List<List<List<String>>> references = new ArrayList<>();
        for (JsonNode caption : captions) {
            String text = caption.path("caption").asText();
            hypotheses.add(text.isEmpty() ? List.of() : Arrays.asList(text.split(" ")));
            references.add(byId.get(caption.path("image_id").asLong()).captions().stream()
                    .map(c -> words.decode(words.encode(c, TinyCaptioner.CAPTIONS.maxLength()).ids())).toList());
        }
        return new Corpus(hypotheses, references);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aTaskWithoutItsCaptionerOrWithABadBeamSizeIsRefusedNamingTheField() {
        var evaluation = new CaptionEvaluation(1, DecodeLimits.DEFAULT);
        ObjectNode params = Json.MAPPER.createObjectNode().put("kind", "bleu");
        params.putArray("ladder").add(2);
        var noCaptioner = assertThrows(InvalidTaskException.class, () -> evaluation.validate(
                TaskRequest.of("evaluator", params, Map.of("coco", "c", "q2", "a"))));
        assertTrue(noCaptioner.getMessage().startsWith("inputs.captioner"), noCaptioner.getMessage());
        var badBeam = assertThrows(InvalidTaskException.class, () -> evaluation.validate(
                TaskRequest.of("evaluator", params.deepCopy().put("beamSize", 0),
                        Map.of("coco", "c", "captioner", "m", "q2", "a"))));
        assertTrue(badBeam.getMessage().startsWith("params.beamSize"), badBeam.getMessage());
    }
}
