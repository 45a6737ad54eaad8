"""The paper's own tool named by its title (pipeline/extract/claims/discourse.py title_tool), on the titles the
structure stage reads from gold/dev's PDFs and their bodies: "FlexMix: A General Framework ..." (a name before the
colon, never defined with a tool noun in the body), "Users Guide for New BCsFt Tools for R/qtl" (a name beside a tool
noun) and "The pcaMethods Package"; a research paper's title ("Physical activity for smoking cessation in pregnancy:
randomised controlled trial") names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import ingest, structure
from pipeline.extract.claims.discourse import title_tool
from pipeline.extract.claims.guard import general_words
from pipeline.extract.claims.prose import load_cues

DEV = Path(__file__).resolve().parent.parent / "gold" / "dev"


def tool_of(stem: str) -> str:
    pdf = ingest.read_pdf(DEV / f"{stem}.pdf", ingest.Budget(None, None))
    document = structure.build_document(pdf)
    body = "\n".join(passage.text for passage in document.passages)
    tools = set(load_cues().raw["evaluation"]["tool_heads"])
    return title_tool(document.title, body, tools, general_words())


@pytest.mark.parametrize(
    ("stem", "tool"),
    [
        ("jss2004_flexmix_finite_mixture_latent_class_regression", "FlexMix"),  # a name before the colon
        ("shannon2013_bcsft_backcross_selfing_crosses_rqtl", "BCsFt"),  # a name beside a tool noun
        ("stacklies2022_pcamethods_pca_incomplete_data_missing_values", "pcaMethods"),  # "The X Package"
        ("bmj2015_rct_exercise_smoking_pregnancy", ""),  # a study's title: no name, no tool
    ],
)
def test_the_title_names_the_papers_own_tool(stem, tool):
    assert tool_of(stem) == tool
