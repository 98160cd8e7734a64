package dev.robucap.ml.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.Gradients;
import java.util.Arrays;

/**
 * ResNet-18 (1000 classes) speed, as {@code bench/pytorch_resnet.py} measures PyTorch: median training step
 * (forward, cross-entropy, backward, SGD update) for batch 32 at 224 and 64 px, and eval-mode inference images/s at 224
 * px. Arguments: warm-up steps, measured steps (defaults 2 and 5). Threads: -Dai.djl.pytorch.num_threads. Runs on DJL's
 * default device: the GPU where libtorch has CUDA and one is visible (bench/gpu/run.sh).
 */
public final class ResNetBench {

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 model = new ResNet18(1000);
            model.initialize(manager, DataType.FLOAT32, new Shape(32, 3, 224, 224));
            ParameterStore ps = new ParameterStore(manager, false);
            for (int size : new int[] {224, 64}) {
                double[] ms = new double[warmup + measured];
                for (int i = 0; i < ms.length; i++) {
                    long start = System.nanoTime();
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.randomNormal(new Shape(32, 3, size, size)); // (32, 3, size, size)
                        NDArray y = step.randomInteger(0, 1000, new Shape(32), DataType.INT32); // (32)
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = model.forward(ps, new NDList(x), true).singletonOrThrow(); // (32, 1000)
                            gc.backward(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(logits)));
                        }
                        NDArray updated = null;
                        for (Parameter p : model.getParameters().values()) {
                            if (p.requiresGradient()) {
                                NDArray g = p.getArray().getGradient();
                                g.attach(step);
                                p.getArray().subi(g.muli(0.001f)); // in place, as the trainer's Sgd: no allocation
                                Gradients.zero(p.getArray());
                                updated = p.getArray();
                            }
                        }
                        updated.getFloat(0); // a GPU runs kernels asynchronously: reading waits for the step's last
                    }
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("djl train_step_ms size=%d %.1f%n", size, median(ms, warmup));
            }
            double[] perSecond = new double[warmup + measured];
            for (int i = 0; i < perSecond.length; i++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(32, 3, 224, 224)); // (32, 3, 224, 224)
                    long start = System.nanoTime();
                    model.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                    perSecond[i] = 32 / ((System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("djl infer_images_per_s size=224 %.1f%n", median(perSecond, warmup));
        }
    }

    private static double median(double[] values, int skip) {
        double[] kept = Arrays.copyOfRange(values, skip, values.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}
