"""Phrasing classes of advantages and drawbacks read by prose_evaluative.py (issue 19, session 14), on sentences
printed in the repository's PDFs: the deep-learning review (gold/dev/deep_review_biomed_long122p.pdf), the goseq,
flexmix, brms, PET-glycolysis, Ki67 and ion-crystal papers of gold/dev and the seed review (corpus/seed_review.pdf).
All sentences are parsed once, each as its own section so no discourse crosses them."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.guard import is_content_claim
from pipeline.records import Claim

SENTENCES = {
    # deep review p31: a participle clause's causative verb gives the made thing ("it": the clause's subject) a quality
    "making_competitive": "MHCflurry’s imputation method increases its performance on poorly characterized alleles, "
    "making it competitive with NetMHCpan for this task.",
    # deep review p4: the made thing named, two conjoined qualities
    "makes_adaptable": "The convergence of these factors currently makes deep learning extremely adaptable and "
    "capable of addressing the nuanced differences of each domain to which it is applied.",
    # deep review p47: an aim ("a need to make ..."), not a fact
    "aim": "As deep learning models achieve state-of-the-art performance in a variety of domains, there is a growing "
    "need to make the models more interpretable.",
    # seed review p3: an extraposed "it" ("make it difficult to exert ..."): no thing's property
    "extraposed": "Stem cell transplantation therapy holds promise for many difficult diseases, but the low number of "
    "surviving transplanted cells and their poor secretory function make it difficult to exert therapeutic utility "
    "[42].",
    # goseq p2, flexmix p6, polymers2013 p1: "can be used to ..." / "can be reused": what a tool can be used for
    "used_to": "In most cases, the Wallenius distribution can be used to approximate the true null distribution, "
    "without any significant loss in accuracy.",
    "used_to_plain_noun": "Histograms or rootograms of the posterior class probabilities can be used to visually "
    "assess the cluster structure (Tantrum, Murua, and Stuetzle 2003), this is now the default plot method for "
    '"flexmix" objects (Leisch 2004a).',
    "reused": "Catalyst [Bmim]ZnCl3 can be reused up to five times and[1]H-NMR results show that the recovered "
    "catalyst is similar to the fresh one.",
    # flexmix p4: a restricted strength is a limitation; identifiability is a strength of a model class
    "only_identifiable": "Mixture models are only identifiable up to a permutation of the component labels.",
    "identifiable": "It has been shown that mixtures of univariate normal, gamma, exponential, Cauchy and Poisson "
    "distributions are identifiable, while mixtures of discrete or continuous uniform distributions are not "
    "identifiable.",
    # curroncol2023 p5, srep2015 p1: the active "V X as a ROLE": X owns the judged role
    "acknowledged_as": "The IKWG and a UK study have acknowledged MIB-1 as a widely clinically validated Ki67 "
    "antibody [17,28].",
    "put_as": "This hence clears the critical hurdle and put Paul traps as a viable architecture to realize scalable "
    "quantum computation.",
    # brms p11: the purpose stands before the verb; the object would be a bare "can be used"
    "purpose_before": "To visually investigate the chains as well as the posterior distribution, the plot method can "
    "be used (see Figure 2).",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_text_claims(annotate_sentences(SENTENCES)), SENTENCES)


def _resultative(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.cue == "evaluative-resultative"]


def test_a_causative_verb_gives_the_made_thing_its_quality(claims_by_sentence):
    (claim,) = _resultative(claims_by_sentence["making_competitive"])
    assert "MHCflurry" in claim.subject and claim.relation == "advantage"
    assert claim.object == "competitive with NetMHCpan for this task"
    qualities = {(c.subject, c.relation, c.object) for c in _resultative(claims_by_sentence["makes_adaptable"])}
    assert ("deep learning", "advantage", "extremely adaptable") in qualities
    assert any(o.startswith("capable of addressing") for _, _, o in qualities)


def test_aims_and_extraposed_it_give_no_resultative_claim(claims_by_sentence):
    assert _resultative(claims_by_sentence["aim"]) == []
    assert _resultative(claims_by_sentence["extraposed"]) == []


def _usable(claims: list[Claim]) -> list[tuple[str, str, str]]:
    return [(c.subject, c.relation, c.object) for c in claims if c.cue == "evaluative-open" and "can be" in c.object]


def test_what_a_tool_can_be_used_for_is_an_advantage(claims_by_sentence):
    ((subject, relation, obj),) = _usable(claims_by_sentence["used_to"])
    assert (subject, relation) == ("Wallenius distribution", "advantage")
    assert obj.startswith("can be used to approximate the true null distribution")
    ((subject, relation, obj),) = _usable(claims_by_sentence["used_to_plain_noun"])
    assert subject == "Histograms or rootograms of the posterior class probabilities" and relation == "advantage"
    assert obj == "can be used to visually assess the cluster structure"
    ((subject, relation, obj),) = _usable(claims_by_sentence["reused"])
    assert "[Bmim]ZnCl3" in subject and relation == "advantage" and obj.startswith("can be reused")


def test_a_use_with_its_purpose_before_the_verb_gives_no_bare_claim(claims_by_sentence):
    assert _usable(claims_by_sentence["purpose_before"]) == []


def test_a_strength_restricted_by_only_is_a_limitation_the_guard_keeps(claims_by_sentence):
    (claim,) = [c for c in claims_by_sentence["only_identifiable"] if c.cue.startswith("evaluative-open")]
    assert (claim.subject, claim.relation) == ("Mixture models", "disadvantage")
    assert claim.object == "only identifiable up to a permutation of the component labels"
    assert is_content_claim(claim)  # the guard's restriction class is for predicates read without their "only"


def test_identifiability_is_a_strength_of_a_model_class(claims_by_sentence):
    found = {(c.subject, c.relation, c.object) for c in claims_by_sentence["identifiable"]}
    subject = "mixtures of univariate normal, gamma, exponential, Cauchy and Poisson distributions"
    assert (subject, "advantage", "identifiable") in found


def test_the_object_of_an_active_regard_verb_owns_the_role(claims_by_sentence):
    regarded = [c for key in ("acknowledged_as", "put_as") for c in claims_by_sentence[key]]
    found = {(c.subject, c.relation, c.object) for c in regarded if c.cue == "evaluative-regarded"}
    assert found == {
        ("MIB-1", "advantage", "widely clinically validated Ki67 antibody"),
        ("Paul traps", "advantage", "viable architecture to realize scalable quantum computation"),
    }
