package dev.robucap.driver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LadderTableTest {

    @TempDir
    Path dir;

    private static LadderTable table3() throws Exception {
        var ours = Map.of("base/+2", LadderTable.row(Json.MAPPER.readTree(
                "{\"q2\": 0.101, \"clean\": 0.25, \"q80\": 0.249}"), 100));
        return new LadderTable("encoder / captioner", "BLEU-4 (×100)", ours, PaperTables.table3());
    }

    @Test
    void thePaperTable3IsKeyedByEncoderAndCaptionerData() throws Exception {
        var paper = PaperTables.table3();
        assertEquals(13, paper.size());
        assertEquals(23.7, paper.get("base/+2").get("2"));
        assertEquals(27.1, paper.get("+2/+2").get("orig"));
    }

    @Test
    void rowsShowOursBesideThePapersFromUncompressedToHarshest() throws Exception {
        String md = table3().markdown();
        assertTrue(md.startsWith("| encoder / captioner | source | orig | q80 | q2 |\n"), md);
        assertTrue(md.contains("| base/+2 | ours | 25.00 | 24.90 | 10.10 |\n"), md);
        assertTrue(md.contains("| base/+2 | paper | 26.90 | 26.80 | 23.70 |\n"), md);
    }

    @Test
    void writesTheCsvAndAPngFigure() throws Exception {
        var table = table3();
        table.writeCsv(dir.resolve("t.csv"));
        assertEquals(List.of("encoder/captioner,source,orig,q80,q2", "base/+2,ours,25.00,24.90,10.10",
                "base/+2,paper,26.90,26.80,23.70"), Files.readAllLines(dir.resolve("t.csv")));
        table.writeFigure(dir.resolve("f.png"), "BLEU-4", List.of("base/base", "base/+2"));
        byte[] png = Files.readAllBytes(dir.resolve("f.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }
}
