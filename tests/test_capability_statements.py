"""Plain capability statements of issue 19 (prose_advantages.capability_statement_claims): what a method, tool or
one of its parts does for its user, with no evaluative word, by semantic class (models/claims/cues.json
"capability_statements"): enabling ("allows"), facilitating ("eases", "facilitates"), helping under a modal of ability
("can help"); negated it is a limitation; a facilitating verb of an agent that is no method stays an effect.
Sentences from gold/dev/graeler2016_gstat_spatio_temporal_kriging_covariance_models_pm10_interpolation.pdf (pp. 1,
13), gold/dev/delignettemuller2014_fitdistrplus_distribution_fitting_estimation_methods_risk_assessment.pdf (pp. 3,
11, 15, 18), gold/dev/deep_review_biomed_long122p.pdf (p. 24), gold/dev/bmj2015_rct_exercise_smoking_pregnancy.pdf
(p. 1) and gold/dev/emm2023_eprs1_review_rotated_table.pdf (p. 3). Each sentence is its own section, so no discourse
crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim

SENTENCES = {
    # graeler2016 p1: enabling verb, a process noun as the subject
    "allows": "In addition, spatio-temporal interpolation allows predictions to be made at single locations or entire "
    "fields in between and beyond observation times.",
    # fitdistrplus p18: enabling verb, a name after its kind ("the R package X")
    "package_allows": "The R package fitdistrplus allows to easily fit distributions.",
    # graeler2016 p13: facilitating verb, a tool-part noun as the subject
    "eases": "The implemented functionality eases estimation, visualisation and understanding of spatiotemporal "
    "covariance functions.",
    # graeler2016 p13: a facilitating verb that is also an effect verb: of a tool's part, a help, not an effect
    "facilitates": "The extension and reuse of already available function structures and nomenclature facilitates an "
    "easy translation of spatial workflows to handle spatio-temporal data.",
    # fitdistrplus p15: a modal of ability over a verb of helping
    "can_help": "The plotdistcens function can help to find correct initial values for the distribution parameters in "
    "non trivial cases, by a manual iterative use if necessary.",
    # graeler2016 p13: a negated enabling verb is a limitation
    "does_not_allow": "However, the current implementation does not allow to use the anisotropy parameter anis of the "
    "pure spatial variogram definition.",
    # deep review p24: a verb of ranking above, of a name no lexicon knows
    "outperformed": "DeepBind outperformed several state-of-the-art methods from the DREAM5 in vitro TF-DNA motif "
    "recognition challenge.",
    # fitdistrplus p11: a verb of providing whose object says how good it is
    "provides_for": "The MME method provides a more cautious estimation of the insurance risk as the MME-fitted "
    "distribution function (resp. MLE-fitted) underestimates (overestimates) the empirical distribution function for "
    "large values of claim amounts.",
    # fitdistrplus p3: a verb of providing with a bare list of outputs describes the tool
    "provides_list": "The descdist function provides classical descriptive statistics (minimum, maximum, median, "
    "mean, standard deviation), skewness and kurtosis.",
    # bmj2015 p1: a verb of helping whose subject is a treatment: an effect, not a capability
    "treatment_helps": "Smoking cessation during pregnancy improves birth outcomes,[8] and behavioural support helps "
    "pregnant women to stop smoking.[8]",
    # emm2023 p3: a facilitating verb whose subject is no method: an effect, not a capability
    "agent_facilitates": "The upstream pair of WHEP domains facilitates high-affinity binding to GAIT-element-bearing "
    "mRNAs.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_claims("t", [], annotate_sentences(SENTENCES)), SENTENCES)


def _lines(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims}


def test_an_enabling_verb_states_a_strength_of_the_method(claims_by_sentence):
    assert (
        "spatio-temporal interpolation",
        "advantage",
        "allows predictions to be made at single locations or entire fields in between and beyond observation times",
    ) in _lines(claims_by_sentence["allows"])


def test_a_name_after_its_kind_owns_what_it_allows(claims_by_sentence):
    assert ("R package fitdistrplus", "advantage", "allows to easily fit distributions") in _lines(
        claims_by_sentence["package_allows"]
    )


def test_a_facilitating_verb_of_a_tool_part_is_a_strength(claims_by_sentence):
    assert (
        "implemented functionality",
        "advantage",
        "eases estimation, visualisation and understanding of spatiotemporal covariance functions",
    ) in _lines(claims_by_sentence["eases"])


def test_an_effect_verb_of_facilitating_said_of_a_tool_part_is_no_effect(claims_by_sentence):
    claims = claims_by_sentence["facilitates"]
    assert [c.relation for c in claims] == ["advantage"]
    assert claims[0].object.startswith("facilitates an easy translation of spatial workflows")


def test_a_modal_of_ability_over_a_verb_of_helping_is_a_strength(claims_by_sentence):
    lines = _lines(claims_by_sentence["can_help"])
    assert any(
        s == "plotdistcens function" and r == "advantage" and o.startswith("can help to find") for s, r, o in lines
    )


def test_a_negated_enabling_verb_is_a_limitation(claims_by_sentence):
    assert (
        "current implementation",
        "disadvantage",
        "does not allow to use the anisotropy parameter anis of the pure spatial variogram definition",
    ) in _lines(claims_by_sentence["does_not_allow"])


def test_a_facilitating_verb_of_an_agent_that_is_no_method_stays_an_effect(claims_by_sentence):
    assert all(c.relation == "effect" for c in claims_by_sentence["agent_facilitates"])


def test_a_verb_of_ranking_above_is_a_strength_of_its_subject(claims_by_sentence):
    lines = _lines(claims_by_sentence["outperformed"])
    assert any(s == "DeepBind" and r == "advantage" and o.startswith("outperformed several") for s, r, o in lines)


def test_what_a_tool_provides_of_some_worth_is_a_strength_and_a_bare_output_list_is_not(claims_by_sentence):
    lines = _lines(claims_by_sentence["provides_for"])
    assert any(
        s == "MME method" and r == "advantage" and o.startswith("provides a more cautious estimation of the insurance")
        for s, r, o in lines
    )
    assert not [c for c in claims_by_sentence["provides_list"] if c.cue.startswith("capability")]


def test_what_a_treatment_helps_with_is_no_capability(claims_by_sentence):
    assert not [c for c in claims_by_sentence["treatment_helps"] if c.relation == "advantage"]
