package dev.robucap.common.data.synthetic;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One of the ten classes: a shape, a hue family and a stripe angle of its own (18 degrees apart), as in design 1
 * of the synthetic-data notes. The stripes are the cue that heavy JPEG compression wipes out.
 *
 * @param index        0..9
 * @param stripeAngle  degrees counter-clockwise from horizontal
 */
public record SceneClass(int index, ShapeKind shape, HueFamily family, double stripeAngle) {

    public static final int COUNT = ShapeKind.values().length * HueFamily.values().length;

    public static final List<SceneClass> ALL = IntStream.range(0, COUNT).mapToObj(SceneClass::create).toList();

    public static SceneClass of(int index) {
        return ALL.get(index);
    }

    private static SceneClass create(int index) {
        var shape = ShapeKind.values()[index / HueFamily.values().length];
        var family = HueFamily.values()[index % HueFamily.values().length];
        return new SceneClass(index, shape, family, index * 180.0 / COUNT);
    }

    /** A made-up WordNet id, n90000001…: no real synset uses the n9 range, so it cannot be mistaken for one. */
    public String wnid() {
        return "n%08d".formatted(90_000_001 + index);
    }

    /** The synset name, as in LOC_synset_mapping.txt: "warm circle, horizontal-striped circle". */
    public String name() {
        return family.word() + " " + shape.word() + ", " + Stripes.of(stripeAngle).word() + " " + shape.word();
    }
}
