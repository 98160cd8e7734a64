package dev.robucap.ml.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Compares with vectors written by torchvision's resnet18 ({@code tools/reference/resnet18_reference.py}): the layer
 * table, the state entries in order, and the logits for the script's deterministic weights and input.
 */
class MatchesTorchvisionTest {

    private static final Map<String, String> TORCH_TYPES = Map.of(
            "Conv2d", "Conv2d", "BatchNorm", "BatchNorm2d", "Linear", "Linear");
    private static final Map<String, String> TORCH_PARAMETERS = Map.of(
            "weight", "weight", "bias", "bias", "gamma", "weight", "beta", "bias",
            "runningMean", "running_mean", "runningVar", "running_var");

    private final JsonNode reference = load();

    @Test
    void layerTableEqualsTorchvisions() {
        ModelSummary summary = ModelSummary.resnet18(1000);
        List<String> expected = new ArrayList<>();
        reference.get("layers").forEach(l -> expected.add(l.get("name").asText() + " " + l.get("type").asText() + " "
                + l.get("output_shape") + " " + l.get("trainable_parameters").asLong()));
        List<String> actual = summary.layers().stream().map(l -> torchName(l.name()) + " "
                + TORCH_TYPES.get(l.type()) + " " + l.outputShape().toString().replace(" ", "") + " "
                + l.trainableParameters()).toList();
        assertEquals(expected, actual);
        assertEquals(reference.get("trainable_parameters").asLong(), summary.trainableParameters());
    }

    @Test
    void stateAndLogitsEqualTorchvisions() {
        JsonNode state = reference.get("state");
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape inputShape = shape(reference.get("input_shape"));
            ResNet18 model = new ResNet18(10);
            model.initialize(manager, DataType.FLOAT32, inputShape);

            List<Pair<String, Parameter>> parameters = model.getParameters().stream().toList();
            assertEquals(state.size(), parameters.size());
            for (int t = 0; t < state.size(); t++) {
                JsonNode expected = state.get(t);
                Parameter p = parameters.get(t).getValue();
                String name = torchParameterName(parameters.get(t).getKey());
                assertEquals(expected.get("name").asText(), name);
                assertEquals(shape(expected.get("shape")), p.getArray().getShape(), name);
                assertEquals(expected.get("trainable").asBoolean(), p.requiresGradient(), name);
                p.getArray().set(deterministic(t, name, p.getArray().getShape()));
            }

            NDArray input = manager.create(sines(inputShape.size(), 0.05, 0), inputShape);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] eval = model.forward(ps, new NDList(input), false).head().toFloatArray();
            assertClose(reference.get("logits_eval"), eval, 1e-4, "eval-mode logits");
            float[] train = model.forward(ps, new NDList(input), true).head().toFloatArray();
            assertClose(reference.get("logits_train"), train, 1e-4, "train-mode logits");
            assertClose(reference.get("bn1_running_mean"), parameters.get(3).getValue().getArray().toFloatArray(),
                    1e-6, "bn1 running mean after one training forward");
            assertClose(reference.get("bn1_running_var"), parameters.get(4).getValue().getArray().toFloatArray(),
                    1e-6, "bn1 running var after one training forward");
        }
    }

    /** The script's deterministic values: see its docstring. */
    private static float[] deterministic(int t, String name, Shape shape) {
        double[] s = IntStream.range(0, (int) shape.size()).mapToDouble(i -> StrictMath.sin(0.7 * i + 1.1 * t + 0.3))
                .toArray();
        float[] v = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            if (name.endsWith("running_var")) {
                v[i] = (float) (1 + 0.25 * (s[i] + 1));
            } else if (name.endsWith("weight") && shape.dimension() > 1) {
                v[i] = (float) (s[i] / Math.sqrt(shape.size() / shape.get(0)));
            } else if (name.endsWith("weight")) {
                v[i] = (float) (1 + 0.1 * s[i]);
            } else {
                v[i] = (float) (0.1 * s[i]);
            }
        }
        return v;
    }

    private static float[] sines(long n, double step, double offset) {
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) StrictMath.sin(step * i + offset);
        }
        return v;
    }

    /** {@code trunk.layer1.0.conv1} → {@code layer1.0.conv1}: torchvision has no trunk/head grouping. */
    private static String torchName(String name) {
        return name.replaceFirst("^(trunk|head)\\.", "");
    }

    /** DJL's key {@code 01trunk_03layer1_01BasicBlock_01conv1_weight} → {@code layer1.0.conv1.weight}. */
    private static String torchParameterName(String key) {
        String[] parts = key.split("_");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            boolean sequentialChild = Character.isUpperCase(part.charAt(2));
            names.add(sequentialChild ? String.valueOf(Integer.parseInt(part.substring(0, 2)) - 1) : part.substring(2));
        }
        names.add(TORCH_PARAMETERS.get(parts[parts.length - 1]));
        return torchName(String.join(".", names));
    }

    private static Shape shape(JsonNode dims) {
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i).asLong();
        }
        return new Shape(d);
    }

    /** |actual − expected| ≤ tolerance · max(1, |expected|) element-wise. */
    private static void assertClose(JsonNode expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertTrue(Math.abs(actual[i] - e) <= tolerance * Math.max(1, Math.abs(e)),
                    what + "[" + i + "]: expected " + e + ", got " + actual[i]);
        }
    }

    private static JsonNode load() {
        try (InputStream in = MatchesTorchvisionTest.class.getResourceAsStream("/reference/resnet18.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
