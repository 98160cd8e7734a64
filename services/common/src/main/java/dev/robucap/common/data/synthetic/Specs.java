package dev.robucap.common.data.synthetic;

/** Checks shared by the spec records; messages name the offending field. */
final class Specs {

    static final int MAX_SIZE = 4096;

    private Specs() {
    }

    static void requireCount(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }

    static void requireImageSize(int imageSize) {
        if (imageSize < SceneGenerator.MIN_SIZE || imageSize > MAX_SIZE) {
            throw new IllegalArgumentException("imageSize must be in " + SceneGenerator.MIN_SIZE + ".." + MAX_SIZE
                    + ", got " + imageSize);
        }
    }
}
