package dev.robucap.common.data.synthetic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.robucap.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the COCO 2014 layout with Karpathy's split file: images in {@code train2014/} (split "train") and
 * {@code val2014/} (splits "restval", "val", "test"), and {@code dataset_coco.json} structured exactly as
 * Karpathy's.
 */
final class CocoWriter {

    static final String DATASET_JSON = "dataset_coco.json";
    /** Separates the COCO image stream from the ImageNet one drawn from the same seed. */
    private static final long COCO_STREAM = 0x636F636F32303134L;
    /** cocoid = 1 + imgid * MULTIPLIER mod PRIME: unique (a bijection mod a prime) and scattered like real ids. */
    private static final long PRIME = 1_000_003;
    private static final long MULTIPLIER = 7919;

    private CocoWriter() {
    }

    @JsonPropertyOrder({"filepath", "sentids", "filename", "imgid", "split", "sentences", "cocoid"})
    record KarpathyImage(String filepath, List<Integer> sentids, String filename, int imgid, String split,
                         List<KarpathySentence> sentences, long cocoid) {
    }

    @JsonPropertyOrder({"tokens", "raw", "imgid", "sentid"})
    record KarpathySentence(List<String> tokens, String raw, int imgid, int sentid) {
    }

    @JsonPropertyOrder({"images", "dataset"})
    record KarpathyDataset(List<KarpathyImage> images, String dataset) {
    }

    /** The image of one imgid: its Karpathy split and its COCO folder. */
    private record Entry(int imgid, String split, String folder, long cocoid) {

        String filename() {
            return "COCO_%s_%012d.jpg".formatted(folder, cocoid);
        }
    }

    static WriteSummary write(Path root, CocoSpec spec, ImageEncoder encoder, int threads) throws IOException {
        long start = System.nanoTime();
        var generator = new SceneGenerator(spec.seed() ^ COCO_STREAM, spec.imageSize());
        var counts = new LinkedHashMap<String, Integer>();
        counts.put("train", spec.train());
        counts.put("restval", spec.restval());
        counts.put("val", spec.val());
        counts.put("test", spec.test());

        var entries = new ArrayList<Entry>();
        counts.forEach((split, count) -> IntStream.range(0, count).forEach(i -> {
            int imgid = entries.size();
            String folder = split.equals("train") ? "train2014" : "val2014";
            entries.add(new Entry(imgid, split, folder, 1 + imgid * MULTIPLIER % PRIME));
        }));
        Files.createDirectories(root.resolve("train2014"));
        Files.createDirectories(root.resolve("val2014"));
        var jobs = entries.stream()
                .map(e -> new ImageJobs.Job(e.imgid(), root.resolve(e.folder()).resolve(e.filename())))
                .toList();
        var written = ImageJobs.run(generator, encoder, jobs, threads);

        var images = new ArrayList<KarpathyImage>(entries.size());
        for (var entry : entries) {
            images.add(karpathyImage(entry, written.get(entry.imgid()).scene()));
        }
        Json.MAPPER.writeValue(root.resolve(DATASET_JSON).toFile(), new KarpathyDataset(images, "coco"));

        long bytes = written.stream().mapToLong(ImageJobs.Written::bytes).sum();
        return new WriteSummary(root, counts, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Sentence ids run over the whole file: image i has sentids 5i..5i+4. */
    private static KarpathyImage karpathyImage(Entry entry, Scene scene) {
        var captions = Captions.of(scene);
        var sentences = new ArrayList<KarpathySentence>(captions.size());
        for (int k = 0; k < captions.size(); k++) {
            String raw = captions.get(k);
            int sentid = entry.imgid() * Captions.PER_IMAGE + k;
            sentences.add(new KarpathySentence(Arrays.asList(raw.split(" ")), raw, entry.imgid(), sentid));
        }
        var sentids = sentences.stream().map(KarpathySentence::sentid).toList();
        return new KarpathyImage(entry.folder(), sentids, entry.filename(), entry.imgid(), entry.split(), sentences,
                entry.cocoid());
    }
}
