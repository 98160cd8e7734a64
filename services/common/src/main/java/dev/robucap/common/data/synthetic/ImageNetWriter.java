package dev.robucap.common.data.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the Kaggle ImageNet (ILSVRC2012 CLS-LOC) layout: {@code train/<wnid>/<wnid>_<n>.JPEG},
 * {@code val/<wnid>/ILSVRC2012_val_<8 digits>.JPEG}, {@code LOC_synset_mapping.txt} and the flat validation labels
 * {@code LOC_val_solution.csv}. Validation ids interleave the classes, as the real ones do.
 */
final class ImageNetWriter {

    static final String SYNSET_MAPPING = "LOC_synset_mapping.txt";
    static final String VAL_SOLUTION = "LOC_val_solution.csv";

    private ImageNetWriter() {
    }

    static WriteSummary write(Path root, ImageNetSpec spec, ImageEncoder encoder, int threads) throws IOException {
        long start = System.nanoTime();
        var generator = new SceneGenerator(spec.seed(), spec.imageSize());
        for (var sceneClass : SceneClass.ALL) {
            Files.createDirectories(root.resolve("train").resolve(sceneClass.wnid()));
            Files.createDirectories(root.resolve("val").resolve(sceneClass.wnid()));
        }
        // Generator index n * 10 + c is an image of class c; validation indices follow the training ones.
        var jobs = new ArrayList<ImageJobs.Job>();
        for (int n = 0; n < spec.trainPerClass(); n++) {
            for (var sceneClass : SceneClass.ALL) {
                String wnid = sceneClass.wnid();
                jobs.add(new ImageJobs.Job((long) n * SceneClass.COUNT + sceneClass.index(),
                        root.resolve("train").resolve(wnid).resolve(wnid + "_" + (n + 1) + ".JPEG")));
            }
        }
        for (int v = 0; v < spec.valImages(); v++) {
            var sceneClass = SceneClass.of(v % SceneClass.COUNT);
            jobs.add(new ImageJobs.Job(spec.trainImages() + (long) v,
                    root.resolve("val").resolve(sceneClass.wnid()).resolve(valId(v) + ".JPEG")));
        }
        var written = ImageJobs.run(generator, encoder, jobs, threads);

        Files.writeString(root.resolve(SYNSET_MAPPING), SceneClass.ALL.stream()
                .map(c -> c.wnid() + " " + c.name() + "\n").collect(Collectors.joining()));
        writeValSolution(root, written.subList(spec.trainImages(), written.size()));

        var counts = new LinkedHashMap<String, Integer>();
        counts.put("train", spec.trainImages());
        counts.put("val", spec.valImages());
        long bytes = written.stream().mapToLong(ImageJobs.Written::bytes).sum();
        return new WriteSummary(root, counts, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** "ILSVRC2012_val_00000001" for the first validation image. */
    static String valId(int valIndex) {
        return "ILSVRC2012_val_%08d".formatted(valIndex + 1);
    }

    /** One row per image, the main object's box: "ILSVRC2012_val_00000001,n90000001 10 28 41 59 ". */
    private static void writeValSolution(Path root, List<ImageJobs.Written> val) throws IOException {
        var csv = new StringBuilder("ImageId,PredictionString\n");
        for (int v = 0; v < val.size(); v++) {
            var scene = val.get(v).scene();
            var box = scene.main().box();
            csv.append(valId(v)).append(',').append(scene.sceneClass().wnid())
                    .append(' ').append(box.xMin()).append(' ').append(box.yMin())
                    .append(' ').append(box.xMax()).append(' ').append(box.yMax()).append(" \n");
        }
        Files.writeString(root.resolve(VAL_SOLUTION), csv);
    }
}
