#!/usr/bin/python3
"""Reference vectors for robucap's Java corpus BLEU, from nltk's corpus_bleu.

Run with Debian's /usr/bin/python3 (nltk 3.8 from `apt-get install python3-nltk`):
    /usr/bin/python3 tools/reference/make_bleu_vectors.py
Writes services/common/src/test/resources/bleu/vectors.json and the CLI's example input
services/cli/src/test/resources/bleu/example.json. Deterministic.

BLEU-n is corpus_bleu with uniform weights over orders 1..n and no smoothing, as BLEU-1..4 are usually computed
with nltk. Most corpora are stored token by token; the "generated" corpora are too big for that and are made by
a 64-bit LCG that the Java test repeats (GeneratedCorpus.java).
"""
import json
import random
import warnings
from pathlib import Path

import nltk
from nltk.translate.bleu_score import corpus_bleu

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "services/common/src/test/resources/bleu/vectors.json"
CLI_EXAMPLE = ROOT / "services/cli/src/test/resources/bleu/example.json"
WEIGHTS = [(1.0,), (0.5, 0.5), (1 / 3, 1 / 3, 1 / 3), (0.25, 0.25, 0.25, 0.25)]
MASK = (1 << 64) - 1


def bleu(hypotheses, references):
    """nltk's BLEU-1..4; the method0 warnings about zero n-gram matches are expected and silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = [corpus_bleu(references, hypotheses, weights=w) for w in WEIGHTS]
        # One call with all four weights must agree: nltk shares the counts between them.
        assert scores == corpus_bleu(references, hypotheses, weights=WEIGHTS)
    return scores


def case(name, hypotheses, references):
    return {"name": name, "hypotheses": hypotheses, "references": references, "bleu": bleu(hypotheses, references)}


def hand_made():
    cat = "the cat is on the mat".split()
    mat = "there is a cat on the mat".split()
    return [
        # Papineni et al.'s clipping example: "the" counts at most twice, as often as in the first reference.
        case("clipping: the the the the the the the", [["the"] * 7], [[cat, mat]]),
        case("identical hypothesis and reference", [cat], [[cat]]),
        case("identical to the second of two references", [mat], [[cat, mat]]),
        case("no unigram matches", [["a", "dog", "runs"]], [[cat]]),
        case("unigram and bigram matches, no trigram", [["the", "cat", "sat", "on", "a", "mat"]], [[cat]]),
        case("trigram matches, no 4-gram", [["the", "cat", "sat", "on", "the", "mat"]], [[cat, mat]]),
        case("empty hypothesis", [[]], [[cat]]),
        case("empty hypothesis beside a good one", [[], cat], [[cat], [mat]]),
        case("all hypotheses empty", [[], []], [[cat], [mat]]),
        case("one-token hypothesis", [["cat"]], [[cat]]),
        case("two-token hypothesis", [["the", "cat"]], [[cat]]),
        case("three-token hypothesis", [["on", "the", "mat"]], [[cat, mat]]),
        case("short hypotheses beside long ones", [["mat"], ["the", "cat"], cat, mat], [[cat], [mat], [cat], [mat]]),
        case("empty reference", [["the", "cat"]], [[[], cat]]),
        case("only an empty reference", [["the", "cat"]], [[[]]]),
        case("hypothesis longer than every reference", [cat + mat], [[cat, mat]]),
        # Length 5 is 2 away from both 3 and 7: nltk takes the shorter, so there is no brevity penalty.
        case("closest reference length tie goes to the shorter",
             [["the", "cat", "is", "on", "mat"]], [[["the", "cat", "is"], "the cat is on the mat too".split()]]),
        case("closest reference length tie, reference order reversed",
             [["the", "cat", "is", "on", "mat"]], [["the cat is on the mat too".split(), ["the", "cat", "is"]]]),
        case("brevity penalty from the closest, longer, reference",
             [["the", "cat", "is"]], [[cat, ["the", "cat", "is", "here"]]]),
        case("repeated bigrams are clipped too",
             [["a", "b", "a", "b", "a", "b", "a", "b"]], [[["a", "b", "a", "b", "c"], ["b", "a", "b"]]]),
        case("clip counts are the maximum over references, not the sum",
             [["x", "x", "x", "y"]], [[["x", "y", "z"], ["x", "z", "x"]]]),
        case("non-ASCII tokens", [["le", "café", "est", "chaud", "ici"]], [[["le", "café", "est", "très", "chaud"]]]),
    ]


def random_corpus(rng, size, vocabulary, max_references, max_length):
    words = ["w%d" % i for i in range(vocabulary)]

    def sentence():
        return [rng.choice(words) for _ in range(rng.randint(0, max_length))]

    references = [[sentence() for _ in range(rng.randint(1, max_references))] for _ in range(size)]
    # Most hypotheses copy a reference with some words changed, so that 3- and 4-grams match now and then.
    hypotheses = []
    for refs in references:
        if rng.random() < 0.7:
            source = rng.choice(refs)
            hypotheses.append([w if rng.random() < 0.75 else rng.choice(words) for w in source])
        else:
            hypotheses.append(sentence())
    return hypotheses, references


def random_cases():
    rng = random.Random(20240704)
    cases = []
    for size, vocabulary, max_references, max_length in [
            (1, 3, 1, 6), (1, 5, 3, 10), (2, 2, 2, 5), (3, 4, 5, 12), (5, 6, 2, 8), (8, 3, 4, 4), (10, 10, 5, 15),
            (20, 8, 5, 20), (30, 20, 3, 12), (50, 5, 5, 10), (50, 40, 5, 18), (100, 12, 5, 16), (200, 25, 6, 25),
            (300, 10, 5, 14)]:
        for repeat in range(3):
            hypotheses, references = random_corpus(rng, size, vocabulary, max_references, max_length)
            name = "random: %d hypotheses, vocabulary %d, up to %d references of up to %d tokens (#%d)" % (
                size, vocabulary, max_references, max_length, repeat + 1)
            cases.append(case(name, hypotheses, references))
    # Very short sentences: many hypotheses shorter than 4 tokens, many zero higher-order counts.
    for repeat in range(4):
        hypotheses, references = random_corpus(rng, 6, 3, 3, 3)
        cases.append(case("random short sentences (#%d)" % (repeat + 1), hypotheses, references))
    return cases


class Lcg:
    """Knuth's MMIX LCG; mirrored in GeneratedCorpus.java."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 33) % bound


