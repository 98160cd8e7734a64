package dev.robucap.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.ContentKey;
import dev.robucap.common.store.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The synthetic COCO-Karpathy data set of an experiment, in S3: generated and uploaded once per generator
 * parameters (content-addressed), with split selections ({@code splits/train.txt}: train + restval,
 * {@code splits/test.txt}) written from its {@code dataset_coco.json}.
 */
public record SyntheticDataset(String prefix, CocoSpec spec) {

    /** Bumped when the generator's output changes, so that old uploads are not mistaken for new ones. */
    private static final String GENERATOR_VERSION = "1";
    private static final int JPEG_QUALITY = 95;

    public String trainSelection() {
        return prefix + "/splits/train.txt";
    }

    public String testSelection() {
        return prefix + "/splits/test.txt";
    }

    public int testImages() {
        return spec.test();
    }

    public String describe() {
        return String.format("synthetic COCO-Karpathy, seed %d, %d px: %d train + %d restval, %d val, %d test images",
                spec.seed(), spec.imageSize(), spec.train(), spec.restval(), spec.val(), spec.test());
    }

    /** The data set's S3 prefix, generating and uploading it first if this store does not have it yet. */
    public static SyntheticDataset ensure(ArtifactStore store, CocoSpec spec, Path workDir, PrintStream out)
            throws IOException {
        String key = ContentKey.of("datagen", GENERATOR_VERSION, Json.MAPPER.valueToTree(spec), Map.of());
        var dataset = new SyntheticDataset("datasets/synthetic-coco-" + key, spec);
        if (store.isPublished(dataset.prefix())) {
            out.println("Data set " + dataset.prefix() + " is already in S3 (" + dataset.describe() + ")");
            return dataset;
        }
        Path local = workDir.resolve("data").resolve("synthetic-coco-" + key);
        out.println("Generating " + dataset.describe() + " …");
        SyntheticData.writeCoco(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
        writeSplits(local);
        out.println("Uploading it to S3 under " + dataset.prefix() + " …");
        List<Manifest.Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = local.relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                store.put(dataset.prefix() + "/" + relative, bytes, contentType(relative));
                entries.add(new Manifest.Entry(relative, bytes.length, null));
            }
        }
        store.publish(dataset.prefix(), new Manifest(Manifest.SCHEMA, "datagen", key, null, Instant.now(),
                Json.MAPPER.valueToTree(spec), Map.of(), entries, List.of(),
                Map.of("images", (double) spec.images())));
        return dataset;
    }

    /** Karpathy's splits as selections of relative image keys: train + restval for training, test for testing. */
    private static void writeSplits(Path root) throws IOException {
        JsonNode coco = Json.MAPPER.readTree(root.resolve("dataset_coco.json").toFile());
        var train = new StringBuilder();
        var test = new StringBuilder();
        for (JsonNode image : coco.path("images")) {
            String relative = image.path("filepath").asText() + "/" + image.path("filename").asText();
            switch (image.path("split").asText()) {
                case "train", "restval" -> train.append(relative).append('\n');
                case "test" -> test.append(relative).append('\n');
                default -> { }
            }
        }
        Files.createDirectories(root.resolve("splits"));
        Files.writeString(root.resolve("splits/train.txt"), train, StandardCharsets.UTF_8);
        Files.writeString(root.resolve("splits/test.txt"), test, StandardCharsets.UTF_8);
    }

    private static String contentType(String name) {
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        return name.endsWith(".json") ? "application/json" : "text/plain";
    }
}
