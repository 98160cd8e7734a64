package dev.robucap.ml.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, decodes and transforms the images of a batch on {@code threads} threads, and the next batch while the
 * current step computes (see {@link #prefetch}): what every store-backed example source shares. An image that cannot
 * be decoded is left out of its batch, warned about once and counted: it never stops an epoch.
 */
final class ParallelImageDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelImageDecoder.class);

    /** Example {@code index}'s tensor (3, h, w) in row-major order; random augmentation is a function of its arguments. */
    interface Transform {
        float[] tensor(RgbImage image, int epoch, int index);
    }

    /** The images of a batch that decoded, in the batch's order, and the example indices they are of. */
    record Decoded(List<float[]> images, int[] indices) {

        /** The images as one (n, 3, h, w) array, each image being {@code imageShape} (3, h, w). */
        NDArray stack(NDManager manager, Shape imageShape) {
            int size = (int) imageShape.size();
            float[] pixels = new float[images.size() * size];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, pixels, i * size, size);
            }
            return manager.create(pixels, new Shape(images.size()).addAll(imageShape)); // (n, 3, h, w)
        }
    }

    private record Prefetched(int epoch, int[] indices, List<Future<float[]>> tensors) {
        boolean serves(int otherEpoch, int[] otherIndices) {
            return epoch == otherEpoch && Arrays.equals(indices, otherIndices);
        }
    }

    private final Function<String, byte[]> reader;
    private final IntFunction<String> keys;
    private final Transform transform;
    private final DecodeLimits limits;
    private final ExecutorService pool;
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    /** The next batch, decoding while the current step computes. */
    private Prefetched prefetched;

    /** {@code keys} gives example {@code index}'s image key, which {@code reader} reads. */
    ParallelImageDecoder(Function<String, byte[]> reader, IntFunction<String> keys, Transform transform,
                         int threads, DecodeLimits limits, String threadName) {
        this.reader = reader;
        this.keys = keys;
        this.transform = transform;
        this.limits = limits;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts decoding {@code indices} of {@code epoch}, which {@link #decode} will then take. */
    synchronized void prefetch(int epoch, int[] indices) {
        prefetched = new Prefetched(epoch, indices.clone(), submit(epoch, indices));
    }

    /** The batch {@code indices} of {@code epoch}: prefetched if it was, decoded now otherwise. */
    Decoded decode(int epoch, int[] indices) {
        List<Future<float[]>> pending;
        synchronized (this) {
            pending = prefetched != null && prefetched.serves(epoch, indices) ? prefetched.tensors()
                    : submit(epoch, indices);
            prefetched = null;
        }
        List<float[]> images = new ArrayList<>(indices.length);
        int[] decoded = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            float[] image = await(pending.get(i));
            if (image != null) {
                decoded[images.size()] = indices[i];
                images.add(image);
            }
        }
        return new Decoded(images, Arrays.copyOf(decoded, images.size()));
    }

    /** Distinct images that could not be decoded so far. */
    int corruptImages() {
        return corrupt.size();
    }

    /** Their keys, sorted. */
    List<String> corruptKeys() {
        return corrupt.stream().sorted().toList();
    }

    private List<Future<float[]>> submit(int epoch, int[] indices) {
        List<Future<float[]>> tensors = new ArrayList<>(indices.length);
        for (int index : indices) {
            tensors.add(pool.submit(() -> tensor(epoch, index)));
        }
        return tensors;
    }

    private float[] tensor(int epoch, int index) {
        String key = keys.apply(index);
        try {
            return transform.tensor(Jpeg.decode(reader.apply(key), limits), epoch, index);
        } catch (ImageDecodeException e) {
            if (corrupt.add(key)) {
                LOG.warn("skipping corrupt image {}: {}", key, e.getMessage());
            }
            return null;
        }
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
