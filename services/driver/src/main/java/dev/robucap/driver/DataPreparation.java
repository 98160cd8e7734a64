package dev.robucap.driver;

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
import dev.robucap.common.plan.DataSet;
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
 * The data tasks of a plan, which the driver runs itself: a synthetic data set is generated in a real format
 * (COCO-Karpathy or ImageNet folders) and uploaded with its split selections; a data set already in the bucket gets
 * its selections written beside the other artifacts. Once: what is published is left as it is.
 */
public final class DataPreparation {

    private static final int JPEG_QUALITY = 95;

    private DataPreparation() {
    }

    public static void ensure(ArtifactStore store, DataSet dataset, Path workDir, PrintStream out) throws IOException {
        if (store.isPublished(dataset.splits())) {
            out.println("Data set " + dataset.images() + " is ready (" + dataset.description() + ")");
        } else if (dataset.generated() != null) {
            generate(store, dataset.generated(), workDir, out);
        } else {
            index(store, dataset, out);
        }
    }

    /** Reads the data set in the bucket as the stages will, and publishes its train and test selections. */
    private static void index(ArtifactStore store, DataSet dataset, PrintStream out) throws IOException {
        out.println("Reading the " + dataset.description() + " to select its splits …");
        KeySource source = KeySource.store(store, dataset.images());
        Selections selections = selections(dataset.format(), source);
        List<Manifest.Entry> entries = new ArrayList<>();
        for (var file : Map.of("splits/train.txt", selections.train(), "splits/test.txt", selections.test())
                .entrySet()) {
            byte[] bytes = (String.join("\n", file.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
            store.put(dataset.splits() + "/" + file.getKey(), bytes, "text/plain");
            entries.add(new Manifest.Entry(file.getKey(), bytes.length, null));
        }
        out.printf("Selected %d training and %d test images%n", selections.train().size(), selections.test().size());
        store.publish(dataset.splits(), new Manifest(Manifest.SCHEMA, "index-" + dataset.format(),
                dataset.contentKey(), null, Instant.now(), Json.MAPPER.createObjectNode().put("images",
                dataset.images()), Map.of(), entries, List.of(), Map.of()));
    }

    /** Keys relative to the data set's root: the training images, and the test images the ladder compresses. */
    private record Selections(List<String> train, List<String> test) {
    }

    private static Selections selections(String format, KeySource source) {
        int root = source.root().length() + 1;
        if ("coco".equals(format)) {
            var data = CocoDataset.read(source, CaptionParameters.TUTORIAL);
            return new Selections(data.selection(Split.TRAIN).lines().toList(),
                    data.selection(Split.TEST).lines().toList());
        }
        var data = ImageNetDataset.read(source);
        return new Selections(data.train().stream().map(e -> e.key().substring(root)).toList(),
                data.devTest().test().stream().map(Example::key).map(k -> k.substring(root)).toList());
    }

    private static void generate(ArtifactStore store, SyntheticDataset dataset, Path workDir, PrintStream out)
            throws IOException {
        Path local = workDir.resolve("data").resolve("synthetic-" + dataset.format() + "-" + dataset.contentKey());
        out.println("Generating " + dataset.description() + " …");
        if (dataset.spec() instanceof CocoSpec spec) {
            SyntheticData.writeCoco(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
        } else if (dataset.spec() instanceof ImageNetSpec spec) {
            SyntheticData.writeImageNet(local, spec, image -> Jpeg.encode(image, JPEG_QUALITY));
        } else {
            throw new IllegalArgumentException("no generator for " + dataset.spec());
        }
        Selections selections = selections(dataset.format(), KeySource.folder(local));
        Files.createDirectories(local.resolve("splits"));
        Files.write(local.resolve("splits/train.txt"), selections.train(), StandardCharsets.UTF_8);
        Files.write(local.resolve("splits/test.txt"), selections.test(), StandardCharsets.UTF_8);
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

    private static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return lower.endsWith(".json") ? "application/json" : "text/plain";
    }
}
