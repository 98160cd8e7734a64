package dev.robucap.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.synthetic.ImageNetSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.StageRunner;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import dev.robucap.ml.model.ResNet18;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevstackExtension.class)
class Top1EvaluationTest {

    /** A ResNet-18 whose classifier ignores the image and always answers {@code answer}. */
    private static byte[] constantModel(int classes, int answer) throws Exception {
        var model = new ResNet18(classes, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            List<Parameter> parameters = new ArrayList<>(model.getParameters().values());
            Parameter weight = parameters.get(parameters.size() - 2);
            Parameter bias = parameters.get(parameters.size() - 1);
            weight.getArray().muli(0);
            bias.getArray().muli(0);
            bias.getArray().set(new NDIndex(answer), 10f);
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                model.saveParameters(out);
            }
            return bytes.toByteArray();
        }
    }

    @Test
    void top1IsMeasuredOnTheTestHalfCleanAndAtEveryQuality(Devstack devstack, @TempDir Path dir) throws Exception {
        var store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String run = UUID.randomUUID().toString();
        String imagenet = "datasets/imagenet-" + run;
        SyntheticData.writeImageNet(dir, new ImageNetSpec(4, 40, 1, 4), image -> Jpeg.encode(image, 95), 2);
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(imagenet + "/" + dir.relativize(file), Files.readAllBytes(file), "application/octet-stream");
            }
        }
        var data = ImageNetDataset.read(KeySource.store(store, imagenet));
        Map<String, String> inputs = new LinkedHashMap<>(Map.of("imagenet", imagenet, "model", "models/m-" + run));
        for (int q : List.of(10, 2)) {
            String set = "augmented/val-" + run + "-q" + q;
            List<Manifest.Entry> entries = new ArrayList<>();
            for (var example : data.devTest().test()) {
                String name = example.key().substring(imagenet.length() + 1);
                byte[] copy = Jpeg.compress(Jpeg.decode(store.getBytes(example.key())), q);
                store.put(set + "/" + name, copy, "image/jpeg");
                entries.add(new Manifest.Entry(name, copy.length, example.key()));
            }
            store.publish(set, new Manifest(0, "augmenter", "k", "t", Instant.now(), null, null, entries, null, null));
            inputs.put("q" + q, set);
        }
        int answer = 3;
        store.put("models/m-" + run + "/model.params", constantModel(data.classes().size(), answer),
                "application/octet-stream");
        var info = Json.MAPPER.createObjectNode().put("width", 8).put("resizeSize", 36).put("cropSize", 32)
                .put("variant", "base");
        info.putPOJO("classes", data.classes());
        store.put("models/m-" + run + "/model.json", Json.MAPPER.writeValueAsBytes(info), "application/json");
        var params = Json.MAPPER.createObjectNode().put("kind", "top1");
        params.putArray("ladder").add(10).add(2);
        var stage = EvaluatorStage.of(2, DecodeLimits.DEFAULT);

        TaskEvent result = new StageRunner(stage, store, e -> { }).run(TaskRequest.of("evaluator", params, inputs));

        assertEquals(TaskEvent.Type.SUCCEEDED, result.type(), result.error());
        var test = data.devTest().test();
        double expected = test.stream().filter(e -> e.label() == answer).count() / (double) test.size();
        assertTrue(expected > 0 && expected < 1, "the test half holds several classes");
        JsonNode table = Json.MAPPER.readTree(store.getBytes(result.output() + "/table2.json"));
        for (String column : List.of("clean", "q10", "q2")) {
            assertEquals(expected, table.path("top1").path(column).asDouble(), 1e-12, column);
        }
        assertEquals(test.size(), table.path("images").asInt());
        assertTrue(new String(store.getBytes(result.output() + "/table2.csv")).startsWith("variant,images,clean,q10,q2"));
    }
}
