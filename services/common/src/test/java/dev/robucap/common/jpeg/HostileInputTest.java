package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoDataset;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.imagenet.ImageNetDataset;
import dev.robucap.common.data.imagenet.InvalidDatasetException;
import dev.robucap.common.data.imagenet.KeySource;
import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg.Implementation;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.spec.InvalidSpecException;
import dev.robucap.common.store.InvalidKeyException;
import dev.robucap.common.store.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue #7: the hostile-input corpus under {@code src/test/resources/hostile} (see its README.md; written by
 * {@code tools/reference/make_hostile_corpus.py}), plus a few cases too large to commit, generated here. Every
 * hostile image is refused by the decoder (both codecs) with a clear one-line {@link ImageDecodeException}, or
 * accepted with Pillow's {@code convert('RGB')} pixels; every bad {@code dataset_coco.json} is refused with the record
 * or field named and the data set's files untouched; every bad Experiment spec is refused with an
 * {@link InvalidSpecException} naming the field and the file untouched; every bad key is refused by {@link Keys}. In
 * the JPEG package because it runs each image through both codecs.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EXPECTED = json("expected.json");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger CLEAN = new AtomicInteger();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicNode> everyHostileInputIsRefusedCleanlyOrAcceptedAsExpected() {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(org.junit.jupiter.api.DynamicContainer.dynamicContainer("images", imageCases()));
        nodes.add(org.junit.jupiter.api.DynamicContainer.dynamicContainer("coco", cocoCases()));
        nodes.add(org.junit.jupiter.api.DynamicContainer.dynamicContainer("specs", specCases()));
        nodes.add(org.junit.jupiter.api.DynamicContainer.dynamicContainer("keys", keyCases()));
        nodes.add(DynamicTest.dynamicTest("summary", () -> {
            System.out.println("hostile inputs: " + TRIED.get() + " cases, " + CLEAN.get()
                    + " refused cleanly (or accepted as expected)");
            assertTrue(TRIED.get() >= 100, "cases tried: " + TRIED.get());
            assertEquals(TRIED.get(), CLEAN.get());
        }));
        return nodes.stream();
    }

    /** Counts the case as tried, and as clean only if {@code check} passes. */
    private static DynamicTest counted(String name, Executable check) {
        return DynamicTest.dynamicTest(name, () -> {
            TRIED.incrementAndGet();
            check.execute();
            CLEAN.incrementAndGet();
        });
    }

    // ------------------------------------------------------------------------------------------------- images

    private static Stream<DynamicTest> imageCases() {
        List<DynamicTest> tests = new ArrayList<>();
        EXPECTED.get("images").fields().forEachRemaining(e -> {
            for (Implementation implementation : Implementations.both()) {
                if (implementation == Implementation.NATIVE && !NativeJpeg.isAvailable()) {
                    continue; // not tried, not counted
                }
                tests.add(counted(e.getKey() + " " + implementation,
                        () -> checkImage(e.getKey(), e.getValue(), implementation)));
            }
        });
        return tests.stream();
    }

    private static void checkImage(String name, JsonNode expected, Implementation implementation) {
        byte[] bytes = bytes("images/" + name);
        Supplier<RgbImage> decode = () -> Jpeg.decode(bytes, DecodeLimits.DEFAULT, implementation);
        if (expected.get("expect").asText().equals("refused")) {
            String message = refusal(ImageDecodeException.class, decode::get);
            assertTrue(message.startsWith(expected.get("message").asText()), name + ": " + message);
            return;
        }
        RgbImage image = assertTimeoutPreemptively(PATIENCE, decode::get, name);
        if (expected.get("compare").asText().equals("highByte")) {
            assertEquals(expected.get("highByteSha256").asText(), image.sha256(), name);
        } else {
            assertEquals(List.of(expected.get("width").asInt(), expected.get("height").asInt()),
                    List.of(image.width(), image.height()), name + ": EXIF orientation is not applied");
            assertEquals(expected.get("pixelsSha256").asText(), image.sha256(), name + " (Pillow mode "
                    + expected.get("pillowMode").asText() + ")");
        }
    }

    /**
     * The message of the {@code type} that {@code action} throws, checked to be one clear line: not null or blank,
     * no line breaks or other control characters, not a Java exception's toString, not a screenful.
     */
    private static <T extends RuntimeException> String refusal(Class<T> type, Runnable action) {
        Throwable thrown = assertTimeoutPreemptively(PATIENCE, () -> {
            try {
                action.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertNotNull(thrown, "accepted, expected a " + type.getSimpleName());
        if (!type.isInstance(thrown)) {
            fail("expected a " + type.getSimpleName() + ", got " + thrown, thrown);
        }
        String message = thrown.getMessage();
        assertNotNull(message, "null message");
        assertFalse(message.isBlank(), "blank message");
        assertFalse(message.chars().anyMatch(Character::isISOControl), "control character in: " + message);
        assertFalse(message.contains("null") && message.endsWith(": null"), message);
        assertFalse(message.matches(".*\\b(java|javax|com\\.fasterxml|org\\.yaml)\\.[a-z]+\\..*"),
                "a class name in: " + message);
        assertTrue(message.length() <= 400, () -> "too long (" + message.length() + " chars): "
                + message.substring(0, 200));
        return message;
    }

    // --------------------------------------------------------------------------------------------------- coco

    private static Stream<DynamicTest> cocoCases() {
        Map<String, Supplier<byte[]>> files = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        EXPECTED.get("coco").fields().forEachRemaining(e -> {
            files.put(e.getKey(), () -> bytes("coco/" + e.getKey()));
            messages.put(e.getKey(), e.getValue().get("message").asText());
        });
        // Too large to commit: generated.
        String good = "{\"filepath\":\"train2014\",\"filename\":\"img0.jpg\",\"imgid\":0,\"cocoid\":100,"
                + "\"split\":\"train\",\"sentences\":[{\"tokens\":[\"a\",\"dog\"]}]}";
        files.put("(generated) deep nesting in images[1]", () -> utf8("{\"images\":[" + good + ","
                + "[".repeat(200_000) + "]".repeat(200_000) + "]}"));
        messages.put("(generated) deep nesting in images[1]", "dataset_coco.json images[1]: not valid JSON");
        files.put("(generated) 8 MB filename", () -> utf8("{\"images\":[" + good.replace("img0.jpg",
                "x".repeat(8 << 20)) + "]}"));
        messages.put("(generated) 8 MB filename", "dataset_coco.json images[0]: not valid JSON");
        files.put("(generated) 100000 images without captions", () -> {
            var json = new StringBuilder("{\"images\":[");
            for (int i = 0; i < 100_000; i++) {
                json.append(i == 0 ? "" : ",").append(good.replace("\"imgid\":0", "\"imgid\":" + i)
                        .replace("\"cocoid\":100", "\"cocoid\":" + (100 + i))
                        .replace("img0.jpg", "img" + i + ".jpg").replace("[{\"tokens\":[\"a\",\"dog\"]}]", "[]"));
            }
            return utf8(json.append("]}").toString());
        });
        messages.put("(generated) 100000 images without captions", "dataset_coco.json images[1]: train2014/img1.jpg"
                + " is not under");
        return files.entrySet().stream().map(f -> counted(f.getKey(),
                () -> checkCoco(f.getKey(), f.getValue().get(), messages.get(f.getKey()))));
    }

    private static void checkCoco(String name, byte[] json, String expected) throws IOException {
        Path root = Files.createDirectories(dir.resolve("coco-" + Integer.toHexString(name.hashCode())));
        Files.write(root.resolve(CocoDataset.DATASET_JSON), json);
        for (String image : List.of("train2014/img0.jpg", "val2014/img1.jpg", "val2014/img2.jpg")) {
            Files.createDirectories(root.resolve(image).getParent());
            Files.write(root.resolve(image), bytes("images/exif-orientation-6.jpg"));
        }
        Map<String, String> before = hashes(root);
        String message = refusal(InvalidDatasetException.class,
                () -> CocoDataset.read(folder(root), CaptionParameters.TUTORIAL));
        assertTrue(message.startsWith(expected), name + ": " + message);
        assertEquals(before, hashes(root), "the data set's files are unchanged");
    }

    // -------------------------------------------------------------------------------------------------- specs

    private static Stream<DynamicTest> specCases() {
        Map<String, Supplier<String>> files = new LinkedHashMap<>();
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        EXPECTED.get("specs").fields().forEachRemaining(e -> {
            files.put(e.getKey(), () -> new String(bytes("specs/" + e.getKey()), StandardCharsets.UTF_8));
            expected.put(e.getKey(), e.getValue());
        });
        String valid = new String(bytes("specs/resave-huge.yaml"), StandardCharsets.UTF_8)
                .replace("resave: 99999999999", "resave: 75");
        files.put("(generated) nesting 100000 deep", () -> valid + "  encoder: " + "[".repeat(100_000) + "\n");
        expected.put("(generated) nesting 100000 deep", JSON.createObjectNode().put("field", "(file)")
                .put("message", "not valid YAML"));
        files.put("(generated) 1 MB name", () -> valid.replace("name: demo", "name: " + "d".repeat(1 << 20)));
        expected.put("(generated) 1 MB name", JSON.createObjectNode().put("field", "metadata.name")
                .put("message", "DNS-1123 label"));
        return files.entrySet().stream().map(f -> counted(f.getKey(),
                () -> checkSpec(f.getKey(), f.getValue().get(), expected.get(f.getKey()))));
    }

    private static void checkSpec(String name, String yaml, JsonNode expected) throws IOException {
        Path file = dir.resolve("spec-" + Integer.toHexString(name.hashCode()) + ".yaml");
        Files.writeString(file, yaml);
        String before = sha256(Files.readAllBytes(file));
        var thrown = new InvalidSpecException[1];
        String message = refusal(InvalidSpecException.class, () -> {
            try {
                Experiment.read(file);
            } catch (InvalidSpecException e) {
                thrown[0] = e;
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(expected.get("field").asText(), thrown[0].field(), name + ": " + message);
        assertTrue(message.contains(expected.get("message").asText()), name + ": " + message);
        assertEquals(before, sha256(Files.readAllBytes(file)), "the spec file is unchanged");
    }

    // --------------------------------------------------------------------------------------------------- keys

    private static Stream<DynamicTest> keyCases() {
        Map<String, String> keys = new LinkedHashMap<>();
        String text = new String(bytes("keys.txt"), StandardCharsets.UTF_8);
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            String message = EXPECTED.get("keys").path(line).path("message").asText(null);
            assertNotNull(message, "keys.txt line " + line + " is not in expected.json");
            keys.put(line, message);
        }
        keys.put("(generated) 1025 bytes", "longer than 1024 UTF-8 bytes");
        return keys.entrySet().stream().flatMap(k -> {
            String key = k.getKey().equals("(generated) 1025 bytes") ? "a".repeat(1025) : unescape(k.getKey());
            return Stream.of(
                    counted("validate " + k.getKey(), () -> assertTrue(refusal(InvalidKeyException.class,
                            () -> Keys.validate(key)).contains(k.getValue()), k.getKey())),
                    counted("validatePrefix " + k.getKey(), () -> {
                        // A key that ends in '/' is a valid prefix when the rest is a valid key.
                        String message = refusal(InvalidKeyException.class,
                                () -> Keys.validatePrefix(key.endsWith("/") ? key + "/" : key));
                        assertTrue(message.startsWith("invalid key '"), message);
                    }));
        });
    }

    /** The escapes keys.txt uses: \\n, \\r, \\t, \\\\ and \\uXXXX. */
    static String unescape(String line) {
        var out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = line.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("keys.txt: unknown escape \\" + next + " in " + line);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------- nothing is lost

    /**
     * Every corpus image, named .JPEG, among good images in an ImageNet-format folder: the layout still reads, every
     * good image still decodes, and each hostile one is either refused (counted and skipped, as the training
     * pipeline's ParallelImageDecoder does) or accepted as the corpus expects; no file changes.
     */
    @Test
    void hostileImagesAmongGoodOnesAreCountedAndSkippedAndTheGoodOnesStillDecode() throws IOException {
        Path root = Files.createDirectories(dir.resolve("imagenet"));
        RgbImage good = Jpeg.decode(bytes("images/exif-orientation-6.jpg"));
        int goods = 0;
        for (String split : List.of("train", "val")) {
            for (String wnid : List.of("n01440764", "n01443537")) {
                Path folder = Files.createDirectories(root.resolve(split).resolve(wnid));
                for (int i = 0; i < 3; i++) {
                    Files.write(folder.resolve("good" + i + ".JPEG"), Jpeg.encode(good, 50 + 10 * i));
                    goods++;
                }
            }
        }
        Map<String, Boolean> refusedByName = new TreeMap<>();
        int n = 0;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> EXPECTED.get("images").fields()) {
            String split = n % 2 == 0 ? "train" : "val";
            String wnid = n++ % 4 < 2 ? "n01440764" : "n01443537";
            String key = split + "/" + wnid + "/" + e.getKey().replace('.', '_') + ".JPEG";
            Files.write(root.resolve(key), bytes("images/" + e.getKey()));
            refusedByName.put(key, e.getValue().get("expect").asText().equals("refused"));
        }
        Map<String, String> before = hashes(root);

        KeySource source = folder(root);
        ImageNetDataset dataset = ImageNetDataset.read(source);
        List<Example> all = new ArrayList<>(dataset.train());
        all.addAll(dataset.validation());
        assertEquals(goods + refusedByName.size(), all.size(), "every file is an example");
        int decoded = 0;
        List<String> skipped = new ArrayList<>();
        for (Example example : all) {
            String relative = example.key().substring(source.root().length() + 1);
            byte[] bytes;
            try (InputStream in = source.stream().apply(relative)) {
                bytes = in.readAllBytes();
            }
            try {
                RgbImage image = Jpeg.decode(bytes);
                assertTrue(image.pixelCount() > 0);
                decoded++;
            } catch (ImageDecodeException refusal) {
                skipped.add(relative);
            }
        }
        List<String> expectedSkipped = refusedByName.entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).sorted().toList();
        assertEquals(expectedSkipped, skipped.stream().sorted().toList());
        assertEquals(goods + refusedByName.size() - expectedSkipped.size(), decoded, "good images decoded");
        assertEquals(before, hashes(root), "no file changed");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static KeySource folder(Path root) {
        try {
            return KeySource.folder(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        var hashes = new TreeMap<String, String>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                hashes.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String path) {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource hostile/" + path
                        + "; run /usr/bin/python3 tools/reference/make_hostile_corpus.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String path) {
        try {
            return JSON.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
