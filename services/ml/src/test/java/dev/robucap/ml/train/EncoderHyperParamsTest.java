package dev.robucap.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EncoderHyperParamsTest {

    @Test
    void defaultsAreThePyTorchImageNetRecipeFor35Epochs() {
        EncoderHyperParams d = EncoderHyperParams.defaults();
        assertEquals(new EncoderHyperParams(0.1, 0.9, 1e-4, 30, 0.1, 256, 35, 0, 0), d);
        assertEquals(0.1, d.learningRate(29), 1e-12);
        assertEquals(0.01, d.learningRate(30), 1e-12);
        assertEquals(0.01, d.learningRate(34), 1e-12);
    }

    @Test
    void anInvalidValueIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderHyperParams.defaults().withBatchSize(0));
        assertEquals("invalid batchSize: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EncoderHyperParams(0.1, 1.0, 1e-4, 30, 0.1, 256, 35, 0, 0),
                "momentum");
    }

    @Test
    void dataOrderIsAPermutationThatDependsOnlyOnSeedAndEpoch() {
        int[] order = EncoderTrainer.order(7, 3, 100);
        assertArrayEquals(order, EncoderTrainer.order(7, 3, 100));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 100).toArray(), sorted);
        assertTrue(!Arrays.equals(order, EncoderTrainer.order(7, 4, 100)));
        assertNotEquals(Arrays.toString(order), Arrays.toString(EncoderTrainer.order(8, 3, 100)));
    }
}
