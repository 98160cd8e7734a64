package dev.robucap.common.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The corpora that make_bleu_vectors.py's {@code generated_corpus} builds from a 64-bit LCG (Knuth's MMIX
 * constants), too big to store: references of 5..16 tokens, each hypothesis its first reference with a third of
 * the words replaced and a length of its own.
 */
record GeneratedCorpus(List<List<String>> hypotheses, List<List<List<String>>> references) {

    static GeneratedCorpus of(long seed, int size, int referencesPerHypothesis, int vocabulary) {
        var lcg = new Lcg(seed);
        List<List<String>> hypotheses = new ArrayList<>();
        List<List<List<String>>> references = new ArrayList<>();
        for (int s = 0; s < size; s++) {
            List<List<String>> refs = new ArrayList<>();
            for (int r = 0; r < referencesPerHypothesis; r++) {
                int length = 5 + lcg.next(12);
                List<String> reference = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    reference.add(word(lcg.next(vocabulary)));
                }
                refs.add(reference);
            }
            int length = 5 + lcg.next(12);
            List<String> hypothesis = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                String word = word(lcg.next(vocabulary));
                // The script evaluates the condition left to right: the copy is drawn only within the reference.
                hypothesis.add(i < refs.get(0).size() && lcg.next(3) != 0 ? refs.get(0).get(i) : word);
            }
            hypotheses.add(hypothesis);
            references.add(refs);
        }
        return new GeneratedCorpus(hypotheses, references);
    }

    private static String word(int index) {
        return "w" + index;
    }

    private static final class Lcg {
        private long state;

        Lcg(long seed) {
            state = seed;
        }

        /** The next draw in 0..bound-1 from the state's top 31 bits. */
        int next(int bound) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (int) ((state >>> 33) % bound);
        }
    }
}
