"""A pointer whose head noun names a part of a piece of software ("this function", "these commands";
models/claims/discourse.json "component_heads") is never the package or method that holds it
(pipeline/extract/claims/discourse.py names_part): it takes only an antecedent with its own head noun in its number,
else no owner. Paragraphs as printed in dev PDFs (gold/dev: VESPA p6, fitdistrplus p8), parsed by the real NLP
pipeline."""

from __future__ import annotations

import pytest

from pipeline.extract.claims.from_text import extract_text_claims
from tests.claims_shared import annotate_paper


def owners_of(claims, opening: str) -> list[str]:
    return [c.subject for c in claims if c.evidence[0].text.startswith(opening)]


@pytest.fixture(scope="module")
def vespa_claims():
    """peerjcs2017_vespa p6: "This function" follows "the function reciprocal_groups" in a paper whose tool is VESPA."""
    annotated = annotate_paper(
        "VESPA: Very large-scale Evolutionary and Selective Pressure Analyses",
        (
            "RESULTS",
            "As detailed above, VESPA incorporates two analyses, a basic analysis for analyzing SGOs and an advanced "
            "analysis for analyzing both SGOs and MGFs (Fig. 2). Here we provide an example of an application of the "
            "basic analysis using ten genes from eleven species as a small test dataset.",
        ),
        (
            "RESULTS",
            "As seen in Fig. 2, the process begins with the user supplying transcript data for the data preparation "
            "phase. The first phase begins with the clean function, a basic quality control (QC) filtering step, "
            "followed by translate, to translate the filtered transcripts. VESPA then proceeds to the make_database "
            "function to create a sequence database for homology searching with either BLAST (Altschul et al., 1997) "
            "or HMMER3 (Eddy, 1998). Upon completion of homology searching, the function reciprocal_groups is used to "
            "identify proteins that share reciprocal similarity. Then, files containing these families of sequences "
            "are produced. This function is highly configurable by optional arguments so that users can evaluate "
            "various different similarity scenarios (i.e., different e-value cutoffs) with only a single output file.",
        ),
    )
    return extract_text_claims(annotated)


def test_this_function_is_not_the_papers_tool(vespa_claims):
    owners = owners_of(vespa_claims, "This function is highly configurable")
    assert all("function" in owner.lower() for owner in owners), owners


@pytest.fixture(scope="module")
def fitdistrplus_claims():
    """delignettemuller2014_fitdistrplus p8: "this function" is the quantile function for class bootdist, not the
    bootstrap method the paragraph opens with."""
    annotated = annotate_paper(
        "fitdistrplus: An R Package for Fitting Distributions",
        (
            "2 Fitting distributions to continuous non-censored data > 2.3 Uncertainty in parameter estimates",
            "The bootstrap method can also be used to calculate confidence intervals on quantiles of the fitted "
            "distribution. For this purpose, a generic quantile function is provided for class bootdist. By default, "
            "95% percentiles bootstrap confidence intervals of quantiles are provided. Going back to the previous "
            "example from ecotoxicolgy, this function can be used to estimate the uncertainty associated to the HC5 "
            "estimation, for example from the previously fitted Burr distribution to the endosulfan data set.",
        ),
    )
    return extract_text_claims(annotated)


def test_this_function_is_not_the_method_named_before(fitdistrplus_claims):
    owners = owners_of(fitdistrplus_claims, "Going back to the previous example")
    assert all("function" in owner.lower() for owner in owners), owners
