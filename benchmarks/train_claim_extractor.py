"""Experiment: a trained claim extractor over loose clause candidates, measured leave-one-paper-out (issue 19).

    python benchmarks/train_claim_extractor.py --ceiling          # share of gold lines some candidate matches
    python benchmarks/train_claim_extractor.py --lopo             # rules / learned / rules+learned, LOPO
    python benchmarks/train_claim_extractor.py --export           # train on all seed+dev papers, write the model
    (add --candidates FILE.pickle to keep the collected candidates between runs; --only STEM for one paper)

Candidates come from pipeline/extract/claims/learned_candidates.py over the prose sentences of the gold papers of
gold/seed and gold/dev (never gold/heldout), parsed once by benchmarks/claims_loop.py's cache. A candidate's label
is the relation of the gold line the scorer pairs it with (pipeline/evaluate/scoring.py's rules, greedy one-to-one,
best subject+object score first), or "none"; candidates from prose outside a gold file's `# pages:` are left out.
The model is a multinomial logistic regression on binary features (pipeline/extract/claims/learned.py: semantic
class of the head verb and of the object's words in the cue lexicons, hedges, negation, modals, dependency labels,
subject head class, section kind, sentence position, what the rule extractors said about the sentence, whether the
subject is one the rules made claims about and how often the paper's clauses name it, the object's words). Each
paper is scored by a model trained on the other twelve; the threshold is chosen inside those twelve (a 3-group
leave-papers-out, pooled F1). "union" = the rules' claims plus the learned claims of sentences the rules left
silent (a learned claim restating a rule claim is dropped); the junk guard (guard.py) is applied to every learned
claim, as learned.learned_claims does at run time.

Result (2026-11-30, on adda5b0's extractors; 13 papers of gold/seed + gold/dev, 49,696 candidates, of which the
scorer's pairing labels 1,400 with a relation: 945 effect, 336 advantage, 119 disadvantage): the learned step does
NOT beat the rules, so it is not wired into the pipeline (learned.learned_claims returns nothing without
models/claims/learned_extractor.json, which is not shipped).
- Candidate ceiling (--ceiling): some candidate matches 0.567 of the 1,570 required prose gold lines (0.533 when
  each candidate may stand for one gold line only, i.e. one relation); 0.556 / 0.524 of all 1,614 required lines.
  The rules find 0.283. Per paper 0.27 (jner2016) to 0.75 (emm2023); seed 0.68. The lines no candidate reaches
  are mostly ones whose subject is not in the sentence at all (the trial's intervention, the device named two
  sentences before, "physical activity intervention" for "no significant difference was found in ...") or whose
  object is the gold's paraphrase of a nominal phrase.
- LOPO, pooled micro (--lopo; the scorer's own score_claims):
    (a) rules alone       P 0.652 R 0.283 F1 0.395  (adv 0.355, disadv 0.393, effect 0.411)
    (b) learned alone     P 0.469 R 0.116 F1 0.186  (adv 0.089, disadv 0.099, effect 0.237); threshold 0.10
    (c) rules + learned   P 0.651 R 0.283 F1 0.395  (adv 0.355, disadv 0.393, effect 0.411); thresholds
        0.20-0.60 chosen inside the folds: 2 claims added, no gold line gained. Seed with the model trained on the
        other twelve: 0.866 (unchanged).
- Fixed thresholds (--curve; one model per left-out paper, the pair scores reused, so the rules read 0.396 here
  where the scorer's tie order gives 0.395):
    threshold          0.10   0.15   0.20   0.30   0.40   0.50
    learned  P        0.467  0.539  0.599  0.710  0.698  0.845
             R        0.115  0.086  0.069  0.043  0.024  0.016
             F1       0.185  0.148  0.124  0.081  0.047  0.032
    union    P        0.597  0.633  0.644  0.650  0.652  0.652
             R        0.292  0.288  0.286  0.285  0.285  0.285
             F1       0.392  0.396  0.396  0.396  0.397  0.397
    seed F1 (union)   0.810  0.841  0.856  0.863  0.866  0.866
  Adding claims to the rules raises F1 only if their marginal precision beats F1/2 (about 0.2): most learned
  claims that are right restate what the rules found already, and the new ones come at a marginal precision of
  0.20-0.27 (132 claims for 26 more correct at 0.10, 51 for 14 at 0.15), so pooled F1 stays flat while precision
  and the seed fall.
- Ablations (on the previous candidate set, ceiling 0.569): without the union's "sentences the rules left silent"
  rule (LEARNED_SILENT_ONLY=0; also without the word features) the union's LOPO F1 is 0.393 (fixed thresholds
  0.383-0.396); without the object-word features (LEARNED_WORD_FEATURES=0) learned alone is 0.444/0.113/0.181
  (LOPO): the same ranking.
- Ranking (claim vs none, out of paper): pooled AUC 0.798 (per paper 0.74-0.90); a gradient-boosted comparison
  on the same features (819 features seen on 150+ candidates, not shipped) is no different: 0.813 (0.76-0.92).
Why: the generator doubles the reachable recall (0.57 against the rules' 0.28) and the model ranks candidates
far better than the accept/reject filter over the rules' own output did (AUC 0.80 against 0.58), but with 2.8% of
candidates positive an AUC of 0.8 still puts several wrong candidates above each right one: precision 0.47 at
recall 0.12. And the right candidates at the top are mostly those the rules already state, so what is left for
the union is a marginal precision near F1/2. (Strongest weights of the model trained on all 13 papers, class
against none: for effect the verb's effect/result class and rule_same=effect; for advantage the object's positive
words, rule_sentence=advantage, a lexicon or METHOD subject; for disadvantage a contrast word before the clause,
rule_same/rule_sentence=disadvantage, the object's negative words. The subject-word features learn paper topics,
subject_last=vespa or =ziziphora, which by construction do not transfer.)
What would help next: a candidate's subject resolved to the paper's topic (the method or treatment of the title or
abstract: many of the unreachable lines need it), candidates split further where the gold splits lists, and
labels that say "junk" rather than "not in the gold" (a true statement the gold words differently is a negative
here, which caps the precision any learner can show).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline.evaluate.gold import GoldClaim  # noqa: E402
from pipeline.evaluate.scoring import MATCH, ClaimCounts, PredictedClaim, subject_score  # noqa: E402

GOLD_FOLDERS = (ROOT / "gold" / "seed", ROOT / "gold" / "dev")


def _memoize_scoring() -> None:
    """The scorer folds and splits the same phrases again for every pair; remembering them makes the many
    re-scorings of the experiments affordable (same figures: the functions are pure)."""
    from functools import lru_cache

    import pipeline.evaluate.scoring as scoring

    scoring.content_words = lru_cache(maxsize=None)(scoring.content_words)
    scoring.fold = lru_cache(maxsize=None)(scoring.fold)


_memoize_scoring()
import pipeline.evaluate.scoring as scoring  # noqa: E402

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

    papers = []
    assert not any("heldout" in str(folder) for folder in GOLD_FOLDERS), "held-out gold is never used for training"
    for item, doc_id, found_tables, annotated in claims_loop.gold_papers(GOLD_FOLDERS, only):
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
    from pipeline.extract.claims.learned import add_document_features, add_word_features

    if path and path.exists():
        papers = pickle.loads(path.read_bytes())
    else:
        papers = collect(only)
        if path:
            path.write_bytes(pickle.dumps(papers))
    for paper in papers:
        add_document_features(paper.candidates, paper.extra.get("rule_claims", paper.rules))
        if WORD_FEATURES:
            add_word_features(paper.candidates)
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
        found = scoring.content_words(candidate["object"])
        words.append(found)
        for word in found:
            index.setdefault(word, []).append(ci)
    pairs = []
    for gi, expected in enumerate(gold):
        expected_words = scoring.content_words(expected.object)
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
        f"{t['any_text']}/{t['text']} = {t['any_text'] / t['text']:.3f} "
        f"(one-to-one {t['paired_text'] / t['text']:.3f}); "
        f"all required lines {t['any'] / t['required']:.3f} (one-to-one {t['paired'] / t['required']:.3f})"
    )
    for kind, count in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:30} {count}")


# ---------------------------------------------------------------- training and leave-one-paper-out

REGULARIZATION = 0.1  # inverse L2 strength (scikit-learn's C) on the binary features
WORD_FEATURES = os.environ.get("LEARNED_WORD_FEATURES", "1") == "1"  # the lexical features (an ablation switch)
SILENT_ONLY = os.environ.get("LEARNED_SILENT_ONLY", "1") == "1"  # union: learned claims only where rules are silent
THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7]


_MATRIX: dict = {}


def _matrix(papers: list[PaperData]):
    """All candidates' features as one sparse matrix (vectorized once; a feature unseen in a training fold gets
    weight 0 there, so sharing the vocabulary leaks nothing), with each paper's row range."""
    from sklearn.feature_extraction import DictVectorizer

    key = tuple(p.stem for p in papers)
    if _MATRIX.get("key") != key:
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([c["features"] for p in papers for c in p.candidates]).tocsr()
        ranges, start = {}, 0
        for paper in papers:
            ranges[paper.stem] = (start, start + len(paper.candidates))
            start += len(paper.candidates)
        _MATRIX.update(key=key, x=x, names=vectorizer.get_feature_names_out(), ranges=ranges, all=papers)
    return _MATRIX


