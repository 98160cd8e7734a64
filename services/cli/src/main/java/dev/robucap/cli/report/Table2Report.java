package dev.robucap.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's table 2 (top-1 of each encoder variant, uncompressed and at each quality of the ladder) with ours and
 * the paper's rows, and figure 7 (top-1 against JPEG quality per variant) as PNG.
 */
public final class Table2Report {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd)};

    /** variant → (column → top-1 %), columns "clean" then "q80" … as the evaluator writes them. */
    private final Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> paper;
    private final List<String> columns = new ArrayList<>();
    private int images;

    public Table2Report(Map<String, JsonNode> table2, Map<String, Map<String, Double>> paper) {
        table2.forEach((variant, table) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            table.path("top1").fields().forEachRemaining(e -> row.put(e.getKey(), 100 * e.getValue().asDouble()));
            ours.put(variant, row);
            images = table.path("images").asInt();
            if (columns.isEmpty()) {
                columns.addAll(row.keySet());
            }
        });
        // As in the paper: uncompressed first, then from the mildest compression to the harshest.
        columns.sort(Comparator.comparingInt((String column) -> quality(column)).reversed());
        this.paper = paper;
    }

    public int images() {
        return images;
    }

    /** The JPEG quality of a column; the uncompressed column sorts above every quality. */
    private static int quality(String column) {
        return column.equals("clean") ? 101 : Integer.parseInt(column.substring(1));
    }

    private static String paperColumn(String column) {
        return column.equals("clean") ? "orig" : column.substring(1);
    }

    private static String heading(String column) {
        return column.equals("clean") ? "orig" : column;
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (var variant : ours.entrySet()) {
            List<String> row = new ArrayList<>(List.of(variant.getKey() + ", ours"));
            columns.forEach(c -> row.add(String.format(Locale.ROOT, "%.2f", variant.getValue().get(c))));
            rows.add(row);
            Map<String, Double> theirs = paper.get(variant.getKey());
            if (theirs != null) {
                List<String> paperRow = new ArrayList<>(List.of(variant.getKey() + ", paper"));
                columns.forEach(c -> {
                    Double v = theirs.get(paperColumn(c));
                    paperRow.add(v == null ? "–" : String.format(Locale.ROOT, "%.2f", v));
                });
                rows.add(paperRow);
            }
        }
        return rows;
    }

    public String markdown() {
        var md = new StringBuilder("| encoder |");
        columns.forEach(c -> md.append(' ').append(heading(c)).append(" |"));
        md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        rows().forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.toString();
    }

    public String html() {
        var html = new StringBuilder("<table>\n<tr><th>encoder</th>");
        columns.forEach(c -> html.append("<th>").append(heading(c)).append("</th>"));
        html.append("</tr>\n");
        rows().forEach(row -> {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(cell).append("</td>"));
            html.append("</tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    /** Writes {@code table2.csv} and {@code figure7_top1.png}. */
    public void writeFiles(Path dir) throws IOException {
        var csv = new StringBuilder("encoder,source");
        columns.forEach(c -> csv.append(',').append(heading(c)));
        csv.append('\n');
        rows().forEach(row -> {
            String[] name = row.get(0).split(", ");
            csv.append(name[0]).append(',').append(name[1]);
            row.subList(1, row.size()).forEach(cell -> csv.append(',').append(cell.equals("–") ? "" : cell));
            csv.append('\n');
        });
        Files.writeString(dir.resolve("table2.csv"), csv);

        var data = new XYSeriesCollection();
        var renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        int colour = 0;
        for (var variant : ours.entrySet()) {
            Color paint = COLOURS[colour++ % COLOURS.length];
            series = add(data, renderer, series, variant.getKey() + " (robucap)", variant.getValue(), paint, false);
            Map<String, Double> theirs = paper.get(variant.getKey());
            if (theirs != null) {
                Map<String, Double> mapped = new LinkedHashMap<>();
                columns.forEach(c -> mapped.put(c, theirs.get(paperColumn(c))));
                series = add(data, renderer, series, variant.getKey() + " (paper)", mapped, paint, true);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Figure 7: top-1 vs JPEG quality", "JPEG quality "
                + "(uncompressed plotted at 100)", "top-1 (%)", data, PlotOrientation.VERTICAL, true, false, false);
        var plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(dir.resolve("figure7_top1.png").toFile(), chart, 720, 440);
    }

    private int add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, int index, String name,
                    Map<String, Double> row, Color paint, boolean dashed) {
        var series = new XYSeries(name);
        row.forEach((column, value) -> {
            if (value != null) {
                series.add(Math.min(100, quality(column)), value);
            }
        });
        data.addSeries(series);
        renderer.setSeriesPaint(index, paint);
        renderer.setSeriesStroke(index, dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {6f, 4f}, 0f) : new BasicStroke(2.5f));
        return index + 1;
    }
}
