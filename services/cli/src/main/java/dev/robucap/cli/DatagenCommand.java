package dev.robucap.cli;

import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.ImageNetSpec;
import dev.robucap.common.data.synthetic.SyntheticData;
import dev.robucap.common.data.synthetic.WriteSummary;
import dev.robucap.common.jpeg.Jpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "datagen", mixinStandardHelpOptions = true,
        description = {"Generate a deterministic synthetic data set in the ImageNet and COCO formats.",
                "ImageNet folders (train/<wnid>/*.JPEG, val/<wnid>/*.JPEG, LOC_synset_mapping.txt,",
                "LOC_val_solution.csv) and/or",
                "COCO with Karpathy's dataset_coco.json (train2014/, val2014/, 5 captions per image).",
                "Images are shapes with class-specific fine stripes over soft backgrounds: heavy JPEG",
                "compression wipes out the stripes, as it wipes out fine detail in photos."})
final class DatagenCommand implements Callable<Integer> {

    enum Format { imagenet, coco, both }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (must be empty or new)")
    Path out;

    @Option(names = "--format", defaultValue = "both", description = "imagenet, coco or both (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--size", defaultValue = "128", paramLabel = "PX", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--train-per-class", defaultValue = "50", description = "ImageNet: training images per class (default: ${DEFAULT-VALUE})")
    int trainPerClass;

    @Option(names = "--val-per-class", defaultValue = "10", description = "ImageNet: validation images per class (default: ${DEFAULT-VALUE})")
    int valPerClass;

    @Option(names = "--coco", split = ",", paramLabel = "TRAIN,RESTVAL,VAL,TEST", defaultValue = "300,100,50,50",
            description = "COCO: images per Karpathy split (default: ${DEFAULT-VALUE})")
    int[] coco;

    @Option(names = "--threads", defaultValue = "2", description = "generator threads; output is the same for any count (default: ${DEFAULT-VALUE})")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (coco.length != 4) {
            throw new IllegalArgumentException("--coco needs 4 counts TRAIN,RESTVAL,VAL,TEST, got " + coco.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty; choose a new directory");
                }
            }
        }
        var print = spec.commandLine().getOut();
        if (format != Format.coco) {
            var summary = SyntheticData.writeImageNet(out.resolve("imagenet"),
                    new ImageNetSpec(seed, size, trainPerClass, valPerClass), image -> Jpeg.encode(image, 95), threads);
            print.println(describe("ImageNet", summary));
        }
        if (format != Format.imagenet) {
            var summary = SyntheticData.writeCoco(out.resolve("coco"),
                    new CocoSpec(seed, size, coco[0], coco[1], coco[2], coco[3]), image -> Jpeg.encode(image, 95),
                    threads);
            print.println(describe("COCO-Karpathy", summary));
        }
        print.flush();
        return 0;
    }

    private static String describe(String name, WriteSummary summary) {
        return String.format(Locale.ROOT, "%s: %d images %s, %.1f MB in %s (%.0f images/s)", name, summary.images(),
                summary.imagesPerSplit(), summary.bytes() / 1e6, summary.root(), summary.imagesPerSecond());
    }
}
