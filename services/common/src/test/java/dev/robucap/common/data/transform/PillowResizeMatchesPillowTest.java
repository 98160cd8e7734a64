package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.image.RgbImage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PillowResizeMatchesPillowTest {

    static Stream<Named<JsonNode>> resizes() {
        return TransformVectors.section("resizes");
    }

    static Stream<Named<JsonNode>> resizedCrops() {
        return TransformVectors.section("resizedCrops");
    }

    @ParameterizedTest
    @MethodSource("resizes")
    void resizeGivesPillowsBytes(JsonNode v) {
        RgbImage out = PillowResize.resize(TransformVectors.image(v.get("image").asText()),
                v.get("width").asInt(), v.get("height").asInt());
        assertEquals(v.get("width").asInt(), out.width());
        assertEquals(v.get("height").asInt(), out.height());
        assertEquals(v.get("sha256").asText(), out.sha256());
    }

    @ParameterizedTest
    @MethodSource("resizedCrops")
    void cropThenResizeGivesTorchvisionsResizedCropBytes(JsonNode v) {
        var box = new CropBox(v.get("left").asInt(), v.get("top").asInt(), v.get("width").asInt(),
                v.get("height").asInt());
        int size = v.get("size").asInt();
        RgbImage out = PillowResize.resize(TransformVectors.image(v.get("image").asText()), box, size, size);
        assertEquals(v.get("sha256").asText(), out.sha256());
        assertEquals(v.get("mirroredSha256").asText(), ImageNetTransforms.mirror(out).sha256());
    }

    /** Both passes, one pass each way, and none: the window of a resize is the resize's pixels. */
    @ParameterizedTest(name = "500x375 -> {0}x{1}, window {2}x{3} at ({4}, {5})")
    @CsvSource({"341, 256, 224, 224, 58, 16", "500, 200, 100, 50, 400, 150", "250, 375, 30, 375, 0, 0",
            "500, 375, 7, 9, 493, 366", "37, 29, 37, 29, 0, 0"})
    void resizeThenCropComputesOnlyTheWindowOfTheSameBytes(int width, int height, int windowWidth,
                                                            int windowHeight, int left, int top) {
        var image = TransformVectors.pattern(500, 375);
        var window = new CropBox(left, top, windowWidth, windowHeight);
        assertEquals(PillowResize.crop(PillowResize.resize(image, width, height), window).sha256(),
                PillowResize.resizeThenCrop(image, width, height, window).sha256());
    }

    @Test
    void cropOutsideTheImageIsRefused() {
        var image = TransformVectors.pattern(10, 8);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PillowResize.resize(image, new CropBox(5, 0, 6, 8), 4, 4));
        assertEquals("crop 6x8 at (5, 0) reaches outside the 10x8 image", e.getMessage());
    }

    @Test
    void concurrentResizesAgree() {
        var image = TransformVectors.pattern(500, 375);
        String expected = PillowResize.resize(image, 224, 224).sha256();
        Stream.generate(() -> image).limit(64).parallel()
                .forEach(i -> assertEquals(expected, PillowResize.resize(i, 224, 224).sha256()));
    }
}
