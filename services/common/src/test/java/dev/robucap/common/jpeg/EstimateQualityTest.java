package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EstimateQualityTest {

    @ParameterizedTest
    @ValueSource(ints = {100, 80, 61, 41, 31, 22, 17, 12, 10, 7, 5, 3, 2})
    void findsTheQualityPillowWroteWith(int quality) {
        assertEquals(quality, Jpeg.estimateQuality(Reference.bytes("pillow-jpegs/gradient-67x45-q" + quality + ".jpg")));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void findsTheQualityOfOurOwnFilesForEveryQuality(Implementation implementation) {
        Implementations.assumeRunnable(implementation);
        RgbImage image = Reference.image("gradient-67x45");
        for (int q = 1; q <= 100; q++) {
            assertEquals(q, Jpeg.estimateQuality(Jpeg.encode(image, q, implementation)), "q=" + q);
        }
    }

    @Test
    void readsSixteenBitTables() {
        byte[] jpeg = Jpeg.encode(Reference.image("gradient-67x45"), 37);
        assertEquals(37, Jpeg.estimateQuality(withSixteenBitLumaTable(jpeg)));
    }

    @Test
    void theIjgQualityIsThatOfAnIjgTableAndNoneOfAnotherTable() {
        byte[] jpeg = Jpeg.encode(Reference.image("gradient-67x45"), 40);
        assertEquals(OptionalInt.of(40), Jpeg.ijgQuality(jpeg));
        assertEquals(OptionalInt.of(37), Jpeg.ijgQuality(withSixteenBitLumaTable(Jpeg.encode(
                Reference.image("gradient-67x45"), 37))));
        byte[] custom = jpeg.clone();
        custom[indexOf(custom, (byte) 0xFF, (byte) 0xDB) + 5]++; // the luma table's first entry, one step off
        assertEquals(OptionalInt.empty(), Jpeg.ijgQuality(custom));
        assertEquals(40, Jpeg.estimateQuality(custom), "the estimate still finds the nearest table");
    }

    @Test
    void refusesAJpegWithoutQuantisationTables() {
        byte[] noTables = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0,
            (byte) 0xFF, (byte) 0xDA, 0, 2};
        var e = assertThrows(ImageDecodeException.class, () -> Jpeg.estimateQuality(noTables));
        assertTrue(e.getMessage().contains("no quantisation table"), e.getMessage());
    }

    @Test
    void refusesDataThatIsNotAJpeg() {
        var e = assertThrows(ImageDecodeException.class, () -> Jpeg.estimateQuality(Reference.bytes("inputs/grey.png")));
        assertTrue(e.getMessage().startsWith("not a JPEG"), e.getMessage());
    }

    /** Rewrites the first DQT table (the luma one) with 16-bit precision, same values. */
    private static byte[] withSixteenBitLumaTable(byte[] jpeg) {
        int dqt = indexOf(jpeg, (byte) 0xFF, (byte) 0xDB);
        int length = (jpeg[dqt + 2] & 0xff) << 8 | (jpeg[dqt + 3] & 0xff);
        int table = dqt + 4;
        assertEquals(0, jpeg[table], "first table is 8-bit table 0");
        byte[] out = new byte[jpeg.length + 64];
        System.arraycopy(jpeg, 0, out, 0, dqt);
        int newLength = length + 64;
        out[dqt] = (byte) 0xFF;
        out[dqt + 1] = (byte) 0xDB;
        out[dqt + 2] = (byte) (newLength >> 8);
        out[dqt + 3] = (byte) newLength;
        out[table] = 0x10;
        for (int i = 0; i < 64; i++) {
            int value = jpeg[table + 1 + i] & 0xff;
            out[table + 1 + 2 * i] = (byte) (value >> 8);
            out[table + 2 + 2 * i] = (byte) value;
        }
        System.arraycopy(jpeg, table + 65, out, table + 129, jpeg.length - table - 65);
        return out;
    }

    private static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        throw new AssertionError("marker not found in " + Arrays.toString(Arrays.copyOf(data, 8)));
    }
}
