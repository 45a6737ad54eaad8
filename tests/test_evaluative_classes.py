"""Phrasing classes of advantages and drawbacks read by prose_evaluative.py (issue 19, session 14), on sentences
printed in the repository's PDFs: the deep-learning review (gold/dev/deep_review_biomed_long122p.pdf) and the seed
review (corpus/seed_review.pdf). All sentences are parsed once, each as its own section so no discourse crosses
them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Claim

SENTENCES = {
    # deep review p31: a participle clause's causative verb gives the made thing ("it": the clause's subject) a quality
    "making_competitive": "MHCflurry’s imputation method increases its performance on poorly characterized alleles, "
    "making it competitive with NetMHCpan for this task.",
    # deep review p4: the made thing named, two conjoined qualities
    "makes_adaptable": "The convergence of these factors currently makes deep learning extremely adaptable and "
    "capable of addressing the nuanced differences of each domain to which it is applied.",
    # deep review p47: an aim ("a need to make ..."), not a fact
    "aim": "As deep learning models achieve state-of-the-art performance in a variety of domains, there is a growing "
    "need to make the models more interpretable.",
    # seed review p3: an extraposed "it" ("make it difficult to exert ..."): no thing's property
    "extraposed": "Stem cell transplantation therapy holds promise for many difficult diseases, but the low number of "
    "surviving transplanted cells and their poor secretory function make it difficult to exert therapeutic utility "
    "[42].",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_text_claims(annotate_sentences(SENTENCES)), SENTENCES)


def _resultative(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.cue == "evaluative-resultative"]


def test_a_causative_verb_gives_the_made_thing_its_quality(claims_by_sentence):
    (claim,) = _resultative(claims_by_sentence["making_competitive"])
    assert "MHCflurry" in claim.subject and claim.relation == "advantage"
    assert claim.object == "competitive with NetMHCpan for this task"
    qualities = {(c.subject, c.relation, c.object) for c in _resultative(claims_by_sentence["makes_adaptable"])}
    assert ("deep learning", "advantage", "extremely adaptable") in qualities
    assert any(o.startswith("capable of addressing") for _, _, o in qualities)


def test_aims_and_extraposed_it_give_no_resultative_claim(claims_by_sentence):
    assert _resultative(claims_by_sentence["aim"]) == []
    assert _resultative(claims_by_sentence["extraposed"]) == []
