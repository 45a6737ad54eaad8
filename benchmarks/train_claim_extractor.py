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
            rule_claims = extract_claims(doc_id, found_tables, annotated)
            rules = claims_loop.as_predicted(rule_claims, item.claim_pages)
            candidates = [
                c for c in document_candidates(annotated) if item.claim_pages is None or c["page"] in item.claim_pages
            ]
            add_rule_features(candidates, rule_claims)
            for candidate in candidates:
                del candidate["passage"]
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


def add_rule_features(candidates: list[dict], rule_claims) -> None:
    """Whether a rule extractor spoke about the candidate's sentence, and whether it stated the same pair."""
    from pipeline.extract.claims.learned import rule_agreement

    for candidate in candidates:
        candidate["features"].update(rule_agreement(candidate, rule_claims))


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


# ---------------------------------------------------------------- training and leave-one-paper-out

REGULARIZATION = 0.1  # inverse L2 strength (scikit-learn's C) on the binary features
THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7]


def fit(papers: list[PaperData], regularization: float = REGULARIZATION) -> dict:
    """A multinomial logistic regression over binary features, as the plain JSON weights learned.py reads."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from pipeline.extract.claims.learned import LABELS

    features, labels = [], []
    for paper in papers:
        features += [c["features"] for c in paper.candidates]
        labels += paper.labels
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    model = LogisticRegression(C=regularization, max_iter=3000)
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    classes = list(model.classes_)
    weights = {}
    for label in LABELS:
        row = model.coef_[classes.index(label)]
        weights[label] = {n: round(float(w), 5) for n, w in zip(names, row, strict=True) if abs(w) >= 1e-5}
    return {
        "labels": list(LABELS),
        "weights": weights,
        "intercepts": {label: round(float(model.intercept_[classes.index(label)]), 5) for label in LABELS},
        "threshold": 0.5,
        "_fitted": (vectorizer, model),  # for fast scoring in the experiments; dropped on export
    }


_PROBS: dict[tuple[int, str], list[dict]] = {}


def fitted_probabilities(model: dict, paper: PaperData) -> list[dict]:
    """The model's class probabilities for a paper's candidates (scikit-learn's, equal to learned.probabilities),
    computed once per model and paper."""
    key = (id(model), paper.stem)
    if key not in _PROBS:
        vectorizer, fitted = model["_fitted"]
        rows = fitted.predict_proba(vectorizer.transform([c["features"] for c in paper.candidates]))
        classes = list(fitted.classes_)
        _PROBS[key] = [{label: float(row[classes.index(label)]) for label in classes} for row in rows]
    return _PROBS[key]


def predictions(model: dict, paper: PaperData, threshold: float) -> list[PredictedClaim]:
    """The candidates the model labels with a relation at `threshold`, repeats of one statement folded."""
    from pipeline.extract.claims.guard import is_content_object, is_content_subject
    from pipeline.extract.claims.learned import choose

    relations = {g.relation for g in paper.gold}
    chosen = choose(model, paper.candidates, threshold, relations, fitted_probabilities(model, paper))
    # the junk guard, as at run time (learned.learned_claims)
    return [
        PredictedClaim(c["subject"], c.get("subject_norm", ""), relation, c["object"], c["page"], "text")
        for c, relation, _ in chosen
        if not c.get("junk_sentence") and is_content_subject(c["subject"]) and is_content_object(c["object"], c["subject"])
    ]


def union(rules: list[PredictedClaim], learned: list[PredictedClaim]) -> list[PredictedClaim]:
    """Rules first; a learned claim stating what a rule claim states (same relation, overlapping pair) is dropped."""
    from pipeline.extract.claims.learned import overlap

    kept = list(rules)
    for claim in learned:
        if not any(
            r.relation == claim.relation and overlap(r.subject, claim.subject) >= 0.5 and overlap(r.object, claim.object) >= 0.5
            for r in rules
        ):
            kept.append(claim)
    return kept


def pooled_counts(papers: list[PaperData], model_for, threshold_for, mode: str) -> tuple[ClaimCounts, dict]:
    from pipeline.evaluate.scoring import score_claims

    pooled, by_relation = ClaimCounts(), {}
    for paper in papers:
        learned = predictions(model_for(paper), paper, threshold_for(paper)) if mode != "rules" else []
        chosen = {"rules": paper.rules, "learned": learned, "union": union(paper.rules, learned)}[mode]
        score = score_claims(chosen, paper.gold)
        pooled += score.overall
        for relation, counts in score.by_relation.items():
            by_relation[relation] = by_relation.get(relation, ClaimCounts()) + counts
    return pooled, by_relation


def best_threshold(papers: list[PaperData], mode: str, folds: int = 3) -> float:
    """The threshold with the best pooled F1 over `papers`, each scored by a model trained without it (papers
    split into `folds` groups, to keep the nested fitting affordable)."""
    groups = [papers[i::folds] for i in range(folds)]
    models = {}
    for group in groups:
        inside = [p for p in papers if p not in group]
        model = fit(inside)
        for paper in group:
            models[paper.stem] = model
    best, best_f1 = THRESHOLDS[0], -1.0
    for threshold in THRESHOLDS:
        counts, _ = pooled_counts(papers, lambda p: models[p.stem], lambda p: threshold, mode)
        if counts.f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, counts.f1
    return best


def lopo(papers: list[PaperData], fixed: float | None = None) -> None:
    for paper in papers:
        paper.labels = labels_for(paper.candidates, paper.gold)
    models, thresholds = {}, {"learned": {}, "union": {}}
    for paper in papers:
        inside = [p for p in papers if p is not paper]
        models[paper.stem] = fit(inside)
        for mode in ("learned", "union"):
            thresholds[mode][paper.stem] = fixed if fixed is not None else best_threshold(inside, mode)
        print(f"{paper.stem:45} thresholds learned {thresholds['learned'][paper.stem]:.2f} "
              f"union {thresholds['union'][paper.stem]:.2f}", file=sys.stderr)
    for mode in ("rules", "learned", "union"):
        counts, by_relation = pooled_counts(
            papers, lambda p: models[p.stem], lambda p: thresholds.get(mode, {}).get(p.stem, 0.5), mode
        )
        print(
            f"{mode:8} P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f} "
            f"({counts.predicted} predicted, {counts.correct} correct, {counts.found}/{counts.required} found)"
        )
        for relation, c in sorted(by_relation.items()):
            print(f"   {relation:13} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} ({c.predicted} predicted)")
        for paper in papers:
            if paper.stem.startswith("seed") and mode != "rules":
                c, _ = pooled_counts([paper], lambda p: models[p.stem], lambda p: thresholds[mode][p.stem], mode)
                print(f"   seed alone  P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}")


def export(papers: list[PaperData], path: Path, enabled: bool) -> None:
    """Train on every seed+dev paper (threshold chosen by the nested leave-papers-out) and write plain JSON."""
    import json

    for paper in papers:
        paper.labels = labels_for(paper.candidates, paper.gold)
    model = fit(papers)
    model.pop("_fitted")
    model["threshold"] = best_threshold(papers, "union")
    model["enabled"] = enabled
    model["training"] = {
        "papers": [p.stem for p in papers],
        "candidates": sum(len(p.candidates) for p in papers),
        "positives": {r: sum(lab == r for p in papers for lab in p.labels) for r in RELATIONS},
        "regularization": REGULARIZATION,
    }
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path} (threshold {model['threshold']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--lopo", action="store_true")
    parser.add_argument("--export", type=Path, help="train on all papers and write the model JSON here")
    parser.add_argument("--enabled", action="store_true", help="--export: switch the learned step on")
    parser.add_argument("--threshold", type=float, help="--lopo: a fixed threshold instead of choosing it")
    parser.add_argument("--candidates", type=Path, help="keep the collected candidates in this pickle")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--missed", type=Path, help="--ceiling: write the required text lines no candidate matches")
    args = parser.parse_args()
    papers = collect_cached(args.only, args.candidates)
    if args.export:
        export(papers, args.export, args.enabled)
    if args.lopo:
        lopo(papers, args.threshold)
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
