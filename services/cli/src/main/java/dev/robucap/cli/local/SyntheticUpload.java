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
import dev.robucap.common.data.synthetic.SyntheticDataset;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
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
 * Generates a synthetic data set of an experiment in a real format (COCO-Karpathy or ImageNet folders) and uploads
 * it under its content-addressed prefix with its split selections, once: a published data set is left as it is.
 */
final class SyntheticUpload {

    private static final int JPEG_QUALITY = 95;

    private SyntheticUpload() {
    }

    static void ensure(ArtifactStore store, SyntheticDataset dataset, Path workDir, PrintStream out)
            throws IOException {
        if (store.isPublished(dataset.prefix())) {
            out.println("Data set " + dataset.prefix() + " is already in S3 (" + dataset.description() + ")");
            return;
        }
        Path local = workDir.resolve("data").resolve("synthetic-" + dataset.format() + "-" + dataset.contentKey());
        out.println("Generating " + dataset.description() + " …");
        if (dataset.spec() instanceof CocoSpec spec) {
            SyntheticData.writeCoco(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
            var data = CocoDataset.read(KeySource.folder(local), CaptionParameters.TUTORIAL);
            writeSplits(local, data.selection(Split.TRAIN).lines().toList(),
                    data.selection(Split.TEST).lines().toList());
        } else if (dataset.spec() instanceof ImageNetSpec spec) {
            SyntheticData.writeImageNet(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
            var data = ImageNetDataset.read(KeySource.folder(local));
            int root = local.toString().length() + 1;
            writeSplits(local, data.train().stream().map(e -> e.key().substring(root)).toList(),
                    data.devTest().test().stream().map(Example::key).map(k -> k.substring(root)).toList());
        } else {
            throw new IllegalArgumentException("no generator for " + dataset.spec());
        }
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
        store.publish(dataset.prefix(), new Manifest(Manifest.SCHEMA, SyntheticDataset.stage(dataset.format()),
                dataset.contentKey(), null, Instant.now(), Json.MAPPER.valueToTree(dataset.spec()), Map.of(),
                entries, List.of(), Map.of()));
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
