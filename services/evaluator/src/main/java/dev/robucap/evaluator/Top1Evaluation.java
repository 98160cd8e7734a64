package dev.robucap.evaluator;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.ml.data.ImageNetExamples;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.Top1;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's table 2 for one encoder: top-1 on the test half of the validation set, uncompressed and at every
 * quality of the ladder. The compressed test sets are the augmenter's single-compression outputs, made once and
 * shared by every model.
 *
 * <p>Task: {@code params = {"kind": "top1", "ladder": [80, …]}}, {@code inputs = {"model": "<encoder-trainer
 * output>", "imagenet": "<prefix>", "q80": "<prefix of the validation images compressed at 80>", …}}. Outputs:
 * {@code table2.json}, {@code table2.csv}. A corrupt test image counts as a miss.
 */
public final class Top1Evaluation implements Evaluation {

    public static final String KIND = "top1";
    private static final int BATCH = 64;

    private final int threads;
    private final DecodeLimits limits;

    public Top1Evaluation(int threads, DecodeLimits limits) {
        this.threads = threads;
        this.limits = limits;
    }


    @Override
    public void validate(TaskRequest task) {
        Ladder.of(task);
        for (String input : List.of("model", "imagenet")) {
            if (task.inputs().get(input) == null) {
                throw new InvalidTaskException("inputs." + input, "is required");
            }
        }
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        ArtifactStore store = context.store();
        List<Integer> ladder = Ladder.of(task);
        String modelPrefix = task.inputs().get("model");
        JsonNode info = Json.MAPPER.readTree(store.getBytes(modelPrefix + "/model.json"));
        List<String> classes = new ArrayList<>();
        info.path("classes").forEach(c -> classes.add(c.asText()));
        ImageNetDataset data = ImageNetDataset.read(KeySource.store(store, task.inputs().get("imagenet")));
        if (!data.classes().equals(classes)) {
            throw new IllegalStateException("the model knows " + classes.size() + " classes, the data set has "
                    + data.classes().size() + " different ones");
        }
        List<Example> test = data.devTest().test();
        var transforms = ImageNetTransforms.imageNet(info.path("resizeSize").asInt(), info.path("cropSize").asInt());
        var model = new ResNet18(classes.size(), info.path("width").asInt(ResNet18.WIDTH));

        Map<String, Double> top1 = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            int crop = transforms.cropSize();
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, crop, crop));
            load(model, manager, store.getBytes(modelPrefix + "/model.params"));
            List<String> columns = new ArrayList<>(List.of("clean"));
            ladder.forEach(q -> columns.add("q" + q));
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                List<Example> examples = column.equals("clean") ? test
                        : Ladder.compressed(store, task, Integer.parseInt(column.substring(1)), test, Example::key,
                                (example, key) -> new Example(key, example.label()));
                try (var source = new ImageNetExamples(store::getBytes, examples, transforms, false, 0, threads,
                        limits)) {
                    top1.put(column, Top1.evaluate(model, source, BATCH, manager).accuracy());
                }
                context.progress((i + 1.0) / columns.size(), column + " top-1 " + top1.get(column));
            }
        }

        var table = Json.MAPPER.createObjectNode();
        table.put("model", modelPrefix).put("variant", info.path("variant").asText()).put("images", test.size());
        table.putPOJO("top1", top1);
        var csv = new StringBuilder("variant,images," + String.join(",", top1.keySet()) + "\n");
        csv.append(info.path("variant").asText()).append(',').append(test.size());
        top1.values().forEach(v -> csv.append(String.format(Locale.ROOT, ",%.6f", v)));
        csv.append('\n');
        String prefix = context.outputPrefix();
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(table);
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        store.put(prefix + "/table2.json", json, "application/json");
        store.put(prefix + "/table2.csv", csvBytes, "text/csv");
        Map<String, Double> metrics = new LinkedHashMap<>();
        top1.forEach((column, value) -> metrics.put("top1_" + column, value));
        return new Manifest(Manifest.SCHEMA, task.stage(), context.contentKey(), task.taskId(), Instant.now(),
                task.params(), task.inputs(), List.of(new Manifest.Entry("table2.json", json.length, null),
                        new Manifest.Entry("table2.csv", csvBytes.length, null)), null, metrics);
    }

    private static void load(ResNet18 model, NDManager manager, byte[] parameters) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("the model's parameters do not fit ResNet-18: " + e.getMessage(), e);
        }
    }
}
