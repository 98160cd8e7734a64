package dev.robucap.common.data.synthetic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Five captions per scene, one from each template. Every template names the main object's colour and shape, and
 * most name what JPEG compression destroys first: the stripe direction, exact colours and the small distractors.
 * Lower-case words separated by single spaces, so a caption's tokens are {@code caption.split(" ")}.
 */
public final class Captions {

    public static final int PER_IMAGE = 5;

    private Captions() {
    }

    public static List<String> of(Scene scene) {
        var m = scene.main();
        var others = scene.distractors();
        String shape = m.shape().word();
        String colour = m.colour().word();
        String where = m.placement().phrase();
        return List.of(
                "a %s %s %s %s %s %s".formatted(m.size(), colour, m.stripes().word(), shape, where,
                        others.isEmpty() ? "on its own" : "next to " + list(others, false)),
                "%s %s %s with %s stripes %s".formatted(article(colour), colour, shape, m.stripes().adjective(),
                        others.isEmpty() ? "on a cloudy background" : "and " + list(others, false)),
                "there is a %s %s %s %s".formatted(m.stripes().word(), colour, shape,
                        others.isEmpty() ? where : "beside " + list(others, true)),
                "%s %s %s %s covered in %s stripes with %s".formatted(article(m.size()), m.size(), colour, shape,
                        m.stripes().adjective(), count(others.size())),
                others.isEmpty()
                        ? "only one %s %s %s %s".formatted(colour, m.stripes().word(), shape, where)
                        : "%s and %s %s %s %s".formatted(list(others, false), article(colour), colour,
                                m.stripes().word(), shape));
    }

    /** "a small blue circle and a small green cross", optionally with each distractor's stripes. */
    private static String list(List<SceneObject> objects, boolean withStripes) {
        return objects.stream()
                .map(o -> "a small " + o.colour().word() + (withStripes ? " " + o.stripes().word() : "") + " "
                        + o.shape().word())
                .collect(Collectors.joining(" and "));
    }

    private static String count(int distractors) {
        return switch (distractors) {
            case 0 -> "no other shapes";
            case 1 -> "one small shape nearby";
            case 2 -> "two small shapes nearby";
            default -> throw new IllegalArgumentException("no words for " + distractors + " distractors");
        };
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
