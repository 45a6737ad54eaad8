"""Effect readings added in session 17, on sentences printed in gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf,
each parsed as its own section through the real NLP pipeline and claims stage."""

from __future__ import annotations

import pytest

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim
from tests.claims_shared import annotate_sentences, claims_by_sentence, effects

SENTENCES = {
    # a binomial before a product noun: the tagger reads the product as the verb and the effect verb as a modifier
    "taxon-alleviate": "Regarding its effect on other pain models, there are several studies that have demonstrated"
    " that O. sanctum extracts alleviate neuropathic pain.",
    "taxon-coordinated": "Going one step further, one can conclude that R. officinalis extract and carnosol suppress"
    " pain and inflammation induced by formalin injection, which may be due to inhibition of the activity of COX1"
    " and COX2 enzymes.",
    "taxon-modified": "Husseini et al. (2015) [354] demonstrated that L. officinalis hydroalcoholic extracts inhibit"
    " inflammation and pain induced by formalin and cyclooxygenase (COX) type 1 and 2 activity in mice, using the"
    " formalin and hot-plate tests.",
    "taxon-part": "Barocelli et al. (2004) [353] proved that L. officinalis leaves inhalation attenuates pain evoked by"
    " hot-plate test, and stomach graze induced by high-dose administration of ethanol and ascetic acid.",
    "taxon-shows": "In 2011, Raymundo published the results that H. pectinata essential oil shows peripheral and"
    " central antinociceptive effects, likely mediated by opioid and cholinergic receptors, and anti-inflammatory"
    " activity through the inhibition of nitric oxide and PGE2 production [229].",
    # a display verb after the product, and a verb of contents that states no effect
    "taxon-display": "These findings indicate that the phytochemicals present in the M. piperita extract exhibit"
    " analgesic effect arising from both CNS and peripheral actions since the response appears to both thermal and"
    " chemical pain stimuli.",
    "taxon-contents": "The literature data show that L. officinalis extract contains linalool, acetate linalool,"
    " monotril, sesquiterpene, luteolin, ursolic acid, coumarin, and umbelliferone.",
    # a display verb the parse left without a subject (the reporter read into a fronted phrase)
    "subjectless-display": "In vivo models demonstrated the anti-inflammatory effects of S. scardica over a model of"
    " carrageenan-induced rat paw edema and proved gastroprotective activity over ethanol-induced acute stress ulcer"
    " in rats and also a promising cytotoxic activity [92], attributing in part to flavonoid constituents (apigenin"
    " and luteolin) that can induce cell-cycle arrest and cellular apoptosis in vitro [93].",
    "subjectless-capacity": "In vivo models demonstrated a preventive capacity of S. scardica over Aβ-induced memory"
    " impairments in transgenic and nontransgenic mice and proved a possible positive effect in Alzheimer’s disease,"
    " fully rescuing neuronal loss in transgenic mice, thus being flagged as a possible treatment for-improving"
    " memory in healthy adults and in dementia patients [78].",
}


@pytest.fixture(scope="module")
def claims() -> dict[str, list[Claim]]:
    found = extract_claims("test", [], annotate_sentences(SENTENCES))
    return claims_by_sentence(found, SENTENCES)


def test_a_misparsed_binomial_product_is_the_agent(claims):
    found = effects(claims, "taxon-alleviate")
    assert ("O. sanctum extracts", "alleviate neuropathic pain") in found
    claim = next(c for c in claims["taxon-alleviate"] if c.subject == "O. sanctum extracts")
    assert claim.direction == "decrease" and not claim.negated


def test_a_misparsed_binomial_shares_its_effects_with_a_coordinated_agent(claims):
    found = effects(claims, "taxon-coordinated")
    for agent in ("R. officinalis extract", "carnosol"):
        assert (agent, "suppress pain") in found
        assert (agent, "suppress inflammation induced by formalin injection") in found


@pytest.mark.parametrize(
    ("key", "agent", "effect"),
    [
        ("taxon-modified", "L. officinalis hydroalcoholic extracts", "inhibit inflammation"),
        ("taxon-modified", "L. officinalis hydroalcoholic extracts", "inhibit pain induced by formalin"),
        ("taxon-part", "L. officinalis leaves inhalation", "attenuates pain evoked by hot-plate test"),
    ],
)
def test_the_agent_keeps_the_words_between_the_name_and_the_verb(claims, key, agent, effect):
    assert (agent, effect) in effects(claims, key)


def test_a_display_verb_read_as_a_noun_after_the_product_lists_the_activities(claims):
    found = effects(claims, "taxon-shows")
    assert ("H. pectinata essential oil", "central antinociceptive effects") in found
    assert ("H. pectinata essential oil", "peripheral effects") in found
    assert not [o for s, o in found if "mediated" in o or "receptors" in o]  # the mechanism is no activity


def test_a_display_verb_after_the_product_reads_the_activity_list(claims):
    assert ("M. piperita extract", "analgesic effect") in effects(claims, "taxon-display")
    assert not [c for c in claims["taxon-display"] if "arising" in c.object]


def test_a_contents_verb_after_the_product_is_no_effect(claims):
    assert not [c for c in claims["taxon-contents"] if c.cue == "effect:misparsed-taxon"]


def test_a_subjectless_display_verb_gives_the_of_phrase_owner_its_activities(claims):
    found = effects(claims, "subjectless-display")
    assert ("S. scardica", "anti-inflammatory effects") in found
    assert ("S. scardica", "gastroprotective activity over ethanol-induced acute stress ulcer in rats") in found
    assert ("S. scardica", "a promising cytotoxic activity") in found


def test_a_conjoined_display_verb_without_a_subject_shares_the_owner(claims):
    found = effects(claims, "subjectless-capacity")
    assert any(s == "S. scardica" and o.startswith("preventive capacity over Aβ-induced") for s, o in found)
    assert ("S. scardica", "possible positive effect in Alzheimer’s disease") in found
