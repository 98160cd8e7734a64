package dev.robucap.common.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.synthetic.SyntheticDataset;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.task.StageCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Expands an experiment into its plan: the data; each training set's augmentation at each quality some variant
 * needs (once per data set and q); the test sets compressed at every quality of the ladder (once per data set);
 * the image-quality analysis (table 1); an encoder per variant and its top-1 over the ladder (table 2); a captioner
 * per grid cell, on its cell's encoder, and its BLEU over the ladder (table 3). Task ids: {@code data/coco},
 * {@code augment/coco-train-q2}, {@code compress/coco-test-q80}, {@code quality}, {@code encoder/+2},
 * {@code top1/+2}, {@code captioner/+2/base}, {@code bleu/+2/base}.
 */
public final class Planner {

    private final Experiment experiment;
    private final Plan plan = new Plan();

    private Planner(Experiment experiment) {
        this.experiment = experiment;
    }

    public static Plan plan(Experiment experiment) {
        return new Planner(experiment).build();
    }

    /**
     * The data set of a {@code data/coco} or {@code data/imagenet} task of this experiment: generated, or in the
     * bucket (the task then writes its selections).
     */
    public static DataSet dataset(Experiment experiment, String taskId) {
        var data = experiment.spec().data();
        String format = switch (taskId) {
            case "data/coco" -> "coco";
            case "data/imagenet" -> "imagenet";
            default -> throw new IllegalArgumentException(taskId + " is not a data task");
        };
        if (!data.isSynthetic()) {
            return DataSet.inBucket(format, "coco".equals(format) ? data.s3().coco() : data.s3().imagenet());
        }
        return DataSet.generated("coco".equals(format) ? SyntheticDataset.coco(data.coco())
                : SyntheticDataset.imagenet(data.imagenet()));
    }

    private Plan build() {
        var spec = experiment.spec();
        data("coco");
        ladder("coco");
        plan.add(evaluation("quality", "image quality (table 1)", "image-quality", "coco",
                Map.of("originals", images("coco"), "selection", selection("coco", "test"))));
        if (spec.encoder() != null) {
            data("imagenet");
            ladder("imagenet");
            for (String variant : spec.encoder().variants()) {
                Map<String, Input> inputs = new LinkedHashMap<>(Map.of("imagenet", images("imagenet")));
                Integer q = Experiment.augmentationQuality(variant);
                if (q != null) {
                    inputs.put("augmented", Input.output(augmented("imagenet", q)));
                }
                plan.add(new PlannedTask("encoder/" + variant, "train encoder " + variant, StageCatalog.ENCODER_TRAINER,
                        encoderParams(variant), inputs));
                plan.add(evaluation("top1/" + variant, "top-1 of encoder " + variant, "top1", "imagenet",
                        Map.of("model", Input.output("encoder/" + variant), "imagenet", images("imagenet"))));
            }
        }
        if (spec.captioner() != null) {
            for (var cell : spec.captioner().grid()) {
                Map<String, Input> inputs = new LinkedHashMap<>(Map.of("coco", images("coco"),
                        "encoder", Input.output("encoder/" + cell.encoder())));
                Integer q = Experiment.augmentationQuality(cell.captioner());
                if (q != null) {
                    inputs.put("augmented", Input.output(augmented("coco", q)));
                }
                String id = "captioner/" + cell.label();
                plan.add(new PlannedTask(id, "train captioner " + cell.label(), StageCatalog.CAPTIONER_TRAINER,
                        captionerParams(cell.captioner()), inputs));
                plan.add(evaluation("bleu/" + cell.label(), "BLEU of captioner " + cell.label(), "bleu", "coco",
                        Map.of("captioner", Input.output(id), "coco", images("coco"))));
            }
        }
        return plan;
    }

    private void data(String format) {
        String id = "data/" + format;
        DataSet dataset = dataset(experiment, id);
        ObjectNode params = dataset.generated() == null ? Json.MAPPER.createObjectNode().put("images", dataset.images())
                : Json.MAPPER.valueToTree(dataset.generated().spec());
        String label = dataset.generated() == null ? "select the splits of the " + dataset.description()
                : "generate " + dataset.description();
        plan.addData(new PlannedTask(id, label, Plan.DATAGEN, params, Map.of()), dataset.contentKey(),
                dataset.splits());
    }

    /** A data set's images: the data task's output when it is generated, else its prefix in the bucket. */
    private Input images(String format) {
        DataSet dataset = dataset(experiment, "data/" + format);
        return dataset.generated() != null ? Input.output("data/" + format) : new Input.Fixed(dataset.images());
    }

    /** The selection of a data set's {@code train} or {@code test} images, which its data task writes. */
    private static Input selection(String format, String split) {
        return new Input.Output("data/" + format, "/splits/" + split + ".txt");
    }

    /** The training set of {@code format} augmented at q (then re-saved), planned on first use. */
    private String augmented(String format, int q) {
        int resave = experiment.spec().jpeg().resaveQuality();
        String id = "augment/" + format + "-train-q" + q;
        if (!plan.contains(id)) {
            ObjectNode params = Json.MAPPER.createObjectNode().put("quality", q).put("resave", resave);
            plan.add(new PlannedTask(id, "augment " + name(format) + " train q=" + q + "→" + resave,
                    StageCatalog.AUGMENTER, params, Map.of("images", images(format),
                    "selection", selection(format, "train"))));
        }
        return id;
    }

    /** The test set of {@code format} compressed once at each quality of the ladder. */
    private void ladder(String format) {
        for (int q : experiment.spec().jpeg().ladder()) {
            plan.add(new PlannedTask("compress/" + format + "-test-q" + q, "compress " + name(format) + " test q=" + q,
                    StageCatalog.AUGMENTER, Json.MAPPER.createObjectNode().put("quality", q),
                    Map.of("images", images(format), "selection", selection(format, "test"))));
        }
    }

    /** An evaluator task over the ladder of {@code format}'s test set: every compressed set is an input q<q>. */
    private PlannedTask evaluation(String id, String label, String kind, String format, Map<String, Input> inputs) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("kind", kind);
        params.putPOJO("ladder", experiment.spec().jpeg().ladder());
        Map<String, Input> all = new LinkedHashMap<>(inputs);
        for (int q : new TreeSet<>(experiment.spec().jpeg().ladder())) {
            all.put("q" + q, Input.output("compress/" + format + "-test-q" + q));
        }
        return new PlannedTask(id, label, StageCatalog.EVALUATOR, params, all);
    }

    private ObjectNode encoderParams(String variant) {
        var encoder = experiment.spec().encoder();
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant);
        if (encoder.hyper() != null) {
            params.set("hyper", encoder.hyper());
        }
        if (encoder.resizeSize() != null) {
            params.put("resizeSize", encoder.resizeSize());
        }
        if (encoder.cropSize() != null) {
            params.put("cropSize", encoder.cropSize());
        }
        if (encoder.width() != null) {
            params.put("width", encoder.width());
        }
        if (encoder.minCropScale() != null) {
            params.put("minCropScale", encoder.minCropScale());
        }
        return params;
    }

    private ObjectNode captionerParams(String variant) {
        var captioner = experiment.spec().captioner();
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant);
        if (captioner.hyper() != null) {
            params.set("hyper", captioner.hyper());
        }
        if (captioner.imageSize() != null) {
            params.put("imageSize", captioner.imageSize());
        }
        return params;
    }

    private static String name(String format) {
        return "coco".equals(format) ? "COCO" : "ImageNet";
    }
}
