package dev.robucap.augmenter;

import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.S3Config;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.load.TriggerBurst;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make load-test} (issue #7): the packaged augmenter and evaluator, each its own process with a small heap,
 * on an in-process devstack. (1) 50 REST triggers at once on each: answers by status, every accepted task's end.
 * (2) A synthetic data set of {@code -Dload.images} (100,000) 16×16 JPEGs, uploaded in parallel, augmented by one
 * task: images/s per 10k chunk from the task's progress events, peak heap (the service's own metrics) and peak
 * RSS, and the output manifest's entries. Prints the figures; exits 1 if a check fails. Not a test: a main under
 * the test sources, so that neither surefire nor failsafe ({@code make test}) ever runs the 100k case.
 */
public final class LoadHarness {

    private static final Pattern PROGRESS = Pattern.compile("\"message\"\\s*:\\s*\"(\\d+)/(\\d+) images\"");
    private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z]+)\"");

    private static final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("load.root", "."));
        int images = Integer.getInteger("load.images", 100_000);
        String heap = System.getProperty("load.xmx", "256m");
        Path data = Files.createTempDirectory("robucap-load");
        System.out.printf("load test: %d images, services at -Xmx%s, %d CPUs (shared with whatever else runs here)%n",
                images, heap, Runtime.getRuntime().availableProcessors());
        try (Devstack devstack = Devstack.builder().dataDir(data).start();
             ArtifactStore store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                     devstack.s3SecretKey(), devstack.bucket()))) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            try (Service augmenter = Service.start(root.resolve("services/augmenter/target/quarkus-app/quarkus-run.jar"),
                    heap, devstack, data.resolve("augmenter.log"))) {
                burstAugmenter(augmenter, store, run);
                bigDataset(augmenter, store, run, images);
            }
            try (Service evaluator = Service.start(root.resolve("services/evaluator/target/quarkus-app/quarkus-run.jar"),
                    heap, devstack, data.resolve("evaluator.log"))) {
                burstEvaluator(evaluator, store, run);
            }
        }
        if (failures.isEmpty()) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.out.println("load test: all checks passed");
        } else {
            System.out.println("load test: FAILED: " + String.join("; ", failures) + " (logs and data in " + data + ")");
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
            System.out.println("  FAILED: " + what);
        }
    }

    private static RgbImage tiny(int seed) {
        byte[] rgb = new byte[16 * 16 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7 + seed * 31 + (seed >> 8) * (i % 5));
        }
        return new RgbImage(16, 16, rgb);
    }

    private static void burstAugmenter(Service service, ArtifactStore store, String run) throws Exception {
        String dataset = "datasets/burst-" + run;
        store.put(dataset + "/a.jpg", Jpeg.encode(tiny(1), 90), "image/jpeg");
        store.put(dataset + "/b.jpg", Jpeg.encode(tiny(2), 90), "image/jpeg");
        burst("augmenter", service, i -> "{\"params\": {\"quality\": " + (i + 1) + ", \"resave\": 75},"
                + " \"inputs\": {\"images\": \"" + dataset + "\"}}");
    }

    private static void burstEvaluator(Service service, ArtifactStore store, String run) throws Exception {
        String originals = "datasets/burst-eval-" + run;
        String compressed = "augmented/burst-eval-" + run;
        var entries = new ArrayList<Manifest.Entry>();
        for (int i = 0; i < 2; i++) {
            store.put(originals + "/" + i + ".jpg", Jpeg.encode(tiny(i), 95), "image/jpeg");
            byte[] copy = Jpeg.encode(tiny(i), 30);
            store.put(compressed + "/" + i + ".jpg", copy, "image/jpeg");
            entries.add(new Manifest.Entry(i + ".jpg", copy.length, originals + "/" + i + ".jpg"));
        }
        store.publish(compressed, new Manifest(Manifest.SCHEMA, "augmenter", "burst", "burst", Instant.now(), null,
                Map.of(), entries, List.of(), Map.of()));
        burst("evaluator", service, i -> "{\"params\": {\"kind\": \"image-quality\", \"ladder\": [" + (i + 1) + "]},"
                + " \"inputs\": {\"originals\": \"" + originals + "\", \"q" + (i + 1) + "\": \"" + compressed + "\"}}");
    }

    private static void burst(String name, Service service, java.util.function.IntFunction<String> body)
            throws Exception {
        var burst = new TriggerBurst(service.base, null);
        long t0 = System.nanoTime();
        var answers = burst.fire(50, body);
        double answerSeconds = (System.nanoTime() - t0) / 1e9;
        var byStatus = TriggerBurst.byStatus(answers);
        List<String> accepted = answers.stream().filter(a -> a.status() == 202).map(TriggerBurst.Answer::taskId)
                .toList();
        long refusedWithRetry = answers.stream().filter(a -> a.status() == 429 && a.retryAfter() != null).count();
        var ends = burst.awaitEnds(accepted, Duration.ofMinutes(5));
        double allSeconds = (System.nanoTime() - t0) / 1e9;
        long succeeded = ends.values().stream().filter(e -> e != null && e.type().equals("SUCCEEDED")).count();
        long failed = ends.values().stream().filter(e -> e != null && e.type().equals("FAILED")).count();
        System.out.printf("%s, 50 concurrent POST /v1/tasks: answers by status %s in %.1f s; accepted %d, refused"
                        + " %d (429 with Retry-After: %d); accepted tasks ended: %d succeeded, %d failed, %d not"
                        + " ended, all in %.1f s; peak RSS %d MiB%n", name, byStatus, answerSeconds, accepted.size(),
                byStatus.getOrDefault(429, 0), refusedWithRetry, succeeded, failed,
                ends.size() - succeeded - failed, allSeconds, service.peakRssKib() >> 10);
        check(byStatus.keySet().stream().allMatch(s -> s == 202 || s == 429), name + ": answers " + byStatus);
        check(refusedWithRetry == byStatus.getOrDefault(429, 0), name + ": a 429 without Retry-After");
        check(succeeded == accepted.size(), name + ": accepted tasks not all succeeded: " + ends);
    }

    private static void bigDataset(Service service, ArtifactStore store, String run, int images) throws Exception {
        String dataset = "datasets/load-" + run;
        long t0 = System.nanoTime();
        ExecutorService uploaders = Executors.newFixedThreadPool(16);
        AtomicInteger uploaded = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        for (int i = 0; i < images; i++) {
            int n = i;
            uploaders.execute(() -> {
                byte[] jpeg = Jpeg.encode(tiny(n), 90);
                store.put(String.format("%s/%03d/img%06d.jpg", dataset, n / 1000, n), jpeg, "image/jpeg");
                bytes.addAndGet(jpeg.length);
                if (uploaded.incrementAndGet() % 10_000 == 0) {
                    System.out.printf("  … %d uploaded after %.0f s%n", uploaded.get(), (System.nanoTime() - t0) / 1e9);
                }
            });
        }
        uploaders.shutdown();
        uploaders.awaitTermination(1, TimeUnit.HOURS);
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("data set: %d 16x16 JPEGs (%d KiB) uploaded in %.0f s (%.0f/s, 16 parallel PUTs)%n",
                uploaded.get(), bytes.get() >> 10, uploadSeconds, uploaded.get() / uploadSeconds);

        var burst = new TriggerBurst(service.base, null);
        var answer = burst.fire(1, i -> "{\"params\": {\"quality\": 50, \"resave\": 75}, \"inputs\": {\"images\": \""
                + dataset + "\"}}").get(0);
        check(answer.status() == 202, "100k task not accepted: " + answer);
        if (answer.status() != 202) {
            return;
        }
        var peakHeap = new AtomicLong();
        var sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                long heap = (long) TriggerBurst.metric(burst.get("q/metrics").lines()
                        .filter(l -> l.startsWith("jvm_memory_used_bytes") && l.contains("area=\"heap\""))
                        .reduce("", (a, b) -> a + b.replaceFirst("\\{.*}", "") + "\n"), "jvm_memory_used_bytes");
                peakHeap.accumulateAndGet(heap, Math::max);
            } catch (Exception ignored) {
                // the next sample
            }
        }, 0, 1, TimeUnit.SECONDS);

        // the task's events as server-sent events: the stage's own times of "done/total images"
        List<long[]> progress = new ArrayList<>(); // {done, epochMillis}
        String end = null;
        long t1 = System.nanoTime();
        long nextReport = 10_000;
        var http = HttpClient.newHttpClient();
        var events = http.send(HttpRequest.newBuilder(service.base.resolve("v1/tasks/" + answer.taskId() + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new BufferedReader(new InputStreamReader(events.body()))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                Matcher type = TYPE.matcher(line);
                Matcher time = TIME.matcher(line);
                Matcher done = PROGRESS.matcher(line);
                if (done.find() && time.find()) {
                    progress.add(new long[] {Long.parseLong(done.group(1)), Instant.parse(time.group(1)).toEpochMilli()});
                    if (progress.get(progress.size() - 1)[0] >= nextReport) {
                        System.out.printf("  … %d images done after %.0f s%n", progress.get(progress.size() - 1)[0],
                                (System.nanoTime() - t1) / 1e9);
                        nextReport += 10_000;
                    }
                }
                if (type.find() && (type.group(1).equals("SUCCEEDED") || type.group(1).equals("FAILED"))) {
                    end = line;
                    break;
                }
            }
        }
        double taskSeconds = (System.nanoTime() - t1) / 1e9;
        sampler.shutdownNow();
        System.out.printf("augment %d images (one task, quality 50 then 75): %.0f s, %.0f images/s overall%n", images,
                taskSeconds, images / taskSeconds);
        printChunks(progress, images);
        System.out.printf("augmenter at -Xmx%s: peak heap used %d MiB (1 s samples of its /q/metrics), peak RSS %d MiB%n",
                service.heap, peakHeap.get() >> 20, service.peakRssKib() >> 10);
        check(end != null && end.contains("\"SUCCEEDED\""), "100k task did not succeed: " + end);
        Matcher output = Pattern.compile("\"output\"\\s*:\\s*\"([^\"]+)\"").matcher(end == null ? "" : end);
        if (output.find()) {
            int entries = store.manifest(output.group(1)).orElseThrow().entries().size();
            System.out.printf("output manifest: %d entries of %d images%n", entries, images);
            check(entries == images, "manifest has " + entries + " entries, not " + images);
        }
    }

    /** Images/s over each 10k images (or tenth of the set), interpolated between progress events. */
    private static void printChunks(List<long[]> progress, int images) {
        if (progress.size() < 2) {
            System.out.println("images/s per chunk: too few progress events");
            return;
        }
        int chunk = Math.max(1, Math.min(10_000, images / 10));
        StringBuilder line = new StringBuilder("images/s per " + chunk + "-image chunk:");
        double previous = atDone(progress, 0);
        List<Double> rates = new ArrayList<>();
        for (int boundary = chunk; boundary <= images; boundary += chunk) {
            double t = atDone(progress, boundary);
            double rate = chunk / ((t - previous) / 1000.0);
            rates.add(rate);
            line.append(String.format(" %.0f", rate));
            previous = t;
        }
        double min = rates.stream().mapToDouble(d -> d).min().orElse(0);
        double max = rates.stream().mapToDouble(d -> d).max().orElse(0);
        System.out.println(line + String.format(" (min/max %.2f)", max == 0 ? 0 : min / max));
    }

    /** The time (epoch ms) at which {@code done} images were done, linearly between the events around it. */
    private static double atDone(List<long[]> progress, long done) {
        long[] before = progress.get(0);
        if (done <= before[0]) {
            return before[1];
        }
        for (long[] p : progress) {
            if (p[0] >= done) {
                return before[1] + (double) (p[1] - before[1]) * (done - before[0]) / Math.max(1, p[0] - before[0]);
            }
            before = p;
        }
        return before[1];
    }

    /** A packaged stage service in its own JVM, REST only (no Kafka task consumers). */
    private static final class Service implements AutoCloseable {
        final Process process;
        final URI base;
        final String heap;

        private Service(Process process, URI base, String heap) {
            this.process = process;
            this.base = base;
            this.heap = heap;
        }

        static Service start(Path jar, String heap, Devstack devstack, Path log) throws Exception {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package the services first");
            }
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(devstack.environment());
            builder.environment().putAll(Map.of("PORT", String.valueOf(port), "ROBUCAP_TASKS_CONSUME", "false"));
            var service = new Service(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), heap);
            var http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline) && service.process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(service.base.resolve("q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return service;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
            service.close();
            throw new IllegalStateException(jar + " did not get ready within 120 s; see " + log);
        }

        /** VmHWM: the process's peak resident set so far, in KiB. */
        long peakRssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux
            }
            return -1;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
