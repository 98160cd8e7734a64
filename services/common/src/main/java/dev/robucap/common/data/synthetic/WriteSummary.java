package dev.robucap.common.data.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a writer produced.
 *
 * @param imagesPerSplit image count per split, in writing order ("train", "val", … )
 * @param bytes          bytes of all image files
 */
public record WriteSummary(Path root, Map<String, Integer> imagesPerSplit, long bytes, Duration elapsed) {

    public WriteSummary {
        imagesPerSplit = Collections.unmodifiableMap(new LinkedHashMap<>(imagesPerSplit));
    }

    public int images() {
        return imagesPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    }

    public double imagesPerSecond() {
        return images() / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
