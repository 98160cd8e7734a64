package dev.robucap.common.data.synthetic;

import dev.robucap.common.Json;
import dev.robucap.common.store.ContentKey;
import java.util.Map;

/**
 * A generated data set as it lies in S3: under a prefix named by the content key of its generator parameters, with
 * selections of relative image keys beside it: {@code splits/train.txt} (the training images) and
 * {@code splits/test.txt} (the test images: Karpathy's test split, or the test half of the ImageNet validation set
 * by the paper's appendix-C rule). Known before it is generated, so that a plan can name it.
 */
public record SyntheticDataset(String format, Object spec, String contentKey, String prefix, String description,
                               int testImages) {

    /** Bumped when the generator's output changes, so that old uploads are not mistaken for new ones. */
    public static final String GENERATOR_VERSION = "1";

    public static SyntheticDataset coco(CocoSpec spec) {
        String description = String.format("synthetic COCO-Karpathy, seed %d, %d px: %d train + %d restval, %d val, "
                + "%d test images", spec.seed(), spec.imageSize(), spec.train(), spec.restval(), spec.val(), spec.test());
        return of("coco", spec, description, spec.test());
    }

    public static SyntheticDataset imagenet(ImageNetSpec spec) {
        String description = String.format("synthetic ImageNet, seed %d, %d px: %d training and %d validation "
                + "images per class", spec.seed(), spec.imageSize(), spec.trainPerClass(), spec.valPerClass());
        return of("imagenet", spec, description, (spec.valPerClass() - spec.valPerClass() / 2) * 10);
    }

    private static SyntheticDataset of(String format, Object spec, String description, int testImages) {
        String key = ContentKey.of(stage(format), GENERATOR_VERSION, Json.MAPPER.valueToTree(spec), Map.of());
        return new SyntheticDataset(format, spec, key, "datasets/synthetic-" + format + "-" + key, description,
                testImages);
    }

    /** The name its manifest gives as the stage that made it. */
    public static String stage(String format) {
        return "datagen-" + format;
    }

    public String trainSelection() {
        return prefix + "/splits/train.txt";
    }

    public String testSelection() {
        return prefix + "/splits/test.txt";
    }
}
