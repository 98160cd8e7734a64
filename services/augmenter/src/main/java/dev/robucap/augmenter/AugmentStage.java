package dev.robucap.augmenter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.data.ImageSet;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes the JPEG-compressed copy of every image of a data set: single compression at {@code quality}, or the
 * paper's double compression when {@code resave} is given (quality q, decode, then {@code resave}, 75 in the paper).
 *
 * <p>Task: {@code params = {"quality": 22, "resave": 75}}, {@code inputs = {"images": "<prefix>"}}. Output: the same
 * relative keys under the output prefix (a non-JPEG name gets {@code .jpg} appended). An image that cannot be decoded
 * is listed in the manifest's errors, with the reason, and the task still completes.
 */
public final class AugmentStage implements Stage {

    public static final String NAME = "augmenter";

    private final int threads;
    private final DecodeLimits limits;

    public AugmentStage(int threads, DecodeLimits limits) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(TaskRequest task) {
        quality(task.param("quality"), "quality");
        if (!task.param("resave").isMissingNode() && !task.param("resave").isNull()) {
            quality(task.param("resave"), "resave");
        }
        String images = task.inputs().get("images");
        if (images == null || images.isBlank()) {
            throw new InvalidTaskException("inputs.images", "the S3 prefix of the images to compress is required");
        }
    }

    private static int quality(JsonNode node, String field) {
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > 100) {
            throw new InvalidTaskException("params." + field, "an integer JPEG quality in 1..100 is required, got "
                    + (node.isMissingNode() ? "nothing" : node.toString()));
        }
        return node.asInt();
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        int quality = task.param("quality").asInt();
        Integer resave = task.param("resave").isInt() ? task.param("resave").asInt() : null;
        ImageSet input = ImageSet.open(context.store(), task.inputs().get("images"), task.inputs().get("selection"));
        var entries = new ConcurrentLinkedQueue<Manifest.Entry>();
        List<Manifest.Failure> refused = input.forEachParallel(threads,
                (done, total) -> context.progress((double) done / total, done + "/" + total + " images"),
                member -> {
                    var image = Jpeg.decode(context.store().getBytes(member.key()), limits);
                    byte[] out = resave == null ? Jpeg.compress(image, quality)
                            : Jpeg.doubleCompress(image, quality, resave);
                    String key = outputName(member.relative());
                    context.store().put(context.outputPrefix() + "/" + key, out, "image/jpeg");
                    entries.add(new Manifest.Entry(key, out.length, member.key()));
                });
        List<Manifest.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Manifest.Entry::key));
        long bytes = sorted.stream().mapToLong(Manifest.Entry::size).sum();
        return new Manifest(Manifest.SCHEMA, NAME, context.contentKey(), task.taskId(), Instant.now(), task.params(),
                task.inputs(), sorted, refused, Map.of(
                        "images", (double) sorted.size(),
                        "refused", (double) refused.size(),
                        "bytes", (double) bytes));
    }

    static String outputName(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? relative : relative + ".jpg";
    }
}
