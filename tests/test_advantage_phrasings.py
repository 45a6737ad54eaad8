"""Advantage/disadvantage phrasings of issue 19 read on sentences printed in the repository's PDFs: the deep review
(gold/dev/deep_review_biomed_long122p.pdf pp. 10, 31), the brms paper
(gold/dev/jss2017_brms_bayesian_multilevel_models.pdf p1), the Lamiaceae review
(gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf pp. 1, 10), the PET glycolysis paper
(gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf p2) and the seed review (corpus/seed_review.pdf p5). All
sentences are parsed once, each as its own section so no discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim

SENTENCES = {
    # deep review p10 and p31: a participle clause after an evaluated predicate is a property of its own
    "outperforming": "Nie et al. [62] showed that multimodal, multi-channel 3D deep architecture was successful at "
    "learning high-level brain tumor appearance features jointly from MRI, functional MRI, and diffusion MRI images, "
    "outperforming single-modality or 2D models.",
    "requiring": "Roth et al. compared 2D, 2.5D, and 3D CNNs on a number of tasks for computer-aided detection from CT "
    "scans and showed that 2.5D CNNs performed comparably well to 3D analogs, while requiring much less training time, "
    "especially on augmented training sets [61].",
    "improving": "For example, Navlakha [325] showed that a deep autoencoder was able to compress a graph to 40% of "
    "its original size, while being able to reconstruct 93% of the original graph’s edges, improving upon standard "
    "dimension reduction methods.",
    # Lamiaceae review p1: a harm of what the of-phrase names, as the subject of a clause
    "side_effects_of": "Recently, numerous side effects of synthetic drugs have lead to using medicinal plants as a "
    "reliable source of new therapy.",
    # Lamiaceae review p10: an absent harm is a strength, not a negated effect
    "no_side_effects": "Additionally, the O. sanctum extract was better tolerated and had no side effects [195].",
    # PET glycolysis paper p2: a list of features given as the reason for what is said of the subject
    "features": "Recently, ionic liquids, being considered as desirable green solvents and/or catalysts, have "
    "attracted enormous research interest because of their unique features, such as advantages of thermal "
    "stability, electrochemical stability, low flammability, and structural adjustability of the cation and the "
    "anion.",
    # brms p1: a cue noun in a subordinate clause; the main clause after it is not its property
    "although_has": "Although alternative Bayesian methods have several advantages over frequentist approaches (e.g., "
    "the possibility of explicitly incorporating prior knowledge about parameters into the model), their practical "
    "use was limited for a long time because the posterior distributions of more complex models (such as MLMs) could "
    "not be found analytically.",
    # seed review p5: after a definition the participle states a mechanism, not a property
    "mechanism": "Sonication is the sonication of exosomes using a probe sonicator, which deforms the exosome "
    "membrane, creating transient small pores that increase the permeability of the membrane, thereby allowing small "
    "molecular substances to diffuse into the exosomes.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_claims("t", [], annotate_sentences(SENTENCES)), SENTENCES)


def _lines(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims}


def test_participle_clause_after_an_evaluation_is_a_property_of_its_own(claims_by_sentence):
    architecture = "multimodal, multi-channel 3D deep architecture"
    outperforming = "outperforming single-modality or 2D models"
    assert (architecture, "advantage", outperforming) in _lines(claims_by_sentence["outperforming"])
    improving = ("deep autoencoder", "advantage", "improving upon standard dimension reduction methods")
    assert improving in _lines(claims_by_sentence["improving"])


def test_requiring_less_is_a_saving(claims_by_sentence):
    """ "while requiring much less training time": the subordinator is not part of the property, and a demand graded
    down is an advantage."""
    assert any(
        s.endswith("CNNs") and r == "advantage" and o.startswith("requiring much less training time")
        for s, r, o in _lines(claims_by_sentence["requiring"])
    )


def test_participle_after_a_definition_is_no_claim(claims_by_sentence):
    assert not any(c.relation in ("advantage", "disadvantage") for c in claims_by_sentence["mechanism"])


def test_having_no_side_effects_is_an_advantage_not_a_negated_effect(claims_by_sentence):
    lines = _lines(claims_by_sentence["no_side_effects"])
    assert ("O. sanctum extract", "advantage", "no side effects") in lines
    assert not any(r == "effect" and "side effects" in o for _, r, o in lines)


def test_features_named_as_the_reason_are_the_subjects_properties(claims_by_sentence):
    """ "because of their unique features, such as advantages of A, B, C and D": each listed item, with the leaning of
    the cue noun that lists them."""
    lines = _lines(claims_by_sentence["features"])
    for item in ("thermal stability", "electrochemical stability", "low flammability"):
        assert ("ionic liquids", "advantage", item) in lines
    assert any(s == "ionic liquids" and o.startswith("structural adjustability") for s, _, o in lines)


def test_an_evaluated_attribute_phrase_is_a_property_of_its_of_phrase(claims_by_sentence):
    lines = _lines(claims_by_sentence["side_effects_of"])
    assert any(s == "synthetic drugs" and r == "disadvantage" and "side effects" in o for s, r, o in lines)


def test_a_cue_in_a_subordinate_clause_ends_with_that_clause(claims_by_sentence):
    lines = _lines(claims_by_sentence["although_has"])
    assert any(
        s == "alternative Bayesian methods" and r == "advantage" and "several advantages over frequentist" in o
        for s, r, o in lines
    )
    assert not any("practical use was limited" in o for _, _, o in lines)
