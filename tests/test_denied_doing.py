"""Denied doings of issue 19 (prose_evaluative._denied_doing): what a method, tool or package is said not to do is a
limitation, whatever the verb ("does not contain", "does not account for", "did not cover"); what an organism or a
substance does not do by nature is no method's limitation. Sentences from
gold/dev/young2017_goseq_gene_ontology_rnaseq_length_bias.pdf, gold/dev/therneau2023_multi_state_models_competing_
risks_fine_gray.pdf, gold/dev/jss2004_flexmix_finite_mixture_latent_class_regression.pdf,
gold/dev/jss2017_brms_bayesian_multilevel_models.pdf and gold/dev/msphere2024_acinetobacter_resistance.pdf. Each
sentence is its own section, so no discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim

SENTENCES = {
    # goseq: a package that does not hold something its user needs
    "contain": "Unfortunately, the org.Hs.eg.db package does not contain direct mappings between ENSEMBL gene ID and "
    "KEGG pathway.",
    # therneau2023 multi-state: a phrasal verb of taking into account, denied
    "account_for": "The Aalen-Johansen method used by survfit does not account for interval censoring, also known as "
    "panel data, where a subject's current state is recorded at some fixed time such as a medical center visit but "
    "the actual times of transitions are unknown.",
    # flexmix: past tense, a list bullet before the subject
    "cover": "• The existing implementations did not cover all cases we needed for our own research (mainly marketing "
    "applications).",
    # brms: the denial in a clause of reason ("as ...") that states its subject's property as a fact
    "come_with": "However, as MCMCglmm does not come with a built-in option to run multiple chains, we used only a "
    "single chain to fit the models after making sure that it leads to the same results as multiple chains.",
    # msphere2024: what a bacterial strain does not do is a finding about it, no method's limitation
    "grow": "AL28 did not grow in serum and formed clumps, making OD measurements problematic.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_claims("t", [], annotate_sentences(SENTENCES)), SENTENCES)


def _drawbacks(claims: list[Claim]) -> set[tuple[str, str]]:
    return {(c.subject, c.object) for c in claims if c.relation == "disadvantage"}


def test_a_package_that_does_not_contain_something_has_a_limitation(claims_by_sentence):
    drawbacks = _drawbacks(claims_by_sentence["contain"])
    assert any(
        "org.Hs.eg.db" in subject and obj.startswith("not contain direct mappings") for subject, obj in drawbacks
    ), drawbacks


def test_a_method_that_does_not_account_for_something_has_a_limitation(claims_by_sentence):
    drawbacks = _drawbacks(claims_by_sentence["account_for"])
    assert any(
        "Aalen-Johansen" in subject and obj.startswith("not account for interval censoring")
        for subject, obj in drawbacks
    ), drawbacks


def test_a_past_denial_of_implementations_is_their_limitation(claims_by_sentence):
    drawbacks = _drawbacks(claims_by_sentence["cover"])
    assert any("implementations" in subject and obj.startswith("not cover all cases") for subject, obj in drawbacks), (
        drawbacks
    )


def test_a_denial_in_a_clause_of_reason_is_a_limitation_of_its_subject(claims_by_sentence):
    drawbacks = _drawbacks(claims_by_sentence["come_with"])
    assert any(
        subject == "MCMCglmm" and obj.startswith("not come with a built-in option") for subject, obj in drawbacks
    ), drawbacks


def test_what_a_strain_does_not_do_by_nature_is_no_limitation(claims_by_sentence):
    assert not any("grow" in obj for _, obj in _drawbacks(claims_by_sentence["grow"]))
