package dev.robucap.evaluator;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.coco.CocoResult;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.metrics.Bleu;
import dev.robucap.common.metrics.BleuScores;
import dev.robucap.common.metrics.CocoBleu;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.ml.caption.Captioner;
import dev.robucap.ml.caption.CaptionerModel;
import dev.robucap.ml.data.CocoCaptionExamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The paper's table 3 for one captioner: corpus BLEU-1..4 (nltk's {@code corpus_bleu}, over tokens without
 * {@code <start>}, {@code <end>} and pads, against the test captions as the word map encodes them) of beam-search
 * captions of every COCO test image, uncompressed and at every quality of the ladder, and beside BLEU-4 the
 * COCO-caption BLEU-4 of the same tokens ({@link CocoBleu}: pycocoevalcap's {@code BleuScorer}, option closest).
 * The compressed test sets are the augmenter's single-compression outputs, made once and shared by every model.
 *
 * <p>Task: {@code params = {"kind": "bleu", "ladder": [80, …], "beamSize": 3}} (beam size: the model's by default),
 * {@code inputs = {"captioner": "<captioner-trainer output>", "coco": "<prefix>", "q80": "<prefix of the test images
 * compressed at 80>", …}}. Outputs: {@code table3.json}, {@code table3.csv} (nltk BLEU-4) and
 * {@code captions/<column>.json} in the COCO results format. A test image that cannot be decoded is left out of its column's BLEU and captions, and
 * counted ({@code corruptImages} in table3.json, listed among the manifest's errors).
 */
public final class CaptionEvaluation implements Evaluation {

    public static final String KIND = "bleu";

    private final int threads;
    private final DecodeLimits limits;

    public CaptionEvaluation(int threads, DecodeLimits limits) {
        this.threads = threads;
        this.limits = limits;
    }


    @Override
    public void validate(TaskRequest task) {
        Ladder.of(task);
        for (String input : List.of("captioner", "coco")) {
            if (task.inputs().get(input) == null) {
                throw new InvalidTaskException("inputs." + input, "is required");
            }
        }
        JsonNode beamSize = task.param("beamSize");
        if (!beamSize.isMissingNode() && (!beamSize.isInt() || beamSize.asInt() < 1)) {
            throw new InvalidTaskException("params.beamSize", "a positive integer is required, got " + beamSize);
        }
    }

    /**
     * One column of table 3: the captions of the images that decoded, their BLEU (nltk's and pycocoevalcap's) and
     * the images that did not.
     */
    private record Column(String name, BleuScores bleu, BleuScores cocoBleu, List<CocoResult> captions,
                          List<String> corrupt) {
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        ArtifactStore store = context.store();
        List<Integer> ladder = Ladder.of(task);
        String captionerPrefix = task.inputs().get("captioner");
        CaptionerModel model = CaptionerModel.fromJson(store.getBytes(captionerPrefix + "/model.json"));
        WordMap words = WordMap.fromJson(store.getBytes(captionerPrefix + "/wordmap.json"));
        CocoDataset data = CocoDataset.read(KeySource.store(store, task.inputs().get("coco")), model.captions());
        List<CocoExample> test = data.test();
        if (test.isEmpty()) {
            throw new IllegalStateException(task.inputs().get("coco") + " has no test images");
        }
        int beamSize = task.param("beamSize").asInt(model.hyper().beamSize());

        List<String> names = new ArrayList<>(List.of("clean"));
        ladder.forEach(q -> names.add("q" + q));
        List<Column> columns = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Captioner captioner = model.load(store.getBytes(captionerPrefix + "/model.params"), words.words(),
                    beamSize, manager);
            for (String name : names) {
                List<CocoExample> images = name.equals("clean") ? test
                        : Ladder.compressed(store, task, Integer.parseInt(name.substring(1)), test, CocoExample::key,
                                (image, key) -> new CocoExample(key, image.cocoid(), image.captions()));
                try (var examples = new CocoCaptionExamples(store::getBytes, images, words, model.captions(),
                        model.transform(), false, threads, limits)) {
                    columns.add(column(name, captioner, manager, examples));
                }
                Column done = columns.get(columns.size() - 1);
                context.progress((double) columns.size() / names.size(), String.format(Locale.ROOT,
                        "%s BLEU-4 %.4f", name, done.bleu().bleu4()));
            }
        }

        String prefix = context.outputPrefix();
        List<Manifest.Entry> entries = new ArrayList<>();
        entries.add(Outputs.put(store, prefix, "table3.json", Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(table(captionerPrefix, model, test.size(), beamSize, columns)), "application/json"));
        entries.add(Outputs.put(store, prefix, "table3.csv", csv(model, test.size(), columns), "text/csv"));
        List<Manifest.Failure> failures = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Column column : columns) {
            entries.add(Outputs.put(store, prefix, "captions/" + column.name() + ".json",
                    CocoResult.toJson(column.captions()), "application/json"));
            column.corrupt().forEach(key -> failures.add(new Manifest.Failure(key,
                    "cannot be decoded: left out of column " + column.name())));
            metrics.put("bleu4_" + column.name(), column.bleu().bleu4());
        }
        return new Manifest(Manifest.SCHEMA, task.stage(), context.contentKey(), task.taskId(), Instant.now(),
                task.params(), task.inputs(), entries, failures, metrics);
    }

    private static Column column(String name, Captioner captioner, NDManager manager, CocoCaptionExamples examples) {
        List<List<String>> hypotheses = new ArrayList<>();
        List<List<List<String>>> references = new ArrayList<>();
        List<CocoResult> captions = new ArrayList<>();
        for (Captioner.Captioned caption : captioner.caption(manager, examples)) {
            hypotheses.add(caption.words());
            references.add(examples.references(caption.index()));
            captions.add(CocoResult.of(examples.image(caption.index()).cocoid(), caption.words()));
        }
        if (hypotheses.isEmpty()) {
            throw new IllegalStateException("no test image of column " + name + " could be decoded");
        }
        return new Column(name, Bleu.corpus(hypotheses, references), CocoBleu.corpus(hypotheses, references),
                captions, examples.corruptKeys());
    }

    private static ObjectNode table(String captioner, CaptionerModel model, int images, int beamSize,
                                    List<Column> columns) {
        ObjectNode table = Json.MAPPER.createObjectNode();
        table.put("captioner", captioner).put("variant", model.variant()).put("encoderVariant", model.encoderVariant())
                .put("images", images).put("beamSize", beamSize)
                .put("bleu", "nltk corpus_bleu, no smoothing, fractions in 0..1, over the images that decoded")
                .put("coco_bleu", "pycocoevalcap's BleuScorer, option closest, over tokens (no PTB tokenizer),"
                        + " fractions in 0..1, over the images that decoded");
        byColumn(table.putObject("bleu4"), columns, c -> c.bleu().bleu4());
        byColumn(table.putObject("coco_bleu4"), columns, c -> c.cocoBleu().bleu4());
        byColumn(table.putObject("bleu1"), columns, c -> c.bleu().bleu1());
        byColumn(table.putObject("bleu2"), columns, c -> c.bleu().bleu2());
        byColumn(table.putObject("bleu3"), columns, c -> c.bleu().bleu3());
        ObjectNode corrupt = table.putObject("corruptImages");
        columns.forEach(c -> corrupt.put(c.name(), c.corrupt().size()));
        return table;
    }

    private static void byColumn(ObjectNode node, List<Column> columns, ToDoubleFunction<Column> value) {
        columns.forEach(c -> node.put(c.name(), value.applyAsDouble(c)));
    }

    /** One row of (nltk) BLEU-4: variant, encoder variant, images, then a column per test set. */
    private static byte[] csv(CaptionerModel model, int images, List<Column> columns) {
        var csv = new StringBuilder("variant,encoderVariant,images");
        columns.forEach(c -> csv.append(',').append(c.name()));
        csv.append('\n').append(model.variant()).append(',').append(model.encoderVariant()).append(',').append(images);
        columns.forEach(c -> csv.append(String.format(Locale.ROOT, ",%.6f", c.bleu().bleu4())));
        return csv.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
