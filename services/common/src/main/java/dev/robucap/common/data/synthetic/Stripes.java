package dev.robucap.common.data.synthetic;

/**
 * The caption word for a stripe orientation. Ten classes have stripes 18 degrees apart; captions name only the
 * nearest of four directions, which is what a reader of the picture would say.
 */
public enum Stripes {
    HORIZONTAL, DIAGONAL, VERTICAL, SLANTED;

    /** "horizontal-striped", …: the adjective used before the shape word. */
    public String word() {
        return adjective() + "-striped";
    }

    /** "horizontal", …: as in "with horizontal stripes". */
    public String adjective() {
        return name().toLowerCase();
    }

    /** The nearest direction to a stripe angle in degrees, counter-clockwise from horizontal. */
    public static Stripes of(double degrees) {
        int nearest = (int) Math.round(Math.floorMod(Math.round(degrees * 1000), 180_000) / 1000.0 / 45.0) % 4;
        return values()[nearest];
    }
}
