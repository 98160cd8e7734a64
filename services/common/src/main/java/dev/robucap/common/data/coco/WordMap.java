package dev.robucap.common.data.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The captioner's vocabulary, numbered as the tutorial's {@code create_input_files} numbers it: {@code <pad>} is 0,
 * the words from 1 in the order they first occur, then {@code <unk>}, {@code <start>} and {@code <end>}. Saved with
 * the model as the tutorial's {@code WORDMAP_*.json}, an object {@code {"word": index}}. Immutable and thread-safe.
 */
public final class WordMap {

    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String START = "<start>";
    public static final String END = "<end>";
    /** The special words: a caption holding one would be confused with them. */
    public static final Set<String> RESERVED = Set.of(PAD, UNK, START, END);

    /** A word map is one flat object of words (short names) and int indices: refuse anything bigger early. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).maxNameLength(1 << 16)
                    .maxNumberLength(20).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Index to word. */
    private final List<String> words;
    private final Map<String, Integer> indices;

    private WordMap(List<String> words) {
        this.words = List.copyOf(words);
        var indices = new HashMap<String, Integer>();
        for (int i = 0; i < words.size(); i++) {
            indices.put(words.get(i), i);
        }
        this.indices = Map.copyOf(indices);
    }

    /**
     * The tutorial's map of {@code sentences}: every word occurring more than {@code minWordFrequency} times,
     * numbered in the order of its first occurrence (the order of Python's {@code Counter}).
     */
    public static WordMap build(Iterable<List<String>> sentences, int minWordFrequency) {
        var counts = new LinkedHashMap<String, Integer>();
        sentences.forEach(sentence -> sentence.forEach(word -> counts.merge(word, 1, Integer::sum)));
        var words = new ArrayList<String>();
        words.add(PAD);
        counts.forEach((word, count) -> {
            if (RESERVED.contains(word)) {
                throw new IllegalArgumentException(word + " is reserved for the word map: it cannot be a caption's");
            }
            if (count > minWordFrequency) {
                words.add(word);
            }
        });
        words.addAll(List.of(UNK, START, END));
        return new WordMap(words);
    }

    /** The number of indices: the embedding's rows and the decoder's outputs. */
    public int size() {
        return words.size();
    }

    /** Every word by index, {@code <pad>} first. */
    public List<String> words() {
        return words;
    }

    /** The word's index; {@code <unk>}'s for a word outside the vocabulary. */
    public int index(String word) {
        Integer index = indices.get(word);
        return index != null ? index : unk();
    }

    public String word(int index) {
        if (index < 0 || index >= words.size()) {
            throw new IllegalArgumentException("index " + index + " is outside the word map (0.."
                    + (words.size() - 1) + ")");
        }
        return words.get(index);
    }

    public int pad() {
        return 0;
    }

    public int unk() {
        return words.size() - 3;
    }

    public int start() {
        return words.size() - 2;
    }

    public int end() {
        return words.size() - 1;
    }

    /** The tutorial's encoding of a caption of at most {@code maxLength} tokens. */
    public EncodedCaption encode(List<String> tokens, int maxLength) {
        if (tokens.size() > maxLength) {
            throw new IllegalArgumentException("a caption of " + tokens.size() + " tokens is longer than the"
                    + " maximum of " + maxLength);
        }
        int[] ids = new int[maxLength + 2];
        ids[0] = start();
        for (int i = 0; i < tokens.size(); i++) {
            ids[i + 1] = index(tokens.get(i));
        }
        ids[tokens.size() + 1] = end();
        Arrays.fill(ids, tokens.size() + 2, ids.length, pad());
        return new EncodedCaption(ids, tokens.size() + 2);
    }

    /**
     * The tokens of {@code ids} without {@code <start>}, {@code <end>} and {@code <pad>} (wherever they are), as the
     * tutorial compares captions for BLEU; {@code <unk>} stays.
     */
    public List<String> decode(int[] ids) {
        var tokens = new ArrayList<String>(ids.length);
        for (int id : ids) {
            if (id != start() && id != end() && id != pad()) {
                tokens.add(word(id));
            }
        }
        return tokens;
    }

    /**
     * {@code {"word": index}} in the tutorial's order: the words, {@code <unk>}, {@code <start>}, {@code <end>}, and
     * {@code <pad>} last.
     */
    public byte[] toJson() {
        var out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            // indices 1, 2, …, n-1, then 0
            for (int i = 1; i <= words.size(); i++) {
                json.writeNumberField(words.get(i % words.size()), i % words.size());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads {@link #toJson()}'s form (or the tutorial's file): the indices must be 0 to n-1, each once, with
     * {@code <pad>} at 0 and {@code <unk>}, {@code <start>}, {@code <end>} at n-3, n-2, n-1.
     */
    public static WordMap fromJson(byte[] json) {
        var byIndex = new HashMap<Integer, String>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("expected an object of words and indices");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String word = parser.currentName();
                boolean index = parser.nextToken() == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() == JsonParser.NumberType.INT && parser.getIntValue() >= 0;
                if (!index) {
                    throw invalid(word + ": expected a non-negative integer index, got " + parser.getText());
                }
                String other = byIndex.put(parser.getIntValue(), word);
                if (other != null) {
                    throw invalid(word + ": index " + parser.getIntValue() + " is also " + other + "'s");
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("unexpected content after the object");
            }
        } catch (JsonProcessingException e) {
            throw invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var words = new ArrayList<String>(byIndex.size());
        for (int i = 0; i < byIndex.size(); i++) {
            String word = byIndex.get(i);
            if (word == null) {
                throw invalid("index " + i + " is missing: the " + byIndex.size() + " indices must be 0.."
                        + (byIndex.size() - 1));
            }
            words.add(word);
        }
        requireSpecial(words, PAD, 0);
        requireSpecial(words, UNK, words.size() - 3);
        requireSpecial(words, START, words.size() - 2);
        requireSpecial(words, END, words.size() - 1);
        return new WordMap(words);
    }

    private static void requireSpecial(List<String> words, String word, int index) {
        if (index < 0 || index >= words.size() || !words.get(index).equals(word)) {
            throw invalid(word + " must be at index " + index + " of a word map of " + words.size() + " entries");
        }
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("word map: " + problem);
    }
}
