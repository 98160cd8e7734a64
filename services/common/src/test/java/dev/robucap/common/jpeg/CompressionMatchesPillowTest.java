package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.image.Reference;
import dev.robucap.common.image.Reference.LadderVector;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Single and double compression of every test image at every ladder quality, against Pillow 9.4, by both codecs. */
class CompressionMatchesPillowTest {

    private static final List<Integer> LADDER = List.of(100, 80, 61, 41, 31, 22, 17, 12, 10, 7, 5, 3, 2);

    static List<Arguments> ladder() {
        return Implementations.times(Reference.ladder());
    }

    static List<Arguments> ladderQualities() {
        return Implementations.times(LADDER);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ladder")
    void filesAreByteIdenticalToPillowsAndDecodeToPillowsPixels(Implementation implementation, LadderVector v) {
        Implementations.assumeRunnable(implementation);
        RgbImage original = Reference.image(v.image());
        byte[] file = Jpeg.encode(original, v.quality(), implementation);
        if (v.isDouble()) {
            file = Jpeg.encode(Jpeg.decode(file, DecodeLimits.DEFAULT, implementation), 75, implementation);
        }
        assertEquals(v.pixelsSha256(), Jpeg.decode(file, DecodeLimits.DEFAULT, implementation).sha256(),
                "decoded pixels");
        assertEquals(v.fileSha256(), sha256(file), "file bytes");
    }

    @ParameterizedTest(name = "{0} q={1}")
    @MethodSource("ladderQualities")
    void decodingPillowsFileGivesPillowsPixels(Implementation implementation, int quality) {
        Implementations.assumeRunnable(implementation);
        String pillowPixels = Reference.ladder().stream()
                .filter(v -> v.image().equals("gradient-67x45") && !v.isDouble() && v.quality() == quality)
                .findFirst().orElseThrow().pixelsSha256();
        byte[] pillowFile = Reference.bytes("pillow-jpegs/gradient-67x45-q" + quality + ".jpg");
        assertEquals(pillowPixels, Jpeg.decode(pillowFile, DecodeLimits.DEFAULT, implementation).sha256());
    }

    /** The public entry points, whichever codec they pick here. */
    @Test
    void compressAndDoubleCompressWritePillowsFiles() {
        RgbImage original = Reference.image("photo-201x149");
        for (LadderVector v : Reference.ladder()) {
            if (v.image().equals("photo-201x149") && v.quality() == 22) {
                byte[] file = v.isDouble() ? Jpeg.doubleCompress(original, 22, 75) : Jpeg.compress(original, 22);
                assertEquals(v.fileSha256(), sha256(file), v.toString());
            }
        }
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
