"""Claims: method → advantage/disadvantage and treatment → effect triples, from tables and from prose.

`extract_claims` runs both extractors, normalizes subjects and objects, and merges a claim found in a table and
in the prose into one claim carrying both evidences. `score_claims` compares claims with a gold list (lenient on
wording, strict on meaning); `reviewminer eval` calls it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.extract.claims.from_tables import extract_table_claims
from pipeline.extract.claims.from_text import extract_text_claims, record_reader_failure
from pipeline.extract.claims.guard import is_content_claim
from pipeline.extract.normalize import canonical_subject, normalize_claims, object_similarity, same_subject
from pipeline.records import Claim, Table

MATCH_THRESHOLD = 0.5  # content-word overlap (Dice) above which two wordings state the same property


def extract_claims(doc_id: str, tables: list[Table], annotated=None, warnings: list[str] | None = None) -> list[Claim]:
    """All claims of one document: table claims, prose claims, normalized, table/prose duplicates merged.

    With a `warnings` list, a table or sentence that a reader fails on costs only its own claims and is reported
    there (the pipeline's documents table); without one the error is raised, as tests want.
    """
    claims: list[Claim] = []
    for table in tables:
        try:
            claims.extend(extract_table_claims(table, doc_id))
        except Exception as error:
            pages = ",".join(str(page) for page in table.pages)
            record_reader_failure(error, warnings, f"page {pages}: claims of table {table.table_id}")
    abbreviations: dict[str, str] = {}
    if annotated is not None:
        claims.extend(extract_text_claims(annotated, warnings=warnings))
        abbreviations = annotated.abbreviations
    claims = [claim for claim in claims if is_content_claim(claim)]
    normalize_claims(claims, abbreviations)
    return merge_claims(claims)


# ---------------------------------------------------------------- merging


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per (subject, relation, property): exact repeats fold together, and a prose claim that states a
    table claim's property joins that table claim as a second evidence (the table's wording is kept)."""
    merged: list[Claim] = []
    by_key: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.subject_norm, claim.relation, claim.object_norm, claim.direction)
        if key in by_key:
            _absorb(by_key[key], claim)
            continue
        target = _table_partner(claim, merged) if _source(claim) == "text" else None
        if target is not None:
            _absorb(target, claim)
            continue
        by_key[key] = claim
        merged.append(claim)
    return merged


def _source(claim: Claim) -> str:
    return claim.evidence[0].source if claim.evidence else ""


def _table_partner(claim: Claim, merged: list[Claim]) -> Claim | None:
    best, best_score = None, MATCH_THRESHOLD
    for other in merged:
        if other.relation != claim.relation or other.subject_norm != claim.subject_norm:
            continue
        if not any(e.source == "table" for e in other.evidence) or any(e.source == "text" for e in other.evidence):
            continue
        score = object_similarity(other.object, claim.object)
        if score >= best_score:
            best, best_score = other, score
    return best


def _absorb(target: Claim, claim: Claim) -> None:
    for evidence in claim.evidence:
        if evidence not in target.evidence:
            target.evidence.append(evidence)
    target.hedged = target.hedged or claim.hedged
    target.negated = target.negated or claim.negated
    target.magnitude = target.magnitude or claim.magnitude
    target.comparator = target.comparator or claim.comparator
    target.direction = target.direction or claim.direction
    if claim.cue and claim.cue not in target.cue:
        target.cue = f"{target.cue}+{claim.cue}" if target.cue else claim.cue


# ---------------------------------------------------------------- evaluation


def load_gold(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def prose_claims(claims: list[Claim]) -> list[Claim]:
    """The claims with a prose evidence (what a prose gold file can judge)."""
    return [c for c in claims if any(e.source == "text" for e in c.evidence)]


def score_claims(predicted: list[Claim], gold: list[dict]) -> dict:
    """Precision, recall and F1 of predicted claims against gold triples.

    A prediction matches a gold triple when the canonical subjects agree (same lexicon entry, or one name's
    content words contain the other's), the relation is the same, the direction agrees when the gold gives one,
    and the objects share at least half their content words (Dice) or one contains the other's. Each gold triple
    is used at most once, best overlaps first. A gold triple from a table (it has a "table" key, or
    "source": "table") needs a claim with table evidence, any other one a claim with prose evidence; a claim
    found in both a table and the prose can so match one gold triple of each, and counts as one prediction.
    """
    gold_subjects = [canonical_subject(g["subject"]) for g in gold]
    gold_sources = [g.get("source") or ("table" if "table" in g else "text") for g in gold]
    pairs = []
    for gi, item in enumerate(gold):
        for pi, claim in enumerate(predicted):
            if claim.relation != item["relation"] or gold_sources[gi] not in {e.source for e in claim.evidence}:
                continue
            if item.get("direction") and claim.relation == "effect" and claim.direction != item["direction"]:
                continue
            if not same_subject(gold_subjects[gi], claim.subject_norm or canonical_subject(claim.subject)):
                continue
            score = object_similarity(item["object"], claim.object)
            if score >= MATCH_THRESHOLD:
                pairs.append((score, gi, pi))
    matched_gold: dict[int, int] = {}
    used_slots: set[tuple[int, str]] = set()
    for _, gi, pi in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi in matched_gold or (pi, gold_sources[gi]) in used_slots:
            continue
        matched_gold[gi] = pi
        used_slots.add((pi, gold_sources[gi]))
    matched_pred = {pi for pi, _ in used_slots}
    tp = len(matched_gold)
    fp = len(predicted) - len(matched_pred)
    fn = len(gold) - tp
    precision = len(matched_pred) / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    magnitudes = [(gold[gi], predicted[pi]) for gi, pi in matched_gold.items() if gold[gi].get("magnitude")]
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "magnitude_correct": sum(1 for g, p in magnitudes if _same_magnitude(g["magnitude"], p.magnitude)),
        "magnitude_total": len(magnitudes),
        "misses": [gold[gi] for gi in range(len(gold)) if gi not in matched_gold],
        "false_positives": [_describe(predicted[pi]) for pi in range(len(predicted)) if pi not in matched_pred],
    }


def _same_magnitude(expected: str, found: str) -> bool:
    def number(text: str) -> str:
        digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
        return digits.strip(".")

    return bool(found) and number(expected) == number(found) and ("%" in expected) == ("%" in found)


def _describe(claim: Claim) -> dict:
    evidence = claim.evidence[0] if claim.evidence else None
    return {
        "subject": claim.subject_norm or claim.subject,
        "relation": claim.relation,
        "object": claim.object,
        "direction": claim.direction,
        "cue": claim.cue,
        "sentence": evidence.text[:200] if evidence else "",
    }
