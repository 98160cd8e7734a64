package dev.robucap.common.data.synthetic;

/**
 * What {@link SyntheticData#writeCoco} writes: images of the four Karpathy splits, {@code imageSize} pixels square,
 * {@value Captions#PER_IMAGE} captions each.
 */
public record CocoSpec(long seed, int imageSize, int train, int restval, int val, int test) {

    /** Image ids are scattered over 0..MAX_IMAGES by a bijection, so that they are unique (see CocoWriter). */
    static final int MAX_IMAGES = 1_000_000;

    public CocoSpec {
        Specs.requireImageSize(imageSize);
        Specs.requireCount("train", train);
        Specs.requireCount("restval", restval);
        Specs.requireCount("val", val);
        Specs.requireCount("test", test);
        if ((long) train + restval + val + test > MAX_IMAGES) {
            throw new IllegalArgumentException("train + restval + val + test must be at most " + MAX_IMAGES);
        }
    }

    /** 4,000 training images (3,000 train + 1,000 restval), 500 dev and 500 test, at 128 px. */
    public static CocoSpec defaults() {
        return new CocoSpec(1, 128, 3000, 1000, 500, 500);
    }

    public int images() {
        return train + restval + val + test;
    }
}
