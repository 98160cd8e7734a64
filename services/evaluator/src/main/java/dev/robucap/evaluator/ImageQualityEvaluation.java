package dev.robucap.evaluator;

import dev.robucap.common.Json;
import dev.robucap.common.data.ImageSet;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.quality.ImageQuality;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The paper's table 1: PSNR and SSIM of every compressed image against its original, mean ± std per quality.
 *
 * <p>Task: {@code params = {"ladder": [80, 61, …]}}, {@code inputs = {"originals": "<prefix>", "q80": "<prefix of
 * the set compressed at 80>", …}} — the compressed sets are the augmenter's single-compression outputs, made once
 * and shared with every other evaluation. Outputs: {@code table1.json}, {@code table1.csv}, {@code per_image.csv}.
 * Standard deviations are population ones (ddof = 0, numpy's default).
 */
public final class ImageQualityEvaluation implements Evaluation {

    public static final String KIND = "image-quality";

    private final int threads;
    private final DecodeLimits limits;

    public ImageQualityEvaluation(int threads, DecodeLimits limits) {
        this.threads = threads;
        this.limits = limits;
    }


    @Override
    public void validate(TaskRequest task) {
        Ladder.of(task);
        if (!task.inputs().containsKey("originals")) {
            throw new InvalidTaskException("inputs.originals", "the prefix of the original images is required");
        }
    }

    private record Row(String image, int quality, double psnr, double ssim, double ssimY) {
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        List<Integer> ladder = Ladder.of(task);
        var store = context.store();
        ImageSet originals = ImageSet.open(store, task.inputs().get("originals"), task.inputs().get("selection"));
        Map<Integer, Map<String, String>> compressed = new HashMap<>();
        for (int q : ladder) {
            compressed.put(q, Ladder.copies(store, task, q));
        }

        var rows = new ConcurrentLinkedQueue<Row>();
        var missing = new ConcurrentLinkedQueue<Manifest.Failure>();
        List<Manifest.Failure> refused = originals.forEachParallel(threads,
                (done, total) -> context.progress((double) done / total, done + "/" + total + " images"),
                member -> {
                    RgbImage original = Jpeg.decode(store.getBytes(member.key()), limits);
                    for (int q : ladder) {
                        String key = compressed.get(q).get(member.key());
                        if (key == null) {
                            missing.add(new Manifest.Failure(member.key(), "no compressed copy at quality " + q));
                            continue;
                        }
                        var c = ImageQuality.compare(original, Jpeg.decode(store.getBytes(key), limits));
                        rows.add(new Row(member.relative(), q, c.psnr(), c.ssim(), c.ssimY()));
                    }
                });

        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.quality() != b.quality() ? b.quality() - a.quality() : a.image().compareTo(b.image()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        var table = Json.MAPPER.createObjectNode();
        table.putPOJO("ladder", ladder);
        table.put("images", originals.size());
        table.put("std", "population (ddof=0)");
        var tableRows = table.putArray("rows");
        var csv = new StringBuilder("quality,images,psnr_mean_db,psnr_std_db,ssim_mean,ssim_std,ssim_y_mean,ssim_y_std\n");
        for (int q : ladder) {
            List<Row> at = sorted.stream().filter(r -> r.quality() == q).toList();
            Stats psnr = Stats.of(at.stream().mapToDouble(Row::psnr).toArray());
            Stats ssim = Stats.of(at.stream().mapToDouble(Row::ssim).toArray());
            Stats ssimY = Stats.of(at.stream().mapToDouble(Row::ssimY).toArray());
            tableRows.addObject().put("quality", q).put("images", at.size())
                    .put("psnr_mean_db", psnr.mean()).put("psnr_std_db", psnr.std())
                    .put("ssim_mean", ssim.mean()).put("ssim_std", ssim.std())
                    .put("ssim_y_mean", ssimY.mean()).put("ssim_y_std", ssimY.std());
            csv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", q, at.size(),
                    psnr.mean(), psnr.std(), ssim.mean(), ssim.std(), ssimY.mean(), ssimY.std()));
            metrics.put("psnr_mean_q" + q, psnr.mean());
            metrics.put("ssim_mean_q" + q, ssim.mean());
        }
        var perImage = new StringBuilder("image,quality,psnr_db,ssim,ssim_y\n");
        sorted.forEach(r -> perImage.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f%n",
                r.image(), r.quality(), r.psnr(), r.ssim(), r.ssimY())));

        String prefix = context.outputPrefix();
        List<Manifest.Entry> entries = List.of(
                Outputs.put(store, prefix, "table1.json", Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(table), "application/json"),
                Outputs.put(store, prefix, "table1.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv"),
                Outputs.put(store, prefix, "per_image.csv", perImage.toString().getBytes(StandardCharsets.UTF_8),
                        "text/csv"));
        List<Manifest.Failure> failures = new ArrayList<>(refused);
        failures.addAll(missing);
        failures.sort(Comparator.comparing(Manifest.Failure::source));
        return new Manifest(Manifest.SCHEMA, task.stage(), context.contentKey(), task.taskId(), Instant.now(), task.params(),
                task.inputs(), entries, failures, metrics);
    }

    /** Mean and population standard deviation. */
    record Stats(double mean, double std) {
        static Stats of(double[] values) {
            if (values.length == 0) {
                return new Stats(Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(values).average().orElseThrow();
            double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
            return new Stats(mean, Math.sqrt(var));
        }
    }
}
