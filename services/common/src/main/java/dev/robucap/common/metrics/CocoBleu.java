package dev.robucap.common.metrics;

import java.util.List;

/**
 * Corpus BLEU-1..4 exactly as the COCO-caption evaluation computes it: pycocoevalcap's {@code Bleu(4)} (David
 * Chiang's {@code BleuScorer} as tylin/coco-caption modified it) with option {@code "closest"}, as
 * {@code COCOEvalCap} calls it. Clipped n-gram matches ({@code correct}: each hypothesis n-gram counts at most as
 * often as in the reference that has it most often) and hypothesis n-grams ({@code guess}: 0 for a hypothesis shorter
 * than n) are summed over the corpus, and so are the hypothesis lengths and each hypothesis's closest reference length
 * (equally close: the shorter). Then, for n = 1..4, with {@code tiny = 1e-15} and {@code small = 1e-9},
 * <pre>
 *   p      = p * (correct[n] + tiny) / (guess[n] + small)           (p starts at 1)
 *   ratio  = (hypothesis length + tiny) / (reference length + small)
 *   BLEU-n = p^(1/n) * (ratio &lt; 1 ? exp(1 - 1/ratio) : 1)
 * </pre>
 * in pycocoevalcap's order of floating-point operations. Unlike nltk's {@link Bleu}, this is never undefined and rarely
 * exactly 0 or 1: an order without matches contributes {@code 1e-15 / guesses} (so BLEU-4 without a matching 4-gram
 * is small but not tiny, about 1e-4 for a short corpus), no matching unigram does not make it 0, and a corpus exactly
 * as long as its references still has a brevity penalty just below 1 ({@code ratio} is a hair under 1). It is 0 when
 * the hypotheses are all empty (the penalty underflows), for an empty corpus too. Otherwise the sums are nltk's, but
 * for a hypothesis shorter than n, which adds no n-gram here and 1 to nltk's denominator: on hypotheses of 4 or more
 * tokens with matches of every order, {@link Bleu} and this agree to 1e-9 (relative) or better.
 *
 * <p>pycocoevalcap first runs its PTB tokenizer over the caption strings and {@code BleuScorer} splits them at
 * whitespace; this class takes token lists instead, as robucap's captions and references already are (lower-case
 * words of the word map). Its scores are pycocoevalcap's for the captions {@code String.join(" ", tokens)} whenever no
 * token is empty or contains whitespace, as no token from a tokenizer does. Checked against pycocoevalcap's own code by
 * tools/reference/make_coco_bleu_vectors.py. Stateless and thread-safe.
 */
public final class CocoBleu {

    /** Added to every count of matches, so that no factor is 0; pycocoevalcap's {@code tiny}. */
    static final double TINY = 1e-15;
    /** Added to every count of hypothesis n-grams and to the reference length, so that none divides by 0. */
    static final double SMALL = 1e-9;

    private CocoBleu() {
    }

    /**
     * COCO-caption BLEU-1..4 of the hypotheses, each with its own list of references, all token sequences.
     *
     * @throws IllegalArgumentException for the inputs pycocoevalcap fails on: a different number of hypotheses and
     *                                  reference lists, a hypothesis without references (an empty corpus scores 0)
     */
    public static <T> BleuScores corpus(List<List<T>> hypotheses, List<List<List<T>>> references) {
        var counts = CorpusCounts.of(hypotheses, references);
        return score(counts);
    }

    /** BleuScorer.compute_score's corpus part, operation for operation. */
    static BleuScores score(CorpusCounts counts) {
        double[] bleu = new double[CorpusCounts.MAX_ORDER];
        double product = 1;
        for (int n = 1; n <= CorpusCounts.MAX_ORDER; n++) {
            product *= ((double) counts.matches(n) + TINY) / ((double) counts.guesses(n) + SMALL);
            bleu[n - 1] = Math.pow(product, 1.0 / n);
        }
        double ratio = ((double) counts.hypothesisLength() + TINY) / ((double) counts.referenceLength() + SMALL);
        if (ratio < 1) {
            double brevityPenalty = Math.exp(1 - 1 / ratio);
            for (int n = 0; n < bleu.length; n++) {
                bleu[n] *= brevityPenalty;
            }
        }
        return new BleuScores(bleu[0], bleu[1], bleu[2], bleu[3]);
    }
}
