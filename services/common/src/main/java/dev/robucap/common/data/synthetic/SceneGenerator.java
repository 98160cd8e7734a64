package dev.robucap.common.data.synthetic;

import dev.robucap.common.image.RgbImage;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws synthetic scenes: a pure function of (seed, index), so that images can be generated in any order, on any
 * number of threads, and come out the same. Image {@code index} belongs to class {@code index mod 10}.
 */
public final class SceneGenerator {

    public static final int MIN_SIZE = 32;

    /** Main object diameter as a fraction of the image side; from this fraction on it is called "large". */
    private static final double MAIN_MIN = 0.20;
    private static final double MAIN_MAX = 0.32;
    private static final double LARGE_FROM = 0.26;
    private static final double DISTRACTOR_MIN = 0.10;
    private static final double DISTRACTOR_MAX = 0.15;
    private static final int MAX_DISTRACTORS = 2;
    private static final int PLACEMENT_TRIES = 30;
    /** Standard deviation of the per-sample pixel noise, in grey levels. */
    private static final double PIXEL_NOISE = 2.5;

    private final long seed;
    private final int size;

    public SceneGenerator(long seed, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("size must be at least " + MIN_SIZE + ", got " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public SyntheticImage generate(long index) {
        var random = new SplittableRandom(mix(seed, index));
        var sceneClass = SceneClass.of((int) Math.floorMod(index, (long) SceneClass.COUNT));
        double[] rgb = Background.paint(random, size);

        var main = mainObject(random, sceneClass);
        var distractors = new ArrayList<Planned>();
        int wanted = random.nextInt(MAX_DISTRACTORS + 1);
        for (int i = 0; i < wanted; i++) {
            distractor(random, sceneClass, main, distractors);
        }
        // Distractors first: the main object may overlap them, never the other way round.
        var painter = new ObjectPainter(size, rgb);
        distractors.forEach(d -> painter.paint(d.drawing()));
        painter.paint(main.drawing());

        var scene = new Scene(sceneClass.index(), main.object(),
                distractors.stream().map(Planned::object).toList());
        return new SyntheticImage(quantise(rgb, random), scene);
    }

    /** An object both as the caption sees it and as the painter draws it. */
    private record Planned(SceneObject object, ObjectPainter.Drawing drawing) {
    }

    private Planned mainObject(SplittableRandom random, SceneClass sceneClass) {
        double fraction = MAIN_MIN + (MAIN_MAX - MAIN_MIN) * random.nextDouble();
        double diameter = fraction * size;
        double cx = uniformCentre(random, diameter);
        double cy = uniformCentre(random, diameter);
        var family = Colour.of(sceneClass.family());
        var colour = family.get(random.nextInt(family.size()));
        String sizeWord = fraction >= LARGE_FROM ? "large" : "medium";
        return plan(random, sceneClass.shape(), colour, sceneClass.stripeAngle(), cx, cy, diameter, sizeWord);
    }

    /** Adds a small distractor that keeps clear of the other objects, unless no free place is found. */
    private void distractor(SplittableRandom random, SceneClass sceneClass, Planned main, List<Planned> placed) {
        var shape = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
        var colours = Colour.values();
        var colour = colours[(main.object().colour().ordinal() + 1 + random.nextInt(colours.length - 1))
                % colours.length];
        int otherClass = (sceneClass.index() + 1 + random.nextInt(SceneClass.COUNT - 1)) % SceneClass.COUNT;
        double diameter = (DISTRACTOR_MIN + (DISTRACTOR_MAX - DISTRACTOR_MIN) * random.nextDouble()) * size;
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            double cx = uniformCentre(random, diameter);
            double cy = uniformCentre(random, diameter);
            boolean clear = isClear(main, cx, cy, diameter, 0.85)
                    && placed.stream().allMatch(other -> isClear(other, cx, cy, diameter, 1.0));
            if (clear) {
                placed.add(plan(random, shape, colour, SceneClass.of(otherClass).stripeAngle(), cx, cy, diameter,
                        "small"));
                return;
            }
        }
    }

    private static boolean isClear(Planned other, double cx, double cy, double diameter, double slack) {
        var drawing = other.drawing();
        double distance = Math.hypot(drawing.cx() - cx, drawing.cy() - cy);
        return distance >= slack * (drawing.radius() + diameter / 2);
    }

    private Planned plan(SplittableRandom random, ShapeKind shape, Colour colour, double stripeAngle, double cx,
                         double cy, double diameter, String sizeWord) {
        double rotation = (random.nextDouble() - 0.5) * 0.7;
        double hue = colour.hue(random.nextDouble());
        double saturation = 0.55 + 0.40 * random.nextDouble();
        double value = 0.65 + 0.30 * random.nextDouble();
        double phase = 2 * Math.PI * random.nextDouble();
        Shape outline = shape.outline(cx, cy, diameter, rotation);
        var object = new SceneObject(shape, colour, stripeAngle, Placement.of(cx, cy, size), sizeWord,
                box(outline.getBounds2D()));
        var drawing = new ObjectPainter.Drawing(outline, cx, cy, diameter / 2, hue, saturation, value, stripeAngle,
                phase);
        return new Planned(object, drawing);
    }

    private double uniformCentre(SplittableRandom random, double diameter) {
        double margin = diameter / 2 + 1;
        return margin + (size - 2 * margin) * random.nextDouble();
    }

    private Box box(Rectangle2D bounds) {
        int xMin = Math.max(0, (int) Math.floor(bounds.getMinX()));
        int yMin = Math.max(0, (int) Math.floor(bounds.getMinY()));
        int xMax = Math.min(size - 1, (int) Math.ceil(bounds.getMaxX()) - 1);
        int yMax = Math.min(size - 1, (int) Math.ceil(bounds.getMaxY()) - 1);
        return new Box(xMin, yMin, xMax, yMax);
    }

    /** Adds slight sensor-like noise and rounds to bytes. */
    private RgbImage quantise(double[] rgb, SplittableRandom random) {
        var bytes = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            double noisy = rgb[i] + PIXEL_NOISE * random.nextGaussian();
            bytes[i] = (byte) Math.round(Math.max(0, Math.min(255, noisy)));
        }
        return new RgbImage(size, size, bytes);
    }

    /** SplitMix64 of (seed, index): neighbouring indices get unrelated streams. */
    private static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
