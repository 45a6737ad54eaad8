"""The learned claim step's candidate generator and its guards, on the seed review (parsed once for the module).

The step is not part of the pipeline (benchmarks/train_claim_extractor.py: it does not beat the rules leave-one-
paper-out); these tests keep its pieces honest for the next attempt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import ingest, nlp, structure
from pipeline.extract.claims.guard import is_content_claim
from pipeline.extract.claims.learned import LABELS, document_candidates, learned_claims

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"


@pytest.fixture(scope="module")
def seed_annotated():
    document = structure.build_document(ingest.read_pdf(SEED_PDF))
    return nlp.annotate(nlp.load_pipeline(), document)


def test_candidates_split_a_list_and_keep_the_full_subject(seed_annotated):
    """ "ESCs-exo enhanced the proliferation and migration of diabetic fibroblasts and macrophages": the clause's
    own subject and its predicate (gold: epidermal stem cell-derived exosomes → effect → enhance proliferation and
    migration ...), and "X has the advantage of A, B and C" gives one candidate per item."""
    candidates = document_candidates(seed_annotated)
    pairs = {(c["subject"], c["object"]) for c in candidates}
    assert any(
        s == "ESCs-exo" and o.startswith("enhanced the proliferation and migration of diabetic fibroblasts")
        for s, o in pairs
    )
    items = {o for s, o in pairs if s == "sonicated exosomes"}
    assert {"sustained release of catalase", "protection from protease degradation"} <= items


def test_off_switch_and_junk_guard(seed_annotated):
    """A model that is switched off adds nothing; one that labels every candidate a claim still yields only
    claims whose subject and object are content phrases (the project's junk guard)."""
    assert learned_claims(seed_annotated, [], model={"enabled": False}) == []
    everything = {
        "enabled": True,
        "labels": list(LABELS),
        "weights": {label: {} for label in LABELS},
        "intercepts": {"none": 0.0, "advantage": 0.0, "disadvantage": 0.0, "effect": 5.0},
        "threshold": 0.5,
    }
    claims = learned_claims(seed_annotated, [], model=everything)
    assert claims and all(is_content_claim(c) for c in claims)
    assert not any(c.object.lower() in ("it", "which", "this", "these") for c in claims)
    assert all(c.evidence and c.evidence[0].source == "text" and c.evidence[0].text for c in claims)