def fit(papers: list[PaperData], regularization: float = REGULARIZATION) -> dict:
    """A multinomial logistic regression over binary features, as the plain JSON weights learned.py reads."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from pipeline.extract.claims.learned import LABELS

    matrix = _matrix(_MATRIX.get("all") or papers)
    rows = np.concatenate([np.arange(*matrix["ranges"][p.stem]) for p in papers])
    labels = [label for p in papers for label in p.labels]
    model = LogisticRegression(C=regularization, max_iter=500, tol=1e-3)
    model.fit(matrix["x"][rows], labels)
    names = matrix["names"]
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
        "_fitted": model,  # for fast scoring in the experiments; dropped on export
    }


_PROBS: dict[tuple[int, str], list[dict]] = {}


def fitted_probabilities(model: dict, paper: PaperData) -> list[dict]:
    """The model's class probabilities for a paper's candidates (scikit-learn's, equal to learned.probabilities),
    computed once per model and paper."""
    key = (id(model), paper.stem)
    if key not in _PROBS:
        fitted = model["_fitted"]
        matrix = _MATRIX
        rows = fitted.predict_proba(matrix["x"][slice(*matrix["ranges"][paper.stem])])
        classes = list(fitted.classes_)
        _PROBS[key] = [{label: float(row[classes.index(label)]) for label in classes} for row in rows]
    return _PROBS[key]


def learned_choice(model: dict, paper: PaperData, threshold: float) -> dict[int, str]:
    """candidate index -> relation, for the candidates the model labels with a relation at `threshold` (repeats of
    one statement folded, the junk guard applied as at run time in learned.learned_claims)."""
    from pipeline.extract.claims.guard import is_content_object, is_content_subject
    from pipeline.extract.claims.learned import choose

    relations = {g.relation for g in paper.gold}
    index = {id(c): i for i, c in enumerate(paper.candidates)}
    chosen = choose(model, paper.candidates, threshold, relations, fitted_probabilities(model, paper))
    return {
        index[id(c)]: relation
        for c, relation, _ in chosen
        if not c.get("junk_sentence")
        and is_content_subject(c["subject"])
        and is_content_object(c["object"], c["subject"])
    }


def union_choice(paper: PaperData, learned: dict[int, str]) -> dict[int, str]:
    """The learned choice without what a rule claim states already (same relation, overlapping pair)."""
    from pipeline.extract.claims.learned import overlap

    kept = {}
    for ci, relation in learned.items():
        c = paper.candidates[ci]
        if SILENT_ONLY and "rule_sentence" in c["features"]:
            continue  # the rules spoke about this sentence: the learner only fills the sentences they left silent
        if not any(
            r.relation == relation and overlap(r.subject, c["subject"]) >= 0.5 and overlap(r.object, c["object"]) >= 0.5
            for r in paper.rules
        ):
            kept[ci] = relation
    return kept


class PaperScorer:
    """score_claims for rules + chosen candidates of one paper, from subject/object pair scores computed once
    (the same greedy one-to-one pairing, best score first; ties may pair in another order than the scorer's)."""

    def __init__(self, paper: PaperData) -> None:
        self.gold = paper.gold
        self.relations = {g.relation for g in paper.gold}
        self.rule_relations = [r.relation for r in paper.rules]
        self.rule_pairs = []
        for gi, expected in enumerate(paper.gold):
            for ri, claim in enumerate(paper.rules):
                score = scoring.pair_score(expected, claim)
                if score is not None:
                    self.rule_pairs.append((score, gi, ("r", ri)))
        self.candidate_pairs = [(sc, gi, ("c", ci)) for sc, gi, ci in candidate_pairs(paper.candidates, paper.gold)]

    def counts(self, use_rules: bool, chosen: dict[int, str]) -> tuple[ClaimCounts, dict[str, ClaimCounts]]:
        pairs = [p for p in self.rule_pairs if use_rules]
        pairs += [p for p in self.candidate_pairs if chosen.get(p[2][1]) == self.gold[p[1]].relation]
        pairs.sort(key=lambda p: -p[0])
        matched_gold, used = set(), set()
        for _, gi, item in pairs:
            if gi not in matched_gold and item not in used:
                matched_gold.add(gi)
                used.add(item)
        predicted = [r for r in self.rule_relations if use_rules and r in self.relations]
        predicted += [r for r in chosen.values() if r in self.relations]

        def counts(relation):
            lines = [i for i, g in enumerate(self.gold) if relation in (None, g.relation)]
            return ClaimCounts(
                predicted=sum(1 for r in predicted if relation in (None, r)),
                correct=sum(1 for i in lines if i in matched_gold),
                required=sum(1 for i in lines if self.gold[i].required),
                found=sum(1 for i in lines if self.gold[i].required and i in matched_gold),
            )

        return counts(None), {relation: counts(relation) for relation in sorted(self.relations)}


_SCORERS: dict[str, PaperScorer] = {}


def pooled_counts(papers: list[PaperData], model_for, threshold_for, mode: str) -> tuple[ClaimCounts, dict]:
    pooled, by_relation = ClaimCounts(), {}
    for paper in papers:
        if paper.stem not in _SCORERS:
            _SCORERS[paper.stem] = PaperScorer(paper)
        learned = learned_choice(model_for(paper), paper, threshold_for(paper)) if mode != "rules" else {}
        if mode == "union":
            learned = union_choice(paper, learned)
        overall, relations = _SCORERS[paper.stem].counts(mode != "learned", learned)
        pooled += overall
        for relation, counts in relations.items():
            by_relation[relation] = by_relation.get(relation, ClaimCounts()) + counts
    return pooled, by_relation


def scored_by_the_scorer(papers: list[PaperData], model_for, threshold_for, mode: str) -> tuple[ClaimCounts, dict]:
    """pooled_counts with pipeline/evaluate/scoring.score_claims itself (the figures to report)."""
    pooled, by_relation = ClaimCounts(), {}
    for paper in papers:
        chosen = list(paper.rules) if mode != "learned" else []
        if mode != "rules":
            learned = learned_choice(model_for(paper), paper, threshold_for(paper))
            if mode == "union":
                learned = union_choice(paper, learned)
            chosen += [
                PredictedClaim(c["subject"], c.get("subject_norm", ""), r, c["object"], c["page"], "text")
                for c, r in ((paper.candidates[i], r) for i, r in learned.items())
            ]
        score = scoring.score_claims(chosen, paper.gold)
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
        counts, _ = pooled_counts(papers, lambda p: models[p.stem], lambda p, t=threshold: t, mode)
        if counts.f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, counts.f1
    return best


def lopo(papers: list[PaperData], fixed: float | None = None) -> None:
    for paper in papers:
        paper.labels = labels_for(paper.candidates, paper.gold)
    _matrix(papers)
    models, thresholds = {}, {"learned": {}, "union": {}}
    for paper in papers:
        inside = [p for p in papers if p is not paper]
        models[paper.stem] = fit(inside)
        for mode in ("learned", "union"):
            thresholds[mode][paper.stem] = fixed if fixed is not None else best_threshold(inside, mode)
        print(
            f"{paper.stem:45} thresholds learned {thresholds['learned'][paper.stem]:.2f} "
            f"union {thresholds['union'][paper.stem]:.2f}",
            file=sys.stderr,
        )
    for mode in ("rules", "learned", "union"):
        counts, by_relation = scored_by_the_scorer(
            papers, lambda p: models[p.stem], lambda p, m=mode: thresholds.get(m, {}).get(p.stem, 0.5), mode
        )
        print(
            f"{mode:8} P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f} "
            f"({counts.predicted} predicted, {counts.correct} correct, {counts.found}/{counts.required} found)"
        )
        for relation, c in sorted(by_relation.items()):
            print(f"   {relation:13} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} ({c.predicted} predicted)")
        for paper in papers:
            if paper.stem.startswith("seed") and mode != "rules":
                c, _ = scored_by_the_scorer(
                    [paper], lambda p: models[p.stem], lambda p, m=mode: thresholds[m][p.stem], mode
                )
                print(f"   seed alone  P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}")


def curve(papers: list[PaperData]) -> None:
    """Pooled LOPO figures at fixed thresholds (one model per left-out paper, no choosing): the trade on offer."""
    for paper in papers:
        paper.labels = labels_for(paper.candidates, paper.gold)
    _matrix(papers)
    models = {paper.stem: fit([p for p in papers if p is not paper]) for paper in papers}
    for threshold in THRESHOLDS + [0.8, 0.9]:
        for mode in ("learned", "union"):
            c, by_relation = pooled_counts(papers, lambda p: models[p.stem], lambda p, t=threshold: t, mode)
            seed, _ = pooled_counts(
                [p for p in papers if p.stem.startswith("seed")],
                lambda p: models[p.stem],
                lambda p, t=threshold: t,
                mode,
            )
            relations = " ".join(f"{r[:3]} {x.f1:.3f}" for r, x in sorted(by_relation.items()))
            print(
                f"thr {threshold:.2f} {mode:8} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} ({c.predicted} "
                f"predicted) [{relations}] seed F1 {seed.f1:.3f}"
            )


def export(papers: list[PaperData], path: Path, enabled: bool) -> None:
    """Train on every seed+dev paper (threshold chosen by the nested leave-papers-out) and write plain JSON."""
    import json

    for paper in papers:
        paper.labels = labels_for(paper.candidates, paper.gold)
    _matrix(papers)
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
    parser.add_argument("--curve", action="store_true", help="LOPO figures at fixed thresholds")
    parser.add_argument("--export", type=Path, help="train on all papers and write the model JSON here")
    parser.add_argument("--enabled", action="store_true", help="--export: switch the learned step on")
    parser.add_argument("--threshold", type=float, help="--lopo: a fixed threshold instead of choosing it")
    parser.add_argument("--candidates", type=Path, help="keep the collected candidates in this pickle")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--missed", type=Path, help="--ceiling: write the required text lines no candidate matches")
    args = parser.parse_args()
    papers = collect_cached(args.only, args.candidates)
    if args.curve:
        curve(papers)
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
