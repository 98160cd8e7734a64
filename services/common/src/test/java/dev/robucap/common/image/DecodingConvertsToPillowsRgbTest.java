package dev.robucap.common.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.jpeg.Jpeg;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grey, palette, 16-bit, alpha, CMYK, BMP and GIF inputs, and progressive, 4:4:4 and 4:2:2 JPEGs, decode to the RGB
 * that Pillow's convert('RGB') gives.
 */
class DecodingConvertsToPillowsRgbTest {

    private static final JsonNode PILLOW = Reference.json("conversions.json").get("inputs");

    @ParameterizedTest
    @ValueSource(strings = {"grey.png", "palette.png", "rgba.png", "rgb16.png", "grey.jpg", "cmyk.jpg", "rgb.bmp",
        "palette.gif", "progressive.jpg", "444.jpg", "422.jpg"})
    void decodedPixelsEqualPillowsRgbConversion(String input) {
        JsonNode expected = PILLOW.get(input);
        RgbImage decoded = Jpeg.decode(Reference.bytes("inputs/" + input));
        assertEquals(List.of(expected.get("width").asInt(), expected.get("height").asInt()),
                List.of(decoded.width(), decoded.height()));
        assertEquals(expected.get("pixelsSha256").asText(), decoded.sha256(), input + " (Pillow mode "
                + expected.get("pillowMode").asText() + ")");
    }
}
