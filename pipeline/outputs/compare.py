"""Compare: what the papers of a corpus say about the same method, side by side.

Two derived datasets, rebuilt from the published claims on every run:

- `comparison`: one row per (subject_norm, relation, aspect) — how many papers and claims say it, which papers,
  one example evidence, and a conflict flag where papers disagree.
- `methods`: one row per canonical method or treatment — its aliases, the papers that mention it (in claims or
  as an entity) and its claim counts per relation.

A conflict is a disagreement *between papers*: for the same subject and aspect, one paper claims an advantage and
another a disadvantage (e.g. "high purity" vs "low purity"); for effects, one paper reports an increase and another
a decrease. A single paper that lists both sides of an aspect is not a conflict. Claims without an aspect (empty,
or normalization's catch-all "other") are compared but never flagged: two unrelated properties would otherwise
count as a disagreement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import pandas as pd

QUALITY_RELATIONS = ("advantage", "disadvantage")
# Aspects that say "no known aspect": never grounds for a conflict.
UNSPECIFIED_ASPECTS = {"", "other"}
OPPOSITE = {"advantage": "disadvantage", "disadvantage": "advantage", "increase": "decrease", "decrease": "increase"}
# Entity labels whose mentions make a method or treatment (see models/nlp patterns).
METHOD_LABELS = {"METHOD": "method", "TREATMENT": "treatment"}
# Curator-rejected claims are not evidence of anything; accepted and edited ones make the best examples.
REVIEW_RANK = {"accepted": 0, "edited": 1, "pending": 2}

COMPARISON_COLUMNS: dict[str, str] = {
    "subject_norm": "string",
    "relation": "string",
    "aspect": "string",
    "n_papers": "Int64",
    "n_claims": "Int64",
    "doc_ids": "string",
    "titles": "string",
    "subjects": "string",
    "objects": "string",
    "directions": "string",
    "example_claim_id": "string",
    "example_doc_id": "string",
    "example_page": "Int64",
    "example_evidence": "string",
    "conflict": "boolean",
    "conflict_with": "string",
    "conflict_doc_ids": "string",
}

METHODS_COLUMNS: dict[str, str] = {
    "method": "string",
    "kind": "string",
    "aliases": "string",
    "n_papers": "Int64",
    "doc_ids": "string",
    "titles": "string",
    "n_mentions": "Int64",
    "n_claims": "Int64",
    "n_advantage": "Int64",
    "n_disadvantage": "Int64",
    "n_effect": "Int64",
    "aspects": "string",
}

CONFLICT_COLUMNS: dict[str, str] = {
    "subject_norm": "string",
    "aspect": "string",
    "family": "string",
    "side_a": "string",
    "doc_ids_a": "string",
    "objects_a": "string",
    "evidence_a": "string",
    "side_b": "string",
    "doc_ids_b": "string",
    "objects_b": "string",
    "evidence_b": "string",
}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _present(value: object) -> bool:
    return not _missing(value) and value != ""


def fold(text: object) -> str:
    """Lower case, single spaces; "" for missing values."""
    if _missing(text):
        return ""
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def _json(values: Iterable) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _unique(values: Iterable) -> list:
    """Distinct non-empty values in first-seen order."""
    seen: dict[str, object] = {}
    for value in values:
        if not _present(value):
            continue
        seen.setdefault(str(value), value)
    return list(seen.values())


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([pd.NA] * len(frame), index=frame.index, dtype="string")


def prepare_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims to compare, with grouping keys `subject_key`, `aspect_key`, `family_key` and the side taken.

    Subjects fall back to the folded surface form when normalization left `subject_norm` empty. Effects without an
    aspect are keyed by their outcome (`object_norm`, else the object): opposite directions on the same outcome
    are the effect kind of disagreement.
    """
    frame = claims.copy()
    status = _column(frame, "review_status").fillna("pending").astype(str)
    frame = frame[status != "rejected"].copy()
    frame["status_rank"] = _column(frame, "review_status").fillna("pending").map(REVIEW_RANK).fillna(3)
    norm = _column(frame, "subject_norm").map(fold)
    frame["subject_key"] = norm.where(norm != "", _column(frame, "subject").map(fold))
    frame = frame[frame["subject_key"] != ""].copy()
    aspect = _column(frame, "aspect").map(fold)
    outcome = _column(frame, "object_norm").map(fold)
    outcome = outcome.where(outcome != "", _column(frame, "object").map(fold))
    is_effect = frame["relation"] == "effect"
    frame["aspect_key"] = aspect.where(~is_effect | (aspect != ""), outcome)
    direction = _column(frame, "direction").map(fold)
    frame["side_key"] = frame["relation"].where(~is_effect, direction).map(lambda s: s if s in OPPOSITE else "")
    frame["family_key"] = is_effect.map({True: "effect", False: "quality"})
    return frame.sort_values(["status_rank", "doc_id", "page", "claim_id"], na_position="last", kind="stable")


