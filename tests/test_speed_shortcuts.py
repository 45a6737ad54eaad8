"""Shortcuts taken for speed give what the long way gives: pdfium's page text read in one call, the lexicon
look-ups done on prepared lists, the dependency frames skipped where no cue word is."""

from __future__ import annotations

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from pipeline.extract import pdfium_page
from pipeline.extract.normalize import (
    MULTIPLIER,
    aspect_of,
    canonical_subject,
    fold,
    load_aspects,
    load_lexicon,
    stem,
)
from tests.conftest import SEED_PDF, real_pdf


@pytest.mark.parametrize(
    ("pdf", "index"),
    [
        (SEED_PDF, 1),  # one text object per glyph, unmapped glyphs and line-end hyphens (0xFFFE in the page text)
        (real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"), 3),
        (real_pdf("srep2015_ion_crystal_quantum_computation.pdf"), 1),  # page text shorter than its characters
    ],
)
def test_page_codes_are_each_characters_unicode(pdf, index):
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        textpage = document[index].get_textpage()
        n_chars = pdfium_c.FPDFText_CountChars(textpage.raw)
        codes = pdfium_page._unicode_codes(textpage.raw, n_chars)
        assert len(codes) == n_chars
        own = [pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(n_chars)]
        asked = [i for i, code in enumerate(codes) if code == pdfium_page._ASK_PER_CHARACTER]
        assert all(codes[i] == own[i] for i in range(n_chars) if i not in set(asked))
        assert len(asked) < n_chars or pdf.name.startswith("srep2015")  # the one call serves the ordinary page
    finally:
        document.close()


def _aspect_the_long_way(text: str) -> str:
    folded = f" {MULTIPLIER.sub(' ', fold(text))} "
    stems = {stem(w) for w in folded.split()}
    best, best_hits = "other", 0
    for aspect, words in load_aspects():
        hits = 0
        for word in words:
            cue = fold(word)
            hits += (f" {cue} " in folded) if (" " in cue or "-" in word) else (stem(cue) in stems)
        if hits > best_hits:
            best, best_hits = aspect, hits
    return best


@pytest.mark.parametrize(
    "text",
    [
        "low cost and short processing time",
        "high yield and purity",
        "requires expensive equipment",
        "six times faster than ultracentrifugation",
        "easy to use, scalable and time-consuming",
        "damages the integrity of vesicles",
        "",
    ],
)
def test_aspect_from_prepared_cues_is_the_long_ways(text):
    assert aspect_of(text) == _aspect_the_long_way(text)


def test_alias_of_lookup_is_the_scan_over_every_alias():
    lexicon = load_lexicon()
    aliases = list(lexicon.canonical_by_alias)
    phrases = [f"{aliases[0]} of yap", f"knockdown of {aliases[1]}", "the role of exosomes", "of", f"{aliases[2]}"]
    phrases += [f"{alias} of x of y" for alias in aliases[:40]]
    for phrase in phrases:
        folded = fold(phrase)
        assert lexicon.opens_with_alias_of(folded) == any(folded.startswith(f"{a} of ") for a in aliases)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("sonicated exosomes", "sonication"),  # a participle alias opening the phrase: made by the method
        ("knockdown of YAP", "knockdown of yap"),  # an alias before "of": an operation on something, kept whole
        ("exosomes isolated by size exclusion chromatography columns", "size-exclusion chromatography"),  # inside
    ],
)
def test_canonical_subjects_through_the_prepared_lists(written, canonical):
    assert canonical_subject(written) == canonical


@pytest.mark.parametrize(
    ("pdf", "indices"),
    [
        (SEED_PDF, range(10)),
        (real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"), (0, 3)),
        (real_pdf("srep2015_ion_crystal_quantum_computation.pdf"), (1,)),
    ],
)
def test_visibility_counted_while_reading_is_the_long_ways(pdf, indices):
    """The hidden characters and the off-page test that pdfium_page works out on its arrays (for
    `ingest.visible_part`) are what a pass over the finished character dicts gives."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in indices:
            page = pdfium_page.read_page(document, index)
            left, top, right, bottom = page.bbox
            hidden = sum(1 for char in page.chars if char.get("hidden"))
            off_page = any(
                not (
                    left <= (char["x0"] + char["x1"]) / 2 <= right
                    and top <= (char["top"] + char["bottom"]) / 2 <= bottom
                )
                for char in page.chars
            )
            assert page.char_visibility == (hidden, off_page)
            assert page.unmapped_glyphs == sum(1 for char in page.chars if char["text"] == "\ufffd")
    finally:
        document.close()
