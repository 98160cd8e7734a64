package dev.robucap.cli.report;

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
        List<Integer> qualities = new ArrayList<>();
        try (var in = PaperTables.class.getResourceAsStream("/paper/table1_psnr_ssim.csv")) {
            if (in == null) {
                throw new IOException("the paper's table 1 is missing from the tool's resources");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells[0].equals("metric")) {
                    for (int i = 1; i < cells.length; i++) {
                        qualities.add(Integer.parseInt(cells[i].strip()));
                    }
                    continue;
                }
                Map<Integer, Double> row = new LinkedHashMap<>();
                for (int i = 1; i < cells.length; i++) {
                    row.put(qualities.get(i - 1), Double.parseDouble(cells[i].strip()));
                }
                table.put(cells[0], row);
            }
        }
        return table;
    }
}
