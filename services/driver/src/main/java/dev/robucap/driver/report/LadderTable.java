package dev.robucap.driver.report;

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
 * A metric over the JPEG ladder in the paper's layout (its tables 2 and 3): one row per model variant, ours and the
 * paper's beside it, uncompressed first and then from the mildest compression to the harshest; and line figures of
 * chosen rows against quality (figures 7-11), ours solid, the paper's dashed in the same colour.
 */
public final class LadderTable {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};

    private final String rowHeading;
    private final String metric;
    /** row → (column → value), columns "clean" then "q80" … as the evaluator writes them. */
    private final Map<String, Map<String, Double>> ours;
    /** row → (paper column → value), paper columns "orig", "80", …. */
    private final Map<String, Map<String, Double>> paper;
    private final List<String> columns = new ArrayList<>();

    /**
     * @param rowHeading what a row is, e.g. "encoder"
     * @param metric     the values' name and unit, e.g. "top-1 (%)"
     */
    public LadderTable(String rowHeading, String metric, Map<String, Map<String, Double>> ours,
                       Map<String, Map<String, Double>> paper) {
        this.rowHeading = rowHeading;
        this.metric = metric;
        this.ours = ours;
        this.paper = paper;
        ours.values().stream().findFirst().ifPresent(row -> columns.addAll(row.keySet()));
        columns.sort(Comparator.comparingInt((String column) -> quality(column)).reversed());
    }

    /** An evaluator's {@code {"clean": x, "q80": y, …}} as a row, each value multiplied by {@code scale}. */
    public static Map<String, Double> row(JsonNode values, double scale) {
        Map<String, Double> row = new LinkedHashMap<>();
        values.fields().forEachRemaining(e -> row.put(e.getKey(), scale * e.getValue().asDouble()));
        return row;
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
            List<String> row = new ArrayList<>(List.of(variant.getKey(), "ours"));
            columns.forEach(c -> row.add(format(variant.getValue().get(c))));
            rows.add(row);
            Map<String, Double> theirs = paper.get(variant.getKey());
            if (theirs != null) {
                List<String> paperRow = new ArrayList<>(List.of(variant.getKey(), "paper"));
                columns.forEach(c -> paperRow.add(format(theirs.get(paperColumn(c)))));
                rows.add(paperRow);
            }
        }
        return rows;
    }

    private static String format(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    public String markdown() {
        var md = new StringBuilder("| " + rowHeading + " | source |");
        columns.forEach(c -> md.append(' ').append(heading(c)).append(" |"));
        md.append("\n|---|---|").append("---:|".repeat(columns.size())).append('\n');
        rows().forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.toString();
    }

    public String html() {
        var html = new StringBuilder("<table>\n<tr><th>" + rowHeading + "</th><th>source</th>");
        columns.forEach(c -> html.append("<th>").append(heading(c)).append("</th>"));
        html.append("</tr>\n");
        rows().forEach(row -> {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(cell).append("</td>"));
            html.append("</tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    public void writeCsv(Path file) throws IOException {
        var csv = new StringBuilder(rowHeading.replace(" ", "") + ",source");
        columns.forEach(c -> csv.append(',').append(heading(c)));
        csv.append('\n');
        rows().forEach(row -> {
            csv.append(String.join(",", row.subList(0, 2)));
            row.subList(2, row.size()).forEach(cell -> csv.append(',').append(cell.equals("–") ? "" : cell));
            csv.append('\n');
        });
        Files.writeString(file, csv);
    }

    /** A PNG of {@code rows} (those we have) against JPEG quality, ours and the paper's. */
    public void writeFigure(Path file, String title, List<String> rows) throws IOException {
        var data = new XYSeriesCollection();
        var renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        int colour = 0;
        for (String name : rows) {
            Map<String, Double> row = ours.get(name);
            if (row == null) {
                continue;
            }
            Color paint = COLOURS[colour++ % COLOURS.length];
            series = add(data, renderer, series, name + " (robucap)", row, paint, false);
            Map<String, Double> theirs = paper.get(name);
            if (theirs != null) {
                Map<String, Double> mapped = new LinkedHashMap<>();
                columns.forEach(c -> mapped.put(c, theirs.get(paperColumn(c))));
                series = add(data, renderer, series, name + " (paper)", mapped, paint, true);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "JPEG quality (uncompressed plotted at 100)", metric,
                data, PlotOrientation.VERTICAL, true, false, false);
        var plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 720, 440);
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
