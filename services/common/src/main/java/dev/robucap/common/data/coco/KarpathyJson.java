package dev.robucap.common.data.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robucap.common.data.imagenet.InvalidDatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of Karpathy's {@code dataset_coco.json}. Of each image it reads {@code filepath}, {@code filename},
 * {@code imgid}, {@code cocoid}, {@code split} and every {@code sentences[].tokens}, and ignores other fields. The
 * first bad record is named in the message, e.g. {@code dataset_coco.json images[12].sentences[3].tokens: expected a
 * list of strings}: a missing field, a wrong type, an unknown split, an image, imgid or cocoid listed twice, a token
 * that is empty, holds a space or is one of the word map's reserved words. The file is streamed one image at a time
 * (the real one is 140 MB), under limits that refuse hostile input early: nesting far deeper than the format's, and
 * strings, numbers and field names far longer than any it has.
 */
final class KarpathyJson {

    /** The format nests 6 deep (document, images, image, sentences, sentence, tokens). */
    private static final int MAX_DEPTH = 16;
    /** A caption is at most a few hundred characters. */
    private static final int MAX_STRING_LENGTH = 1 << 16;
    /** Ids are integers of at most 19 digits: anything longer does not fit a long. */
    private static final int MAX_NUMBER_LENGTH = 20;
    private static final int MAX_NAME_LENGTH = 256;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final String name;
    /** The record being read, for messages. */
    private String where;
    /** One String per distinct word: full COCO has 6 million tokens but only about 30,000 words. */
    private final Map<String, String> words = new HashMap<>();
    private final Map<String, Integer> keys = new HashMap<>();
    private final Map<Long, Integer> imgids = new HashMap<>();
    private final Map<Long, Integer> cocoids = new HashMap<>();

    private KarpathyJson(String name) {
        this.name = name;
        this.where = name;
    }

    /** The images of the file read from {@code in}; {@code name} starts every message. */
    static List<KarpathyImage> parse(InputStream in, String name) throws IOException {
        var reader = new KarpathyJson(name);
        try (JsonParser parser = READER.createParser(in)) {
            try {
                return reader.document(parser);
            } catch (JsonProcessingException e) {
                // A limit's exception has no location of its own.
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new InvalidDatasetException(reader.where + ": not valid JSON at line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + ": " + e.getOriginalMessage());
            }
        }
    }

    private List<KarpathyImage> document(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw invalid(name + ": expected an object with a list of images");
        }
        List<KarpathyImage> images = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("images")) {
                images = images(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw invalid(name + ": unexpected content after the top-level object");
        }
        if (images == null) {
            throw invalid(name + ": missing field images");
        }
        return images;
    }

    private List<KarpathyImage> images(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(name + " images: expected a list of images, got "
                    + describe(READER.readTree(parser)));
        }
        var images = new ArrayList<KarpathyImage>();
        while (true) {
            where = name + " images[" + images.size() + "]";
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                where = name;
                return images;
            }
            images.add(image(READER.readTree(parser), images.size()));
        }
    }

    private KarpathyImage image(JsonNode image, int index) {
        if (!image.isObject()) {
            throw invalid(where + ": expected an image object, got " + describe(image));
        }
        String filepath = name(image, "filepath");
        String filename = name(image, "filename");
        long imgid = id(image, "imgid");
        long cocoid = id(image, "cocoid");
        JsonNode split = required(image, "split");
        if (!split.isTextual() || Split.ofKarpathy(split.textValue()).isEmpty()) {
            throw invalid(where + ".split: expected one of train, restval, val, test, got " + describe(split));
        }
        var sentences = sentences(required(image, "sentences"));
        String key = filepath + "/" + filename;
        requireFirst(keys.putIfAbsent(key, index), ": image " + key + " is listed twice, first as");
        requireFirst(imgids.putIfAbsent(imgid, index), ".imgid: " + imgid + " is also the imgid of");
        requireFirst(cocoids.putIfAbsent(cocoid, index), ".cocoid: " + cocoid + " is also the cocoid of");
        return new KarpathyImage(index, filepath, filename, imgid, cocoid, split.textValue(), sentences);
    }

    private void requireFirst(Integer earlier, String clash) {
        if (earlier != null) {
            throw invalid(where + clash + " images[" + earlier + "]");
        }
    }

    /** A file or folder name: it becomes a line of a selection file, so no line breaks or surrounding spaces. */
    private String name(JsonNode image, String field) {
        JsonNode value = required(image, field);
        String text = value.isTextual() ? value.textValue() : "";
        if (text.isEmpty() || !text.strip().equals(text) || text.chars().anyMatch(Character::isISOControl)) {
            throw invalid(where + "." + field + ": expected a non-empty name without control characters or"
                    + " surrounding spaces, got " + describe(value));
        }
        return text;
    }

    private long id(JsonNode image, String field) {
        JsonNode value = required(image, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw invalid(where + "." + field + ": expected a non-negative integer, got " + describe(value));
        }
        return value.longValue();
    }

    private List<List<String>> sentences(JsonNode sentences) {
        if (!sentences.isArray()) {
            throw invalid(where + ".sentences: expected a list of sentences, got " + describe(sentences));
        }
        var all = new ArrayList<List<String>>(sentences.size());
        for (int k = 0; k < sentences.size(); k++) {
            String at = where + ".sentences[" + k + "]";
            JsonNode sentence = sentences.get(k);
            if (!sentence.isObject()) {
                throw invalid(at + ": expected a sentence object, got " + describe(sentence));
            }
            JsonNode tokens = sentence.get("tokens");
            if (tokens == null) {
                throw invalid(at + ": missing field tokens");
            }
            all.add(tokens(tokens, at + ".tokens"));
        }
        return List.copyOf(all);
    }

    private List<String> tokens(JsonNode tokens, String at) {
        boolean strings = tokens.isArray();
        for (int j = 0; strings && j < tokens.size(); j++) {
            strings = tokens.get(j).isTextual();
        }
        if (!strings) {
            throw invalid(at + ": expected a list of strings, got " + describe(tokens));
        }
        var sentence = new String[tokens.size()];
        for (int j = 0; j < sentence.length; j++) {
            String word = tokens.get(j).textValue();
            if (word.isEmpty() || word.codePoints().anyMatch(Character::isWhitespace)) {
                throw invalid(at + "[" + j + "]: expected a word without spaces, got " + describe(tokens.get(j)));
            }
            if (WordMap.RESERVED.contains(word)) {
                throw invalid(at + "[" + j + "]: " + word + " is reserved for the word map");
            }
            sentence[j] = words.computeIfAbsent(word, w -> w);
        }
        return List.of(sentence);
    }

    private JsonNode required(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw invalid(where + ": missing field " + field);
        }
        return value;
    }

    private static InvalidDatasetException invalid(String message) {
        return new InvalidDatasetException(message);
    }

    /**
     * The value as JSON, cut short (a hostile value may be 64 KiB long), with control characters that JSON leaves
     * as they are (DEL, C1 such as U+009B, a terminal's CSI) escaped, so that the message is safe to log.
     */
    private static String describe(JsonNode value) {
        String json = value.toString();
        String cut = json.length() <= 40 ? json : json.substring(0, 40) + "…";
        var safe = new StringBuilder(cut.length());
        cut.chars().forEach(c -> safe.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return safe.toString();
    }
}
