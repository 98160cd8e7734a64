package dev.robucap.common.data.synthetic;

import java.util.Arrays;
import java.util.List;

/** The named object colours, each a hue range (degrees) inside one hue family. */
public enum Colour {
    RED(HueFamily.WARM, -8, 6),
    ORANGE(HueFamily.WARM, 20, 33),
    YELLOW(HueFamily.WARM, 46, 56),
    GREEN(HueFamily.COOL, 100, 140),
    BLUE(HueFamily.COOL, 205, 230),
    PURPLE(HueFamily.COOL, 268, 288);

    private final HueFamily family;
    private final double minHue;
    private final double maxHue;

    Colour(HueFamily family, double minHue, double maxHue) {
        this.family = family;
        this.minHue = minHue;
        this.maxHue = maxHue;
    }

    public HueFamily family() {
        return family;
    }

    /** The caption word. */
    public String word() {
        return name().toLowerCase();
    }

    /** A hue in this colour's range, for a fraction {@code u} in [0, 1). */
    double hue(double u) {
        return Math.floorMod(Math.round((minHue + u * (maxHue - minHue)) * 1000), 360_000) / 1000.0;
    }

    static List<Colour> of(HueFamily family) {
        return Arrays.stream(values()).filter(c -> c.family == family).toList();
    }
}
