"""Evaluative statements about method-like subjects of any field (pipeline/extract/claims/prose_evaluative.py), on
sentences printed in the repository's PDFs: the brms paper (gold/dev/jss2017_brms_bayesian_multilevel_models.pdf),
the kohonen paper (benchmarks/papers/jss2018_kohonen_self_organizing_maps.pdf) and the seed review
(corpus/seed_review.pdf). All sentences are parsed once, each as its own section so no discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.prose_evaluative import load_evaluative_words
from pipeline.records import Claim

SENTENCES = {
    # brms p2 and p3
    "nuts": "The NUTS-Sampler implemented in Stan does not require priors to be conjugate.",
    "gibbs": "Furthermore, Gibbs-sampling requires priors to be conjugate to the likelihood of parameters in order to "
    "work efficiently (Gelman et al. 2014), thus reducing the freedom of the researcher in choosing a prior that "
    "reflects his or her beliefs.",
    "authors": "Instead, we avoid these terms in the present paper following the recommendations of Gelman and Hill "
    "(2006).",
    # brms p9: a clause reported under a negated verb is not asserted
    "not_implied": "This, however, does not imply that priors are always meaningful if they are accepted by Stan.",
    # kohonen p1 and p5
    "soms": "Self-organizing maps (SOMs) are popular tools for grouping and visualizing data in many areas of science.",
    "distances": "In some cases, the usual Euclidean or related distance functions are simply not optimal, and one "
    "would rather use specific measures appropriate for the data at hand.",
    "extraposed": "In some cases, it could be useful to impute these by interpolation from neighboring units.",
    # seed review p2
    "pronoun_object": "The current separation techniques cannot separate it accurately, resulting in relatively low "
    "exosome extraction purity and extraction yield [23, 24].",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    claims = extract_text_claims(annotate_sentences(SENTENCES))
    return by_sentence([c for c in claims if c.cue.startswith("evaluative-open")], SENTENCES)


def test_negated_requirement_is_an_advantage(claims_by_sentence):
    (claim,) = claims_by_sentence["nuts"]
    assert claim.subject == "NUTS-Sampler implemented in Stan"
    assert claim.relation == "advantage" and claim.negated
    assert "require priors to be conjugate" in claim.object


def test_requirement_is_a_drawback_cut_before_the_subordinate_clause(claims_by_sentence):
    (claim,) = claims_by_sentence["gibbs"]
    assert (claim.subject, claim.relation) == ("Gibbs-sampling", "disadvantage")
    assert claim.object.startswith("requires priors to be conjugate") and "reducing" not in claim.object


def test_evaluative_adjective_and_its_negation(claims_by_sentence):
    (popular,) = claims_by_sentence["soms"]
    assert (popular.subject, popular.relation) == ("Self-organizing maps", "advantage")
    assert "popular tools" in popular.object
    (optimal,) = claims_by_sentence["distances"]
    assert optimal.relation == "disadvantage" and "not optimal" in optimal.object
    assert "distance functions" in optimal.subject


def test_no_claims_about_authors_expletives_or_unnamed_objects(claims_by_sentence):
    assert claims_by_sentence["authors"] == []  # "we": the writers, not a method
    assert claims_by_sentence["extraposed"] == []  # "it could be useful to ...": "it" is the clause that follows
    assert claims_by_sentence["pronoun_object"] == []  # "cannot separate it": the property is not in words


def test_lexicon_classes_are_disjoint_and_cover_method_evaluation():
    words = load_evaluative_words()
    assert not words.positive & words.negative
    assert {"fast", "flexible", "robust", "scalable"} <= words.positive
    assert {"slow", "expensive", "biased", "intensive"} <= words.negative
    assert {"package", "estimator", "algorithm", "function"} <= words.subject_heads
    assert not words.subject_heads & words.rejected_heads


def test_a_clause_reported_under_a_negated_verb_is_no_claim(claims_by_sentence):
    assert claims_by_sentence["not_implied"] == []  # "does not imply that priors are always meaningful"
