"""Effects whose cause sits in an adjunct or a condition, not in the subject (session 19), on sentences printed in
gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf (pp. 2, 8, 9), each parsed as its own section through the real
NLP pipeline and claims stage: a dosed agent in "in the presence of 5 wt % X", a measure stated at a value under a
cause phrase or a condition clause, an obtained outcome that keeps its value."""

from __future__ import annotations

import pytest

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim
from tests.claims_shared import annotate_sentences, claims_by_sentence, effects

SENTENCES = {
    # p8: the quantity heads the presence phrase; the parser leaves the name after it loose on the verb
    "obtained-dosed": "The conversion of PET was achieved 3.3% in the presence of 5 wt % [Bmim]Cl, but no BHET was"
    " founded within 2 h (Table 1, entry 1).",
    # p9: a fronted presence phrase whose number heads it (the unit read as punctuation); a copula states the value
    "value-fronted": "In the presence of 0.16 wt % [Bmim]ZnCl3, the conversion of PET was 7.04% within 0.5 h and the"
    " BHET yield rose to 1.33%.",
    # p2: a value under a when-clause that says what was used
    "value-condition": "In the cross-condensation of aldehyde and ketone, the yield of α,β-unsaturated ketones was"
    " more than 99% when the Lewis acidic ionic liquids were used as catalysts [16].",
}


@pytest.fixture(scope="module")
def claims() -> dict[str, list[Claim]]:
    found = extract_claims("test", [], annotate_sentences(SENTENCES))
    return claims_by_sentence(found, SENTENCES)


def test_a_dosed_agent_in_a_presence_phrase_is_named_without_its_dose(claims):
    found = effects(claims, "obtained-dosed")
    assert len(found) == 1
    agent, effect = found.pop()
    assert agent.endswith("Bmim]Cl") and not agent[0].isdigit()  # the name, not "5 wt %"
    assert "conversion of PET" in effect and "3.3%" in effect  # the outcome keeps the value it was obtained at


def test_a_measure_stated_at_a_value_is_an_effect_of_the_fronted_presence_phrase(claims):
    found = effects(claims, "value-fronted")
    assert any(agent.endswith("Bmim]ZnCl3") and effect == "conversion of PET 7.04%" for agent, effect in found)


def test_a_value_under_a_condition_clause_is_an_effect_of_what_was_used(claims):
    assert effects(claims, "value-condition") == {
        ("Lewis acidic ionic liquids", "yield of α,β-unsaturated ketones more than 99%")
    }
