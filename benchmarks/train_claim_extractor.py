"""Experiment: a trained claim extractor over loose clause candidates, measured leave-one-paper-out (issue 19).

    python benchmarks/train_claim_extractor.py --ceiling          # share of gold lines some candidate matches
    python benchmarks/train_claim_extractor.py --lopo             # rules / learned / rules+learned, LOPO
    python benchmarks/train_claim_extractor.py --export           # train on all seed+dev papers, write the model
    (add --candidates FILE.pickle to keep the collected candidates between runs; --only STEM for one paper)

Candidates come from pipeline/extract/claims/learned_candidates.py over the prose sentences of the gold papers of
gold/seed and gold/dev (never gold/heldout), parsed once by benchmarks/claims_loop.py's cache. A candidate's label
is the relation of the gold line the scorer pairs it with (pipeline/evaluate/scoring.py's rules, greedy one-to-one,
best subject+object score first), or "none"; candidates from prose outside a gold file's `# pages:` are left out.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline.evaluate.gold import GoldClaim, find_gold  # noqa: E402
from pipeline.evaluate.scoring import MATCH, ClaimCounts, PredictedClaim, content_words, subject_score  # noqa: E402

GOLD_FOLDERS = (ROOT / "gold" / "seed", ROOT / "gold" / "dev")
RELATIONS = ("advantage", "disadvantage", "effect")


@dataclass
class PaperData:
    stem: str
    gold: list[GoldClaim]
    candidates: list[dict]  # subject, object, kind, subject_kind, page, features
    rules: list[PredictedClaim]  # the rule extractors' claims as the scorer sees them
    extra: dict = field(default_factory=dict)


def collect(only: list[str] | None = None) -> list[PaperData]:
    import claims_loop

    from pipeline.extract.claims import extract_claims
    from pipeline.extract.claims.learned import document_candidates

    fingerprint = claims_loop.upstream_fingerprint()
    cache = Path.home() / ".cache" / "reviewminer" / "claims_loop"
    papers = []
    for folder in GOLD_FOLDERS:
        assert "heldout" not in str(folder), "held-out gold is never used for training"
        corpus = folder if any(folder.glob("*.pdf")) else ROOT / "corpus"
        for item in find_gold(corpus, folder):
            if item.claims is None or (only and not any(o in item.stem for o in only)):
                continue
            doc_id, found_tables, annotated = claims_loop.prepared(item.pdf, cache, fingerprint)
            rules = claims_loop.as_predicted(extract_claims(doc_id, found_tables, annotated), item.claim_pages)
            candidates = [
                c for c in document_candidates(annotated) if item.claim_pages is None or c["page"] in item.claim_pages
            ]
            papers.append(PaperData(item.stem, item.claims, candidates, rules))
            print(f"{item.stem}: {len(candidates)} candidates, {len(rules)} rule claims", file=sys.stderr)
    return papers


def collect_cached(only: list[str], path: Path | None) -> list[PaperData]:
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    papers = collect(only)
    if path:
        path.write_bytes(pickle.dumps(papers))
    return papers


# ---------------------------------------------------------------- matching candidates to gold


def candidate_pairs(candidates: list[dict], gold: list[GoldClaim]) -> list[tuple[float, int, int]]:
    """(subject+object score, gold index, candidate index) of every pair the scorer would accept, relation aside.
    An inverted index on object content words keeps this fast on papers with tens of thousands of candidates."""
    index: dict[str, list[int]] = {}
    words = []
    for ci, candidate in enumerate(candidates):
        found = content_words(candidate["object"])
        words.append(found)
        for word in found:
            index.setdefault(word, []).append(ci)
    pairs = []
    for gi, expected in enumerate(gold):
        expected_words = content_words(expected.object)
        if not expected_words:
            continue
        near = {ci for w in expected_words for ci in index.get(w, ())}
        for ci in near:
            common = len(expected_words & words[ci])
            obj = 2 * common / (len(expected_words) + len(words[ci]))
            if obj < MATCH:
                continue
            candidate = candidates[ci]
            subject = max(
                subject_score(expected.subject, candidate["subject"]),
                subject_score(expected.subject, candidate.get("subject_norm", "")),
            )
            if subject >= MATCH:
                pairs.append((subject + obj, gi, ci))
    return sorted(pairs, reverse=True)


def labels_for(candidates: list[dict], gold: list[GoldClaim]) -> list[str]:
    """Per candidate: the relation of the gold line the scorer's greedy one-to-one pairing gives it, else "none"."""
    labels = ["none"] * len(candidates)
    taken: set[int] = set()
    for _, gi, ci in candidate_pairs(candidates, gold):
        if gi in taken or labels[ci] != "none":
            continue
        taken.add(gi)
        labels[ci] = gold[gi].relation
    return labels


def ceiling(papers: list[PaperData]) -> None:
    """The share of required gold lines some candidate matches: any candidate (relation left aside), and under a
    one-to-one pairing (each candidate stands for one gold line, so for one relation)."""
    totals = {"required": 0, "text": 0, "any": 0, "any_text": 0, "paired": 0, "paired_text": 0, "candidates": 0}
    by_kind: dict[str, int] = {}
    for paper in papers:
        pairs = candidate_pairs(paper.candidates, paper.gold)
        any_match = {gi for _, gi, _ in pairs}
        taken: set[int] = set()
        used: set[int] = set()
        for _, gi, ci in pairs:
            if gi not in taken and ci not in used:
                taken.add(gi)
                used.add(ci)
                kind = paper.candidates[ci]["kind"] + "/" + paper.candidates[ci]["subject_kind"]
                by_kind[kind] = by_kind.get(kind, 0) + 1
        required = [gi for gi, g in enumerate(paper.gold) if g.required]
        text = [gi for gi in required if paper.gold[gi].source == "text"]
        row = {
            "required": len(required),
            "text": len(text),
            "any": sum(gi in any_match for gi in required),
            "any_text": sum(gi in any_match for gi in text),
            "paired": sum(gi in taken for gi in required),
            "paired_text": sum(gi in taken for gi in text),
            "candidates": len(paper.candidates),
        }
        for key, value in row.items():
            totals[key] += value
        print(
            f"{paper.stem:45} {row['candidates']:6} candidates; text lines {row['any_text']}/{row['text']} "
            f"= {row['any_text'] / max(1, row['text']):.3f} any, {row['paired_text'] / max(1, row['text']):.3f} paired"
        )
    t = totals
    print(
        f"pooled: {t['candidates']} candidates; required text lines matched by some candidate "
        f"{t['any_text']}/{t['text']} = {t['any_text'] / t['text']:.3f} (one-to-one {t['paired_text'] / t['text']:.3f}); "
        f"all required lines {t['any'] / t['required']:.3f} (one-to-one {t['paired'] / t['required']:.3f})"
    )
    for kind, count in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:30} {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--candidates", type=Path, help="keep the collected candidates in this pickle")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--missed", type=Path, help="--ceiling: write the required text lines no candidate matches")
    args = parser.parse_args()
    papers = collect_cached(args.only, args.candidates)
    if args.ceiling:
        ceiling(papers)
        if args.missed:
            lines = []
            for paper in papers:
                matched = {gi for _, gi, _ in candidate_pairs(paper.candidates, paper.gold)}
                lines.append(f"# {paper.stem}")
                lines += [
                    f"{g.subject}\t{g.relation}\t{g.object}"
                    for gi, g in enumerate(paper.gold)
                    if g.required and g.source == "text" and gi not in matched
                ]
            args.missed.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