def _objects(claims: pd.DataFrame) -> list[str]:
    """Distinct objects, normalized where normalization gave one."""
    norm = _column(claims, "object_norm").fillna("")
    return _unique(norm.where(norm != "", claims["object"]))


def _titles(documents: pd.DataFrame) -> dict[str, str]:
    if documents is None or not len(documents):
        return {}
    return {str(r.doc_id): str(r.title) if pd.notna(r.title) else "" for r in documents.itertuples()}


def _sides(prepared: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, set[str]]]:
    """(subject, aspect, family) → side → the papers that take it; only aspects that are known."""
    sides: dict[tuple[str, str, str], dict[str, set[str]]] = {}
    known = prepared[~prepared["aspect_key"].isin(UNSPECIFIED_ASPECTS) & (prepared["side_key"] != "")]
    for row in known.itertuples(index=False):
        key = (row.subject_key, row.aspect_key, row.family_key)
        sides.setdefault(key, {}).setdefault(row.side_key, set()).add(str(row.doc_id))
    return sides


def papers_disagree(one_side: set[str], other_side: set[str]) -> bool:
    """True when some paper on one side differs from some paper on the other."""
    return bool(one_side and other_side) and not (one_side == other_side and len(one_side) == 1)


COMPARISON_INPUTS = ("subject_key", "relation", "aspect_key", "side_key", "doc_id", "subject", "object")
COMPARISON_INPUTS += ("object_norm", "claim_id", "page", "evidence")


