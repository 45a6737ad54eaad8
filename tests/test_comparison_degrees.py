"""Degree words of comparisons read on real parses: "at least as efficient as Y" is a bound, not a lessening
(evaluative.json "bound_markers"), and its two "as" open no clause; a comparison's degree word may sit on the first
noun of a compound ("more robust uncertainty estimates than Y"); a copula's adverb of usuality stays in the property
("is usually more efficient than Y"). Sentences printed in the brms paper (gold/dev/jss2017_brms_bayesian_
multilevel_models.pdf p4, p16) and the deep review (gold/dev/deep_review_biomed_long122p.pdf p46), parsed once
through the real NLP pipeline, each as its own section."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences, claims_by_sentence

from pipeline.extract.claims import prose_comparisons
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.prose_evaluative import lessened, load_evaluative_words

SENTENCES = {
    "bound": "The NUTS Sampler allows setting these parameters automatically thus eliminating the need for any "
    "hand-tuning, while still being at least as efficient as a well tuned HMC (Hoffman and Gelman 2014).",
    "lessened": "HMC-like algorithms produce samples that are much less autocorrelated than those of other samplers "
    "such as the random-walk Metropolis algorithm (Hoffman and Gelman 2014; Creutz 1988).",
    "compound": "Recently, McClure and Kriegeskorte observed that test-time sampling improved calibration of the "
    "probabilistic predictions, sampling weights led to more robust uncertainty estimates than sampling units, and "
    "spike-and-slab sampling was superior to Gaussian dropconnect and Bernoulli dropout [505].",
    "usually": "In models containing only group-specific intercepts, MCMCglmm is usually more efficient than the "
    "Stan packages.",
}


@pytest.fixture(scope="module")
def annotated():
    return annotate_sentences(SENTENCES)


@pytest.fixture(scope="module")
def sentences(annotated):
    return {key: doc for key, (_, doc) in zip(SENTENCES, annotated.docs, strict=True)}


@pytest.fixture(scope="module")
def claims(annotated):
    found = claims_by_sentence(extract_text_claims(annotated), SENTENCES)
    return {key: {(c.subject, c.relation, c.object) for c in found[key]} for key in SENTENCES}


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_at_least_is_a_bound_not_a_lessening(sentences):
    words = load_evaluative_words()
    assert not lessened(_token(sentences["bound"], "efficient"), words)
    assert lessened(_token(sentences["lessened"], "autocorrelated"), words)


def test_degree_word_on_the_first_noun_of_a_compound(sentences):
    words = prose_comparisons.load_comparison_words()
    than = _token(sentences["compound"], "than")
    cue = prose_comparisons._degree_word(than.head, words)
    assert cue is not None and cue.text == "more"
    assert prose_comparisons._object_of(than).text == "units"


def test_an_equative_is_kept_whole_as_a_strength(claims):
    # "while still being at least as efficient as ...": a participle clause of the NUTS sampler's evaluation; the
    # object was cut at the equative's "as" ("at least") and "least" turned the quality into a drawback
    assert ("NUTS Sampler", "advantage", "at least as efficient as a well tuned HMC") in claims["bound"]
    assert not any(obj == "at least" for _, _, obj in claims["bound"])


def test_usuality_adverb_stays_in_the_property(claims):
    assert ("MCMCglmm", "advantage", "usually more efficient than the Stan packages") in claims["usually"]
