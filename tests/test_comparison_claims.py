"""Comparisons and their mirrors (pipeline/extract/claims/prose_comparisons.py) and the evaluative predicates of
session 11 (as-phrase roles, nouns of benefit, passive hindering verbs in prose_evaluative.py), on sentences printed
in the repository's PDFs: the brms paper (gold/dev/jss2017_brms_bayesian_multilevel_models.pdf p16), the deep review
(gold/dev/deep_review_biomed_long122p.pdf p20), the ion-crystal paper (gold/dev/srep2015_ion_crystal_quantum_
computation.pdf p1) and the EPRS1 review (gold/dev/emm2023_eprs1_review_rotated_table.pdf). All sentences are parsed
once, each as its own section so no discourse crosses them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims import prose_comparisons
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Claim

SENTENCES = {
    "efficient": "In models containing only group-specific intercepts, MCMCglmm is usually more efficient than the "
    "Stan packages.",
    "outperformed": "However, while the deep learning model outperformed existing algorithms in nearly every "
    "scenario, the model still displayed poor performance.",
    "hailed": "Towards that goal, trapped atomic ions are hailed as one of the most promising platforms for the "
    "eventual realization[3,4].",
    "hampered": "Distinct from these challenges, Paul traps provide strong confinement; however, they are hampered by "
    "the micromotion problem: fast micromotion caused by the driving radio-frequency (rf) field cannot be laser "
    "cooled.",
    "opportunity": "Large-scale RNA-Seq offers the opportunity to perform comprehensive and simultaneous "
    "transcriptional profiling during a host response to invading pathogens80.",
}


@pytest.fixture(scope="module")
def annotated():
    return annotate_sentences(SENTENCES)


def _by_sentence(claims: list[Claim]) -> dict[str, list[Claim]]:
    return by_sentence(claims, SENTENCES)


@pytest.fixture(scope="module")
def claims_by_sentence(annotated) -> dict[str, list[Claim]]:
    return _by_sentence(extract_text_claims(annotated))


@pytest.fixture(scope="module")
def unmirrored_by_sentence(annotated) -> dict[str, list[Claim]]:
    """The same sentences with the mirrors switched off (evaluative.json "emit_mirrors", on by default)."""
    words = prose_comparisons.load_comparison_words()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prose_comparisons, "load_comparison_words", lambda: replace(words, emit_mirrors=False))
        return _by_sentence(extract_text_claims(annotated))


def _lines(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims}


def test_the_compared_thing_gets_the_mirrored_drawback(claims_by_sentence, unmirrored_by_sentence):
    assert any(c.subject == "MCMCglmm" and c.relation == "advantage" for c in claims_by_sentence["efficient"])
    assert ("Stan packages", "disadvantage", "less efficient than MCMCglmm") in _lines(claims_by_sentence["efficient"])
    # switched off, the stated side stays and no mirror is made
    assert any(c.subject == "MCMCglmm" and c.relation == "advantage" for c in unmirrored_by_sentence["efficient"])
    assert not any(c.cue == "comparison-mirror" for claims in unmirrored_by_sentence.values() for c in claims)


def test_ranking_verb_gives_both_sides(claims_by_sentence):
    side = ("deep learning model", "advantage", "outperformed existing algorithms in nearly every scenario")
    assert side in _lines(claims_by_sentence["outperformed"])
    lines = _lines(claims_by_sentence["outperformed"])
    assert any(
        s == "existing algorithms" and r == "disadvantage" and o.startswith("outperformed by") for s, r, o in lines
    )


def test_role_in_an_as_phrase_is_judged_by_its_adjectives(claims_by_sentence):
    lines = _lines(claims_by_sentence["hailed"])
    assert any(s == "trapped atomic ions" and r == "advantage" and "most promising platforms" in o for s, r, o in lines)


def test_passive_hindering_verb_is_a_drawback_with_its_agent(claims_by_sentence):
    lines = _lines(claims_by_sentence["hampered"])
    assert ("Paul traps", "disadvantage", "hampered by the micromotion problem") in lines


def test_offering_an_opportunity_is_an_advantage(claims_by_sentence):
    lines = _lines(claims_by_sentence["opportunity"])
    assert any(
        s == "Large-scale RNA-Seq" and r == "advantage" and o.startswith("offers the opportunity") for s, r, o in lines
    )


def test_both_sides_of_a_comparison_name_their_comparator(claims_by_sentence):
    """The output's comparator column: the stated side is ranked against the compared thing, the mirror against the
    stated side's subject."""
    efficient = {(c.subject, c.relation): c.comparator for c in claims_by_sentence["efficient"]}
    assert efficient[("MCMCglmm", "advantage")] == "Stan packages"
    assert efficient[("Stan packages", "disadvantage")] == "MCMCglmm"
    outperformed = {(c.subject, c.relation): c.comparator for c in claims_by_sentence["outperformed"]}
    assert outperformed[("deep learning model", "advantage")] == "existing algorithms"
    assert outperformed[("existing algorithms", "disadvantage")] == "deep learning model"
