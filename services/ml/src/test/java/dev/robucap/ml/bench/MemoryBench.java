package dev.robucap.ml.bench;

import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.EncoderHyperParams;
import dev.robucap.ml.train.EncoderTrainer;
import dev.robucap.ml.train.InMemoryCheckpointStore;
import dev.robucap.ml.train.InMemoryExamples;
import dev.robucap.ml.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Resident memory after 50 and after 500 training steps (a narrow ResNet-18, batch 4, 32×32): leaked NDArrays would
 * show as growth. Prints both and fails (exit 1) if the second exceeds the first by more than 10 %. Run it with a
 * fixed, pre-touched heap ({@code -Xms512m -Xmx512m -XX:+AlwaysPreTouch}) so that the JVM growing its heap does not
 * count as native growth.
 */
public final class MemoryBench {

    public static void main(String[] args) throws Exception {
        int steps = 500;
        Random random = new Random(1);
        float[][] images = new float[steps * 4][3 * 32 * 32];
        int[] labels = new int[images.length];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < images[i].length; j++) {
                images[i][j] = (float) random.nextGaussian();
            }
            labels[i] = random.nextInt(10);
        }
        InMemoryExamples train = new InMemoryExamples(images, labels, 32, 32);
        long[] rss = new long[2];
        ProgressListener listener = new ProgressListener() {
            @Override
            public void step(Step progress) {
                if (progress.step() == 50 || progress.step() == steps) {
                    System.gc();
                    rss[progress.step() == 50 ? 0 : 1] = residentKiB();
                }
            }
        };
        EncoderHyperParams hyper = EncoderHyperParams.defaults().withBatchSize(4).withEpochs(1);
        new EncoderTrainer(hyper, new ResNet18(10, 16), new InMemoryCheckpointStore(), listener)
                .train(train, new InMemoryExamples(new float[][] {images[0]}, new int[] {0}, 32, 32));
        double growth = (double) rss[1] / rss[0] - 1;
        System.out.printf("resident memory after 50 steps %d KiB, after %d steps %d KiB: %+.1f %%%n", rss[0], steps,
                rss[1], 100 * growth);
        System.exit(growth <= 0.10 ? 0 : 1);
    }

    /** VmRSS of this process, KiB. */
    static long residentKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
