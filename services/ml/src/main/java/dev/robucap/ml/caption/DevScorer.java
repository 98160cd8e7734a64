package dev.robucap.ml.caption;

import java.util.List;

/** Scores decoded dev captions; the trainer keeps the weights of the best score. */
public interface DevScorer {

    /**
     * Corpus BLEU-4 of {@code hypotheses} (one word list per image, without {@code <start>}, {@code <end>} and pads)
     * against {@code references} (every reference caption of the same image), as a fraction in 0..1.
     */
    double bleu4(List<List<String>> hypotheses, List<List<List<String>>> references);
}