def generated_corpus(seed, size, references_per_hypothesis, vocabulary):
    """References of 5..16 tokens; each hypothesis copies its first reference, a third of the words replaced."""
    lcg = Lcg(seed)
    hypotheses, references = [], []
    for _ in range(size):
        refs = [[lcg.next(vocabulary) for _ in range(5 + lcg.next(12))] for _ in range(references_per_hypothesis)]
        length = 5 + lcg.next(12)
        hypothesis = []
        for i in range(length):
            word = lcg.next(vocabulary)
            hypothesis.append(refs[0][i] if i < len(refs[0]) and lcg.next(3) != 0 else word)
        references.append([["w%d" % t for t in r] for r in refs])
        hypotheses.append(["w%d" % t for t in hypothesis])
    return hypotheses, references


def generated_cases():
    cases = []
    for seed, size, per, vocabulary in [(1, 5000, 5, 1000), (2, 5000, 5, 30), (3, 1000, 1, 8)]:
        hypotheses, references = generated_corpus(seed, size, per, vocabulary)
        cases.append({"name": "generated: %d hypotheses, %d references each, vocabulary %d" % (size, per, vocabulary),
                      "generated": {"seed": seed, "size": size, "referencesPerHypothesis": per,
                                    "vocabulary": vocabulary},
                      "bleu": bleu(hypotheses, references)})
    return cases


def refusal(name, hypotheses, references):
    try:
        bleu(hypotheses, references)
    except Exception as e:  # nltk fails with assorted exception types; the Java code refuses all of these inputs
        return {"name": name, "hypotheses": hypotheses, "references": references, "nltkError": type(e).__name__}
    raise AssertionError("nltk accepted " + name)


def refusals():
    return [
        refusal("empty corpus", [], []),
        refusal("more hypotheses than reference lists", [["a"], ["b"]], [[["a"]]]),
        refusal("more reference lists than hypotheses", [["a"]], [[["a"]], [["b"]]]),
        refusal("a hypothesis without references", [["a"]], [[]]),
        refusal("an empty hypothesis without references", [[]], [[]]),
    ]


def write_cases(path, header, cases, refused):
    """One case a line, so that the file reads and diffs well."""
    lines = ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases)
    refused_lines = ",\n".join(json.dumps(c, ensure_ascii=False) for c in refused)
    head = json.dumps(header)[:-1]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + ',\n"cases": [\n' + lines + '\n],\n"refusals": [\n' + refused_lines + "\n]}\n",
                    encoding="utf-8")
    print("wrote", path, len(cases), "cases,", len(refused), "refusals")


def main():
    cases = hand_made() + random_cases() + generated_cases()
    header = {"generator": "tools/reference/make_bleu_vectors.py", "nltk": nltk.__version__,
              "weights": [list(w) for w in WEIGHTS]}
    write_cases(OUT, header, cases, refusals())
    json.loads(OUT.read_text(encoding="utf-8"))

    example = next(c for c in cases if c["name"].startswith("random: 20 hypotheses"))
    CLI_EXAMPLE.parent.mkdir(parents=True, exist_ok=True)
    CLI_EXAMPLE.write_text(json.dumps({
        "input": {"hypotheses": example["hypotheses"], "references": example["references"]},
        "nltk": dict(zip(["bleu1", "bleu2", "bleu3", "bleu4"], example["bleu"]))}) + "\n", encoding="utf-8")
    print("wrote", CLI_EXAMPLE, example["name"])


if __name__ == "__main__":
    main()