def build_comparison(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per (subject_norm, relation, aspect): papers, claims, an example evidence and a conflict flag."""
    prepared = prepare_claims(claims)
    titles = _titles(documents)
    sides = _sides(prepared)
    # One pass over plain rows: a pandas groupby costs about a millisecond per group, and topics are many.
    groups: dict[tuple[str, str, str], list[dict]] = {}
    columns = [_column(prepared, name).tolist() for name in COMPARISON_INPUTS]
    for values in zip(*columns, strict=True):
        row = dict(zip(COMPARISON_INPUTS, values, strict=True))
        if not _missing(row["relation"]):  # as groupby, which drops a missing key
            groups.setdefault((row["subject_key"], row["relation"], row["aspect_key"]), []).append(row)
    rows = [_comparison_row(key, groups[key], titles, sides) for key in sorted(groups)]
    return _typed(rows, COMPARISON_COLUMNS)


def _comparison_row(
    key: tuple[str, str, str],
    group: list[dict],
    titles: dict[str, str],
    sides: dict[tuple[str, str, str], dict[str, set[str]]],
) -> dict:
    """The comparison row of one topic; `group` holds its claims in prepare_claims order (best example first)."""
    subject, relation, aspect = key
    doc_ids = _unique(row["doc_id"] for row in group)
    example = group[0]
    family = "effect" if relation == "effect" else "quality"
    stated = [row["side_key"] for row in group if row["side_key"] != ""]
    conflict_with, conflict_docs = _conflict_for(set(stated), sides.get((subject, aspect, family), {}))
    directions = {side: stated.count(side) for side in sorted(set(stated))}
    objects = [row["object_norm"] if _present(row["object_norm"]) else row["object"] for row in group]
    return {
        "subject_norm": subject,
        "relation": relation,
        "aspect": aspect,
        "n_papers": len(doc_ids),
        "n_claims": len(group),
        "doc_ids": _json(doc_ids),
        "titles": _json(titles.get(d, "") for d in doc_ids),
        "subjects": _json(_unique(row["subject"] for row in group)),
        "objects": _json(_unique(objects)),
        "directions": json.dumps(directions) if family == "effect" else "",
        "example_claim_id": example["claim_id"],
        "example_doc_id": example["doc_id"],
        "example_page": example["page"],
        "example_evidence": example["evidence"],
        "conflict": bool(conflict_with),
        "conflict_with": ";".join(conflict_with),
        "conflict_doc_ids": _json(conflict_docs),
    }


def _conflict_for(group_sides: set[str], sides: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    """The opposite sides this row's papers are contradicted by, and the contradicting papers."""
    against: list[str] = []
    papers: set[str] = set()
    for side in sorted(group_sides):
        opposite = OPPOSITE[side]
        if papers_disagree(sides.get(side, set()), sides.get(opposite, set())):
            against.append(opposite)
            papers |= sides[opposite]
    return against, sorted(papers)


def find_conflicts(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per (subject, aspect) on which papers disagree, with both sides' papers, objects and evidence."""
    prepared = prepare_claims(claims)
    rows = []
    for (subject, aspect, family), sides in sorted(_sides(prepared).items()):
        first, second = ("advantage", "disadvantage") if family == "quality" else ("increase", "decrease")
        if not papers_disagree(sides.get(first, set()), sides.get(second, set())):
            continue
        same_topic = prepared[(prepared["subject_key"] == subject) & (prepared["aspect_key"] == aspect)]
        row = {"subject_norm": subject, "aspect": aspect, "family": family}
        for label, side in (("a", first), ("b", second)):
            claims_on_side = same_topic[same_topic["side_key"] == side]
            row.update(
                {
                    f"side_{label}": side,
                    f"doc_ids_{label}": _json(sorted(sides[side])),
                    f"objects_{label}": _json(_objects(claims_on_side)),
                    f"evidence_{label}": claims_on_side["evidence"].iloc[0],
                }
            )
        rows.append(row)
    return _typed(rows, CONFLICT_COLUMNS)


def build_methods(claims: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical method or treatment: aliases, the papers that mention it, claim counts per relation.

    Claim subjects are methods (advantage/disadvantage) or treatments (effect); entity mentions labelled METHOD or
    TREATMENT add aliases and papers that mention a method without making a claim about it.
    """
    prepared = prepare_claims(claims)
    titles = _titles(documents)
    methods: dict[str, dict] = {}

    def entry(key: str) -> dict:
        return methods.setdefault(
            key, {"kinds": [], "aliases": [], "docs": [], "mentions": 0, "relations": {}, "aspects": []}
        )

    for row in prepared.itertuples(index=False):
        item = entry(row.subject_key)
        item["kinds"].append("treatment" if row.relation == "effect" else "method")
        item["aliases"].append(row.subject)
        item["docs"].append(row.doc_id)
        item["relations"][row.relation] = item["relations"].get(row.relation, 0) + 1
        if row.relation != "effect":
            item["aspects"].append(row.aspect_key)
    if entities is not None and len(entities):
        mentions = entities[entities["label"].isin(list(METHOD_LABELS))]
        for row in mentions.itertuples(index=False):
            key = fold(row.norm) or fold(row.text)
            if not key:
                continue
            item = entry(key)
            item["kinds"].append(METHOD_LABELS[row.label])
            item["aliases"].append(row.text)
            item["docs"].append(row.doc_id)
            item["mentions"] += 1

    rows = []
    for key in sorted(methods):
        item = methods[key]
        doc_ids = sorted(_unique(item["docs"]))
        relations = item["relations"]
        rows.append(
            {
                "method": key,
                "kind": ";".join(sorted(set(item["kinds"]))),
                "aliases": _json(_distinct_aliases(item["aliases"], key)),
                "n_papers": len(doc_ids),
                "doc_ids": _json(doc_ids),
                "titles": _json(titles.get(d, "") for d in doc_ids),
                "n_mentions": item["mentions"],
                "n_claims": sum(relations.values()),
                "n_advantage": relations.get("advantage", 0),
                "n_disadvantage": relations.get("disadvantage", 0),
                "n_effect": relations.get("effect", 0),
                "aspects": _json(sorted(set(item["aspects"]) - {""})),
            }
        )
    return _typed(rows, METHODS_COLUMNS)


def _distinct_aliases(names: list[str], canonical: str) -> list[str]:
    """Surface forms other than the canonical name, one spelling per case-folded form."""
    chosen: dict[str, str] = {}
    for name in names:
        key = fold(name)
        if key and key != canonical:
            chosen.setdefault(key, re.sub(r"\s+", " ", str(name)).strip())
    return sorted(chosen.values(), key=str.lower)


def _typed(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)
