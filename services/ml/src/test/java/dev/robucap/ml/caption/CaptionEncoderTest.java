package dev.robucap.ml.caption;

import static dev.robucap.ml.caption.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.ml.model.ResNet18;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CaptionEncoderTest {

    @Test
    void adaptivePoolingIsTorchs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (JsonNode c : TorchReference.load("pooling.json").get("cases")) {
                NDArray input = TorchReference.array(c.get("input"), manager);
                JsonNode size = c.get("output_size");
                NDArray pooled = JniUtils.adaptiveAvgPool((PtNDArray) input,
                        new Shape(size.get(0).asLong(), size.get(1).asLong()));
                assertEquals(TorchReference.shape(c.get("output").get("shape")), pooled.getShape());
                assertClose(c.get("output").get("values"), pooled.toFloatArray(), 1e-6, "pooled to " + size);
            }
        }
    }

    @Test
    void featuresArePooledToTheGridThenFlattenedPositionMajor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            ResNet18 resnet = new ResNet18(3, 2);
            CaptionEncoder encoder = new CaptionEncoder(resnet, 3);
            NDArray images = manager.randomNormal(new Shape(2, 3, 160, 128)); // feature map 5×4 → pooled 3×3
            encoder.initialize(manager, DataType.FLOAT32, images.getShape());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray out = encoder.forward(ps, new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(2, 9, 16), out.getShape());
            assertEquals(out.getShape(), encoder.getOutputShapes(new Shape[] {images.getShape()})[0]);
            NDArray features = resnet.trunk().forward(ps, new NDList(images), false).singletonOrThrow();
            NDArray pooled = JniUtils.adaptiveAvgPool((PtNDArray) features, new Shape(3, 3)); // (2, 16, 3, 3)
            // position (row 1, column 2) of image 1 is pixel 1·3 + 2
            assertArrayEquals(pooled.get("1, :, 1, 2").toFloatArray(), out.get("1, 5, :").toFloatArray(), 1e-6f);

            CaptionEncoder large = new CaptionEncoder(resnet, 14); // a smaller map is upsampled, as the tutorial's 8×8
            NDArray upsampled = large.forward(ps, new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(2, 196, 16), upsampled.getShape());
            // 5 rows → 14: output row 13 covers input row 4 only; 4 columns → 14: output column 13 covers column 3
            assertArrayEquals(features.get("0, :, 4, 3").toFloatArray(), upsampled.get("0, 195, :").toFloatArray(),
                    0f);
        }
    }

    @Test
    void theEncoderOfAnEncoderTrainerModelComputesItsTrunksFeatures() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6);
            ResNet18 trained = new ResNet18(4, 2);
            Shape imageShape = new Shape(1, 3, 64, 64);
            trained.initialize(manager, DataType.FLOAT32, imageShape);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.saveParameters(new DataOutputStream(bytes));
            NDArray images = manager.randomNormal(imageShape);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] expected = trained.trunk().forward(ps, new NDList(images), false).singletonOrThrow()
                    .transpose(0, 2, 3, 1).toFloatArray();

            CaptionEncoder encoder = CaptionEncoder.load(bytes.toByteArray(), 4, 2, 2, manager);
            assertEquals(16, encoder.encoderDim());
            assertArrayEquals(expected, encoder.forward(ps, new NDList(images), false).singletonOrThrow()
                    .toFloatArray(), 0f);
        }
    }

    @Test
    void fineTuningTrainsStagesTwoToFourOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 resnet = new ResNet18(3, 2);
            CaptionEncoder encoder = new CaptionEncoder(resnet, 2);
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            Set<String> fineTunable = encoder.fineTunable().stream().map(Parameter::getName)
                    .collect(Collectors.toSet());
            long trainable = encoder.getParameters().values().stream().filter(Parameter::requiresGradient).count();

            encoder.fineTune(false);
            assertFalse(encoder.getParameters().values().stream().anyMatch(Parameter::requiresGradient));
            encoder.fineTune(true);
            encoder.getParameters().forEach(p -> {
                boolean stage2to4 = p.getKey().matches("01trunk_0[456]layer[234]_.*");
                boolean statistic = p.getKey().endsWith("runningMean") || p.getKey().endsWith("runningVar");
                assertEquals(stage2to4 && !statistic, p.getValue().requiresGradient(), p.getKey());
            });
            assertEquals(encoder.fineTunable().size(),
                    encoder.getParameters().values().stream().filter(Parameter::requiresGradient).count());
            assertTrue(encoder.fineTunable().size() < trainable);
            assertEquals(Set.of("weight", "gamma", "beta"), fineTunable);
        }
    }
}
