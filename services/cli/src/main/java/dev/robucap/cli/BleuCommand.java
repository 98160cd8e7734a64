package dev.robucap.cli;

import dev.robucap.common.Json;
import dev.robucap.common.metrics.Bleu;
import dev.robucap.common.metrics.BleuScores;
import dev.robucap.common.metrics.CocoBleu;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bleu", mixinStandardHelpOptions = true,
        description = {"Corpus BLEU-1..4 of tokenised hypotheses against their references, twice:",
                "BLEU-n (--json bleu1..bleu4): nltk 3.8's corpus_bleu semantics: clipped",
                "n-gram counts summed over the corpus, brevity penalty from the closest",
                "reference lengths (equally close: the shorter), no smoothing, weights 1/n.",
                "As in nltk, BLEU is 0 when no unigram matches, and an order with no match",
                "at all makes BLEU-n tiny but not 0.",
                "COCO BLEU-n (--json coco_bleu1..coco_bleu4): the COCO-caption evaluation's",
                "(pycocoevalcap's BleuScorer, option closest) over these tokens, without its",
                "PTB tokenizer: the same counts, but each n-gram precision and the length",
                "ratio get 1e-15 added to the numerator and 1e-9 to the denominator, so an",
                "order with no match makes COCO BLEU-n small (1e-6..1e-4 for BLEU-4), not tiny or",
                "0, and equal lengths still cost a brevity penalty a hair under 1; and a",
                "hypothesis shorter than n has no n-gram where nltk counts 1. On hypotheses",
                "of 4+ tokens with matches of every order the two agree to 1e-9 or better.",
                "FILE.json: {\"hypotheses\": [[token, ...], ...],",
                "            \"references\": [[[token, ...], ...], ...]},",
                "one list of references per hypothesis."})
final class BleuCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.json")
    Path file;

    @Option(names = "--json", description = {"print one JSON object {\"bleu1\", …, \"bleu4\" (nltk),",
            "\"coco_bleu1\", …, \"coco_bleu4\" (pycocoevalcap)}, fractions in 0..1"})
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BleuInput input;
        BleuScores scores;
        BleuScores coco;
        try {
            input = BleuInput.read(file);
            scores = Bleu.corpus(input.hypotheses(), input.references());
            coco = CocoBleu.corpus(input.hypotheses(), input.references());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + Robucap.oneLine(e), e);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put("bleu1", scores.bleu1())
                    .put("bleu2", scores.bleu2()).put("bleu3", scores.bleu3()).put("bleu4", scores.bleu4())
                    .put("coco_bleu1", coco.bleu1()).put("coco_bleu2", coco.bleu2())
                    .put("coco_bleu3", coco.bleu3()).put("coco_bleu4", coco.bleu4())));
        } else {
            out.printf(Locale.ROOT, "corpus BLEU (nltk corpus_bleu) of %d hypotheses%n", input.hypotheses().size());
            double[] bleu = {scores.bleu1(), scores.bleu2(), scores.bleu3(), scores.bleu4()};
            for (int n = 1; n <= 4; n++) {
                out.printf(Locale.ROOT, "BLEU-%d  %.6f  %6.2f %%%n", n, bleu[n - 1], 100 * bleu[n - 1]);
            }
            out.printf(Locale.ROOT, "COCO-caption BLEU (pycocoevalcap BleuScorer, option closest)"
                    + " of the same hypotheses%n");
            double[] cocoBleu = {coco.bleu1(), coco.bleu2(), coco.bleu3(), coco.bleu4()};
            for (int n = 1; n <= 4; n++) {
                out.printf(Locale.ROOT, "COCO BLEU-%d  %.6f  %6.2f %%%n", n, cocoBleu[n - 1], 100 * cocoBleu[n - 1]);
            }
        }
        out.flush();
        return 0;
    }
}
