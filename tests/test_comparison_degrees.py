"""Degree words of comparisons read on real parses: "at least as efficient as Y" is a bound, not a lessening
(evaluative.json "bound_markers"), and a comparison's degree word may sit on the first noun of a compound ("more
robust uncertainty estimates than Y"). Sentences printed in the brms paper (gold/dev/jss2017_brms_bayesian_
multilevel_models.pdf p4) and the deep review (gold/dev/deep_review_biomed_long122p.pdf p46), parsed once through
the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences

from pipeline.extract.claims import prose_comparisons
from pipeline.extract.claims.prose_evaluative import lessened, load_evaluative_words

SENTENCES = {
    "bound": "The NUTS Sampler allows setting these parameters automatically thus eliminating the need for any "
    "hand-tuning, while still being at least as efficient as a well tuned HMC (Hoffman and Gelman 2014).",
    "lessened": "HMC-like algorithms produce samples that are much less autocorrelated than those of other samplers "
    "such as the random-walk Metropolis algorithm (Hoffman and Gelman 2014; Creutz 1988).",
    "compound": "Recently, McClure and Kriegeskorte observed that test-time sampling improved calibration of the "
    "probabilistic predictions, sampling weights led to more robust uncertainty estimates than sampling units, and "
    "spike-and-slab sampling was superior to Gaussian dropconnect and Bernoulli dropout [505].",
}


@pytest.fixture(scope="module")
def sentences():
    annotated = annotate_sentences(SENTENCES)
    return {key: doc for key, (_, doc) in zip(SENTENCES, annotated.docs, strict=True)}


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
