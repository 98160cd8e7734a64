package dev.robucap.common.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * Corpus BLEU-1..4 exactly as nltk 3.8's {@code corpus_bleu(list_of_references, hypotheses, weights)} computes
 * it without smoothing, BLEU-n with the weights (1/n, …, 1/n): clipped n-gram matches and hypothesis n-gram counts
 * summed over the corpus, a brevity penalty from the summed closest reference lengths (equally close: the shorter),
 * and 0 when no unigram matches. As nltk's default method0 does, an order without matches counts with precision
 * {@code Double.MIN_NORMAL} ({@code sys.float_info.min}), so that BLEU-n is then a tiny positive number, not 0.
 * Stateless and thread-safe.
 */
public final class Bleu {

    private Bleu() {
    }

    /**
     * BLEU-1..4 of the hypotheses, each with its own list of references, all token sequences.
     *
     * @throws IllegalArgumentException for the inputs nltk fails on: no hypotheses, a different number of
     *                                  hypotheses and reference lists, a hypothesis without references
     */
    public static <T> BleuScores corpus(List<List<T>> hypotheses, List<List<List<T>>> references) {
        var counts = CorpusCounts.of(hypotheses, references);
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("no hypotheses: corpus BLEU of an empty corpus is undefined");
        }
        return new BleuScores(score(counts, 1), score(counts, 2), score(counts, 3), score(counts, 4));
    }

    /** BLEU with uniform weights over the orders 1..maxOrder. */
    private static double score(CorpusCounts counts, int maxOrder) {
        if (counts.matches(1) == 0) {
            return 0;
        }
        double weight = 1.0 / maxOrder;
        // nltk adds the weighted logs with math.fsum, which rounds the exact sum once; BigDecimal sums exactly.
        BigDecimal logSum = BigDecimal.ZERO;
        for (int n = 1; n <= maxOrder; n++) {
            double precision = counts.matches(n) == 0 ? Double.MIN_NORMAL
                    : (double) counts.matches(n) / counts.totals(n);
            logSum = logSum.add(new BigDecimal(weight * Math.log(precision)));
        }
        return brevityPenalty(counts) * Math.exp(logSum.doubleValue());
    }

    /** 1 for a corpus longer than its references, else exp(1 - r/c); c > 0 once a unigram matched. */
    private static double brevityPenalty(CorpusCounts counts) {
        long c = counts.hypothesisLength();
        long r = counts.referenceLength();
        return c > r ? 1 : Math.exp(1 - (double) r / c);
    }
}
