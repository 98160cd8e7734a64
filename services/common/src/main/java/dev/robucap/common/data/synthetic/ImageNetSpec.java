package dev.robucap.common.data.synthetic;

/**
 * What {@link SyntheticData#writeImageNet} writes: {@code trainPerClass} training and {@code valPerClass} validation
 * images for each of the {@value SceneClass#COUNT} classes, {@code imageSize} pixels square.
 */
public record ImageNetSpec(long seed, int imageSize, int trainPerClass, int valPerClass) {

    /** ILSVRC2012_val_ numbers have 8 digits. */
    static final int MAX_VAL_IMAGES = 99_999_999;

    public ImageNetSpec {
        Specs.requireImageSize(imageSize);
        Specs.requireCount("trainPerClass", trainPerClass);
        Specs.requireCount("valPerClass", valPerClass);
        if ((long) valPerClass * SceneClass.COUNT > MAX_VAL_IMAGES) {
            throw new IllegalArgumentException("valPerClass must be at most " + MAX_VAL_IMAGES / SceneClass.COUNT
                    + " (8-digit validation ids), got " + valPerClass);
        }
    }

    /** 5,000 training and 1,000 validation images at 128 px: the size of design 1 in the synthetic-data notes. */
    public static ImageNetSpec defaults() {
        return new ImageNetSpec(1, 128, 500, 100);
    }

    public int trainImages() {
        return trainPerClass * SceneClass.COUNT;
    }

    public int valImages() {
        return valPerClass * SceneClass.COUNT;
    }
}
