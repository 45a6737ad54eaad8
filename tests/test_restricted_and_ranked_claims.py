"""Advantage/disadvantage classes of issue 19 read on sentences printed in the dev papers: a capability bounded by a
focus word ("only") is a limitation, with its condition kept; ranking below others ("falls behind", "lags behind")
is a weakness; a cue noun's of-phrase names its owner, not its "with respect to" phrase, and a cue noun in a
condition states nothing; the drawback "of this increased efficiency" is the method's just discussed. Sentences from
gold/dev/stacklies2022_pcamethods_pca_incomplete_data_missing_values.pdf (p. 9),
gold/dev/therneau2023_multi_state_models_competing_risks_fine_gray.pdf (p. 25),
gold/dev/jss2017_brms_bayesian_multilevel_models.pdf (pp. 14, 16),
gold/dev/oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores.pdf (p. 2) and
gold/dev/deep_review_biomed_long122p.pdf (p. 58). Each sentence is its own section, so no discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections, annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim

SENTENCES = {
    # stacklies2022 p9: a possibility bounded by "only" (a passive under "can")
    "can_only_be": "At the moment, cross-validation can only be performed with algorithms that allow missing values "
    "(i.e. not SVD).",
    # brms p14: the focus word opening the object
    "supports_only": "The ordinal package supports only cumulative models.",
    # vegan p2: the condition under which a restricted predicate holds is the limit itself
    "only_if": "Creating a socket cluster and evaluating library(vegan) with clusterEvalQ can take two seconds or "
    "longer, and only pays off if the non-parallel analysis takes ten seconds or longer.",
    # brms p16: ranked behind the others
    "falls_behind": "However, when also estimating group-specific slopes, MCMCglmm falls behind the other packages "
    "and quite often refuses to sample at all unless one carefully specifies informative priors.",
    # deep review p58: "lags behind" in a concessive clause
    "lags_behind": "While deep learning lags behind most Bayesian models in terms of interpretability, the "
    "interpretability of deep learning is comparable to or exceeds that of many other widely-used machine learning "
    "methods such as random forests or SVMs.",
    # therneau2023 p25: the owner in the of-phrase; "risk" inside the if-clause is no drawback of anything
    "strength_of": "The primary strength of the Fine-Gray model with respect to the Cox model approach is that if "
    "lifetime risk is a primary question, then the model has given us a simple and digestible answer to that "
    "question: “females have a 1.2 fold higher lifetime risk of PCM, after adjustment for age and serum m-spike”.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_claims("t", [], annotate_sentences(SENTENCES)), SENTENCES)


def _lines(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims}


def test_a_possibility_bounded_by_only_is_a_limitation(claims_by_sentence):
    assert ("cross-validation", "disadvantage", "can only be performed with algorithms that allow missing values") in (
        _lines(claims_by_sentence["can_only_be"])
    )


def test_a_focus_word_opening_the_object_bounds_what_the_verb_grants(claims_by_sentence):
    lines = _lines(claims_by_sentence["supports_only"])
    assert ("ordinal package", "disadvantage", "supports only cumulative models") in lines
    assert not any(r == "advantage" for _, r, _ in lines)


def test_a_restricted_predicate_keeps_its_condition(claims_by_sentence):
    objects = {o for _, r, o in _lines(claims_by_sentence["only_if"]) if r == "disadvantage"}
    assert "only pays off if the non-parallel analysis takes ten seconds or longer" in objects


def test_falling_behind_is_a_weakness(claims_by_sentence):
    lines = _lines(claims_by_sentence["falls_behind"])
    assert ("MCMCglmm", "disadvantage", "falls behind the other packages") in lines


def test_lagging_behind_is_a_weakness(claims_by_sentence):
    lines = _lines(claims_by_sentence["lags_behind"])
    assert any(
        s == "deep learning" and r == "disadvantage" and o.startswith("lags behind most Bayesian models")
        for s, r, o in lines
    )


def test_the_of_phrase_owns_the_cue_and_a_condition_states_no_drawback(claims_by_sentence):
    lines = _lines(claims_by_sentence["strength_of"])
    assert any(s == "Fine-Gray model" and r == "advantage" for s, r, _ in lines)
    assert not any(s == "Cox model approach" for s, _, _ in lines)
    assert not any(r == "disadvantage" for _, r, _ in lines)


def test_the_drawback_of_a_quality_pointed_back_to_is_the_methods():
    # brms p4, the two sentences as printed in one paragraph: "this increased efficiency" is HMC's
    annotated = annotate_sections(
        (
            "3. Parameter estimation",
            "HMC-like algorithms produce samples that are much less autocorrelated than those of other samplers such "
            "as the random-walk Metropolis algorithm (Hoffman and Gelman 2014; Creutz 1988). The main drawback of "
            "this increased efficiency is the need to calculate the gradient of the log-posterior, which can be "
            "automated using algorithmic differentiation (Griewank and Walther 2008) but is still a time-consuming "
            "process for more complex models.",
        )
    )
    lines = _lines(extract_claims("t", [], annotated))
    assert ("HMC-like algorithms", "disadvantage", "the need to calculate the gradient of the log-posterior") in lines
    assert not any(s == "increased efficiency" for s, _, _ in lines)
