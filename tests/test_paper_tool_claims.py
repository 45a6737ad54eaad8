"""Features of the paper's own tool written without its name (pipeline/extract/claims/prose_paper_tool.py), on
sentences as printed in gold/dev's brms paper (gold/dev/jss2017_brms_bayesian_multilevel_models.pdf, pp. 1-2, 5-9),
parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest

from pipeline.extract import nlp
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Passage, StructuredDocument


def annotate(*sections: tuple[str, str]):
    passages, offset = [], 0
    for number, (section, text) in enumerate(sections):
        passages.append(Passage(number, "paragraph", section, 1, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2
    return nlp.annotate(nlp.load_pipeline(), StructuredDocument(doc_id="test", title="test", passages=passages))


@pytest.fixture(scope="module")
def feature_claims():
    paper = annotate(
        (
            "Paul-Christian Bürkner > Abstract",
            "The brms package implements Bayesian multilevel models in R using the probabilistic programming "
            "language Stan. Further modeling options include autocorrelation of the response variable, user defined "
            "covariance structures, censored data, as well as meta-analytic standard errors.",
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
    return [c for c in extract_text_claims(paper) if c.cue.startswith("advantage:features")]


def test_a_feature_list_in_the_abstract_is_the_papers_tools(feature_claims):
    found = {(c.subject, c.relation, c.object) for c in feature_claims}
    for item in (
        "autocorrelation of the response variable",
        "user defined covariance structures",
        "censored data",
        "meta-analytic standard errors",
    ):
        assert ("brms", "advantage", f"modeling options include {item}") in found
    assert len(feature_claims) == 4
