package dev.robucap.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.plan.DataSet;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The run's report: {@code index.html} and {@code report.md} with the paper's table 1 beside ours, the PNG
 * figures, the CSV, and the run's configuration and timings; written to a local directory and to S3.
 */
public final class Report {

    private final Experiment experiment;
    private final Table1Report table1;
    private final LadderTable table2;
    private final int table2Images;
    private final LadderTable table3;
    /** The same captions scored as pycocoevalcap scores them; null when the evaluations predate it. */
    private final LadderTable table3Coco;
    private final Map<String, JsonNode> table3Json;
    private final int table1Images;
    private final DataSet coco;
    private final DataSet imagenet;
    private final SampleCaptions samples;
    private final Map<String, Double> timings;

    /**
     * {@code table2} (encoder variant → the evaluator's table2.json) and {@code imagenet} are empty/null without
     * encoders; {@code table3} ("encoder/captioner" → the evaluator's table3.json) and {@code samples} are
     * empty/null without captioners.
     */
    public Report(Experiment experiment, JsonNode table1, Map<String, JsonNode> table2, Map<String, JsonNode> table3,
                  DataSet coco, DataSet imagenet, SampleCaptions samples, Map<String, Double> timings)
            throws IOException {
        this.experiment = experiment;
        this.table1 = new Table1Report(table1, PaperTables.table1());
        Map<String, Map<String, Double>> top1 = new LinkedHashMap<>();
        table2.forEach((variant, table) -> top1.put(variant, LadderTable.row(table.path("top1"), 100)));
        this.table2 = table2.isEmpty() ? null : new LadderTable("encoder", "top-1 (%)", top1, PaperTables.table2());
        this.table2Images = table2.values().stream().mapToInt(t -> t.path("images").asInt()).max().orElse(0);
        Map<String, Map<String, Double>> bleu4 = new LinkedHashMap<>();
        table3.forEach((cell, table) -> bleu4.put(cell, LadderTable.row(table.path("bleu4"), 100)));
        this.table3 = table3.isEmpty() ? null : new LadderTable("encoder / captioner", "BLEU-4 (×100)", bleu4,
                PaperTables.table3());
        Map<String, Map<String, Double>> cocoBleu4 = new LinkedHashMap<>();
        table3.forEach((cell, table) -> {
            if (table.has("coco_bleu4")) {
                cocoBleu4.put(cell, LadderTable.row(table.path("coco_bleu4"), 100));
            }
        });
        this.table3Coco = cocoBleu4.isEmpty() || cocoBleu4.size() != table3.size() ? null
                : new LadderTable("encoder / captioner", "COCO-caption BLEU-4 (×100)", cocoBleu4,
                        PaperTables.table3());
        this.table3Json = table3;
        this.table1Images = table1.path("images").asInt();
        this.coco = coco;
        this.imagenet = imagenet;
        this.samples = samples;
        this.timings = timings;
    }

