"""Scoring against gold, with the matching rules of the project's shared scorer (`gold/ANNOTATION.md`).

Claims are lenient on wording and strict on meaning: the relation must be equal; the subjects match when one
contains the other or their content words overlap with F1 >= 0.5 (the better of the predicted `subject` and
`subject_norm`); the objects when their content words overlap with F1 >= 0.5. Each prediction matches at most one
gold line (greedy, best score first). Precision counts every predicted claim of the relations the gold file uses;
recall counts required gold lines only; an optional line that is found counts as correct.

Tables: the document's table whose cells best match the gold grid (the header at row 0, or the grid one row off),
exact-cell accuracy over the gold cells after whitespace and hyphen folding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.evaluate.gold import GoldClaim

STOP_WORDS = frozenset(
    """a an the of to in on for with and or by as is are be been was were that this these those it its their from
    at into than which may can could will would such also more most very due""".split()
)
MATCH = 0.5
ITEM_BREAK = "\\n"  # the two characters a gold grid writes between the items of a one-item-per-line cell


def fold(text: str) -> str:
    text = str(text or "").lower().replace("‐", "-").replace("–", "-").replace("ﬁ", "fi").replace("ﬂ", "fl")
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)  # a hyphen left at a line break
    text = re.sub(r"[-/]", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def stem(word: str) -> str:
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        return word[:-2]
    for suffix in ("ation", "ness", "ment", "ing", "ed", "ly", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {stem(word) for word in fold(text).split() if word not in STOP_WORDS}


def word_f1(gold: str, predicted: str) -> float:
    expected, found = content_words(gold), content_words(predicted)
    common = len(expected & found)
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(expected)
    return 2 * precision * recall / (precision + recall)


def subject_score(gold: str, predicted: str) -> float:
    g, p = fold(gold), fold(predicted)
    if g and p and (g in p or p in g):
        return 1.0
    return word_f1(gold, predicted)


@dataclass(frozen=True)
class PredictedClaim:
    subject: str
    subject_norm: str
    relation: str
    object: str
    page: int | None = None
    source: str = ""


@dataclass
class ClaimCounts:
    """What precision and recall are made of, so documents can be pooled (micro averages)."""

    predicted: int = 0
    correct: int = 0  # predictions matched to a gold line, required or optional
    required: int = 0
    found: int = 0  # required gold lines matched

    def __add__(self, other: ClaimCounts) -> ClaimCounts:
        return ClaimCounts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.predicted, self.correct, self.required, self.found)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ClaimScore:
    overall: ClaimCounts
    by_relation: dict[str, ClaimCounts]
    # table and text apart (issue 18's table-claims figure): predictions by where they were read, gold lines by the
    # source the annotator gave them, matched as one pool (a text claim may find a table line)
    by_source: dict[str, ClaimCounts] = field(default_factory=dict)
    missed: list[GoldClaim] = field(default_factory=list)  # required gold lines not found
    unmatched: list[PredictedClaim] = field(default_factory=list)  # predictions matching no gold line


def pair_score(expected: GoldClaim, claim: PredictedClaim) -> float | None:
    """How well a prediction matches a gold line (subject + object score), or None when it does not: same relation,
    subject (as written or normalized) and object each at least MATCH."""
    if claim.relation != expected.relation:
        return None
    subject = max(subject_score(expected.subject, claim.subject), subject_score(expected.subject, claim.subject_norm))
    obj = word_f1(expected.object, claim.object)
    return subject + obj if subject >= MATCH and obj >= MATCH else None


def score_claims(predicted: Iterable[PredictedClaim], gold: list[GoldClaim]) -> ClaimScore:
    relations = sorted({g.relation for g in gold})
    predictions = [p for p in predicted if p.relation in relations]
    pairs = []
    for gi, expected in enumerate(gold):
        for pi, claim in enumerate(predictions):
            score = pair_score(expected, claim)
            if score is not None:
                pairs.append((score, gi, pi))
    pairs.sort(reverse=True)  # best first; ties in the shared scorer's order
    matched_gold: set[int] = set()
    matched_predictions: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in matched_gold and pi not in matched_predictions:
            matched_gold.add(gi)
            matched_predictions.add(pi)

    def counts(relation: str | None, source: str | None = None) -> ClaimCounts:
        lines = [i for i, g in enumerate(gold) if relation in (None, g.relation) and source in (None, g.source)]
        chosen = [
            i
            for i, p in enumerate(predictions)
            if relation in (None, p.relation) and (source is None or source in p.source.split("+"))
        ]  # a claim read from both ("table+text") counts under each
        return ClaimCounts(
            predicted=len(chosen),
            # by source, a prediction is correct by its own match (its gold line may be of the other source)
            correct=sum(1 for i in lines if i in matched_gold)
            if source is None
            else sum(1 for i in chosen if i in matched_predictions),
            required=sum(1 for i in lines if gold[i].required),
            found=sum(1 for i in lines if gold[i].required and i in matched_gold),
        )

    sources = sorted({g.source for g in gold} | {part for p in predictions for part in p.source.split("+") if part})
    return ClaimScore(
        overall=counts(None),
        by_relation={relation: counts(relation) for relation in relations},
        by_source={source: counts(None, source) for source in sources},
        missed=[g for i, g in enumerate(gold) if g.required and i not in matched_gold],
        unmatched=[p for i, p in enumerate(predictions) if i not in matched_predictions],
    )


@dataclass
class GridScore:
    number: str
    accuracy: float
    gold_cells: int
    correct: int
    table_id: str | None  # the document's best-matching table


def score_grid(number: str, gold: list[list[str]], tables: dict[str, dict[tuple[int, int], str]]) -> GridScore:
    """`tables`: table_id -> {(row, col): text} of one document."""
    gold_cells = {
        (r, c): fold(text.replace(ITEM_BREAK, " ")) for r, row in enumerate(gold) for c, text in enumerate(row)
    }
    best = GridScore(number, 0.0, len(gold_cells), 0, None)
    for table_id, cells in tables.items():
        folded = {position: fold(text) for position, text in cells.items()}
        for offset in (0, 1, -1):
            hits = sum(1 for (r, c), text in gold_cells.items() if folded.get((r + offset, c)) == text)
            if hits / max(1, len(gold_cells)) > best.accuracy:
                best = GridScore(number, hits / len(gold_cells), len(gold_cells), hits, table_id)
    return best
