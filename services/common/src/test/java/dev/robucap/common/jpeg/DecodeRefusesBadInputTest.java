package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.Reference;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DecodeRefusesBadInputTest {

    static List<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        for (Implementation implementation : Implementations.both()) {
            Reference.json("refusals.json").get("inputs").fields().forEachRemaining(
                    e -> cases.add(Arguments.of(implementation, e.getKey(), e.getValue().asText())));
        }
        return cases;
    }

    /** Huge headers must be refused from the header: decoding 60000x60000 would need 10 GB and minutes. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void refusesQuicklyWithAClearOneLineMessage(Implementation implementation, String input, String expectedMessage) {
        Implementations.assumeRunnable(implementation);
        byte[] bytes = Reference.bytes("inputs/" + input);
        var e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ImageDecodeException.class,
                () -> Jpeg.decode(bytes, DecodeLimits.DEFAULT, implementation)));
        assertTrue(e.getMessage().startsWith(expectedMessage), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void refusesImagesOverACustomPixelLimit(Implementation implementation) {
        Implementations.assumeRunnable(implementation);
        byte[] jpeg = Reference.bytes("pillow-jpegs/gradient-67x45-q80.jpg");
        var e = assertThrows(ImageDecodeException.class,
                () -> Jpeg.decode(jpeg, new DecodeLimits(3000), implementation));
        assertTrue(e.getMessage().equals("image is 67x45 = 0.003015 megapixels, over the 0.003-megapixel limit"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void acceptsAnImageExactlyAtThePixelLimit(Implementation implementation) {
        Implementations.assumeRunnable(implementation);
        byte[] jpeg = Reference.bytes("pillow-jpegs/gradient-67x45-q80.jpg");
        assertTrue(Jpeg.decode(jpeg, new DecodeLimits(67 * 45), implementation).pixelCount() == 67 * 45);
    }
}
