"""Experiment: a trained accept/reject model for claim candidates, measured leave-one-paper-out (issue 19).

    python benchmarks/train_claim_acceptance.py --curve [--learner gbm]  # LOPO P/R/F1 at fixed thresholds, AUC
    python benchmarks/train_claim_acceptance.py --lopo                   # LOPO, threshold chosen inside the folds
    python benchmarks/train_claim_acceptance.py --judged RUN SAMPLE      # the model on a judged sample of a run
    (add --candidates FILE.pickle to keep the collected candidates between runs)

Candidates are the claims the rule-based extractors produce (`extract_claims`), over the gold papers of gold/seed
and gold/dev only (never gold/heldout). A candidate's weak label is whether it matches a gold line under the
scorer's rules (pipeline/evaluate/scoring.py, same greedy one-to-one pairing); candidates the scorer does not judge
(a relation the gold file does not use, prose outside the gold's pages) are left out. The stages before claims
come from benchmarks/claims_loop.py's cache. Features (claims_acceptance_features.py) describe a candidate's shape,
never its wording; the model is a logistic regression on standardized features (scikit-learn, used here only).
Each paper is scored by a model trained on the other ten; with --lopo the threshold is chosen by a second
leave-one-paper-out inside those ten (pooled F-beta, --beta).

Result (2026-11-30, commit 2fa551e's extractors; 11 papers, 927 judged candidates, 611 matching a gold line):
the model does NOT beat the rules, so it is not part of the pipeline.
- Out-of-paper ranking is near chance: pooled AUC 0.580 (per paper 0.41-0.66; below 0.5 on four papers).
- LOPO with the threshold chosen inside the training folds (F1): it keeps every candidate on every paper
  (threshold 0.00), so P/R/F1 stay the rules' 0.659/0.299/0.412 pooled. Weighing precision (--beta 0.5) changes
  nothing either: threshold 0.00 on ten papers, 0.02 on one; pooled 0.659/0.299/0.411.
- Fixed thresholds (pooled LOPO): 0.0 -> P 0.659 R 0.299 F1 0.412; 0.3 -> 0.688/0.253/0.370;
  0.5 -> 0.722/0.195/0.307; 0.7 -> 0.735/0.104/0.181. Precision rises by at most 0.08 while recall halves.
  Gradient boosting (--learner gbm) is no better: AUC 0.568;
  0.3 -> 0.679/0.244/0.359, 0.5 -> 0.715/0.190/0.300.
- Why: with recall at 0.3, F1 = 2TP / (TP + FP + gold) is dominated by the gold count, so even a perfect filter
  would lift pooled F1 only from 0.412 to about 0.46; and a pattern's precision depends on the paper, not on the
  shape of the candidate ("effect:verb" matches gold 0/5 on one review, 63/83 on another, 10/25 on a third), so
  shape features learned on ten papers do not rank the eleventh. The weak label also marks true statements that
  the gold words differently as negatives.
- On unseen text (the 40 judged claims of benchmarks/judged/claims_sample_papers_b9873db.tsv, rebuilt from a run
  of the same code and scored by the model trained on all 11 papers): no separation either: mean
  probability 0.54 for the 7 correct, 0.39 for the 9 partial, 0.49 for the 24 junk; at 0.5 it would keep 5 correct,
  2 partial and 11 junk (at 0.6: 3, 0, 8). Template instructions ("REVTEX requires version 8.31a", 0.66) and text
  of two columns run together (0.99) score high.
A trained component would need a recall-raising candidate generator and labels that say "junk" rather than
"not in the gold" (e.g. more judged samples) before it can pay off.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline.evaluate.gold import GoldClaim  # noqa: E402
from pipeline.evaluate.scoring import ClaimCounts, PredictedClaim, pair_score  # noqa: E402

GOLD_FOLDERS = (ROOT / "gold" / "seed", ROOT / "gold" / "dev")
REGULARIZATION = 0.3  # inverse L2 strength (scikit-learn's C) on standardized features
DECIMALS = 6
BETA = 1.0  # the threshold maximizes F-beta inside the training papers
# Section names by kind (words of a heading), for the "section=" features: where in a paper a sentence stands.
SECTION_KINDS = {
    "abstract": ["abstract", "summary", "highlights"],
    "introduction": ["introduction", "background", "overview"],
    "methods": ["methods", "method", "methodology", "materials", "procedure", "procedures", "experimental", "setup"],
    "results": ["results", "result", "findings", "outcomes", "evaluation", "experiments"],
    "discussion": ["discussion", "limitations", "perspectives", "outlook", "challenges"],
    "conclusion": ["conclusion", "conclusions", "concluding", "remarks"],
}


@dataclass
class PaperCandidates:
    stem: str
    predicted: list[PredictedClaim | None]  # None: not judged by the scorer (left out of training)
    features: list[dict[str, float]]
    gold: list[GoldClaim]


def feature_model():
    """An AcceptanceModel with no weights: what the feature functions need (section kinds, word lists)."""
    from claims_acceptance_features import model_from_dict

    return model_from_dict(
        {"weights": {}, "intercept": 0.0, "means": {}, "scales": {}, "threshold": 0.0, "section_kinds": SECTION_KINDS}
    )


def collect(folders=GOLD_FOLDERS, only: list[str] | None = None) -> list[PaperCandidates]:
    """The rule-based candidates of every gold paper with claims, with their features (claims_loop's cache)."""
    import claims_loop
    from claims_acceptance_features import candidate_features

    from pipeline.extract.claims import extract_claims

    model = feature_model()
    papers = []
    assert not any("heldout" in str(folder) for folder in folders), "held-out gold is never used for training"
    for item, doc_id, found_tables, annotated in claims_loop.gold_papers(folders, only):
        claims = extract_claims(doc_id, found_tables, annotated)
        relations = {g.relation for g in item.claims}
        predicted: list[PredictedClaim | None] = []
        for claim in claims:
            shown = claims_loop.as_predicted([claim], item.claim_pages)
            predicted.append(shown[0] if shown and shown[0].relation in relations else None)
        papers.append(PaperCandidates(item.stem, predicted, candidate_features(claims, annotated, model), item.claims))
        print(f"{item.stem}: {len(claims)} candidates", file=sys.stderr)
    return papers


def collect_cached(only: list[str], path: Path | None) -> list[PaperCandidates]:
    """`collect`, kept in a pickle between experiments (valid only while the extractors are unchanged)."""
    import pickle

    if path and path.exists():
        return pickle.loads(path.read_bytes())
    papers = collect(only=only)
    if path:
        path.write_bytes(pickle.dumps(papers))
    return papers


def matched(predicted: list[PredictedClaim | None], gold: list[GoldClaim]) -> list[int | None]:
    """Per candidate: 1 when the scorer pairs it with a gold line, 0 when not, None when the scorer ignores it
    (the pairing of pipeline/evaluate/scoring.py: best subject+object score first, one-to-one)."""
    judged = [i for i, p in enumerate(predicted) if p is not None]
    scorer = FastScorer([predicted[i] for i in judged], gold)
    chosen = {judged[pi] for pi in scorer.chosen(range(len(judged)))}
    return [None if p is None else int(i in chosen) for i, p in enumerate(predicted)]


class FastScorer:
    """score_claims for subsets of one paper's judged candidates: the subject/object pair scores are computed once
    (the greedy pairing over a subset visits the same pairs in the same order, so the counts are the scorer's)."""

    def __init__(self, judged: list[PredictedClaim], gold: list[GoldClaim]) -> None:
        self.gold = gold
        pairs = []
        for gi, expected in enumerate(gold):
            for pi, claim in enumerate(judged):
                score = pair_score(expected, claim)
                if score is not None:
                    pairs.append((score, gi, pi))
        self.pairs = sorted(pairs, reverse=True)

    def pairing(self, kept) -> dict[int, int]:
        """gold line -> candidate, the scorer's greedy one-to-one pairing over the kept candidates."""
        keep = set(kept)
        gold_taken: dict[int, int] = {}
        chosen: set[int] = set()
        for _, gi, pi in self.pairs:
            if pi in keep and gi not in gold_taken and pi not in chosen:
                gold_taken[gi] = pi
                chosen.add(pi)
        return gold_taken

    def chosen(self, kept) -> set[int]:
        return set(self.pairing(kept).values())

    def counts(self, kept: list[int]) -> ClaimCounts:
        gold_taken = self.pairing(kept)
        keep = set(kept)
        return ClaimCounts(
            predicted=len(keep),
            correct=len(gold_taken),
            required=sum(1 for g in self.gold if g.required),
            found=sum(1 for gi in gold_taken if self.gold[gi].required),
        )


def table_rows(papers: list[PaperCandidates]) -> list[dict]:
    rows = []
    for paper in papers:
        for label, values in zip(matched(paper.predicted, paper.gold), paper.features, strict=True):
            if label is not None:
                rows.append({"paper": paper.stem, "label": label, "features": _rounded(values)})
    return rows


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {name: round(value, DECIMALS) for name, value in sorted(values.items()) if value}


# ---------------------------------------------------------------- fitting


def fit(rows: list[dict], regularization: float = REGULARIZATION) -> dict:
    """A logistic regression on standardized features, as the plain weights claims_acceptance_features reads
    (threshold left to the caller)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in rows for name in row["features"]})
    x = np.array([[row["features"].get(n, 0.0) for n in names] for row in rows], dtype=float)
    y = np.array([row["label"] for row in rows])
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=regularization, solver="lbfgs", max_iter=5000, tol=1e-8)
    model.fit((x - means) / scales, y)
    return {
        "weights": {n: round(float(w), DECIMALS) for n, w in zip(names, model.coef_[0], strict=True)},
        "intercept": round(float(model.intercept_[0]), DECIMALS),
        "means": {n: round(float(m), DECIMALS) for n, m in zip(names, means, strict=True)},
        "scales": {n: round(float(s), DECIMALS) for n, s in zip(names, scales, strict=True)},
        "threshold": 0.0,
        "section_kinds": SECTION_KINDS,
    }


def probabilities(weights: dict, rows: list[dict]) -> list[float]:
    from claims_acceptance_features import model_from_dict

    model = model_from_dict(weights)
    return [model.probability(row["features"]) for row in rows]


def best_threshold(
    rows: list[dict], required: dict[str, int], regularization: float = REGULARIZATION, beta: float = BETA
) -> float:
    """The threshold with the best pooled F-beta over the training papers, each scored by a model trained without
    it (beta < 1 weighs precision more)."""
    scored = []
    for paper in sorted({row["paper"] for row in rows}):
        inside = [row for row in rows if row["paper"] != paper]
        outside = [row for row in rows if row["paper"] == paper]
        scored += zip(probabilities(fit(inside, regularization), outside), (r["label"] for r in outside), strict=True)
    total_required = sum(required[p] for p in {row["paper"] for row in rows})
    best, best_f1 = 0.0, -1.0
    for step in range(0, 96, 2):
        threshold = step / 100
        kept = [label for p, label in scored if p >= threshold]
        correct = sum(kept)
        precision = correct / len(kept) if kept else 0.0
        recall = correct / total_required if total_required else 0.0  # a match of an optional line counts as found
        b2 = beta * beta
        f1 = (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, f1
    return best


def train(
    rows: list[dict], required: dict[str, int], regularization: float = REGULARIZATION, beta: float = BETA
) -> dict:
    weights = fit(rows, regularization)
    weights["threshold"] = best_threshold(rows, required, regularization, beta)
    weights["training"] = {
        "papers": sorted({row["paper"] for row in rows}),
        "candidates": len(rows),
        "positives": sum(row["label"] for row in rows),
        "regularization": regularization,
        "threshold_beta": beta,
    }
    return weights


# ---------------------------------------------------------------- leave-one-paper-out


def lopo(papers: list[PaperCandidates], regularization: float = REGULARIZATION, beta: float = BETA) -> None:
    """Each paper scored by a model trained on the others (threshold chosen inside those), against the rules alone."""
    rows = table_rows(papers)
    required = {p.stem: sum(g.required for g in p.gold) for p in papers}
    before, after = ClaimCounts(), ClaimCounts()
    for paper in papers:
        inside = [row for row in rows if row["paper"] != paper.stem]
        weights = train(inside, required, regularization, beta)
        judged = [p for p in paper.predicted if p is not None]
        probs = probabilities(
            weights, [{"features": f} for p, f in zip(paper.predicted, paper.features, strict=True) if p]
        )
        scorer = FastScorer(judged, paper.gold)
        base = scorer.counts(list(range(len(judged))))
        new = scorer.counts([i for i, prob in enumerate(probs) if prob >= weights["threshold"]])
        before, after = before + base, after + new
        print(
            f"{paper.stem:45} thr {weights['threshold']:.2f}  rules P {base.precision:.3f} R {base.recall:.3f} "
            f"F1 {base.f1:.3f} ({base.predicted})  model P {new.precision:.3f} R {new.recall:.3f} F1 {new.f1:.3f} "
            f"({new.predicted})"
        )
    for name, counts in (("rules", before), ("model", after)):
        print(
            f"pooled {name}  P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f} "
            f"({counts.predicted} predicted, {counts.correct} correct, {counts.found}/{counts.required} found)"
        )


def gbm_probabilities(inside: list[dict], outside: list[dict]) -> list[float]:
    """A gradient-boosted comparison (not shipped: its trees are not a small readable file)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = sorted({name for row in inside for name in row["features"]})
    x = np.array([[row["features"].get(n, 0.0) for n in names] for row in inside])
    model = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
    model.fit(x, [row["label"] for row in inside])
    return list(model.predict_proba(np.array([[r["features"].get(n, 0.0) for n in names] for r in outside]))[:, 1])


def curve(
    papers: list[PaperCandidates], regularization: float = REGULARIZATION, beta: float = BETA, learner: str = "lr"
) -> None:
    """Pooled LOPO figures at fixed thresholds: the precision/recall trade the model offers, paper-independent."""
    from sklearn.metrics import roc_auc_score

    rows = table_rows(papers)
    scored = []  # (paper, judged candidates, their out-of-paper probabilities)
    all_labels, all_probs = [], []
    for paper in papers:
        inside = [row for row in rows if row["paper"] != paper.stem]
        outside = [row for row in rows if row["paper"] == paper.stem]
        judged = [p for p in paper.predicted if p is not None]
        candidates = [{"features": f} for p, f in zip(paper.predicted, paper.features, strict=True) if p]
        if learner == "gbm":
            probs = gbm_probabilities(inside, candidates)
        else:
            probs = probabilities(fit(inside, regularization), candidates)
        scored.append((paper, FastScorer(judged, paper.gold), probs))
        all_labels += [row["label"] for row in outside]
        all_probs += probs
        if len(set(r["label"] for r in outside)) == 2:
            print(f"{paper.stem:45} AUC {roc_auc_score([r['label'] for r in outside], probs):.3f}")
    labels = [row["label"] for row in rows]
    auc = roc_auc_score(all_labels, all_probs)
    print(f"{len(rows)} candidates, {sum(labels)} positive; pooled out-of-paper AUC {auc:.3f}")
    for threshold in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7):
        pooled = ClaimCounts()
        for _, scorer, probs in scored:
            pooled += scorer.counts([i for i, prob in enumerate(probs) if prob >= threshold])
        print(
            f"thr {threshold:.2f}  P {pooled.precision:.3f} R {pooled.recall:.3f} F1 {pooled.f1:.3f} "
            f"({pooled.predicted} predicted, {pooled.correct} correct)"
        )


