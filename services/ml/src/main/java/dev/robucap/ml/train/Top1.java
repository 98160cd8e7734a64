package dev.robucap.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.stream.IntStream;

/** Top-1 accuracy of a classifier in eval mode: correct / total. */
public record Top1(long correct, long total) {

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Evaluates {@code model} on every example of {@code source}, in order, {@code batchSize} at a time. */
    public static Top1 evaluate(Block model, ExampleSource source, int batchSize, NDManager manager) {
        long correct = 0;
        for (int from = 0; from < source.size(); from += batchSize) {
            int[] indices = IntStream.range(from, Math.min(from + batchSize, source.size())).toArray();
            try (NDManager batch = manager.newSubManager()) {
                NDList data = source.batch(batch, 0, indices); // (n, 3, h, w), (n)
                NDArray logits = model.forward(new ParameterStore(batch, false), new NDList(data.get(0)), false)
                        .singletonOrThrow(); // (n, classes)
                NDArray predicted = logits.argMax(1).toType(DataType.INT32, false); // (n)
                correct += predicted.eq(data.get(1).toType(DataType.INT32, false)).sum().getLong();
            }
        }
        return new Top1(correct, source.size());
    }
}
