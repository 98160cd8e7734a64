package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantisationTablesMatchPillowTest {

    private static final JsonNode PILLOW = Reference.json("quant-tables.json").get("tables");

    @Test
    void everyQualityFrom1To100HasPillowsLumaAndChromaTables() {
        for (int q = 1; q <= 100; q++) {
            assertTablesMatchPillow(q);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, 150})
    void outOfRangeQualitiesAreClampedLikePillow(int quality) {
        assertTablesMatchPillow(quality);
    }

    /** The tables each codec writes into its files (libjpeg computes its own on the native path). */
    @ParameterizedTest
    @EnumSource(Implementation.class)
    void filesCarryPillowsTablesForEveryQuality(Implementation implementation) {
        Implementations.assumeRunnable(implementation);
        RgbImage image = Reference.image("gradient-67x45");
        for (int q : IntStream.rangeClosed(0, 101).toArray()) {
            JsonNode pillow = PILLOW.get(String.valueOf(q));
            JpegHeader header = JpegHeader.parse(Jpeg.encode(image, q, implementation));
            assertArrayEquals(ints(pillow.get("luma")), header.quantTables()[0], "luma q=" + q);
            assertArrayEquals(ints(pillow.get("chroma")), header.quantTables()[1], "chroma q=" + q);
        }
    }

    private static void assertTablesMatchPillow(int q) {
        JsonNode pillow = PILLOW.get(String.valueOf(q));
        assertArrayEquals(ints(pillow.get("luma")), Jpeg.quantTable(q, false), "luma q=" + q);
        assertArrayEquals(ints(pillow.get("chroma")), Jpeg.quantTable(q, true), "chroma q=" + q);
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
