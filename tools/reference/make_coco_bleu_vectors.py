#!/usr/bin/python3
"""Reference vectors for robucap's Java COCO-caption BLEU (CocoBleu), from pycocoevalcap's own BLEU code.

The reference code is not part of robucap. It is bleu/bleu.py and bleu/bleu_scorer.py of
https://github.com/salaniz/pycocoevalcap at commit ad63453cfab57a81a02b2949b17a91fab1c3df77 (the Python 3 port of
tylin/coco-caption's pycocoevalcap/bleu, commit 3a9afb2682141a03e1cdc02b0df6770d2c884f6f: the same algorithm,
only xrange/iteritems/print and a tuple parameter changed). Put both files into one folder outside the project and
give that folder to this script; run it with Debian's /usr/bin/python3 (3.11; nltk 3.8 from
`apt-get install python3-nltk` only because the random corpora come from make_bleu_vectors.py):
    mkdir -p /tmp/pycocoevalcap-bleu
    git -C <clone of salaniz/pycocoevalcap> show ad63453:bleu/bleu.py > /tmp/pycocoevalcap-bleu/bleu.py
    git -C <clone of salaniz/pycocoevalcap> show ad63453:bleu/bleu_scorer.py > /tmp/pycocoevalcap-bleu/bleu_scorer.py
    /usr/bin/python3 tools/reference/make_coco_bleu_vectors.py /tmp/pycocoevalcap-bleu
The SHA-256 of both files goes into the vectors' header. Writes services/common/src/test/resources/bleu/
coco-vectors.json and, for the CLI's example input (services/cli/src/test/resources/bleu/example.json, written by
make_bleu_vectors.py), services/cli/src/test/resources/bleu/coco-example.json. Deterministic.

Each corpus goes through pycocoevalcap's Bleu(4).compute_score(gts, res) as COCOEvalCap calls it (option
"closest"; verbose=0 only silences its prints): gts[i] the references and res[i] = [hypothesis] of hypothesis i,
each caption its tokens joined by single spaces. pycocoevalcap's PTB tokenizer is not run: robucap scores token
lists, so the tokens here are non-empty and free of whitespace, and BleuScorer's split() gives them back as they
are. The corpus scores (the first value compute_score returns) are stored, not the per-image ones.
"""
import hashlib
import importlib
import json
import random
import sys
import types
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ next to the reference code
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_bleu_vectors import generated_corpus, random_corpus, write_cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "services/common/src/test/resources/bleu/coco-vectors.json"
CLI_EXAMPLE = ROOT / "services/cli/src/test/resources/bleu/example.json"
CLI_COCO_EXAMPLE = ROOT / "services/cli/src/test/resources/bleu/coco-example.json"
PACKAGE = "pycocoevalcap_bleu"


def load(folder):
    """bleu.py imports .bleu_scorer relatively: load both as submodules of a package whose path is the folder."""
    package = types.ModuleType(PACKAGE)
    package.__path__ = [str(folder)]
    sys.modules[PACKAGE] = package
    return importlib.import_module(PACKAGE + ".bleu"), importlib.import_module(PACKAGE + ".bleu_scorer")


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Reference:
    def __init__(self, folder):
        self.bleu, self.scorer = load(folder)

    def __call__(self, hypotheses, references):
        for sentence in hypotheses + [r for refs in references for r in refs]:
            for token in sentence:
                assert token and token.split() == [token], "token %r would not survive join and split" % token
        gts = {i: [" ".join(r) for r in refs] for i, refs in enumerate(references)}
        res = {i: [" ".join(h)] for i, h in enumerate(hypotheses)}
        score, _ = self.bleu.Bleu(4).compute_score(gts, res, verbose=0)
        # The scorer fed directly, in corpus order, must agree: the wrapper only checks and iterates the ids.
        scorer = self.scorer.BleuScorer(n=4)
        for h, refs in zip(hypotheses, references):
            scorer += (" ".join(h), [" ".join(r) for r in refs])
        assert scorer.compute_score(option="closest")[0] == score
        return [float(s) for s in score]


