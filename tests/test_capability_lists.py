"""A named tool's capabilities listed after a colon (pipeline/extract/claims/prose_capability_lists.py), on sentences
as printed in gold/dev's FlexMix paper (gold/dev/jss2004_flexmix_finite_mixture_latent_class_regression.pdf, p. 1
abstract, p. 11 and p. 16), parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest

from pipeline.extract import nlp
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Passage, StructuredDocument

ABSTRACT = (
    "FlexMix implements a general framework for fitting discrete mixtures of regression models in the R statistical "
    "computing environment: three variants of the EM algorithm can be used for parameter estimation, regressors and "
    "responses may be multivariate with arbitrary dimension, data may be grouped, e.g., to account for multiple "
    "observations per individual, the usual formula interface of the S language is used for convenient model "
    "specification, and a modular concept of driver functions allows to interface many different types of "
    "regression models."
)
CODE_AFTER_COLON = (
    "Tuning the minimum prior parameter allows for simplistic model selection, which works surprisingly well in some "
    "situations: R> m6 <- flexmix(yp ~ x + I(x^2), data = NPreg, k = 4, + control = list(minprior = 0.2))"
)

# The summary names the tool again, as the whole paper does: the title's "FlexMix" is the paper's own tool.
SUMMARY = (
    "The primary goal of FlexMix is extensibility, this makes the package ideal for rapid development of new mixture "
    "models. There is no intent to replace packages implementing more specialized mixture models like mclust for "
    "mixtures of Gaussians, FlexMix should rather be seen as a complement to those. By interfacing R's facilities for "
    "generalized linear models, FlexMix allows the user to estimate complex latent class regression models."
)


@pytest.fixture(scope="module")
def claims():
    passages, offset = [], 0
    for number, (section, text) in enumerate(
        (
            ("Abstract", ABSTRACT),
            ("3. Using FlexMix", CODE_AFTER_COLON),
            ("5. Summary and outlook", SUMMARY),
        )
    ):
        passages.append(Passage(number, "paragraph", section, 1, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2
    title = "FlexMix: A General Framework for Finite Mixture Models and Latent Class Regression in R"
    paper = nlp.annotate(nlp.load_pipeline(), StructuredDocument(doc_id="test", title=title, passages=passages))
    return extract_text_claims(paper)


def test_each_clause_after_the_colon_is_a_capability_of_the_tool(claims):
    listed = {c.object for c in claims if c.cue == "advantage:capability-list"}
    assert {c.subject for c in claims if c.cue == "advantage:capability-list"} == {"FlexMix"}
    assert listed == {
        "three variants of the EM algorithm can be used for parameter estimation",
        "regressors and responses may be multivariate with arbitrary dimension",
        # an "e.g." aside has no subject of its own: it stays with its clause
        "data may be grouped, e.g., to account for multiple observations per individual",
        "the usual formula interface of the S language is used for convenient model specification",
        "a modular concept of driver functions allows to interface many different types of regression models",
    }


def test_the_sentence_before_the_colon_is_no_claim_of_its_own(claims):
    assert not any(c.object.startswith("implements a general framework") for c in claims)


def test_code_after_a_colon_is_no_capability(claims):
    assert not any("m6" in c.object for c in claims if c.cue == "advantage:capability-list")
