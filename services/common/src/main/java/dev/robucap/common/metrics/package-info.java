/**
 * Caption metrics. {@link dev.robucap.common.metrics.Bleu} is corpus BLEU-1..4 exactly as nltk 3.8's
 * {@code corpus_bleu} computes it, checked against vectors written by {@code tools/reference/make_bleu_vectors.py};
 * it is not the COCO caption evaluation's (pycocoevalcap's) BLEU, which clips and penalises brevity differently.
 */
package dev.robucap.common.metrics;
