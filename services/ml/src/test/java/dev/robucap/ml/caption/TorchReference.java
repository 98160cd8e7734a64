package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the vectors of {@code tools/reference/make_caption_vectors.py} and compares with them. */
final class TorchReference {

    private TorchReference() {
    }

    static JsonNode load(String name) {
        try (InputStream in = TorchReference.class.getResourceAsStream("/caption/" + name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoder the reference describes, its parameters set to the reference's "params". */
    static AttentionDecoder decoder(JsonNode reference, double dropout, NDManager manager) {
        JsonNode dims = reference.get("dims");
        CaptionerHyperParams hyper = CaptionerHyperParams.defaults().withDropout(dropout).withDimensions(
                dims.get("embed").asInt(), dims.get("attention").asInt(), dims.get("decoder").asInt(),
                dims.get("encoder").asInt());
        AttentionDecoder decoder = new AttentionDecoder(dims.get("vocab").asInt(), hyper);
        decoder.initialize(manager);
        setParameters(decoder, reference.get("params"));
        return decoder;
    }

    /** Sets {@code block}'s parameters, checking that names and shapes are torch's, in torch's order. */
    static void setParameters(Block block, JsonNode params) {
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        assertEquals(params.size(), parameters.size(), "parameter count");
        for (int i = 0; i < params.size(); i++) {
            JsonNode expected = params.get(i);
            Parameter p = parameters.get(i).getValue();
            assertEquals(expected.get("name").asText(), torchName(parameters.get(i).getKey()));
            assertEquals(shape(expected.get("shape")), p.getArray().getShape(), expected.get("name").asText());
            p.getArray().set(floats(expected.get("values")));
        }
    }

    /** DJL's key {@code 01attention_02decoderAtt_weight} → torch's {@code attention.decoder_att.weight}. */
    static String torchName(String key) {
        String[] parts = key.split("_");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = i < parts.length - 1 ? parts[i].substring(2) : parts[i];
            names.add(part.replaceAll("([A-Z])", "_$1").toLowerCase());
        }
        return String.join(".", names);
    }

    static NDArray array(JsonNode tensor, NDManager manager) {
        return manager.create(floats(tensor.get("values")), shape(tensor.get("shape")));
    }

    static Shape shape(JsonNode dims) {
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i).asLong();
        }
        return new Shape(d);
    }

    static float[] floats(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).asDouble();
        }
        return v;
    }

    static int[] ints(JsonNode values) {
        int[] v = new int[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asInt();
        }
        return v;
    }

    /** |actual − expected| ≤ tolerance · max(1, |expected|) element-wise. */
    static void assertClose(JsonNode expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.length, what + ": size");
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertTrue(Math.abs(actual[i] - e) <= tolerance * Math.max(1, Math.abs(e)),
                    what + "[" + i + "]: expected " + e + ", got " + actual[i]);
        }
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }
}
