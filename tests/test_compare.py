"""Comparison and methods datasets: counts, papers and conflicts, on hand-made claims and on two real papers."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from pipeline.outputs.compare import build_comparison, build_methods, find_conflicts
from pipeline.outputs.datasets import typed_frame

from two_papers import contradicting_paper, two_papers  # noqa: F401  (fixtures)

A, B, C = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"
DOCUMENTS = typed_frame(
    "documents",
    [{"doc_id": d, "path": f"{d}.pdf", "title": f"Paper {d[0].upper()}", "status": "ok"} for d in (A, B, C)],
)


def claims(*rows: tuple) -> pd.DataFrame:
    """(doc_id, subject, relation, object, aspect[, direction[, review_status]]) → a claims frame."""
    records = []
    for doc_id, subject, relation, obj, aspect, *rest in rows:
        direction = rest[0] if rest else None
        records.append(
            {
                "claim_id": hashlib.sha1(f"{doc_id}|{subject}|{relation}|{obj}".encode()).hexdigest()[:16],
                "doc_id": doc_id,
                "subject": subject,
                "subject_norm": subject.lower(),
                "relation": relation,
                "object": obj,
                "object_norm": obj.lower(),
                "aspect": aspect,
                "direction": direction,
                "source": "table",
                "page": 1,
                "evidence": f"{subject}: {obj}",
            }
        )
    frame = typed_frame("claims", records)
    frame["review_status"] = pd.Series([r[6] if len(r) > 6 else "pending" for r in rows], dtype="string")
    return frame


def row(comparison: pd.DataFrame, subject: str, relation: str, aspect: str) -> pd.Series:
    found = comparison[
        (comparison["subject_norm"] == subject)
        & (comparison["relation"] == relation)
        & (comparison["aspect"] == aspect)
    ]
    assert len(found) == 1, f"{len(found)} rows for {(subject, relation, aspect)}"
    return found.iloc[0]


def test_two_papers_disagree_on_purity_and_agree_on_yield():
    frame = claims(
        (A, "Precipitation", "advantage", "high purity", "purity"),
        (A, "Precipitation", "disadvantage", "low yield", "yield"),
        (B, "Precipitation", "disadvantage", "low purity", "purity"),
        (B, "Precipitation", "disadvantage", "low recovery rate", "yield"),
        (B, "Precipitation", "disadvantage", "poor recovery", "yield"),
    )
    comparison = build_comparison(frame, DOCUMENTS)
    assert len(comparison) == 3

    praised = row(comparison, "precipitation", "advantage", "purity")
    assert (praised["n_papers"], praised["n_claims"]) == (1, 1)
    assert praised["conflict"] and praised["conflict_with"] == "disadvantage"
    assert json.loads(praised["conflict_doc_ids"]) == [B]
    assert json.loads(praised["titles"]) == ["Paper A"]

    blamed = row(comparison, "precipitation", "disadvantage", "purity")
    assert blamed["conflict"] and json.loads(blamed["conflict_doc_ids"]) == [A]

    shared = row(comparison, "precipitation", "disadvantage", "yield")
    assert (shared["n_papers"], shared["n_claims"]) == (2, 3)
    assert json.loads(shared["doc_ids"]) == [A, B]
    assert sorted(json.loads(shared["objects"])) == ["low recovery rate", "low yield", "poor recovery"]
    assert not shared["conflict"] and shared["conflict_with"] == ""
    assert shared["example_evidence"] == "Precipitation: low yield"

    conflicts = find_conflicts(frame)
    assert conflicts[["subject_norm", "aspect", "side_a", "side_b"]].values.tolist() == [
        ["precipitation", "purity", "advantage", "disadvantage"]
    ]
    assert json.loads(conflicts.iloc[0]["doc_ids_a"]) == [A] and json.loads(conflicts.iloc[0]["doc_ids_b"]) == [B]


def test_one_paper_listing_both_sides_is_not_a_conflict():
    frame = claims(
        (A, "Chromatography", "advantage", "high yield", "yield"),
        (A, "Chromatography", "disadvantage", "exosome loss", "yield"),
    )
    comparison = build_comparison(frame, DOCUMENTS)
    assert not comparison["conflict"].any()
    assert find_conflicts(frame).empty


def test_a_third_paper_on_one_side_makes_it_a_conflict():
    frame = claims(
        (A, "Chromatography", "advantage", "high yield", "yield"),
        (A, "Chromatography", "disadvantage", "exosome loss", "yield"),
        (B, "Chromatography", "advantage", "good recovery", "yield"),
    )
    disadvantage = row(build_comparison(frame, DOCUMENTS), "chromatography", "disadvantage", "yield")
    assert disadvantage["conflict"] and json.loads(disadvantage["conflict_doc_ids"]) == [A, B]


def test_effects_conflict_on_opposite_directions_of_the_same_outcome():
    frame = claims(
        (A, "Hypoxia", "effect", "exosome yield", "", "increase"),
        (B, "Hypoxia", "effect", "exosome yield", "", "decrease"),
        (C, "Hypoxia", "effect", "exosome yield", "", "increase"),
        (C, "Hypoxia", "effect", "cell viability", "", "none"),
    )
    comparison = build_comparison(frame, DOCUMENTS)
    yield_row = row(comparison, "hypoxia", "effect", "exosome yield")
    assert (yield_row["n_papers"], yield_row["n_claims"]) == (3, 3)
    assert json.loads(yield_row["directions"]) == {"decrease": 1, "increase": 2}
    assert yield_row["conflict"] and set(yield_row["conflict_with"].split(";")) == {"increase", "decrease"}
    viability = row(comparison, "hypoxia", "effect", "cell viability")
    assert not viability["conflict"] and json.loads(viability["directions"]) == {}
    conflicts = find_conflicts(frame)
    assert conflicts[["family", "side_a", "side_b"]].values.tolist() == [["effect", "increase", "decrease"]]
    assert json.loads(conflicts.iloc[0]["doc_ids_a"]) == [A, C]


def test_claims_without_aspect_are_compared_but_never_flagged():
    frame = claims(
        (A, "Biochips", "advantage", "portable", ""),
        (B, "Biochips", "disadvantage", "not validated", ""),
        (B, "Biochips", "disadvantage", "hard to source", pd.NA),
        (A, "Microfluidics", "advantage", "portable", "other"),
        (B, "Microfluidics", "disadvantage", "not validated", "other"),
    )
    comparison = build_comparison(frame, DOCUMENTS)
    assert set(comparison["aspect"]) == {"", "other"}
    assert row(comparison, "biochips", "disadvantage", "")["n_claims"] == 2
    assert not comparison["conflict"].any()


def test_rejected_claims_are_left_out_and_accepted_ones_are_the_example():
    frame = claims(
        (A, "Precipitation", "advantage", "high purity", "purity", None, "rejected"),
        (B, "Precipitation", "disadvantage", "low purity", "purity", None, "pending"),
        (C, "Precipitation", "disadvantage", "impure", "purity", None, "accepted"),
    )
    comparison = build_comparison(frame, DOCUMENTS)
    assert list(comparison["relation"]) == ["disadvantage"]
    only = comparison.iloc[0]
    assert not only["conflict"] and only["n_papers"] == 2
    assert only["example_doc_id"] == C


def test_subject_falls_back_to_its_surface_form_when_not_normalized():
    frame = claims(
        (A, "Ultrafiltration", "advantage", "fast", "time"), (B, "ULTRAFILTRATION ", "disadvantage", "slow", "time")
    )
    frame["subject_norm"] = pd.Series(["", pd.NA], dtype="string")
    comparison = build_comparison(frame, DOCUMENTS)
    assert set(comparison["subject_norm"]) == {"ultrafiltration"}
    assert comparison["conflict"].all()


def test_methods_pool_claims_and_entity_mentions():
    frame = claims(
        (A, "Precipitation", "advantage", "cheap", "cost"),
        (B, "Precipitation", "disadvantage", "low purity", "purity"),
        (B, "Hypoxia", "effect", "exosome yield", "", "increase"),
    )
    frame.loc[1, "subject"] = "PEG precipitation"
    entities = typed_frame(
        "entities",
        [
            {"doc_id": C, "text": "polymer precipitation", "label": "METHOD", "norm": "precipitation"},
            {"doc_id": A, "text": "Hypoxic preconditioning", "label": "TREATMENT", "norm": "hypoxia"},
            {"doc_id": A, "text": "CD63", "label": "MOLECULE", "norm": "cd63"},
        ],
    )
    methods = build_methods(frame, entities, DOCUMENTS).set_index("method")
    assert list(methods.index) == ["hypoxia", "precipitation"]
    precipitation = methods.loc["precipitation"]
    assert json.loads(precipitation["aliases"]) == ["PEG precipitation", "polymer precipitation"]
    assert json.loads(precipitation["doc_ids"]) == [A, B, C] and precipitation["n_papers"] == 3
    assert (precipitation["n_advantage"], precipitation["n_disadvantage"], precipitation["n_effect"]) == (1, 1, 0)
    assert precipitation["n_mentions"] == 1 and precipitation["kind"] == "method"
    assert json.loads(precipitation["aspects"]) == ["cost", "purity"]
    hypoxia = methods.loc["hypoxia"]
    assert hypoxia["kind"] == "treatment" and hypoxia["n_effect"] == 1 and hypoxia["n_claims"] == 1
    assert json.loads(hypoxia["titles"]) == ["Paper A", "Paper B"]


def test_empty_inputs_give_typed_empty_frames():
    empty = claims()
    assert build_comparison(empty, DOCUMENTS).empty
    methods = build_methods(empty, typed_frame("entities", []), DOCUMENTS)
    assert methods.empty and str(methods["n_claims"].dtype) == "Int64"


# ---------------------------------------------------------------- two real papers

PRECIPITATION = "polymer precipitation"  # the canonical name models/lexicons/methods.jsonl gives "Precipitation"


@pytest.mark.e2e
def test_real_papers_share_methods_and_disagree_on_purity(two_papers):  # noqa: F811
    frames, _ = two_papers
    documents = frames["documents"]
    seed = documents[documents["title"].str.contains("exosome", case=False)]["doc_id"].item()
    second = documents[documents["title"].str.startswith("Isolation of extracellular")]["doc_id"].item()
    comparison = build_comparison(frames["claims"], documents)

    def on(subject: str, relation: str, aspect: str) -> pd.Series:
        return row(comparison, subject, relation, aspect)

    # Agreement: both papers find ultracentrifugation slow and precipitation's recovery poor.
    for subject, aspect in (("ultracentrifugation", "time"), (PRECIPITATION, "yield")):
        agreed = on(subject, "disadvantage", aspect)
        assert set(json.loads(agreed["doc_ids"])) == {seed, second}, (subject, aspect)
        assert agreed["n_papers"] == 2 and agreed["n_claims"] >= 2

    # Disagreement: purity of precipitation (seed: low purity; second: high purity) and of ultracentrifugation
    # (seed: no risk of contamination; second: low purity).
    precipitation = on(PRECIPITATION, "advantage", "purity")
    assert precipitation["conflict"] and json.loads(precipitation["conflict_doc_ids"]) == [seed]
    assert json.loads(precipitation["doc_ids"]) == [second]
    ultracentrifugation = on("ultracentrifugation", "disadvantage", "purity")
    assert ultracentrifugation["conflict"] and seed in json.loads(ultracentrifugation["conflict_doc_ids"])

    conflicts = find_conflicts(frames["claims"])
    found = {(r.subject_norm, r.aspect) for r in conflicts.itertuples()}
    assert {(PRECIPITATION, "purity"), ("ultracentrifugation", "purity")} <= found

    # A method only the second paper's table has is there, from one paper.
    methods = build_methods(frames["claims"], frames["entities"], documents).set_index("method")
    sec = methods.loc["size-exclusion chromatography"]
    assert second in json.loads(sec["doc_ids"]) and sec["n_advantage"] >= 1 and sec["n_disadvantage"] >= 1
    shared = methods.loc[PRECIPITATION]
    assert set(json.loads(shared["doc_ids"])) >= {seed, second}
    assert shared["n_advantage"] >= 2 and shared["n_disadvantage"] >= 3
