package dev.robucap.ml.caption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Captions images as the tutorial's eval.py does, by {@link BeamSearch} on the encoder's output, in batches of
 * {@code batchSize} images (the next batch decoding while the current one is searched): the trainer's dev
 * evaluation and the evaluator's test captions.
 */
public final class Captioner {

    /** Example {@code index}'s caption as words, without {@code <start>}, {@code <end>} and pads. */
    public record Captioned(int index, List<String> words) {
    }

    private final CaptionEncoder encoder;
    private final AttentionDecoder decoder;
    private final BeamSearch search;
    private final int maxCaptionLength;
    private final List<String> words;
    private final int start;
    private final int end;
    private final int pad;
    private final int batchSize;

    /** {@code words} maps token ids to words and holds {@code <start>}, {@code <end>} and {@code <pad>}. */
    public Captioner(CaptionEncoder encoder, AttentionDecoder decoder, List<String> words, int beamSize,
            int maxCaptionLength, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid batchSize: " + batchSize);
        }
        this.encoder = encoder;
        this.decoder = decoder;
        this.words = List.copyOf(words);
        this.start = index(words, "<start>");
        this.end = index(words, "<end>");
        this.pad = index(words, "<pad>");
        this.search = new BeamSearch(decoder, beamSize, maxCaptionLength, start, end);
        this.maxCaptionLength = maxCaptionLength;
        this.batchSize = batchSize;
    }

    private static int index(List<String> words, String token) {
        int index = words.indexOf(token);
        if (index < 0) {
            throw new IllegalArgumentException("the word map has no " + token);
        }
        return index;
    }

    /**
     * The caption of every example of {@code examples} (read as epoch 0) whose image decodes, in index order; the
     * encoder and the decoder run in inference mode. Arrays are created in sub-managers of {@code manager}.
     */
    public List<Captioned> caption(NDManager manager, CaptionExamples examples) {
        List<Captioned> captions = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += batchSize) {
            int[] indices = batch(from, examples.size());
            if (from + batchSize < examples.size()) {
                examples.prefetch(0, batch(from + batchSize, examples.size()));
            }
            try (NDManager batch = manager.newSubManager()) {
                CaptionExamples.Batch images = examples.batch(batch, 0, indices);
                if (images.indices().length == 0) {
                    continue;
                }
                List<BeamSearch.Caption> found = search(batch, images.images(), search);
                for (int i = 0; i < found.size(); i++) {
                    captions.add(new Captioned(images.indices()[i], words(found.get(i).tokens())));
                }
            }
        }
        return captions;
    }

    /**
     * The best caption of each of {@code images} (n, 3, h, w), normalised, by beam search of {@code beamSize} instead
     * of the captioner's own, with the attention weights of every word: what serving one upload needs. Arrays are
     * created in a sub-manager of {@code manager}.
     */
    public List<BeamSearch.Caption> search(NDManager manager, NDArray images, int beamSize) {
        try (NDManager sub = manager.newSubManager()) {
            return search(sub, images, new BeamSearch(decoder, beamSize, maxCaptionLength, start, end));
        }
    }

    private List<BeamSearch.Caption> search(NDManager manager, NDArray images, BeamSearch beamSearch) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray encoded = encoder.forward(ps, new NDList(images), false).singletonOrThrow(); // (n, pixels, encoderDim)
        return beamSearch.search(ps, encoded);
    }

    private int[] batch(int from, int size) {
        return IntStream.range(from, Math.min(from + batchSize, size)).toArray();
    }

    /** Token ids → words, without {@code <start>}, {@code <end>} and pads (as the tutorial's BLEU input). */
    public List<String> words(int[] tokens) {
        List<String> caption = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            if (token != start && token != end && token != pad) {
                caption.add(words.get(token));
            }
        }
        return caption;
    }
}
