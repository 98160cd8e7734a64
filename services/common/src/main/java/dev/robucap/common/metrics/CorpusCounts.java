package dev.robucap.common.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What corpus BLEU sums over the corpus, added one hypothesis at a time as nltk's {@code corpus_bleu} and
 * pycocoevalcap's {@code BleuScorer} do: clipped n-gram matches and hypothesis n-gram counts per order (nltk's
 * modified-precision denominators and pycocoevalcap's guesses, which differ for hypotheses shorter than n),
 * hypothesis lengths and closest reference lengths.
 */
final class CorpusCounts {

    static final int MAX_ORDER = 4;

    private final long[] matches = new long[MAX_ORDER + 1];
    private final long[] totals = new long[MAX_ORDER + 1];
    private final long[] guesses = new long[MAX_ORDER + 1];
    private long hypothesisLength;
    private long referenceLength;

    /**
     * The counts of a corpus: each hypothesis with its own, non-empty list of references; refuses anything else,
     * naming what is wrong.
     */
    static <T> CorpusCounts of(List<List<T>> hypotheses, List<List<List<T>>> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size()
                    + " reference lists: every hypothesis needs its own list of references");
        }
        var counts = new CorpusCounts();
        for (int i = 0; i < hypotheses.size(); i++) {
            if (references.get(i).isEmpty()) {
                throw new IllegalArgumentException("references[" + i + "] is empty: every hypothesis needs at least"
                        + " one reference");
            }
            counts.add(hypotheses.get(i), references.get(i));
        }
        return counts;
    }

    <T> void add(List<T> hypothesis, List<List<T>> references) {
        for (int n = 1; n <= MAX_ORDER; n++) {
            Map<List<T>, Integer> counts = ngramCounts(hypothesis, n);
            Map<List<T>, Integer> maxReferenceCounts = new HashMap<>();
            for (List<T> reference : references) {
                ngramCounts(reference, n).forEach((ngram, count) -> {
                    if (counts.containsKey(ngram)) {
                        maxReferenceCounts.merge(ngram, count, Math::max);
                    }
                });
            }
            for (var entry : counts.entrySet()) {
                matches[n] += Math.min(entry.getValue(), maxReferenceCounts.getOrDefault(entry.getKey(), 0));
            }
            // nltk's modified_precision divides by at least 1, so a hypothesis shorter than n still adds 1 here.
            totals[n] += Math.max(1, hypothesis.size() - n + 1);
            // pycocoevalcap's cook_test counts the n-grams there are: none.
            guesses[n] += Math.max(0, hypothesis.size() - n + 1);
        }
        hypothesisLength += hypothesis.size();
        referenceLength += closestLength(references, hypothesis.size());
    }

    /** Clipped matches of n-grams summed over the corpus. */
    long matches(int n) {
        return matches[n];
    }

    /** The modified-precision denominators of order n summed over the corpus. */
    long totals(int n) {
        return totals[n];
    }

    /** The hypotheses' n-grams of order n summed over the corpus, pycocoevalcap's {@code guess}. */
    long guesses(int n) {
        return guesses[n];
    }

    long hypothesisLength() {
        return hypothesisLength;
    }

    long referenceLength() {
        return referenceLength;
    }

    /**
     * The reference length closest to the hypothesis length; of two equally close, the shorter (nltk's and
     * pycocoevalcap's "closest" both take the minimum of (distance, length)).
     */
    private static <T> int closestLength(List<List<T>> references, int hypothesisLength) {
        int closest = references.get(0).size();
        for (List<T> reference : references) {
            int length = reference.size();
            int distance = Math.abs(length - hypothesisLength);
            int closestDistance = Math.abs(closest - hypothesisLength);
            if (distance < closestDistance || distance == closestDistance && length < closest) {
                closest = length;
            }
        }
        return closest;
    }

    /** Occurrences of each n-gram; the keys are views of {@code tokens}, valid while it is not changed. */
    private static <T> Map<List<T>, Integer> ngramCounts(List<T> tokens, int n) {
        Map<List<T>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }
}