    public void write(Path dir, ArtifactStore store, String prefix) throws IOException {
        table1.writeFiles(dir);
        if (table2 != null) {
            table2.writeCsv(dir.resolve("table2.csv"));
            table2.writeFigure(dir.resolve("figure7_top1.png"), "Figure 7: top-1 vs JPEG quality",
                    List.copyOf(experiment.spec().encoder().variants()));
        }
        if (table3 != null) {
            table3.writeCsv(dir.resolve("table3.csv"));
            if (table3Coco != null) {
                table3Coco.writeCsv(dir.resolve("table3_coco_bleu.csv"));
            }
            for (Figure figure : bleuFigures()) {
                table3.writeFigure(dir.resolve(figure.file()), figure.title(), figure.rows());
            }
        }
        if (samples != null) {
            for (var image : samples.images()) {
                for (var shot : image.shots().entrySet()) {
                    Files.write(dir.resolve(SampleCaptions.file(image, shot.getKey())), shot.getValue());
                }
            }
        }
        Files.writeString(dir.resolve("report.md"), markdown());
        Files.writeString(dir.resolve("index.html"), html());
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                store.put(prefix + "/" + file.getFileName(), Files.readAllBytes(file), contentType(file));
            }
        }
    }

    private record Figure(String file, String title, List<String> rows) {
    }

    /**
     * Figures 8-11 of the paper: for each augmentation quality q in the grid, BLEU-4 against quality of the baseline
     * (base/base) and of the cells trained with q (base/+q, +q/base, +q/+q); one figure of every cell without any.
     */
    private List<Figure> bleuFigures() {
        var qualities = new TreeSet<Integer>(Comparator.reverseOrder());
        var grid = experiment.spec().captioner().grid();
        grid.forEach(cell -> Stream.of(cell.encoder(), cell.captioner()).map(Experiment::augmentationQuality)
                .filter(Objects::nonNull).forEach(qualities::add));
        if (qualities.isEmpty()) {
            return List.of(new Figure("figure_bleu4.png", "BLEU-4 vs JPEG quality",
                    grid.stream().map(Experiment.GridCell::label).toList()));
        }
        List<Figure> figures = new ArrayList<>();
        for (int q : qualities) {
            String plus = "+" + q;
            List<String> rows = Stream.of("base/base", "base/" + plus, plus + "/base", plus + "/" + plus).toList();
            figures.add(new Figure("figure_bleu4_q" + q + ".png", "BLEU-4 vs JPEG quality: augmentation at q=" + q,
                    rows));
        }
        return figures;
    }

    private String table3Caption() {
        int images = table3Json.values().stream().mapToInt(t -> t.path("images").asInt()).max().orElse(0);
        return "BLEU-4 (×100; nltk corpus_bleu, not pycocoevalcap) of Show, Attend and Tell captioners by the data "
                + "their encoder and their captioner were trained on (base, or +q: the originals plus their "
                + "double-compressed copies), beam search, on the " + images + " test images of the Karpathy split, "
                + "uncompressed (orig) and compressed at each quality. The paper's rows are COCO's 5,000 test images "
                + "after 20 + 6 epochs; ours: " + coco.description() + ".";
    }

    private static final String COCO_CAPTION = "The same captions scored by COCO-caption's BLEU-4 (pycocoevalcap's "
            + "BleuScorer, option closest, over our tokens, without its PTB tokenizer): within 1e-9 of nltk's when "
            + "every caption has four or more words and every order matches, apart when captions are short.";

    private String table3Markdown() {
        if (table3 == null) {
            return "";
        }
        var md = new StringBuilder("## Table 3: BLEU-4 of the captioners on JPEG-compressed test images\n\n"
                + table3Caption() + "\n\n" + table3.markdown() + "\n");
        if (table3Coco != null) {
            md.append(COCO_CAPTION).append("\n\n").append(table3Coco.markdown()).append('\n');
        }
        bleuFigures().forEach(f -> md.append("![").append(f.title()).append("](").append(f.file()).append(")\n\n"));
        if (samples != null) {
            md.append("### Sample captions\n\n").append(SAMPLES_CAPTION).append("\n\n");
            for (var image : samples.images()) {
                md.append("Test image ").append(image.cocoid()).append(", a reference: *").append(image.reference())
                        .append("*\n\n| quality | image | ").append(String.join(" | ", image.captions().keySet()))
                        .append(" |\n|---|---|").append("---|".repeat(image.captions().size())).append('\n');
                for (String column : samples.columns()) {
                    md.append("| ").append(column).append(" | ![").append(column).append("](")
                            .append(SampleCaptions.file(image, column)).append(") |");
                    image.captions().values().forEach(row -> md.append(' ').append(row.get(column)).append(" |"));
                    md.append('\n');
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static final String SAMPLES_CAPTION = "The first test images as the captioners read them, clean and at the "
            + "lowest qualities of the ladder, with each grid cell's caption (beam search).";

    private String table3Html() {
        if (table3 == null) {
            return "";
        }
        var html = new StringBuilder("<h2>Table 3: BLEU-4 of the captioners on JPEG-compressed test images</h2>\n"
                + "<p>" + escape(table3Caption()) + "</p>\n" + table3.html()
                + (table3Coco == null ? "" : "<p>" + escape(COCO_CAPTION) + "</p>\n" + table3Coco.html()) + "<p>");
        bleuFigures().forEach(f -> html.append("<img src=\"").append(f.file()).append("\" alt=\"")
                .append(escape(f.title())).append("\">"));
        html.append("</p>\n");
        if (samples != null) {
            html.append("<h3>Sample captions</h3>\n<p>").append(escape(SAMPLES_CAPTION)).append("</p>\n");
            for (var image : samples.images()) {
                html.append("<p>Test image ").append(image.cocoid()).append(", a reference: <em>")
                        .append(escape(image.reference())).append("</em></p>\n<table class=\"samples\"><tr><th>quality"
                        + "</th><th>image</th>");
                image.captions().keySet().forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
                html.append("</tr>\n");
                for (String column : samples.columns()) {
                    html.append("<tr><td>").append(column).append("</td><td><img src=\"")
                            .append(SampleCaptions.file(image, column)).append("\" alt=\"").append(column)
                            .append("\"></td>");
                    image.captions().values().forEach(row -> html.append("<td>").append(escape(row.get(column)))
                            .append("</td>"));
                    html.append("</tr>\n");
                }
                html.append("</table>\n");
            }
        }
        return html.toString();
    }

    /** What table 1 measures, in one paragraph shared by both formats. */
    private String table1Caption() {
        return "PSNR over all RGB samples (peak 255) and SSIM (Wang et al.; scikit-image's Gaussian window, "
                + "σ = 1.5, mean over channels) of each compressed test image against its original, mean ± "
                + "standard deviation (population) over " + table1Images + " test images (" + coco.description()
                + "). The "
                + "paper's rows are its COCO Karpathy test set (5,000 photos).";
    }

    private String table2Caption() {
        return "Top-1 (%) of ResNet-18 encoders trained on the original images (base) or on the originals plus "
                + "their double-compressed copies (+q), on the " + table2Images + " test images (the second half "
                + "of each class of the validation set, appendix C), uncompressed (orig) and compressed at each "
                + "quality. The paper's rows are ImageNet's 25,000 test images after 35 epochs; ours are "
                + imagenet.description() + ".";
    }

    private String table2Markdown() {
        return table2 == null ? "" : "## Table 2: top-1 of the image encoders on JPEG-compressed test images\n\n"
                + table2Caption() + "\n\n" + table2.markdown() + "\n![Figure 7: top-1 vs quality](figure7_top1.png)\n\n";
    }

    private String table2Html() {
        return table2 == null ? "" : "<h2>Table 2: top-1 of the image encoders on JPEG-compressed test images</h2>\n"
                + "<p>" + escape(table2Caption()) + "</p>\n" + table2.html()
                + "<p><img src=\"figure7_top1.png\" alt=\"Figure 7: top-1 vs JPEG quality\"></p>\n";
    }

    private String dataText() {
        return coco.images() + " (" + coco.description() + ")"
                + (imagenet == null ? "" : "; " + imagenet.images() + " (" + imagenet.description() + ")");
    }

    private String timingsText() {
        var text = new StringBuilder();
        timings.forEach((k, v) -> text.append(String.format(Locale.ROOT, "%s%s %.1f s", text.isEmpty() ? "" : "; ",
                k.replaceAll("_s$", "").replace('_', ' '), v)));
        return text.toString();
    }

    private String markdown() throws IOException {
        return "# robucap report: " + experiment.metadata().name() + "\n\n"
                + "Generated " + Instant.now() + " by robucap " + codeVersion() + ".\n\n"
                + "## Table 1: image quality of JPEG-compressed test images\n\n"
                + table1Caption() + "\n\n" + table1.markdown() + "\n"
                + "![Figure 1: PSNR vs quality](figure1_psnr.png)\n\n![Figure 2: SSIM vs quality](figure2_ssim.png)\n\n"
                + table2Markdown()
                + table3Markdown()
                + "## Run\n\n"
                + "- data: " + dataText() + "\n"
                + "- timings: " + timingsText() + "\n\n"
                + "```yaml\n" + specYaml() + "```\n";
    }

    private String html() throws IOException {
        String css = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
                + "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:.25em .5em;"
                + "text-align:right}td:first-child{text-align:left;white-space:nowrap}img{max-width:48%;"
                + "margin:.5em 1%}pre{background:#f6f6f6;padding:1em;overflow:auto}"
                + "table.samples td{text-align:left;white-space:normal}table.samples img{width:96px;margin:0}";
        String name = escape(experiment.metadata().name());
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>robucap report: " + name + "</title><style>" + css + "</style></head><body>\n"
                + "<h1>robucap report: " + name + "</h1>\n"
                + "<p>Generated " + Instant.now() + " by robucap " + escape(codeVersion()) + ".</p>\n"
                + "<h2>Table 1: image quality of JPEG-compressed test images</h2>\n"
                + "<p>" + escape(table1Caption()) + "</p>\n" + table1.html()
                + "<p><img src=\"figure1_psnr.png\" alt=\"Figure 1: PSNR vs JPEG quality\">"
                + "<img src=\"figure2_ssim.png\" alt=\"Figure 2: SSIM vs JPEG quality\"></p>\n"
                + table2Html()
                + table3Html()
                + "<h2>Run</h2>\n<ul><li>data: " + escape(dataText()) + "</li>\n<li>timings: " + timingsText() + "</li></ul>\n"
                + "<pre>" + escape(specYaml()) + "</pre>\n</body></html>\n";
    }

    private String specYaml() throws IOException {
        return Json.YAML.writeValueAsString(experiment);
    }

    private static String codeVersion() {
        String version = Report.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return name.endsWith(".csv") ? "text/csv" : "text/markdown; charset=utf-8";
    }
}
