package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Grey, CMYK, progressive, 4:4:4 and 4:2:2 JPEGs decode to Pillow's convert('RGB') through both codecs. */
class JpegInputsDecodeLikePillowTest {

    private static final JsonNode PILLOW = Reference.json("conversions.json").get("inputs");

    static List<Arguments> inputs() {
        return Implementations.times(List.of("grey.jpg", "cmyk.jpg", "progressive.jpg", "444.jpg", "422.jpg"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("inputs")
    void decodedPixelsEqualPillows(Implementation implementation, String input) {
        Implementations.assumeRunnable(implementation);
        JsonNode expected = PILLOW.get(input);
        RgbImage decoded = Jpeg.decode(Reference.bytes("inputs/" + input), DecodeLimits.DEFAULT, implementation);
        assertEquals(List.of(expected.get("width").asInt(), expected.get("height").asInt()),
                List.of(decoded.width(), decoded.height()));
        assertEquals(expected.get("pixelsSha256").asText(), decoded.sha256(), input);
    }
}
