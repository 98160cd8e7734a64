package dev.robucap.driver.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The paper's appendix tables, shipped with the tool ({@code /paper/*.csv}), for side-by-side comparison. */
public final class PaperTables {

    private PaperTables() {
    }

    /** Table 1 as metric → (quality → value), e.g. {@code ssim_mean → {80 → 0.92, …}}. */
    public static Map<String, Map<Integer, Double>> table1() throws IOException {
        Map<String, Map<Integer, Double>> table = new LinkedHashMap<>();
        read("table1_psnr_ssim.csv", 1).forEach((metric, row) -> {
            Map<Integer, Double> byQuality = new LinkedHashMap<>();
            row.forEach((quality, value) -> byQuality.put(Integer.parseInt(quality), value));
            table.put(metric, byQuality);
        });
        return table;
    }

    /** Table 2 as encoder variant → (column → top-1 in %), columns {@code orig}, {@code 80}, …, {@code 2}. */
    public static Map<String, Map<String, Double>> table2() throws IOException {
        return read("table2_top1.csv", 1);
    }

    /**
     * Table 3 as "encoder/captioner" (e.g. {@code base/+22}) → (column → BLEU-4 ×100), columns {@code orig},
     * {@code 80}, …, {@code 2}.
     */
    public static Map<String, Map<String, Double>> table3() throws IOException {
        return read("table3_bleu4.csv", 2);
    }

    /**
     * A CSV with a header row: the first {@code keys} cells of each row, joined by '/', → (header → value); '#' lines
     * are comments.
     */
    private static Map<String, Map<String, Double>> read(String name, int keys) throws IOException {
        Map<String, Map<String, Double>> table = new LinkedHashMap<>();
        List<String> header = new ArrayList<>();
        try (var in = PaperTables.class.getResourceAsStream("/paper/" + name)) {
            if (in == null) {
                throw new IOException("the paper's " + name + " is missing from the tool's resources");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                if (header.isEmpty()) {
                    for (int i = keys; i < cells.length; i++) {
                        header.add(cells[i].strip());
                    }
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = keys; i < cells.length; i++) {
                    row.put(header.get(i - keys), Double.parseDouble(cells[i].strip()));
                }
                List<String> key = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    key.add(cells[i].strip());
                }
                table.put(String.join("/", key), row);
            }
        }
        return table;
    }
}
