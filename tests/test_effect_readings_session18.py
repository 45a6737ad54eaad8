"""Effect readings added in session 18, on sentences printed in gold/dev PDFs (uritu2018_lamiaceae_pain_review_rotated,
emm2023_eprs1_review_rotated_table, msphere2024_acinetobacter_resistance), each parsed as its own section through
the real NLP pipeline and claims stage."""

from __future__ import annotations

import pytest

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim
from tests.claims_shared import annotate_sentences, claims_by_sentence, effects

SENTENCES = {
    # a present-tense effect verb after a name the tagger does not know, read as a noun
    "noun-inhibits-both": "Deschamps et al. found that baicalein inhibits both human platelet 12-lipoxygenase and"
    " human reticulocyte 15-lipoxygenase-1 [179].",
    "noun-inhibits-names": "Additionally, Hsieh et al. showed that baicalein inhibits IL-1β and TNF-α through"
    " modulation of the NK-κB pathway [180] while other authors found that it inhibits protein expression of inducible"
    " nitric oxide synthase [181] and COX2 gene expression [182].",
    "noun-silences": "The GAIT complex silences the translation of ceruloplasmin (Cp), a protein linked to"
    " inflammatory responses[10].",
    "noun-cause-plural": "One study reported that biallelic mutations in EPRS1 cause hypomyelinating"
    " leukodystrophy[94].",
    # the same written forms as nouns: the subject of a later verb (gold/dev msphere2024_acinetobacter_resistance)
    "noun-is-noun": "Additionally, MIC increases were also observed for gentamicin (four- to fivefold) and"
    " erythromycin (threefold) in some mutants (AB18 M2, M3, and M5), and the tetracycline MIC was also elevated"
    " (threefold) in AB18 M2 and M3.",
    # a second past-tense effect verb read as the adjective of its object
    "second-predicate": "The compound was also shown to be effective in cancer-induced bone pain: both intrathecal and"
    " oral baicalin administration reduced cytokine expression and inhibited pain-related signals as assessed by"
    " behavioral and biochemical tests [177, 178] in an animal model.",
}


@pytest.fixture(scope="module")
def claims() -> dict[str, list[Claim]]:
    found = extract_claims("test", [], annotate_sentences(SENTENCES))
    return claims_by_sentence(found, SENTENCES)


@pytest.mark.parametrize(
    ("key", "agent", "effect"),
    [
        ("noun-inhibits-both", "baicalein", "inhibits human platelet 12-lipoxygenase"),
        ("noun-inhibits-both", "baicalein", "inhibits human reticulocyte 15-lipoxygenase-1"),
        ("noun-inhibits-names", "baicalein", "inhibits IL-1β"),
        ("noun-inhibits-names", "baicalein", "inhibits TNF-α"),
        ("noun-silences", "GAIT complex", "silences the translation of ceruloplasmin (Cp)"),
        ("noun-cause-plural", "biallelic mutations in EPRS1", "cause hypomyelinating leukodystrophy"),
    ],
)
def test_an_effect_verb_read_as_a_noun_is_still_the_clause_verb(claims, key, agent, effect):
    assert (agent, effect) in effects(claims, key)


def test_a_verb_read_as_a_noun_keeps_its_direction_and_stops_at_the_clause_end(claims):
    found = [c for c in claims["noun-inhibits-names"] if c.subject == "baicalein"]
    assert found and all(c.direction == "decrease" for c in found)
    assert not any("modulation" in c.object for c in found)  # "through ..." is the means, not a target


def test_a_plural_noun_before_its_own_verb_is_not_read_as_an_effect_verb(claims):
    assert not [c for c in claims["noun-is-noun"] if c.cue == "effect:verb-read-as-noun"]


def test_a_second_effect_verb_read_as_an_adjective_is_a_second_effect(claims):
    found = effects(claims, "second-predicate")
    agent = "both intrathecal and oral baicalin administration"
    assert (agent, "reduced cytokine expression") in found
    assert (agent, "inhibited pain-related signals") in found
    claim = next(c for c in claims["second-predicate"] if c.object == "inhibited pain-related signals")
    assert claim.direction == "decrease"
