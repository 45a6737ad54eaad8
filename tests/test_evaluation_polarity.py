"""The leaning of evaluated predicates (pipeline/extract/claims/prose_advantages.py `_polarity`), on sentences printed
in the repository's PDFs: the Ki67 guideline (gold/dev/curroncol2023_ki67_breast_cancer_guidelines.pdf p4), the
goseq guide (gold/dev/young2017_goseq_gene_ontology_rnaseq_length_bias.pdf pp. 21, 23), the exercise trial
(gold/dev/bmj2015_rct_exercise_smoking_pregnancy.pdf p6) and the EPRS1 review
(gold/dev/emm2023_eprs1_review_rotated_table.pdf p2). All sentences are parsed once, each as its own section so no
discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Claim

SENTENCES = {
    # a problem set right or held off: its words count the other way round
    "normalizing": "This cell line standardization system may aid in normalizing staining variability between "
    "different antibodies.",
    "compensate": "So correcting for read count bias will compensate for all biases, known and unknown, in power to "
    "detect DE.",
    "against": "Inflammation is a biological defense mechanism against infection or sterile tissue damage.",
    # the copula's negation before an evaluated predicate noun
    "not_most_efficient": "The code written here is not the most efficient way of producing this result, but the "
    "logic is much clearer than faster algorithms.",
    # a denied ranking states neither a strength nor a weakness
    "no_more_effective": "Supplementing behavioural support with a physical activity intervention was no more "
    "effective in aiding smoking cessation during pregnancy than behavioural support alone.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    claims = extract_text_claims(annotate_sentences(SENTENCES))
    return by_sentence([c for c in claims if c.relation != "effect"], SENTENCES)


def test_normalizing_a_variability_is_an_advantage(claims_by_sentence):
    (claim,) = claims_by_sentence["normalizing"]
    assert (claim.subject, claim.relation) == ("cell line standardization system", "advantage")
    assert "normalizing staining variability" in claim.object


def test_compensating_for_biases_is_an_advantage(claims_by_sentence):
    (claim,) = claims_by_sentence["compensate"]
    assert claim.relation == "advantage"
    assert "compensate for all biases" in claim.object


def test_a_defense_against_harms_is_no_drawback(claims_by_sentence):
    assert not [c for c in claims_by_sentence["against"] if c.relation == "disadvantage"]


def test_negated_predicate_noun_is_a_drawback(claims_by_sentence):
    (claim,) = claims_by_sentence["not_most_efficient"]
    assert (claim.subject, claim.relation) == ("code written here", "disadvantage")
    assert claim.object.startswith("not ") and "most efficient way" in claim.object


def test_no_more_effective_than_is_no_advantage(claims_by_sentence):
    assert claims_by_sentence["no_more_effective"] == []
