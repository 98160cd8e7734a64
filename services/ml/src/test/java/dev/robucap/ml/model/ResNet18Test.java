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
import org.junit.jupiter.api.Test;

class ResNet18Test {

    @Test
    void hasTorchvisionsParameterCountFor1000Classes() {
        assertEquals(11_689_512, ModelSummary.resnet18(1000).trainableParameters());
    }

    @Test
    void parameterCountGrowsBy513PerClass() {
        for (int classes : new int[] {1, 10, 37}) {
            assertEquals(11_176_512 + 513L * classes, ModelSummary.resnet18(classes).trainableParameters());
        }
    }

    @Test
    void logitsPerImageForLargeAndSmallInputsAndA512ChannelFeatureMap() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 model = new ResNet18(1000);
            model.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 224, 224));
            ParameterStore ps = new ParameterStore(manager, false);

            NDArray image = manager.randomNormal(new Shape(2, 3, 224, 224));
            assertEquals(new Shape(2, 1000), model.forward(ps, new NDList(image), false).head().getShape());
            assertEquals(new Shape(2, 512, 7, 7), model.trunk().forward(ps, new NDList(image), false).head().getShape());
            NDArray small = manager.randomNormal(new Shape(3, 3, 56, 56));
            assertEquals(new Shape(3, 1000), model.forward(ps, new NDList(small), false).head().getShape());
            assertEquals(new Shape(3, 512, 2, 2), model.trunk().forward(ps, new NDList(small), false).head().getShape());
            assertEquals(new Shape(3, 1000), model.getOutputShapes(new Shape[] {small.getShape()})[0]);
        }
    }

    @Test
    void initialisedWithTorchvisionsDistributions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 model = new ResNet18(1000);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            for (var entry : model.getParameters()) {
                Parameter p = entry.getValue();
                NDArray a = p.getArray();
                Shape s = a.getShape();
                String name = entry.getKey();
                switch (p.getType()) {
                    case WEIGHT -> {
                        if (s.dimension() == 4) { // kaiming_normal_, fan_out, relu: std √(2 / (out · kh · kw))
                            double std = Math.sqrt(2.0 / (s.get(0) * s.get(2) * s.get(3)));
                            assertClose(0, a.mean().getFloat(), 0.1 * std, name + " mean");
                            assertClose(std, std(a), 0.05 * std, name + " std");
                        } else { // nn.Linear: U(±1/√fan_in)
                            assertUniform(a, 1 / Math.sqrt(s.get(1)), name);
                        }
                    }
                    case BIAS -> assertUniform(a, 1 / Math.sqrt(512), name);
                    case GAMMA, RUNNING_VAR -> assertEquals(a.size(), a.eq(1f).sum().getLong(), name);
                    case BETA, RUNNING_MEAN -> assertEquals(a.size(), a.eq(0f).sum().getLong(), name);
                    default -> throw new AssertionError("unexpected parameter " + name);
                }
            }
        }
    }

    private static void assertUniform(NDArray a, double bound, String name) {
        assertTrue(a.abs().max().getFloat() <= bound, name + " exceeds " + bound);
        assertClose(bound / Math.sqrt(3), std(a), 0.1 * bound, name + " std");
    }

    private static double std(NDArray a) {
        return Math.sqrt(a.sub(a.mean()).square().mean().getFloat());
    }

    private static void assertClose(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + " ± " + tolerance
                + ", got " + actual);
    }
}