def hand_made(coco):
    def case(name, hypotheses, references):
        return {"name": name, "hypotheses": hypotheses, "references": references,
                "cocoBleu": coco(hypotheses, references)}

    cat = "the cat is on the mat".split()
    mat = "there is a cat on the mat".split()
    coco_refs = [s.split() for s in [
        "a man riding a wave on top of a surfboard",
        "a surfer rides a large wave in the ocean",
        "a person on a surfboard riding a wave",
        "a man on a surf board riding a wave",
        "a surfer is riding a wave on his board"]]
    return [
        # Papineni et al.'s clipping example: "the" counts at most twice, as often as in the first reference.
        case("clipping: the the the the the the the", [["the"] * 7], [[cat, mat]]),
        # Equal lengths still give ratio (c + 1e-15) / (r + 1e-9) < 1: a brevity penalty just below 1.
        case("identical hypothesis and reference", [cat], [[cat]]),
        case("identical to the second of two references", [mat], [[cat, mat]]),
        case("no unigram matches", [["a", "dog", "runs"]], [[cat]]),
        case("unigram and bigram matches, no trigram", [["the", "cat", "sat", "on", "a", "mat"]], [[cat]]),
        case("trigram matches, no 4-gram", [["the", "cat", "sat", "on", "the", "mat"]], [[cat, mat]]),
        case("empty hypothesis", [[]], [[cat]]),
        case("empty hypothesis beside a good one", [[], cat], [[cat], [mat]]),
        case("all hypotheses empty", [[], []], [[cat], [mat]]),
        case("empty corpus", [], []),
        case("one-token hypothesis", [["cat"]], [[cat]]),
        case("one-token hypothesis and one-token reference", [["cat"]], [[["cat"]]]),
        case("one-token hypotheses only", [["cat"], ["mat"], ["dog"]], [[cat], [mat, ["mat"]], [cat, mat]]),
        case("two-token hypothesis", [["the", "cat"]], [[cat]]),
        case("three-token hypothesis", [["on", "the", "mat"]], [[cat, mat]]),
        case("four-token hypothesis equal to its reference", [["on", "the", "mat", "now"]],
             [[["on", "the", "mat", "now"]]]),
        case("short hypotheses beside long ones", [["mat"], ["the", "cat"], cat, mat], [[cat], [mat], [cat], [mat]]),
        case("empty reference", [["the", "cat"]], [[[], cat]]),
        case("only an empty reference", [["the", "cat"]], [[[]]]),
        case("empty hypothesis and only an empty reference", [[]], [[[]]]),
        case("hypothesis longer than every reference", [cat + mat], [[cat, mat]]),
        case("corpus exactly as long as its closest references", [cat, ["a", "cat", "on", "the", "mat", "too", "x"]],
             [[cat], [mat]]),
        # Length 5 is 2 away from both 3 and 7: min over (distance, length) takes the shorter, no brevity penalty.
        case("closest reference length tie goes to the shorter",
             [["the", "cat", "is", "on", "mat"]], [[["the", "cat", "is"], "the cat is on the mat too".split()]]),
        case("closest reference length tie, reference order reversed",
             [["the", "cat", "is", "on", "mat"]], [["the cat is on the mat too".split(), ["the", "cat", "is"]]]),
        case("closest reference length tie, the shorter listed twice",
             [["on", "the", "mat", "now"]], [[cat, ["the", "mat"], cat, ["the", "mat"]]]),
        case("brevity penalty from the closest, longer, reference",
             [["the", "cat", "is"]], [[cat, ["the", "cat", "is", "here"]]]),
        case("repeated bigrams are clipped too",
             [["a", "b", "a", "b", "a", "b", "a", "b"]], [[["a", "b", "a", "b", "c"], ["b", "a", "b"]]]),
        case("clip counts are the maximum over references, not the sum",
             [["x", "x", "x", "y"]], [[["x", "y", "z"], ["x", "z", "x"]]]),
        case("non-ASCII tokens", [["le", "café", "est", "chaud", "ici"]], [[["le", "café", "est", "très", "chaud"]]]),
        case("five COCO-style references",
             ["a man riding a wave on a surfboard".split(), "a surfer on a wave".split()], [coco_refs, coco_refs]),
    ]


