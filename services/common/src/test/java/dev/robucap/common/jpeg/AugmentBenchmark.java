package dev.robucap.common.jpeg;

import dev.robucap.common.image.RgbImage;
import dev.robucap.common.quality.ImageQuality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Augmentation throughput on the JPEG files in a directory (bench/pillow_bench.py writes them, so Java and Pillow
 * read the same files): single = decode, encode q=22; double = decode, encode q=22, decode, encode 75. Prints
 * "implementation mode threads images_per_second" lines (java, and native where the library loaded; the rest of
 * each line as pillow_bench.py prints it), then the time of one 512x512 SSIM. Not a test.
 */
public final class AugmentBenchmark {

    private static final int QUALITY = 22;
    private static final int RESAVE = 75;
    private static final int PASSES = 5;
    private static final int WARMUP_PASSES = 6;

    private AugmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> files = readJpegs(Path.of(args[0]));
        List<Jpeg.Implementation> implementations = NativeJpeg.isAvailable()
                ? List.of(Jpeg.Implementation.JAVA, Jpeg.Implementation.NATIVE) : List.of(Jpeg.Implementation.JAVA);
        if (!NativeJpeg.isAvailable()) {
            System.err.println("native JPEG path not measured: " + NativeJpeg.unavailableReason());
        }
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (Jpeg.Implementation implementation : implementations) {
                for (String mode : new String[] {"single", "double"}) {
                    boolean twice = mode.equals("double");
                    for (int i = 0; i < WARMUP_PASSES; i++) {
                        run(files, twice, implementation, threads, 1, pool);
                    }
                    double seconds = run(files, twice, implementation, threads, PASSES, pool);
                    System.out.printf("%s %s %d %.1f%n", implementation.name().toLowerCase(Locale.ROOT), mode,
                            threads, files.size() * PASSES / seconds);
                }
            }
            pool.shutdown();
        }
        System.out.printf("ssim512 1 %.1f ms%n", ssimMillis());
    }

    private static List<byte[]> readJpegs(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            List<byte[]> files = new ArrayList<>();
            for (Path p : paths.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                files.add(Files.readAllBytes(p));
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .jpg files in " + directory);
            }
            return files;
        }
    }

    /** Seconds to augment every file {@code passes} times, the work split over {@code threads} threads. */
    private static double run(List<byte[]> files, boolean twice, Jpeg.Implementation implementation, int threads,
                              int passes, ExecutorService pool) throws Exception {
        long start = System.nanoTime();
        List<Future<Integer>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                int bytes = 0;
                for (int i = first; i < files.size() * passes; i += threads) {
                    bytes += augment(files.get(i % files.size()), twice, implementation).length;
                }
                return bytes;
            }));
        }
        for (Future<Integer> part : parts) {
            part.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static byte[] augment(byte[] jpeg, boolean twice, Jpeg.Implementation implementation) {
        RgbImage image = Jpeg.decode(jpeg, DecodeLimits.DEFAULT, implementation);
        byte[] once = Jpeg.encode(image, QUALITY, implementation);
        return twice ? Jpeg.encode(Jpeg.decode(once, DecodeLimits.DEFAULT, implementation), RESAVE, implementation)
                : once;
    }

    private static double ssimMillis() {
        byte[] a = new byte[512 * 512 * 3];
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 31 % 251);
            b[i] = (byte) (a[i] + (i % 7) - 3);
        }
        RgbImage x = new RgbImage(512, 512, a);
        RgbImage y = new RgbImage(512, 512, b);
        for (int i = 0; i < 5; i++) {
            ImageQuality.ssim(x, y);
        }
        long start = System.nanoTime();
        int runs = 10;
        for (int i = 0; i < runs; i++) {
            ImageQuality.ssim(x, y);
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }
}
