package dev.robucap.cli.local;

import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.Split;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.ImageNetSpec;
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
 * A synthetic data set of an experiment in S3, in a real format (COCO-Karpathy or ImageNet folders), generated and
 * uploaded once per generator parameters (content-addressed), with selections of relative image keys written beside
 * it: {@code splits/train.txt} (the training images) and {@code splits/test.txt} (the test images: Karpathy's test
 * split, or the test half of the ImageNet validation set by the paper's appendix-C rule).
 */
public record SyntheticDataset(String prefix, String description, int testImages) {

    /** Bumped when the generator's output changes, so that old uploads are not mistaken for new ones. */
    private static final String GENERATOR_VERSION = "1";
    private static final int JPEG_QUALITY = 95;

    public String trainSelection() {
        return prefix + "/splits/train.txt";
    }

    public String testSelection() {
        return prefix + "/splits/test.txt";
    }

    public static SyntheticDataset ensureCoco(ArtifactStore store, CocoSpec spec, Path workDir, PrintStream out)
            throws IOException {
        String description = String.format("synthetic COCO-Karpathy, seed %d, %d px: %d train + %d restval, %d val, "
                + "%d test images", spec.seed(), spec.imageSize(), spec.train(), spec.restval(), spec.val(), spec.test());
        return ensure(store, "coco", spec, description, spec.test(), workDir, out, local -> {
            SyntheticData.writeCoco(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
            var data = CocoDataset.read(KeySource.folder(local), CaptionParameters.TUTORIAL);
            writeSplits(local, data.selection(Split.TRAIN).lines().toList(),
                    data.selection(Split.TEST).lines().toList());
        });
    }

    public static SyntheticDataset ensureImageNet(ArtifactStore store, ImageNetSpec spec, Path workDir,
                                                  PrintStream out) throws IOException {
        String description = String.format("synthetic ImageNet, seed %d, %d px: %d training and %d validation "
                + "images per class", spec.seed(), spec.imageSize(), spec.trainPerClass(), spec.valPerClass());
        int test = (spec.valPerClass() - spec.valPerClass() / 2) * 10;
        return ensure(store, "imagenet", spec, description, test, workDir, out, local -> {
            SyntheticData.writeImageNet(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
            var data = ImageNetDataset.read(KeySource.folder(local));
            int root = local.toString().length() + 1;
            writeSplits(local, data.train().stream().map(e -> e.key().substring(root)).toList(),
                    data.devTest().test().stream().map(Example::key).map(k -> k.substring(root)).toList());
        });
    }

    private interface Generator {
        void write(Path local) throws IOException;
    }

    private static SyntheticDataset ensure(ArtifactStore store, String format, Object spec, String description,
                                           int testImages, Path workDir, PrintStream out, Generator generator)
            throws IOException {
        String key = ContentKey.of("datagen-" + format, GENERATOR_VERSION, Json.MAPPER.valueToTree(spec), Map.of());
        var dataset = new SyntheticDataset("datasets/synthetic-" + format + "-" + key, description, testImages);
        if (store.isPublished(dataset.prefix())) {
            out.println("Data set " + dataset.prefix() + " is already in S3 (" + description + ")");
            return dataset;
        }
        Path local = workDir.resolve("data").resolve("synthetic-" + format + "-" + key);
        out.println("Generating " + description + " …");
        generator.write(local);
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
        store.publish(dataset.prefix(), new Manifest(Manifest.SCHEMA, "datagen-" + format, key, null, Instant.now(),
                Json.MAPPER.valueToTree(spec), Map.of(), entries, List.of(), Map.of()));
        return dataset;
    }

    private static void writeSplits(Path root, List<String> train, List<String> test) throws IOException {
        Files.createDirectories(root.resolve("splits"));
        Files.write(root.resolve("splits/train.txt"), train, StandardCharsets.UTF_8);
        Files.write(root.resolve("splits/test.txt"), test, StandardCharsets.UTF_8);
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return lower.endsWith(".json") ? "application/json" : "text/plain";
    }
}
