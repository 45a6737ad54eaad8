"""Findings in the language of statistics and epidemiology (prose_effects._statistical_effects), on sentences as
printed in gold/dev/therneau2023_multi_state_models_competing_risks_fine_gray.pdf (pp. 15 and 22), parsed by the real
NLP pipeline and read by the real claims stage."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract.claims.from_text import extract_text_claims


@pytest.fixture(scope="module")
def mgus_all_claims():
    annotated = annotate(
        (
            "3.1 MGUS example",
            "We see that the effect of age and sex on non-PCM mortality is profound, which is not a surprise given "
            "the median starting age of 72.",
        ),
        (
            "3.1 MGUS example > rates",
            "Risk rises 1.9 fold per decade of age and the death rate for males is 1.5 times as great as that for "
            "females.",
        ),
        (
            "3.1 MGUS example > mortality",
            "The size of the serum monoclonal spike has almost no impact on non-PCM mortality. A 1 unit increase "
            "changes mortality by only 6%.",
        ),
        (
            "3.1 MGUS example > progression",
            "The mspike size has a major impact on progression, however; each 1 gram change increases risk by 2.4 "
            "fold.",
        ),
        (
            "4 Fine-Gray model",
            "The Fine-Gray fits show an effect of all three variables on the subdistribution rates. Males have a lower "
            "lifetime risk of PCM before death and a higher risk of death before PCM, while a high serum m-spike works "
            "in the opposite direction. We had also seen that older subjects are less likely to experience PCM due to "
            "the competing risk of death; this is reflected in the FG model as a negative coefficient for age.",
        ),
    )
    annotated_quote = annotate(
        (
            "4 Fine-Gray model > strength",
            "The primary strength of the Fine-Gray model with respect to the Cox model approach is that if lifetime "
            "risk is a primary question, then the model has given us a simple and digestible answer to that "
            "question: \u201cfemales have a 1.2 fold higher lifetime risk of PCM, after adjustment for age and "
            "serum m-spike\u201d.",
        ),
    )
    return extract_text_claims(annotated) + extract_text_claims(annotated_quote)


@pytest.fixture(scope="module")
def mgus_claims(mgus_all_claims):
    return [c for c in mgus_all_claims if c.relation == "effect"]


def _find(claims, subject: str, words: str):
    return [c for c in claims if c.subject.lower() == subject.lower() and words in c.object]


def test_an_effect_noun_judged_by_an_adjective_is_an_effect_of_each_exposure_in_its_of_phrase(mgus_claims):
    for exposure in ("age", "sex"):
        assert _find(mgus_claims, exposure, "profound effect on non-PCM mortality"), exposure


def test_an_effect_noun_held_by_the_exposure_keeps_its_degree_and_negation(mgus_claims):
    [none] = _find(mgus_claims, "size of the serum monoclonal spike", "almost no impact on non-PCM mortality")
    assert none.negated
    assert _find(mgus_claims, "mspike size", "major impact on progression")


def test_an_effect_of_a_generic_statistical_term_names_no_exposure(mgus_claims):
    # (the activity reader, not this class, still reads "an effect of ..." as an activity of the fits)
    assert not [c for c in mgus_claims if "subdistribution" in c.object and "statistical" in c.cue]


def test_a_change_by_one_unit_is_an_effect_of_the_exposure_stated_before_it(mgus_claims):
    [gram] = _find(mgus_claims, "mspike size", "each 1 gram change increases risk by 2.4 fold")
    assert (gram.direction, gram.magnitude) == ("increase", "2.4-fold")
    [unit] = _find(mgus_claims, "size of the serum monoclonal spike", "A 1 unit increase changes mortality")
    assert unit.magnitude == "6%"


def test_a_population_group_compared_on_a_risk_has_an_effect_not_a_disadvantage(mgus_claims):
    [lower] = _find(mgus_claims, "males", "lower lifetime risk of PCM before death")
    [higher] = _find(mgus_claims, "males", "higher risk of death before PCM")
    assert (lower.direction, higher.direction) == ("decrease", "increase")
    [likely] = _find(mgus_claims, "older subjects", "less likely to experience PCM")
    assert likely.direction == "decrease"


def test_a_rate_of_change_per_unit_is_an_effect_of_the_exposure_the_unit_measures(mgus_claims):
    [age] = _find(mgus_claims, "age", "Risk rises 1.9 fold per decade")
    assert (age.direction, age.magnitude) == ("increase", "1.9-fold")


def test_a_measure_stated_for_a_group_is_an_effect_of_the_group(mgus_claims):
    [males] = _find(mgus_claims, "males", "death rate 1.5 times as great as that for females")
    assert males.magnitude == "1.5×"
    [females] = _find(mgus_claims, "females", "1.2 fold higher lifetime risk of PCM")
    assert (females.direction, females.magnitude) == ("increase", "1.2-fold")


def test_a_population_groups_risk_is_no_drawback_the_group_owns(mgus_all_claims):
    """ "Males have a lower lifetime risk of PCM": the risk is a finding about the group (an effect of its sex), so
    the cue noun "risk" gives the group no disadvantage."""
    groups = {"males", "females", "female with mgus"}
    assert [c for c in mgus_all_claims if c.relation == "disadvantage" and c.subject.lower() in groups] == []
