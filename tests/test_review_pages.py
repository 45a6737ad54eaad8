"""Locating a sentence on its PDF page for the review app's highlight (the seed review, two columns)."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.review.pages import line_boxes, locate_sentence, render_page, sentence_words

from conftest import SEED_PDF

# Both sentences run over several lines of the right-hand column while the left column's lines sit beside them.
ACROSS_LINES = (
    "Wang et al. investigated the efficacy and mechanism of epidermal stem cell-derived exosomes (ESCs-exo) in "
    "improving impaired diabetic wound healing, elucidating that ESCs-exo enhanced the proliferation and migration "
    "of diabetic fibroblasts and macrophages and accelerated M2 macrophage polarization to promote diabetic wound "
    "healing."
)
STARTS_AT_LINE_END = (
    "However, the disadvantages of this method are high economic cost, difficult clinical popularization, and low "
    "social benefit [56]."
)


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(SEED_PDF) as document:
        yield document


@pytest.mark.parametrize(("page", "sentence", "n_lines"), [(1, ACROSS_LINES, 7), (4, STARTS_AT_LINE_END, 3)])
def test_every_word_of_a_sentence_is_found_in_its_column(pdf, page, sentence, n_lines):
    words = sentence_words(pdf.pages[page - 1].extract_words(), sentence)
    assert sorted(w["text"] for w in words) == sorted(sentence.split())
    boxes = line_boxes(words)
    assert len(boxes) == n_lines
    middle = pdf.pages[page - 1].width / 2
    assert all(box[0] > middle - 5 for box in boxes)  # right column only: nothing borrowed from the left one


def test_a_sentence_not_on_the_page_is_not_found(pdf):
    assert sentence_words(pdf.pages[0].extract_words(), "Quantum chromodynamics of gluon plasma.") == []


def test_a_sentence_whose_passage_starts_a_page_earlier_is_found_on_the_next(pdf):
    # Sentences carry their passage's first page; this one's passage starts on page 3 and it sits on page 4.
    page, boxes = locate_sentence(pdf, 3, STARTS_AT_LINE_END, area=None)
    assert page == 4 and len(boxes) == 3


def test_render_page_draws_a_png():
    image = render_page(SEED_PDF, 4, boxes=[(45.0, 166.0, 120.0, 183.0)])
    assert image.png.startswith(b"\x89PNG") and image.page == 4 and image.boxes
    with pytest.raises(IndexError):
        render_page(SEED_PDF, 11)
