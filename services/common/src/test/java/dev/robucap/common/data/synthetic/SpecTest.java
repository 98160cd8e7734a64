package dev.robucap.common.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SpecTest {

    @Test
    void defaultsMatchDesignOneOfTheNotes() {
        var imageNet = ImageNetSpec.defaults();
        assertEquals(128, imageNet.imageSize());
        assertEquals(5000, imageNet.trainImages());
        assertEquals(1000, imageNet.valImages());
        assertEquals(5000, CocoSpec.defaults().images());
    }

    @Test
    void imageNetSpecErrorsNameTheField() {
        assertNamesField("imageSize", () -> new ImageNetSpec(1, 16, 1, 1));
        assertNamesField("trainPerClass", () -> new ImageNetSpec(1, 64, -1, 1));
        assertNamesField("valPerClass", () -> new ImageNetSpec(1, 64, 1, -1));
        assertNamesField("valPerClass", () -> new ImageNetSpec(1, 64, 1, 10_000_000));
    }

    @Test
    void cocoSpecErrorsNameTheField() {
        assertNamesField("imageSize", () -> new CocoSpec(1, 5000, 1, 1, 1, 1));
        assertNamesField("train", () -> new CocoSpec(1, 64, -1, 0, 0, 0));
        assertNamesField("restval", () -> new CocoSpec(1, 64, 0, -1, 0, 0));
        assertNamesField("val", () -> new CocoSpec(1, 64, 0, 0, -1, 0));
        assertNamesField("test", () -> new CocoSpec(1, 64, 0, 0, 0, -1));
        assertNamesField("train + restval", () -> new CocoSpec(1, 64, 600_000, 600_000, 0, 0));
    }

    private static void assertNamesField(String field, Executable construction) {
        var error = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(error.getMessage().startsWith(field + " "), error.getMessage());
    }
}
