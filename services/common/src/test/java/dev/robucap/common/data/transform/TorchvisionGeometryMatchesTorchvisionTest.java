package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TorchvisionGeometryMatchesTorchvisionTest {

    static Stream<Named<JsonNode>> resizeSizes() {
        return TransformVectors.section("resizeSizes");
    }

    static Stream<Named<JsonNode>> centerCrops() {
        return TransformVectors.section("centerCrops");
    }

    static Stream<Named<JsonNode>> randomResizedCropFallbacks() {
        return TransformVectors.section("randomResizedCropFallbacks");
    }

    @ParameterizedTest
    @MethodSource("resizeSizes")
    void shorterSideResizeHasTorchvisionsSize(JsonNode v) {
        var size = TorchvisionGeometry.resizeShorterSide(v.get("width").asInt(), v.get("height").asInt(),
                v.get("size").asInt());
        assertEquals(new TorchvisionGeometry.Size(v.get("resizedWidth").asInt(), v.get("resizedHeight").asInt()),
                size);
    }

    /** Odd margins 1, 3, 5, 7 and 9 round half to even, as Python's round does. */
    @ParameterizedTest
    @MethodSource("centerCrops")
    void centerCropHasTorchvisionsOffsetsAndPixels(JsonNode v) {
        var image = TransformVectors.image(v.get("image").asText());
        var box = TorchvisionGeometry.centerCrop(image.width(), image.height(), v.get("cropWidth").asInt(),
                v.get("cropHeight").asInt());
        assertEquals(v.get("left").asInt(), box.left());
        assertEquals(v.get("top").asInt(), box.top());
        assertEquals(v.get("sha256").asText(), PillowResize.crop(image, box).sha256());
    }

    /** With scale (2, 2) no try fits, so torchvision's get_params always falls back: no randomness involved. */
    @ParameterizedTest
    @MethodSource("randomResizedCropFallbacks")
    void fallbackCropIsTorchvisions(JsonNode v) {
        var crop = new RandomResizedCrop(8, 2.0, 2.0, 3.0 / 4.0, 4.0 / 3.0);
        var box = crop.sample(v.get("width").asInt(), v.get("height").asInt(), new java.util.SplittableRandom(1));
        assertEquals(new CropBox(v.get("left").asInt(), v.get("top").asInt(), v.get("cropWidth").asInt(),
                v.get("cropHeight").asInt()), box);
    }

    @Test
    void centerCropLargerThanTheImageIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TorchvisionGeometry.centerCrop(200, 300, 224, 224));
        assertEquals("center crop 224x224 is larger than the 200x300 image", e.getMessage());
    }
}
