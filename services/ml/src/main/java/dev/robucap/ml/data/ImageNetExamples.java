package dev.robucap.ml.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.ml.train.ExampleSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled ImageNet-format images read from the store and transformed as torchvision's recipe does: training
 * examples with RandomResizedCrop + flip (the crop drawn from a generator seeded by (seed, epoch, index), so that
 * a resumed run sees the same crops), evaluation examples with Resize + CenterCrop. Each batch is decoded on
 * {@code threads} threads, the next one while the current step computes (see {@link #prefetch}). A corrupt image is left out of its batch with a warning and counted: it never stops
 * an epoch.
 */
public final class ImageNetExamples implements ExampleSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageNetExamples.class);

    private final Function<String, byte[]> reader;
    private final List<Example> examples;
    private final ImageNetTransforms transforms;
    private final boolean training;
    private final long seed;
    private final DecodeLimits limits;
    private final ExecutorService pool;
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    /** The next batch, decoding while the current step computes. */
    private Prefetched prefetched;

    private record Prefetched(int epoch, int[] indices, List<Future<float[]>> tensors) {
        boolean serves(int otherEpoch, int[] otherIndices) {
            return epoch == otherEpoch && Arrays.equals(indices, otherIndices);
        }
    }

    public ImageNetExamples(Function<String, byte[]> reader, List<Example> examples, ImageNetTransforms transforms,
                            boolean training, long seed, int threads, DecodeLimits limits) {
        this.reader = reader;
        this.examples = List.copyOf(examples);
        this.transforms = transforms;
        this.training = training;
        this.seed = seed;
        this.limits = limits;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "imagenet-decoder");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public int size() {
        return examples.size();
    }

    /** Distinct images that could not be decoded so far. */
    public int corruptImages() {
        return corrupt.size();
    }

    @Override
    public synchronized void prefetch(int epoch, int[] indices) {
        prefetched = new Prefetched(epoch, indices.clone(), submit(epoch, indices));
    }

    private List<Future<float[]>> submit(int epoch, int[] indices) {
        List<Future<float[]>> tensors = new ArrayList<>(indices.length);
        for (int index : indices) {
            tensors.add(pool.submit(() -> tensor(epoch, index)));
        }
        return tensors;
    }

    @Override
    public NDList batch(NDManager manager, int epoch, int[] indices) {
        List<Future<float[]>> pending;
        synchronized (this) {
            pending = prefetched != null && prefetched.serves(epoch, indices) ? prefetched.tensors()
                    : submit(epoch, indices);
            prefetched = null;
        }
        int side = transforms.cropSize();
        int size = 3 * side * side;
        List<float[]> images = new ArrayList<>(indices.length);
        List<Integer> labels = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            float[] image = await(pending.get(i));
            if (image != null) {
                images.add(image);
                labels.add(examples.get(indices[i]).label());
            }
        }
        if (images.isEmpty()) {
            throw new IllegalStateException("every image of a batch is corrupt, e.g. "
                    + examples.get(indices[0]).key());
        }
        float[] pixels = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * size, size);
        }
        return new NDList(manager.create(pixels, new Shape(images.size(), 3, side, side)), // (n, 3, side, side)
                manager.create(labels.stream().mapToInt(Integer::intValue).toArray())); // (n)
    }

    private float[] tensor(int epoch, int index) {
        Example example = examples.get(index);
        try {
            RgbImage image = Jpeg.decode(reader.apply(example.key()), limits);
            return training ? transforms.train(image, random(epoch, index)) : transforms.eval(image);
        } catch (ImageDecodeException e) {
            if (corrupt.add(example.key())) {
                LOG.warn("skipping corrupt image {}: {}", example.key(), e.getMessage());
            }
            return null;
        }
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

    private static float[] await(Future<float[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding a batch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
