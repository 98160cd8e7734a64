package dev.robucap.ml.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.ml.data.ImageNetExamples;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.train.EncoderHyperParams;
import dev.robucap.ml.train.EncoderTrainer;
import dev.robucap.ml.train.InMemoryCheckpointStore;
import dev.robucap.ml.train.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One training epoch end to end, as {@code bench/pytorch_epoch.py} runs it with a DataLoader: JPEG files of an
 * ImageNet-format folder decoded, RandomResizedCrop + flip + normalise, ResNet-18, SGD, batch 32. Arguments: the data
 * set folder, crop size, decode threads. Prints {@code epoch_seconds}. Unlike the script it also checkpoints (the
 * parameters and momentum buffers after the epoch, the best-dev weights), as the encoder trainer always does.
 */
public final class EpochBench {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int crop = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        var data = ImageNetDataset.read(KeySource.folder(root));
        var transforms = ImageNetTransforms.imageNet(crop * 8 / 7, crop);
        var hyper = EncoderHyperParams.defaults().withEpochs(1).withBatchSize(32);
        // The engine's native libraries load before the clock starts, as torch is imported before the script's.
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.ones(new Shape(1)).sum().getFloat();
        }
        long start = System.nanoTime();
        try (var train = new ImageNetExamples(EpochBench::read, data.train(), transforms, true, 0, threads,
                DecodeLimits.DEFAULT);
             var dev = new ImageNetExamples(EpochBench::read, data.devTest().dev(), transforms, false, 0, threads,
                     DecodeLimits.DEFAULT)) {
            new EncoderTrainer(hyper, new ResNet18(data.classes().size()), new InMemoryCheckpointStore(),
                    new ProgressListener() { }).train(train, dev);
        }
        System.out.printf("djl epoch_seconds %.2f images %d%n", (System.nanoTime() - start) / 1e9, data.train().size());
    }

    private static byte[] read(String key) {
        try {
            return Files.readAllBytes(Path.of(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
