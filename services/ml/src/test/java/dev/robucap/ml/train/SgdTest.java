package dev.robucap.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void followsTorchOptimSgdAndRestoresItsMomentum() {
        float[] c = {3, -1};
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optArray(manager.create(new float[] {1, 2})).build();
            p.getArray().setRequiresGradient(true);
            Sgd sgd = new Sgd(manager, List.of(p), 0.9, 0.1);
            NDArray constant = manager.create(c);
            for (int step = 0; step < 2; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(p.getArray().mul(constant).sum()); // gradient = c
                    }
                    sgd.step(stepManager, 0.5);
                }
            }
            double[] w = {1, 2};
            double[] buf = {0, 0};
            for (int step = 0; step < 2; step++) {
                for (int i = 0; i < 2; i++) {
                    buf[i] = 0.9 * buf[i] + c[i] + 0.1 * w[i];
                    w[i] -= 0.5 * buf[i];
                }
            }
            assertArrayEquals(new float[] {(float) w[0], (float) w[1]}, p.getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) buf[0], (float) buf[1]}, sgd.buffers().get(0), 1e-6f);

            Sgd restored = new Sgd(manager, List.of(p), 0.9, 0.1);
            restored.restore(sgd.buffers());
            assertArrayEquals(sgd.buffers().get(0), restored.buffers().get(0));
        }
    }
}
