package dev.robucap.common.metrics;

/** Corpus BLEU-1..4 as fractions in 0..1: BLEU-n with uniform weights 1/n over the orders 1..n. */
public record BleuScores(double bleu1, double bleu2, double bleu3, double bleu4) {
}
