"""The leaning of evaluated predicates (pipeline/extract/claims/prose_advantages.py `_polarity`), on sentences printed
in the repository's PDFs: the Ki67 guideline (gold/dev/curroncol2023_ki67_breast_cancer_guidelines.pdf p4), the
goseq guide (gold/dev/young2017_goseq_gene_ontology_rnaseq_length_bias.pdf pp. 21, 23), the exercise trial
(gold/dev/bmj2015_rct_exercise_smoking_pregnancy.pdf p6), the EPRS1 review
(gold/dev/emm2023_eprs1_review_rotated_table.pdf p2), the brms paper
(gold/dev/jss2017_brms_bayesian_multilevel_models.pdf p5), the green nanoparticle review
(gold/dev/singh2018_green_metal_nps_review.pdf p3), the deep review (gold/dev/deep_review_biomed_long122p.pdf pp.
10, 43, 55), the Ki67 guideline again (p7) and the flexmix paper
(gold/dev/jss2004_flexmix_finite_mixture_latent_class_regression.pdf p11). All sentences are parsed once, each as
its own section so no discourse crosses them."""

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
    # relative clauses: set off by a comma they evaluate their antecedent; on a predicate noun, the copula's subject;
    # a defining clause on any other noun asserts nothing
    "criticized": "The WAIC can be viewed as an improvement of the popular deviance information criterion (DIC), "
    "which has been criticized by several authors (Vehtari et al. 2015; Plummer 2008; van der Linde 2005; see also "
    "the discussion at the end of the original DIC paper by Spiegelhalter, Best, Carlin, and Van Der Linde 2002) in "
    "part because of problems arising from fact that the DIC is only a point estimate.",
    "method_that": "In contrast, green synthesis of metallic nanoparticles is a one pot or single step eco-friendly "
    "bio-reduction method that requires relatively low energy to initiate the reaction.",
    "defining": "Predictions from deep neural networks can be evaluated for use in workflows that also incorporate "
    "human experts.",
    # a failure of a fitted model brought about is a drawback of what brought it about
    "overfitting": "Fine-tuning the aforementioned Basset model with more than one pass resulted in overfitting [276].",
    # the property as written ends before a relative clause on its noun; "against" reaches the noun it opposes only
    "outperformed": "The open-source QuPath platform demonstrated an excellent interclass correlation that "
    "outperformed visual counting [32].",
    "works_well": "Tuning the minimum prior parameter allows for simplistic model selection, which works surprisingly "
    "well in some situations:",
    "specific_target": "The initial RNN is then fine-tuned to generate molecules that are likely to be active against "
    "a specific target by either continuing training on a small set of positive examples [473] or adopting "
    "reinforcement learning strategies [476,477].",
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


def test_a_relative_clause_set_off_by_a_comma_evaluates_its_antecedent(claims_by_sentence):
    (claim,) = claims_by_sentence["criticized"]
    assert claim.relation == "disadvantage" and "deviance information criterion" in claim.subject
    assert claim.object.startswith("criticized by several authors")


def test_a_relative_clause_on_a_predicate_noun_is_the_subjects_property(claims_by_sentence):
    (claim,) = claims_by_sentence["method_that"]
    assert (claim.subject, claim.relation) == ("green synthesis of metallic nanoparticles", "advantage")
    assert claim.object.startswith("requires relatively low energy")  # a small demand is a saving


def test_a_defining_relative_clause_asserts_nothing(claims_by_sentence):
    assert claims_by_sentence["defining"] == []


def test_overfitting_brought_about_is_a_drawback(claims_by_sentence):
    (claim,) = claims_by_sentence["overfitting"]
    assert claim.relation == "disadvantage" and claim.subject.endswith("Basset model with more than one pass")
    assert claim.object == "resulted in overfitting"


def test_the_property_ends_before_a_relative_clause_on_its_noun(claims_by_sentence):
    (claim,) = [c for c in claims_by_sentence["outperformed"] if c.subject == "open-source QuPath platform"]
    assert (claim.relation, claim.object) == ("advantage", "demonstrated an excellent interclass correlation")
    (claim,) = claims_by_sentence["works_well"]
    assert (claim.relation, claim.object) == ("advantage", "allows for simplistic model selection")


def test_against_flips_the_opposed_noun_not_its_adjectives(claims_by_sentence):
    assert not [c for c in claims_by_sentence["specific_target"] if c.relation == "disadvantage"]
