package dev.robucap.evaluator.serving;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.ml.caption.BeamSearch;
import dev.robucap.ml.caption.Captioner;
import dev.robucap.ml.caption.CaptionerModel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A published captioner loaded for serving, with the arrays it owns. DJL does not promise that a block's forward is
 * thread-safe, so the requests for one captioner take turns (different captioners run at once); closing waits for
 * the caption under way.
 */
final class ServedCaptioner implements AutoCloseable {

    /**
     * One image's caption: every token from {@code <start>} as the word map spells it, the words that count
     * (without {@code <start>}, {@code <end>} and pads) joined by spaces, and the attention weights over the
     * encoder's square grid with which each token after {@code <start>} was predicted.
     */
    record Caption(List<String> tokens, String text, float[][] alphas) {
    }

    private final String prefix;
    private final CaptionerModel model;
    private final WordMap words;
    private final NDManager manager;
    private final Captioner captioner;
    private boolean closed;

    private ServedCaptioner(String prefix, CaptionerModel model, WordMap words, NDManager manager,
                            Captioner captioner) {
        this.prefix = prefix;
        this.model = model;
        this.words = words;
        this.manager = manager;
        this.captioner = captioner;
    }

    /** The captioner of a captioner-trainer output's {@code model.json}, word map and {@code model.params}. */
    static ServedCaptioner load(String prefix, CaptionerModel model, WordMap words, byte[] weights) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new ServedCaptioner(prefix, model, words, manager,
                    model.load(weights, words.words(), model.hyper().beamSize(), manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    String prefix() {
        return prefix;
    }

    CaptionerModel model() {
        return model;
    }

    /**
     * The caption of {@code image} (CHW, as {@link CaptionerModel#transform()} makes it) by beam search of
     * {@code beamSize}; empty when this captioner was unloaded meanwhile, to be loaded again.
     */
    synchronized Optional<Caption> caption(float[] image, int beamSize) {
        if (closed) {
            return Optional.empty();
        }
        try (NDManager request = manager.newSubManager()) {
            int size = model.imageSize();
            BeamSearch.Caption found = captioner.search(request,
                    request.create(image, new Shape(1, 3, size, size)), beamSize).get(0);
            List<String> tokens = Arrays.stream(found.tokens()).mapToObj(words::word).toList();
            return Optional.of(new Caption(tokens, String.join(" ", captioner.words(found.tokens())),
                    found.alphas()));
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
