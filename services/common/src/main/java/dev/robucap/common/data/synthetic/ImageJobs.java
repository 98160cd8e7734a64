package dev.robucap.common.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Draws, encodes and writes images on a pool of threads. Each image depends only on its index, and results come
 * back in job order, so the output is the same whatever the thread count.
 */
final class ImageJobs {

    /** Image {@code index} of the generator goes to {@code file}. */
    record Job(long index, Path file) {
    }

    record Written(Scene scene, long bytes) {
    }

    private ImageJobs() {
    }

    static List<Written> run(SceneGenerator generator, ImageEncoder encoder, List<Job> jobs, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<Written>>(jobs.size());
            for (var job : jobs) {
                futures.add(pool.submit(() -> write(generator, encoder, job)));
            }
            var written = new ArrayList<Written>(jobs.size());
            for (var future : futures) {
                written.add(future.get());
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("image generation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Written write(SceneGenerator generator, ImageEncoder encoder, Job job) {
        var image = generator.generate(job.index());
        byte[] bytes = encoder.encode(image.image());
        try {
            Files.write(job.file(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(image.scene(), bytes.length);
    }
}
