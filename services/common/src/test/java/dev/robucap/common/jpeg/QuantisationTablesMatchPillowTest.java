package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.image.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
