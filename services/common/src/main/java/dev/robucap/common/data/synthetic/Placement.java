package dev.robucap.common.data.synthetic;

/** Where an object sits in the picture, in the words a caption uses. */
public enum Placement {
    CENTRE("in the centre"), LEFT("on the left"), RIGHT("on the right"), TOP("at the top"), BOTTOM("at the bottom");

    private final String phrase;

    Placement(String phrase) {
        this.phrase = phrase;
    }

    public String word() {
        return name().toLowerCase();
    }

    public String phrase() {
        return phrase;
    }

    /** The placement of a centre (cx, cy) in an image of the given size: the centre sixth, else the larger offset. */
    static Placement of(double cx, double cy, int size) {
        double dx = cx / size - 0.5;
        double dy = cy / size - 0.5;
        if (Math.abs(dx) < 1.0 / 6 && Math.abs(dy) < 1.0 / 6) {
            return CENTRE;
        }
        if (Math.abs(dx) >= Math.abs(dy)) {
            return dx < 0 ? LEFT : RIGHT;
        }
        return dy < 0 ? TOP : BOTTOM;
    }
}
