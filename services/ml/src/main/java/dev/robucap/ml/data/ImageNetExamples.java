package dev.robucap.ml.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.ml.train.ExampleSource;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Labelled ImageNet-format images read from the store and transformed as torchvision's recipe does: training
 * examples with RandomResizedCrop + flip (the crop drawn from a generator seeded by (seed, epoch, index), so that
 * a resumed run sees the same crops), evaluation examples with Resize + CenterCrop. Each batch is decoded on
 * {@code threads} threads, the next one while the current step computes (see {@link #prefetch}). A corrupt image is
 * left out of its batch with a warning and counted; a batch of corrupt images only is an error.
 */
public final class ImageNetExamples implements ExampleSource, AutoCloseable {

    private final List<Example> examples;
    private final ImageNetTransforms transforms;
    private final boolean training;
    private final long seed;
    private final ParallelImageDecoder decoder;

    public ImageNetExamples(Function<String, byte[]> reader, List<Example> examples, ImageNetTransforms transforms,
                            boolean training, long seed, int threads, DecodeLimits limits) {
        this.examples = List.copyOf(examples);
        this.transforms = transforms;
        this.training = training;
        this.seed = seed;
        this.decoder = new ParallelImageDecoder(reader, index -> this.examples.get(index).key(), this::tensor,
                threads, limits, "imagenet-decoder");
    }

    @Override
    public int size() {
        return examples.size();
    }

    /** Distinct images that could not be decoded so far. */
    public int corruptImages() {
        return decoder.corruptImages();
    }

    @Override
    public void prefetch(int epoch, int[] indices) {
        decoder.prefetch(epoch, indices);
    }

    @Override
    public NDList batch(NDManager manager, int epoch, int[] indices) {
        ParallelImageDecoder.Decoded decoded = decoder.decode(epoch, indices);
        if (decoded.indices().length == 0) {
            throw new IllegalStateException("every image of a batch is corrupt, e.g. "
                    + examples.get(indices[0]).key());
        }
        int side = transforms.cropSize();
        int[] labels = Arrays.stream(decoded.indices()).map(i -> examples.get(i).label()).toArray();
        return new NDList(decoded.stack(manager, new Shape(3, side, side)), // (n, 3, side, side)
                manager.create(labels)); // (n)
    }

    private float[] tensor(RgbImage image, int epoch, int index) {
        return training ? transforms.train(image, random(epoch, index)) : transforms.eval(image);
    }

    /** The generator of one example's random crop and flip in one epoch. */
    private SplittableRandom random(int epoch, int index) {
        return new SplittableRandom(mix(mix(mix(seed) + epoch) + index));
    }

    /** A 64-bit finaliser (MurmurHash3's): nearby inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public void close() {
        decoder.close();
    }
}
