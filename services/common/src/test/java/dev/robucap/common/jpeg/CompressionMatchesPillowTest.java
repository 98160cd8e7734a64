package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.image.Reference;
import dev.robucap.common.image.Reference.LadderVector;
import dev.robucap.common.image.RgbImage;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Single and double compression of every test image at every ladder quality, against Pillow 9.4. */
class CompressionMatchesPillowTest {

    static List<LadderVector> ladder() {
        return Reference.ladder();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladder")
    void filesAreByteIdenticalToPillowsAndDecodeToPillowsPixels(LadderVector v) {
        RgbImage original = Reference.image(v.image());
        byte[] file = v.isDouble() ? Jpeg.doubleCompress(original, v.quality(), 75) : Jpeg.compress(original, v.quality());
        assertEquals(v.pixelsSha256(), Jpeg.decode(file).sha256(), "decoded pixels");
        assertEquals(v.fileSha256(), sha256(file), "file bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 80, 61, 41, 31, 22, 17, 12, 10, 7, 5, 3, 2})
    void decodingPillowsFileGivesPillowsPixels(int quality) {
        String pillowPixels = ladder().stream()
                .filter(v -> v.image().equals("gradient-67x45") && !v.isDouble() && v.quality() == quality)
                .findFirst().orElseThrow().pixelsSha256();
        byte[] pillowFile = Reference.bytes("pillow-jpegs/gradient-67x45-q" + quality + ".jpg");
        assertEquals(pillowPixels, Jpeg.decode(pillowFile).sha256());
    }

    @Test
    void roundTripIsDecodeOfEncode() {
        RgbImage original = Reference.image("text-128x96");
        assertEquals(Jpeg.decode(Jpeg.encode(original, 31)).sha256(), Jpeg.roundTrip(original, 31).sha256());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
