"""Session 19's classes (issue 19's judged sample on research papers): sentences as printed in benchmarks/papers and
gold/dev PDFs, through the real NLP pipeline and the whole claims stage (extractors, discourse, then the guard). Each
class is named by what it covers; the good readings of the same sentences stay."""

from __future__ import annotations

import pytest

from pipeline.extract.claims import extract_claims
from pipeline.records import Claim
from tests.claims_shared import annotate_paper
from tests.test_text_claims import annotate_text

# jss2015_lme4 (benchmarks/papers) p1, the abstract, and p2: sentences about the writing itself
LME4_ABSTRACT = (
    "Maximum likelihood or restricted maximum likelihood (REML) estimates of the parameters in linear mixed-effects"
    " models can be determined using the lmer function in the lme4 package for R. As for most model-fitting functions"
    " in R, the model is described in an lmer call by a formula, in this case including both fixed- and random-effects"
    " terms. We describe the structure of the model, the steps in evaluating the profiled deviance or REML criterion,"
    " and the structure of classes or types that represents such a model. Sufficient detail is included to allow"
    " specialization of these structures by users who wish to write functions to fit specialized linear mixed models,"
    " such as models incorporating pedigrees or smoothing splines, that are not easily expressible in the formula"
    " language used by lmer."
)
LME4_INTRODUCTION = (
    "The main advantage of nlme relative to lme4 is a user interface for fitting models with structure in the"
    " residuals (various forms of heteroscedasticity and autocorrelation) and in the random-effects covariance"
    " matrices (e.g., compound symmetric models). The current article is largely restricted to describing the current"
    " stable version of the lme4 package (1.1-7), with Appendix A describing hooks into the computational machinery"
    " that are designed for extension development."
)
# p33: a claim the paper's tool owns by its own name
LME4_DIAGNOSTICS = (
    "lme4 provides tools for generating most of the standard graphical diagnostic plots (with the exception of those"
    " incorporating influence measures, e.g., Cook’s distance and leverage plots), in a way modeled on the diagnostic"
    " graphics of nlme (Pinheiro and Bates 2000)."
)


@pytest.fixture(scope="module")
def lme4_claims() -> list[Claim]:
    annotated = annotate_paper(
        "Fitting Linear Mixed-Effects Models Using lme4",
        ("Abstract", LME4_ABSTRACT),
        ("1. Introduction", LME4_INTRODUCTION),
        ("5.2. Diagnostic plots", LME4_DIAGNOSTICS),
    )
    return extract_claims("test", [], annotated)


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    annotated = annotate_text(
        # jss2017_surveillance_twinstim (benchmarks/papers) p2: "it" is the event of the clause before it
        "Similar to the simple SIR model (see, e.g., Keeling and Rohani 2008, Section 2.1), the above point process"
        " model (1) features a reproduction number derived from its branching process interpretation. As soon as an"
        " event occurs (individual becomes infected), it triggers offspring (secondary cases) around its origin"
        " (sj, tj) according to an inhomogeneous Poisson process with rate ηj f(∥s − sj∥) g(t − tj).",
        # jss2017_surveillance_twinstim (benchmarks/papers) p15: "The function stepComponent" names its function
        "The more flexible step function yields the best AIC value, but its shape strongly depends on the chosen knots"
        " and is not guaranteed to be monotonically decreasing. The function stepComponent – a wrapper around the step"
        " function from stats – can be used to perform AIC-based stepwise selection within a given model component.",
        # emm2023_eprs1_review (gold/dev): a named agent in the clause before "it" is what "it" means
        "EPRS1 is a bifunctional enzyme. Similarly, although insulin treatment of adipocytes induced EPRS1"
        " phosphorylation at Ser999, it did not trigger assembly of the GAIT complex, possibly because L13a (a GAIT"
        " component) was not phosphorylated.",
    )
    return extract_claims("test", [], annotated)


def _from(claims: list[Claim], opening: str) -> list[Claim]:
    return [c for c in claims if c.evidence and c.evidence[0].text.startswith(opening)]


def test_an_object_naming_the_document_itself_is_no_claim(lme4_claims):
    # "the writing": the effect "Appendix A describing hooks ... → largely restricted The current article"
    assert not _from(lme4_claims, "The current article")


def test_an_object_holding_the_sentences_own_subject_gets_no_owner(lme4_claims):
    # "clause object": the paper's tool lme4 was put in as the owner of "Sufficient detail is included to allow ..."
    assert not _from(lme4_claims, "Sufficient detail")


def test_the_papers_tool_keeps_its_own_claims(lme4_claims):
    assert any(c.subject == "lme4" and c.object.startswith("provides tools for generating") for c in lme4_claims)
    assert any(c.subject == "nlme" and c.relation == "advantage" for c in lme4_claims)


def test_it_after_a_clause_with_its_own_subject_is_not_the_sections_model(claims):
    # "it triggers offspring" is the event's, not the point process model's
    assert not [c for c in _from(claims, "As soon as an event occurs") if "model" in c.subject]


def test_a_named_agent_of_the_clause_before_it_owns_the_effect(claims):
    effects = _from(claims, "Similarly, although insulin")
    assert effects and all(c.subject.startswith("insulin treatment") for c in effects)


def test_a_noun_with_a_name_in_apposition_points_back_to_nothing(claims):
    # the step function named in the sentence before does not own what stepComponent can be used for
    assert not [c for c in _from(claims, "The function stepComponent") if "flexible" in c.subject]
    assert any(c.subject == "more flexible step function" for c in _from(claims, "The more flexible step function"))
