package dev.robucap.common.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    private static final Box BOX = new Box(10, 10, 40, 40);

    @Test
    void everySceneGetsFiveLowerCaseCaptionsNamingTheMainShapeAndColour() {
        var generator = new SceneGenerator(11, 64);
        for (int index = 0; index < 100; index++) {
            var scene = generator.generate(index).scene();
            var captions = Captions.of(scene);
            assertEquals(Captions.PER_IMAGE, captions.size());
            assertEquals(Captions.PER_IMAGE, captions.stream().distinct().count());
            for (String caption : captions) {
                assertTrue(caption.matches("[a-z-]+( [a-z-]+)*"), caption);
                var words = List.of(caption.split(" "));
                assertTrue(words.contains(scene.main().shape().word()), caption);
                assertTrue(words.contains(scene.main().colour().word()), caption);
            }
        }
    }

    @Test
    void captionsSpellOutStripesAndDistractors() {
        var star = new SceneObject(ShapeKind.STAR, Colour.RED, 90, Placement.CENTRE, "large", BOX);
        var circle = new SceneObject(ShapeKind.CIRCLE, Colour.BLUE, 36, Placement.LEFT, "small", BOX);
        var captions = Captions.of(new Scene(6, star, List.of(circle)));
        assertEquals(List.of(
                "a large red vertical-striped star in the centre next to a small blue circle",
                "a red star with vertical stripes and a small blue circle",
                "there is a vertical-striped red star beside a small blue diagonal-striped circle",
                "a large red star covered in vertical stripes with one small shape nearby",
                "a small blue circle and a red vertical-striped star"), captions);
    }

    @Test
    void aLoneObjectIsCaptionedWithItsPlacement() {
        var cross = new SceneObject(ShapeKind.CROSS, Colour.ORANGE, 0, Placement.TOP, "medium", BOX);
        var captions = Captions.of(new Scene(8, cross, List.of()));
        assertEquals("a medium orange horizontal-striped cross at the top on its own", captions.get(0));
        assertEquals("an orange cross with horizontal stripes on a cloudy background", captions.get(1));
        assertEquals("only one orange horizontal-striped cross at the top", captions.get(4));
    }

    @Test
    void stripeAnglesAreNamedByTheNearestOfFourDirections() {
        assertEquals(Stripes.HORIZONTAL, Stripes.of(0));
        assertEquals(Stripes.HORIZONTAL, Stripes.of(18));
        assertEquals(Stripes.DIAGONAL, Stripes.of(36));
        assertEquals(Stripes.VERTICAL, Stripes.of(72));
        assertEquals(Stripes.SLANTED, Stripes.of(144));
        assertEquals(Stripes.HORIZONTAL, Stripes.of(162));
    }
}
