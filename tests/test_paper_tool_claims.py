"""Features of the paper's own tool written without its name (pipeline/extract/claims/prose_paper_tool.py), on
sentences as printed in gold/dev's brms paper (gold/dev/jss2017_brms_bayesian_multilevel_models.pdf, pp. 1-2, 5-9),
parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract.claims.from_text import extract_text_claims


@pytest.fixture(scope="module")
def feature_claims():
    paper = annotate(
        (
            "Paul-Christian Bürkner > Abstract",
            "The brms package implements Bayesian multilevel models in R using the probabilistic programming "
            "language Stan. A wide range of distributions and link functions are supported, allowing users to fit "
            "– among others – linear, robust linear, binomial, Poisson, survival, response times, ordinal, quantile, "
            "zero-inflated, hurdle, and even non-linear models all in a multilevel context. Further modeling options "
            "include autocorrelation of the response variable, user defined "
            "covariance structures, censored data, as well as meta-analytic standard errors. In addition, model fit "
            "can easily be assessed and compared using posterior-predictive checks and leave-one-out "
            "cross-validation.",
        ),
        (
            "1. Introduction",
            "The package brms, presented in this paper, aims at closing this gap (at least for MLMs) allowing the "
            "user to benefit from the merits of Stan only by using simple, lme4-like formula syntax. We end by "
            "comparing brms to other R packages implementing MLMs and describe future plans for extending the "
            "package.",
        ),
        (
            "3. Parameter estimation",
            "The brms package does not fit models itself but uses Stan on the back-end. Accordingly, all samplers "
            "implemented in Stan can be used to fit brms models. In brms, WAIC and LOO are implemented using the loo "
            "package (Vehtari, Gelman, and Gabry 2016) also following the recommendations of Vehtari et al. (2015).",
        ),
        (
            "4. Software",
            "The brms package provides functions for fitting MLMs using Stan for full Bayesian inference. This is "
            "because brms internally creates Stan code, which is translated to C++ and compiled afterwards. Models "
            "are fitted in brms using the following procedure, which is also summarized in Figure 1. The core of the "
            "brms package is the brm function and we will explain its argument structure using the example above.",
        ),
    )
    return [c for c in extract_text_claims(paper) if c.cue.startswith(("advantage:features", "advantage:capability"))]


def test_a_feature_list_in_the_abstract_is_the_papers_tools(feature_claims):
    found = {(c.subject, c.relation, c.object) for c in feature_claims}
    for item in (
        "autocorrelation of the response variable",
        "user defined covariance structures",
        "censored data",
        "meta-analytic standard errors",
    ):
        assert ("brms", "advantage", f"modeling options include {item}") in found
    assert len([c for c in feature_claims if "features" in c.cue]) == 4


def test_a_capability_the_abstract_states_in_the_agentless_passive_is_the_papers_tools(feature_claims):
    capabilities = {c.object for c in feature_claims if c.subject == "brms" and "capability" in c.cue}
    assert capabilities == {
        "A wide range of distributions and link functions are supported",
        "model fit can easily be assessed and compared using posterior-predictive checks and leave-one-out "
        "cross-validation",
    }  # and nothing from the passives of the other sections ("WAIC and LOO are implemented using the loo package")
