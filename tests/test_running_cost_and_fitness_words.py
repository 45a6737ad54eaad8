"""Evaluative words of issue 19's advantage/disadvantage class that the cue lexicon lacked, read through the real
pipeline on sentences printed in the dev papers: the cost of running a method ("has a considerable overhead", an
overhead only as a head noun), slowness and harm to the equipment ("very sluggish", "corrosive"). Sentences from
gold/dev/oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores.pdf (p. 2) and
gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf (p. 2)."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim

SECTIONS = (
    # vegan p2: the cost of running, as the head noun of what a method has
    (
        "2 Parallel processing",
        "Parallelized processing has a considerable overhead, and the analysis is faster only if the non-parallel "
        "code is really slow (takes several seconds in wall clock time).",
    ),
    # polymers p2: slowness of a process, "it" resolved to the previous sentence's subject
    (
        "1. Introduction",
        "Glycolysis of PET is one of the most widely studied processes for PET depolymerization [2–5]. However, it "
        "is very sluggish in the absence of a catalyst.",
    ),
)


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return extract_claims("t", [], annotate_sections(*SECTIONS))


def _about(claims: list[Claim], words: str) -> list[tuple[str, str, str]]:
    return [(c.subject, c.relation, c.object) for c in claims if words in c.evidence[0].text]


def test_an_overhead_a_method_has_is_a_drawback(claims):
    lines = _about(claims, "considerable overhead")
    assert ("Parallelized processing", "disadvantage", "has a considerable overhead") in lines


def test_a_sluggish_process_is_a_drawback(claims):
    lines = _about(claims, "sluggish")
    assert any(relation == "disadvantage" and "sluggish" in obj for _, relation, obj in lines), lines