def judged_sample(weights: dict, run: Path, judged: Path) -> None:
    """What the model does to a judged sample of a run on unseen papers (benchmarks/judged/): each sampled claim is
    rebuilt from the run's claims.parquet and its sentence parsed alone (the sentence-level parse features), then
    scored; prints the kept and rejected counts per verdict."""
    import csv

    import pandas as pd
    from claims_acceptance_features import candidate_features, model_from_dict

    from pipeline.extract import nlp
    from pipeline.records import Claim, Evidence, Passage, StructuredDocument

    model = model_from_dict(weights)
    claims_table = pd.read_parquet(run / "claims.parquet").set_index("claim_id")
    claims_table = claims_table.astype(object).where(claims_table.notna(), None)
    with judged.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    pipeline = nlp.load_pipeline()
    outcome: dict[str, list[int]] = {}
    for row in rows:
        record = claims_table.loc[row["claim_id"]]
        text = str(record["evidence"])
        source = str(record["source"]) or "text"
        passage = Passage(
            0, "paragraph", str(record["section_path"] or ""), int(record["page"] or 1), (0, 0, 0, 0), text
        )
        annotated = nlp.annotate(pipeline, StructuredDocument(doc_id="sample", title="", passages=[passage]))
        evidence = Evidence(
            source,
            text,
            int(record["page"] or 1),
            str(record["section_path"] or ""),
            char_start=0 if source == "text" else None,
            char_end=len(text) if source == "text" else None,
        )
        claim = Claim(
            subject=record["subject"],
            relation=record["relation"],
            object=record["object"],
            evidence=[evidence],
            subject_norm=record["subject_norm"] or "",
            object_norm=record["object_norm"] or "",
            aspect=record["aspect"] or "",
            direction=record["direction"] or None,
            magnitude=record["magnitude"] or "",
            comparator=record["comparator"] or "",
            hedged=bool(record["hedged"]),
            negated=bool(record["negated"]),
            cue=record["cue"] or "",
        )
        probability = model.probability(candidate_features([claim], annotated, model)[0])
        outcome.setdefault(row["verdict"], []).append(probability)
        print(f"{row['verdict']:8} {probability:.2f}  {claim.subject} | {claim.object}")
    print(f"threshold chosen in training (F-beta {weights['training']['threshold_beta']}): {weights['threshold']}")
    for verdict, probs in sorted(outcome.items()):
        kept = {t: sum(p >= t for p in probs) for t in (weights["threshold"], 0.5, 0.6)}
        print(
            f"{verdict:8} {len(probs)}: mean probability {sum(probs) / len(probs):.2f}; kept "
            + ", ".join(f"{n} at {t:.2f}" for t, n in kept.items())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lopo", action="store_true", help="leave-one-paper-out figures (needs the gold PDFs)")
    parser.add_argument("--regularization", type=float, default=REGULARIZATION)
    parser.add_argument("--beta", type=float, default=BETA, help="F-beta the threshold maximizes")
    parser.add_argument("--curve", action="store_true", help="LOPO figures at fixed thresholds (no choosing)")
    parser.add_argument("--candidates", type=Path, help="keep the collected candidates in this pickle (experiments)")
    parser.add_argument("--judged", type=Path, nargs=2, metavar=("RUN", "SAMPLE"), help="score a judged sample")
    parser.add_argument("--learner", choices=("lr", "gbm"), default="lr", help="--curve only: the learner")
    parser.add_argument("--only", action="append", default=[], help="only papers whose stem contains this")
    args = parser.parse_args()
    if args.judged:
        papers = collect_cached(args.only, args.candidates)
        required = {p.stem: sum(g.required for g in p.gold) for p in papers}
        judged_sample(train(table_rows(papers), required, args.regularization, args.beta), *args.judged)
        return
    if args.lopo or args.curve:
        papers = collect_cached(args.only, args.candidates)
        if args.curve:
            curve(papers, args.regularization, args.beta, args.learner)
        else:
            lopo(papers, args.regularization, args.beta)
        return
    parser.print_help()


if __name__ == "__main__":
    main()
