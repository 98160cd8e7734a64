package dev.robucap.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The image-quality part of the report: the paper's table 1 layout with our numbers and the paper's side by side,
 * and figures 1–2 (PSNR and SSIM against JPEG quality, mean ± std) as PNG, in Markdown and HTML.
 */
public final class Table1Report {

    /** One quality of our table 1 (from the evaluator's {@code table1.json}). */
    public record Row(int quality, int images, double psnrMean, double psnrStd, double ssimMean, double ssimStd,
                      double ssimYMean, double ssimYStd) {
        static Row of(JsonNode n) {
            return new Row(n.path("quality").asInt(), n.path("images").asInt(), n.path("psnr_mean_db").asDouble(),
                    n.path("psnr_std_db").asDouble(), n.path("ssim_mean").asDouble(), n.path("ssim_std").asDouble(),
                    n.path("ssim_y_mean").asDouble(), n.path("ssim_y_std").asDouble());
        }
    }

    private final List<Row> rows;
    private final Map<String, Map<Integer, Double>> paper;

    public Table1Report(JsonNode table1, Map<String, Map<Integer, Double>> paper) {
        var list = new ArrayList<Row>();
        table1.path("rows").forEach(n -> list.add(Row.of(n)));
        this.rows = List.copyOf(list);
        this.paper = paper;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Writes {@code figure1_psnr.png}, {@code figure2_ssim.png} and {@code table1.csv} into {@code dir}. */
    public void writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        plot(dir.resolve("figure1_psnr.png"), "Figure 1: PSNR vs JPEG quality", "PSNR (dB)",
                "psnr_mean_db", "psnr_std_db", Row::psnrMean, Row::psnrStd);
        plot(dir.resolve("figure2_ssim.png"), "Figure 2: SSIM vs JPEG quality", "SSIM",
                "ssim_mean", "ssim_std", Row::ssimMean, Row::ssimStd);
        var csv = new StringBuilder("quality,images,psnr_mean_db,psnr_std_db,ssim_mean,ssim_std,ssim_y_mean,"
                + "ssim_y_std,paper_psnr_mean_db,paper_psnr_std_db,paper_ssim_mean,paper_ssim_std\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%s,%s,%s,%s%n", r.quality(),
                    r.images(), r.psnrMean(), r.psnrStd(), r.ssimMean(), r.ssimStd(), r.ssimYMean(), r.ssimYStd(),
                    paperCell("psnr_mean_db", r.quality()), paperCell("psnr_std_db", r.quality()),
                    paperCell("ssim_mean", r.quality()), paperCell("ssim_std", r.quality())));
        }
        Files.writeString(dir.resolve("table1.csv"), csv);
    }

    /** The table's lines: a name and how to print one quality's cell; ours and the paper's interleaved. */
    private List<Map.Entry<String, Function<Row, String>>> lines() {
        return List.of(
                Map.entry("PSNR (dB), ours", r -> fmt(r.psnrMean(), 2) + " ± " + fmt(r.psnrStd(), 2)),
                Map.entry("PSNR (dB), paper", r -> paperPair("psnr_mean_db", "psnr_std_db", r.quality(), 2)),
                Map.entry("SSIM, ours", r -> fmt(r.ssimMean(), 3) + " ± " + fmt(r.ssimStd(), 3)),
                Map.entry("SSIM, paper", r -> paperPair("ssim_mean", "ssim_std", r.quality(), 2)),
                Map.entry("SSIM on luma, ours", r -> fmt(r.ssimYMean(), 3) + " ± " + fmt(r.ssimYStd(), 3)));
    }

    /** Table 1 as a Markdown table, one column per quality as in the paper. */
    public String markdown() {
        var md = new StringBuilder("| metric |");
        rows.forEach(r -> md.append(" q").append(r.quality()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(rows.size())).append('\n');
        for (var line : lines()) {
            md.append("| ").append(line.getKey()).append(" |");
            rows.forEach(r -> md.append(' ').append(line.getValue().apply(r)).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    /** The same table in HTML. */
    public String html() {
        var html = new StringBuilder("<table>\n<tr><th>metric</th>");
        rows.forEach(r -> html.append("<th>q").append(r.quality()).append("</th>"));
        html.append("</tr>\n");
        for (var line : lines()) {
            html.append("<tr><td>").append(line.getKey()).append("</td>");
            rows.forEach(r -> html.append("<td>").append(line.getValue().apply(r)).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private String paperPair(String mean, String std, int quality, int digits) {
        Double m = paper.getOrDefault(mean, Map.of()).get(quality);
        Double s = paper.getOrDefault(std, Map.of()).get(quality);
        return m == null ? "–" : fmt(m, digits) + (s == null ? "" : " ± " + fmt(s, digits));
    }

    private String paperCell(String metric, int quality) {
        Double v = paper.getOrDefault(metric, Map.of()).get(quality);
        return v == null ? "" : v.toString();
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private void plot(Path file, String title, String axis, String paperMean, String paperStd,
                      ToDoubleFunction<Row> mean, ToDoubleFunction<Row> std)
            throws IOException {
        var ours = new YIntervalSeries("robucap (synthetic data)");
        rows.forEach(r -> ours.add(r.quality(), mean.applyAsDouble(r), mean.applyAsDouble(r) - std.applyAsDouble(r),
                mean.applyAsDouble(r) + std.applyAsDouble(r)));
        var theirs = new YIntervalSeries("paper (COCO Karpathy test)");
        paper.getOrDefault(paperMean, Map.of()).forEach((q, m) -> {
            double s = paper.getOrDefault(paperStd, Map.of()).getOrDefault(q, 0.0);
            theirs.add(q, m, m - s, m + s);
        });
        var data = new YIntervalSeriesCollection();
        data.addSeries(ours);
        data.addSeries(theirs);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "JPEG quality", axis, data,
                PlotOrientation.VERTICAL, true, false, false);
        var renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xff7f0e));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        var plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 720, 440);
    }
}