def random_cases(coco):
    rng = random.Random(20240917)
    cases = []
    for size, vocabulary, max_references, max_length in [
            (1, 3, 1, 6), (1, 5, 3, 10), (2, 2, 2, 5), (3, 4, 5, 12), (5, 6, 2, 8), (8, 3, 4, 4), (10, 10, 5, 15),
            (20, 8, 5, 20), (30, 20, 3, 12), (50, 5, 5, 10), (50, 40, 5, 18), (100, 12, 5, 16), (200, 25, 6, 25),
            (300, 10, 5, 14)]:
        for repeat in range(3):
            hypotheses, references = random_corpus(rng, size, vocabulary, max_references, max_length)
            name = "random: %d hypotheses, vocabulary %d, up to %d references of up to %d tokens (#%d)" % (
                size, vocabulary, max_references, max_length, repeat + 1)
            cases.append({"name": name, "hypotheses": hypotheses, "references": references,
                          "cocoBleu": coco(hypotheses, references)})
    # Very short sentences: many hypotheses of 0..3 tokens, many ties in closest length, many zero guesses.
    for repeat in range(6):
        hypotheses, references = random_corpus(rng, 6 + 4 * repeat, 3, 4, 3)
        cases.append({"name": "random short sentences (#%d)" % (repeat + 1), "hypotheses": hypotheses,
                      "references": references, "cocoBleu": coco(hypotheses, references)})
    return cases


def generated_cases(coco):
    """The same big corpora as make_bleu_vectors.py's, from its LCG (GeneratedCorpus.java)."""
    cases = []
    for seed, size, per, vocabulary in [(1, 5000, 5, 1000), (2, 5000, 5, 30), (3, 1000, 1, 8)]:
        hypotheses, references = generated_corpus(seed, size, per, vocabulary)
        cases.append({"name": "generated: %d hypotheses, %d references each, vocabulary %d" % (size, per, vocabulary),
                      "generated": {"seed": seed, "size": size, "referencesPerHypothesis": per,
                                    "vocabulary": vocabulary},
                      "cocoBleu": coco(hypotheses, references)})
    return cases


def refusals(coco):
    def refusal(name, hypotheses, references):
        try:
            coco(hypotheses, references)
        except (AssertionError, ValueError) as e:  # bleu.py's asserts; min() of no reference lengths
            return {"name": name, "hypotheses": hypotheses, "references": references, "cocoError": type(e).__name__}
        raise AssertionError("pycocoevalcap accepted " + name)

    return [
        refusal("more hypotheses than reference lists", [["a"], ["b"]], [[["a"]]]),
        refusal("more reference lists than hypotheses", [["a"]], [[["a"]], [["b"]]]),
        refusal("a hypothesis without references", [["a"]], [[]]),
        refusal("an empty hypothesis without references", [[]], [[]]),
        refusal("a hypothesis without references beside good ones", [["a"], ["b"]], [[["a"]], []]),
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_coco_bleu_vectors.py FOLDER-WITH-pycocoevalcap-bleu.py-AND-bleu_scorer.py")
    folder = Path(sys.argv[1]).resolve()
    coco = Reference(folder)
    cases = hand_made(coco) + random_cases(coco) + generated_cases(coco)
    header = {"generator": "tools/reference/make_coco_bleu_vectors.py",
              "reference": "salaniz/pycocoevalcap@ad63453cfab57a81a02b2949b17a91fab1c3df77 bleu/bleu.py,"
                           " bleu/bleu_scorer.py: Bleu(4).compute_score, option closest, over space-joined tokens",
              "sha256": {"bleu.py": sha256(folder / "bleu.py"), "bleu_scorer.py": sha256(folder / "bleu_scorer.py")},
              "python": sys.version.split()[0]}
    write_cases(OUT, header, cases, refusals(coco))
    json.loads(OUT.read_text(encoding="utf-8"))

    example = json.loads(CLI_EXAMPLE.read_text(encoding="utf-8"))
    scores = coco(example["input"]["hypotheses"], example["input"]["references"])
    CLI_COCO_EXAMPLE.write_text(json.dumps({
        "input": "example.json",
        "coco": dict(zip(["coco_bleu1", "coco_bleu2", "coco_bleu3", "coco_bleu4"], scores))}) + "\n",
        encoding="utf-8")
    print("wrote", CLI_COCO_EXAMPLE)


if __name__ == "__main__":
    main()
