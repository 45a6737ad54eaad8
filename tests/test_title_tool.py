"""The paper's own tool named by its title (pipeline/extract/claims/discourse.py title_tool), on the titles the
structure stage reads from gold/dev's PDFs and their bodies: "FlexMix: A General Framework ..." (a name before the
colon, never defined with a tool noun in the body), "Users Guide for New BCsFt Tools for R/qtl" (a name beside a tool
noun) and "The pcaMethods Package"; a research paper's title ("Physical activity for smoking cessation in pregnancy:
randomised controlled trial") names none."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline.extract import ingest, nlp, structure
from pipeline.extract.claims import extract_claims
from pipeline.extract.claims.discourse import title_tool
from pipeline.extract.claims.guard import general_words
from pipeline.extract.claims.prose import load_cues
from pipeline.records import Passage, StructuredDocument

DEV = Path(__file__).resolve().parent.parent / "gold" / "dev"


@cache
def document_of(stem: str):
    return structure.build_document(ingest.read_pdf(DEV / f"{stem}.pdf", ingest.Budget(None, None)))


def tool_of(stem: str) -> str:
    document = document_of(stem)
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


def test_the_titles_tool_owns_what_its_self_reference_says():
    """pcaMethods p1: "The pcaMethods package [1] provides ... The methods basically allow to perform PCA on
    incomplete data": the paper defines its package once and names it four times, too rarely to dominate the body's
    other names, so only the title makes it the subject "the methods" resolves to."""
    document = document_of("stacklies2022_pcamethods_pca_incomplete_data_missing_values")
    claims = extract_claims("test", [], nlp.annotate(nlp.load_pipeline(), document))
    found = {(c.subject, c.relation, c.object) for c in claims}
    assert ("pcaMethods", "advantage", "basically allow to perform PCA on incomplete data") in found


def annotate(title: str, *sections: tuple[str, str]):
    passages, offset = [], 0
    for number, (section, text) in enumerate(sections):
        passages.append(Passage(number, "paragraph", section, 1, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2
    return nlp.annotate(nlp.load_pipeline(), StructuredDocument(doc_id="test", title=title, passages=passages))


def test_a_tool_noun_with_another_tools_name_is_not_the_papers_tool():
    """benchmarks/papers/elbioimp2011_class_documentation.pdf p1 (LPPL): the title names the class; "The ifthen
    package makes testing easier" praises another package, whose coined name the parser reads as an adjective."""
    paper = annotate(
        "The elbioimp class",
        (
            "Abstract",
            "This paper describes the implementation of the document class elbioimp which has been designed for "
            "writing articles in the Journal of Electrical Bioimpedance. It corresponds to elbioimp v1.2, dated "
            "2011/03/02.",
        ),
        (
            "Introduction",
            "The LATEX document class elbioimp implements this style. As an example, this documentation uses the "
            "elbioimp class.",
        ),
        (
            "Required packages",
            "A couple of standard packages are necessary to implement this class. The ifthen package makes testing "
            "easier.",
        ),
    )
    subjects = {c.subject for c in extract_claims("test", [], paper) if "testing easier" in c.object}
    assert "elbioimp" not in subjects
