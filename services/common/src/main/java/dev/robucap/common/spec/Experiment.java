package dev.robucap.common.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.synthetic.CocoSpec;
import dev.robucap.common.data.synthetic.ImageNetSpec;
import dev.robucap.common.store.Keys;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An experiment as users write it ({@code workflows/*.yaml}, later the {@code Experiment} custom resource):
 * {@code apiVersion: robucap.dev/v1alpha1}, {@code kind: Experiment}. This version holds the data source and the
 * JPEG settings; training and the captioning grid join it with issues #3-#5. Validation names the field at fault.
 */
public record Experiment(String apiVersion, String kind, Metadata metadata, Spec spec) {

    public static final String API_VERSION = "robucap.dev/v1alpha1";
    public static final List<Integer> PAPER_LADDER = List.of(80, 61, 41, 31, 22, 17, 12, 10, 7, 5, 3, 2);
    public static final List<Integer> PAPER_AUGMENT = List.of(22, 10, 7, 2);

    public record Metadata(String name) {
    }

    /**
     * {@code resources} and {@code pools} matter in a cluster only (the operator, issue #6); the local driver
     * ignores them.
     */
    public record Spec(Data data, Jpeg jpeg, Encoder encoder, Captioner captioner,
                       Map<String, StageResources> resources, Map<String, Pool> pools) {

        public Spec(Data data, Jpeg jpeg, Encoder encoder, Captioner captioner) {
            this(data, jpeg, encoder, captioner, null, null);
        }
    }

    /**
     * What one task of a stage gets in a cluster: {@code pool} names the node pool its Kubernetes Jobs run on (a
     * stage with a pool always runs as Jobs), {@code gpus} overrides the pool's GPUs per task (0: none),
     * {@code cpu} and {@code memory} are Kubernetes quantities ({@code 4}, {@code 500m}, {@code 16Gi}).
     */
    public record StageResources(String pool, Integer gpus, String cpu, String memory) {
    }

    /**
     * A node pool, the same shape as a pool of the Helm chart's values (a spec's pool overrides the operator's
     * pool of that name, or adds one): where its Jobs are scheduled, GPUs per task, how many of its Jobs run at
     * once, and how often a failed or preempted task is tried.
     */
    public record Pool(Map<String, String> nodeSelector, List<Toleration> tolerations, Integer gpusPerTask,
                       Integer maxParallel, String priorityClassName, PoolResources resources, Integer maxAttempts) {
    }

    /** A Kubernetes toleration. */
    public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
    }

    /** Kubernetes requests and limits, resource name → quantity. */
    public record PoolResources(Map<String, String> requests, Map<String, String> limits) {
    }

    /** The stages that {@code spec.resources} may name. */
    public static final List<String> STAGES = List.of(StageCatalog.AUGMENTER, StageCatalog.ENCODER_TRAINER,
            StageCatalog.CAPTIONER_TRAINER, StageCatalog.EVALUATOR);

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /**
     * The captioners to train (issue #4), each evaluated by BLEU-4 over the ladder: {@code grid} lists
     * {encoder, captioner} data variants (the paper's table 3 rows; the encoder variant must be one of
     * {@code encoder.variants}, the captioner's {@code base} or {@code +q} with q among {@code jpeg.augment}), or is
     * {@code paper}: the paper's 13 rows, {@link #PAPER_GRID};
     * {@code hyper} overrides Show, Attend and Tell's defaults (the paper's 20 + 6 epochs, Adam 4e-4 / 1e-4, beam 3);
     * {@code imageSize} is the square the images are resized to (256 at paper scale).
     */
    public record Captioner(@JsonDeserialize(using = GridDeserializer.class) List<GridCell> grid, ObjectNode hyper,
                            Integer imageSize) {
    }

    /**
     * Table 3's rows: base/base, then for q in 22, 10, 7, 2 the captioner's data augmented (base/+q), the encoder's
     * (+q/base), and both (+q/+q).
     */
    public static final List<GridCell> PAPER_GRID = paperGrid();

    private static List<GridCell> paperGrid() {
        List<GridCell> grid = new ArrayList<>(List.of(new GridCell("base", "base")));
        for (String with : List.of("captioner", "encoder", "both")) {
            for (int q : PAPER_AUGMENT) {
                String variant = "+" + q;
                grid.add(new GridCell(with.equals("captioner") ? "base" : variant,
                        with.equals("encoder") ? "base" : variant));
            }
        }
        return List.copyOf(grid);
    }

    /** {@code grid: paper} or a list of cells. */
    static final class GridDeserializer extends JsonDeserializer<List<GridCell>> {
        @Override
        public List<GridCell> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                if ("paper".equals(parser.getText())) {
                    return PAPER_GRID;
                }
                throw context.weirdStringException(parser.getText(), List.class,
                        "spec.captioner.grid is \"paper\" or a list of {encoder, captioner}");
            }
            return context.readValue(parser, context.getTypeFactory().constructCollectionType(List.class,
                    GridCell.class));
        }
    }

    /** One row of table 3: the encoder's and the captioner's training data. */
    public record GridCell(String encoder, String captioner) {

        public String label() {
            return encoder + "/" + captioner;
        }
    }

    /**
     * The image encoders to train (issue #3), each evaluated by top-1 over the ladder: {@code variants} are
     * {@code base} and/or {@code +q} (q among {@code jpeg.augment}); {@code hyper} overrides the PyTorch ImageNet
     * recipe; sizes are torchvision's Resize/CenterCrop (256/224 at paper scale); {@code width} is the ResNet's
     * base width (64 = torchvision's ResNet-18; smaller only to try things quickly); {@code minCropScale} is
     * RandomResizedCrop's smallest crop area (torchvision's 0.08 unless set).
     */
    public record Encoder(List<String> variants, ObjectNode hyper, Integer resizeSize, Integer cropSize,
                          Integer width, Double minCropScale) {
    }

    /**
     * Exactly one source: {@code synthetic}, the generator's parameters ({@code seed}, {@code imageSize},
     * {@code coco: {train, restval, val, test}}, {@code imagenet: {imageSize, trainPerClass, valPerClass}}), or
     * {@code s3}, data sets already in the bucket in their real formats.
     */
    public record Data(ObjectNode synthetic, S3 s3) {

        /**
         * Prefixes in the bucket of a COCO-Karpathy data set ({@code dataset_coco.json} beside the COCO 2014 image
         * folders) and of an ImageNet one ({@code train/<wnid>/}, {@code val/…}); treated as immutable: the cache
         * knows them by name.
         */
        public record S3(String imagenet, String coco) {
        }

        @JsonIgnore // not a property: the CRD schema and the resource's JSON must not get a boolean "synthetic"
        public boolean isSynthetic() {
            return synthetic != null;
        }

        /** The COCO-Karpathy generator spec; throws {@link InvalidSpecException} naming the field. */
        /** The ImageNet-format generator spec ({@code imagenet: {imageSize, trainPerClass, valPerClass}}). */
        public ImageNetSpec imagenet() {
            JsonNode imagenet = synthetic.path("imagenet");
            for (String field : List.of("imageSize", "trainPerClass", "valPerClass")) {
                if (!imagenet.path(field).isInt()) {
                    throw new InvalidSpecException("spec.data.synthetic.imagenet." + field, "an integer is required");
                }
            }
            try {
                return new ImageNetSpec(synthetic.path("seed").asLong(), imagenet.path("imageSize").asInt(),
                        imagenet.path("trainPerClass").asInt(), imagenet.path("valPerClass").asInt());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("spec.data.synthetic.imagenet", e.getMessage());
            }
        }

        public CocoSpec coco() {
            JsonNode coco = synthetic.path("coco");
            if (!coco.isObject()) {
                throw new InvalidSpecException("spec.data.synthetic.coco", "split sizes {train, restval, val, test} "
                        + "are required");
            }
            // seed is a long, imageSize an int: a larger number must not wrap around to a small one.
            if (!synthetic.path("seed").isIntegralNumber() || !synthetic.path("seed").canConvertToLong()) {
                throw new InvalidSpecException("spec.data.synthetic.seed", "an integer is required, got "
                        + shown(synthetic.path("seed")));
            }
            if (!synthetic.path("imageSize").isInt()) {
                throw new InvalidSpecException("spec.data.synthetic.imageSize", "an integer is required, got "
                        + shown(synthetic.path("imageSize")));
            }
            for (String split : List.of("train", "restval", "val", "test")) {
                if (!coco.path(split).isInt()) {
                    throw new InvalidSpecException("spec.data.synthetic.coco." + split, "an integer is required");
                }
            }
            try {
                return new CocoSpec(synthetic.path("seed").asLong(), synthetic.path("imageSize").asInt(),
                        coco.path("train").asInt(), coco.path("restval").asInt(), coco.path("val").asInt(),
                        coco.path("test").asInt());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("spec.data.synthetic", e.getMessage());
            }
        }
    }

    public record Jpeg(List<Integer> ladder, List<Integer> augment, Integer resave) {
        public int resaveQuality() {
            return resave == null ? 75 : resave;
        }
    }

    public static Experiment read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such workflow file: " + file);
        }
        JsonNode tree;
        try (JsonParser parser = Json.YAML.createParser(file.toFile())) {
            tree = Json.YAML.readTree(parser);
            // kubectl applies every document of a file; robucap would silently run only the first
            if (tree != null && parser.nextToken() != null) {
                throw new InvalidSpecException("(file)", "holds more than one YAML document (---): write one Experiment"
                        + " per file");
            }
        } catch (IOException e) {
            throw new InvalidSpecException(fieldOf(e), "not valid YAML: " + problemOf(e));
        }
        if (tree == null) {
            throw new InvalidSpecException("(file)", "empty document");
        }
        Experiment experiment;
        try {
            experiment = Json.YAML.treeToValue(tree, Experiment.class);
        } catch (IOException e) {
            throw new InvalidSpecException(fieldOf(e), "does not match the Experiment schema: " + problemOf(e));
        }
        if (experiment == null) {
            throw new InvalidSpecException("(file)", "empty document");
        }
        experiment.validate();
        return experiment;
    }

    /**
     * The field a YAML or schema error is at, such as {@code spec.jpeg.ladder[1]}: from the mapping exception's path,
     * else from where the parser was; {@code (file)} when neither says.
     */
    private static String fieldOf(IOException e) {
        var field = new StringBuilder();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
        } else if (e instanceof StreamReadException read && read.getProcessor() != null
                && read.getProcessor().getParsingContext() != null) {
            for (String segment : read.getProcessor().getParsingContext().pathAsPointer().toString().split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                String name = segment.replace("~1", "/").replace("~0", "~");
                field.append(name.matches("[0-9]+") ? "[" + name + "]" : (field.isEmpty() ? "" : ".") + name);
            }
        }
        return field.isEmpty() ? "(file)" : shown(field.toString());
    }

    /** The first line of Jackson's or SnakeYAML's message, without Java class names, cut to a readable length. */
    private static String problemOf(IOException e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : e.getMessage();
        String line = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        line = line.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`(?:[A-Za-z0-9_$]+\\.)+([A-Za-z0-9_]+)`", "$1")
                .replaceAll("\\(token `JsonToken\\.([A-Z_]+)`\\)", "($1)");
        return shown(line, 200);
    }

    /**
     * A value from the file as it may appear in a message: control characters escaped (a spec may hold terminal
     * escapes) and cut to 100 characters (it may hold megabytes).
     */
    static String shown(Object value) {
        return shown(value, 100);
    }

    private static String shown(Object value, int max) {
        String text = String.valueOf(value);
        var safe = new StringBuilder();
        int end = Math.min(text.length(), max);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (end < text.length()) {
            safe.append("…(").append(text.length()).append(" chars)");
        }
        return safe.toString();
    }

    /** Throws {@link InvalidSpecException} naming the first field at fault. */
    public void validate() {
        if (!API_VERSION.equals(apiVersion)) {
            throw new InvalidSpecException("apiVersion", "must be " + API_VERSION + ", got " + shown(apiVersion));
        }
        if (!"Experiment".equals(kind)) {
            throw new InvalidSpecException("kind", "must be Experiment, got " + shown(kind));
        }
        if (metadata == null || metadata.name() == null || metadata.name().length() > 63
                || !DNS_LABEL.matcher(metadata.name()).matches()) {
            throw new InvalidSpecException("metadata.name", "a DNS-1123 label (at most 63 lower-case letters, digits,"
                    + " '-') is required");
        }
        if (spec == null) {
            throw new InvalidSpecException("spec", "is required");
        }
        validateData();
        if (spec.jpeg() == null) {
            throw new InvalidSpecException("spec.jpeg", "is required");
        }
        checkQualities("spec.jpeg.ladder", spec.jpeg().ladder());
        if (spec.encoder() != null) {
            validateEncoder();
        }
        checkQualities("spec.jpeg.augment", spec.jpeg().augment());
        if (spec.captioner() != null) {
            validateCaptioner();
        }
        if (spec.jpeg().resave() != null) {
            checkQualities("spec.jpeg.resave", List.of(spec.jpeg().resave()));
        }
        validateResources();
        validatePools();
    }

    private void validateResources() {
        if (spec.resources() == null) {
            return;
        }
        for (var entry : spec.resources().entrySet()) {
            String field = "spec.resources." + entry.getKey();
            if (!STAGES.contains(entry.getKey())) {
                throw new InvalidSpecException(field, "not a stage; stages: " + STAGES);
            }
            StageResources resources = entry.getValue();
            if (resources == null) {
                throw new InvalidSpecException(field, "{pool, gpus, cpu, memory} is required");
            }
            if (resources.pool() != null && !DNS_LABEL.matcher(resources.pool()).matches()) {
                throw new InvalidSpecException(field + ".pool", "a pool name (lower-case letters, digits, '-') is "
                        + "required, got " + shown(resources.pool()));
            }
            checkAtLeast(field + ".gpus", resources.gpus(), 0);
            checkQuantity(field + ".cpu", resources.cpu());
            checkQuantity(field + ".memory", resources.memory());
        }
    }

    private void validatePools() {
        if (spec.pools() == null) {
            return;
        }
        for (var entry : spec.pools().entrySet()) {
            String field = "spec.pools." + entry.getKey();
            if (!DNS_LABEL.matcher(entry.getKey()).matches()) {
                throw new InvalidSpecException(field, "a pool name (lower-case letters, digits, '-') is required");
            }
            Pool pool = entry.getValue();
            if (pool == null) {
                throw new InvalidSpecException(field, "a pool {nodeSelector, tolerations, gpusPerTask, ...} is "
                        + "required");
            }
            checkAtLeast(field + ".gpusPerTask", pool.gpusPerTask(), 0);
            checkAtLeast(field + ".maxParallel", pool.maxParallel(), 1);
            checkAtLeast(field + ".maxAttempts", pool.maxAttempts(), 1);
            if (pool.tolerations() != null) {
                for (int i = 0; i < pool.tolerations().size(); i++) {
                    checkToleration(field + ".tolerations[" + i + "]", pool.tolerations().get(i));
                }
            }
            if (pool.resources() != null) {
                for (var quantities : List.of(Map.entry("requests", nullToEmpty(pool.resources().requests())),
                        Map.entry("limits", nullToEmpty(pool.resources().limits())))) {
                    quantities.getValue().forEach((name, quantity) -> checkQuantity(
                            field + ".resources." + quantities.getKey() + "." + name, quantity));
                }
            }
        }
    }

    private static void checkToleration(String field, Toleration toleration) {
        if (toleration == null) {
            throw new InvalidSpecException(field, "a toleration {key, operator, value, effect} is required");
        }
        if (toleration.operator() != null && !List.of("Exists", "Equal").contains(toleration.operator())) {
            throw new InvalidSpecException(field + ".operator", "must be Exists or Equal, got "
                    + shown(toleration.operator()));
        }
        if (toleration.effect() != null && !toleration.effect().isEmpty()
                && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(toleration.effect())) {
            throw new InvalidSpecException(field + ".effect", "must be NoSchedule, PreferNoSchedule or NoExecute, "
                    + "got " + shown(toleration.effect()));
        }
    }

    private static void checkAtLeast(String field, Integer value, int least) {
        if (value != null && value < least) {
            throw new InvalidSpecException(field, "must be at least " + least + ", got " + value);
        }
    }

    /** Absent is fine; present must be a Kubernetes quantity such as {@code 2}, {@code 500m} or {@code 16Gi}. */
    private static void checkQuantity(String field, String quantity) {
        if (quantity != null && !QUANTITY.matcher(quantity).matches()) {
            throw new InvalidSpecException(field, "a Kubernetes quantity such as 2, 500m or 16Gi is required, got "
                    + shown(quantity));
        }
    }

    private static Map<String, String> nullToEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private void validateData() {
        Data data = spec.data();
        if (data == null || (data.synthetic() == null) == (data.s3() == null)) {
            throw new InvalidSpecException("spec.data", "exactly one of synthetic (generated data) and s3 (data sets "
                    + "in the bucket) is required");
        }
        if (data.isSynthetic()) {
            if (data.coco().test() == 0) {
                throw new InvalidSpecException("spec.data.synthetic.coco.test", "at least one test image is required");
            }
            return;
        }
        checkPrefix("spec.data.s3.coco", data.s3().coco());
        if (spec.encoder() != null) {
            checkPrefix("spec.data.s3.imagenet", data.s3().imagenet());
        }
    }

    private static void checkPrefix(String field, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new InvalidSpecException(field, "a prefix in the bucket is required");
        }
        try {
            Keys.validatePrefix(prefix);
        } catch (RuntimeException e) {
            throw new InvalidSpecException(field, e.getMessage());
        }
    }

    private void validateEncoder() {
        Encoder encoder = spec.encoder();
        if (spec.data().isSynthetic()) {
            spec.data().imagenet();
        }
        if (encoder.variants() == null || encoder.variants().isEmpty()) {
            throw new InvalidSpecException("spec.encoder.variants", "a non-empty list of variants is required");
        }
        for (String variant : encoder.variants()) {
            Integer q = augmentationQuality(variant);
            if (q != null && (spec.jpeg().augment() == null || !spec.jpeg().augment().contains(q))) {
                throw new InvalidSpecException("spec.encoder.variants", "variant " + variant
                        + " needs quality " + q + " in spec.jpeg.augment");
            }
        }
        if (new java.util.HashSet<>(encoder.variants()).size() != encoder.variants().size()) {
            throw new InvalidSpecException("spec.encoder.variants", "a variant is listed twice");
        }
        Double minCropScale = encoder.minCropScale();
        if (minCropScale != null && !(minCropScale > 0 && minCropScale <= 1)) {
            throw new InvalidSpecException("spec.encoder.minCropScale", "must be in (0, 1], got " + minCropScale);
        }
    }

    private void validateCaptioner() {
        Captioner captioner = spec.captioner();
        if (spec.encoder() == null) {
            throw new InvalidSpecException("spec.encoder", "is required with spec.captioner: captioners start from"
                    + " a trained encoder");
        }
        if (captioner.grid() == null || captioner.grid().isEmpty()) {
            throw new InvalidSpecException("spec.captioner.grid", "a non-empty list of {encoder, captioner} is"
                    + " required");
        }
        for (int i = 0; i < captioner.grid().size(); i++) {
            GridCell cell = captioner.grid().get(i);
            String field = "spec.captioner.grid[" + i + "]";
            if (cell == null || cell.encoder() == null || !spec.encoder().variants().contains(cell.encoder())) {
                throw new InvalidSpecException(field + ".encoder", "must be one of spec.encoder.variants "
                        + spec.encoder().variants());
            }
            Integer q;
            try {
                q = augmentationQuality(cell.captioner());
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException(field + ".captioner", e.getMessage());
            }
            if (q != null && (spec.jpeg().augment() == null || !spec.jpeg().augment().contains(q))) {
                throw new InvalidSpecException(field + ".captioner", "variant " + cell.captioner() + " needs quality "
                        + q + " in spec.jpeg.augment");
            }
        }
        if (new java.util.HashSet<>(captioner.grid()).size() != captioner.grid().size()) {
            throw new InvalidSpecException("spec.captioner.grid", "a cell is listed twice");
        }
        if (captioner.imageSize() != null && captioner.imageSize() < 16) {
            throw new InvalidSpecException("spec.captioner.imageSize", "must be at least 16, got "
                    + captioner.imageSize());
        }
    }

    /** {@code base} → null; {@code +q} → q; anything else is refused. */
    public static Integer augmentationQuality(String variant) {
        try {
            return TaskParams.augmentationQuality(variant == null ? NullNode.instance : TextNode.valueOf(variant));
        } catch (InvalidTaskException e) {
            throw new InvalidSpecException("spec.encoder.variants", e.problem());
        }
    }

    private static void checkQualities(String field, List<Integer> qualities) {
        if (qualities == null || qualities.isEmpty()) {
            throw new InvalidSpecException(field, "a non-empty list of JPEG qualities is required");
        }
        var seen = new ArrayList<Integer>();
        for (Integer q : qualities) {
            if (q == null || q < 1 || q > 100) {
                throw new InvalidSpecException(field, "quality " + q + " is outside 1..100");
            }
            if (seen.contains(q)) {
                throw new InvalidSpecException(field, "quality " + q + " is listed twice");
            }
            seen.add(q);
        }
    }
}
