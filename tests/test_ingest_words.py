"""Ingest's and the table finder's word builder must give exactly the words pdfplumber's word extractor gives on the
same characters (it replaced it for speed): same words in the same order, same boxes, fonts, sizes and directions,
same characters in each. Checked on pages of upright prose, turned table text, ligatures and a statistics sheet."""

from __future__ import annotations

import pypdfium2
import pytest
from pdfplumber.utils import extract_words as pdfplumber_extract_words

from pipeline.extract.ingest import X_TOLERANCE_RATIO, extract_words, visible_part
from pipeline.extract.pdfium_page import read_page
from pipeline.extract.tables.layout import WORD_GAP, char_frame, frame_chars
from pipeline.extract.words import extract_words as words_of_chars

from conftest import SEED_PDF, real_pdf

# (PDF, 0-based pages): the seed's prose (every glyph its own text object), a journal page whose table is set
# turned by 90 degrees (non-upright characters), a LaTeX paper (ligatures, small caps), the rotated statistics
# sheet, and the Lamiaceae review whose font draws "Th" as a glyph without Unicode.
PAGES = [
    (SEED_PDF, (0, 3)),
    (real_pdf("emm2023_eprs1_review_rotated_table.pdf"), (2, 8)),
    (real_pdf("peerjcs2017_vespa_multipage_table.pdf"), (0, 9)),
    (real_pdf("robust_rotated_table_nics_usgov.pdf"), (0,)),
    (real_pdf("uritu2018_lamiaceae_pain_review_rotated.pdf"), (1, 16)),
]


def pdfplumbers_words(page) -> list[dict]:
    return page.extract_words(
        keep_blank_chars=False,
        use_text_flow=False,
        x_tolerance_ratio=X_TOLERANCE_RATIO,
        extra_attrs=["fontname", "size", "upright"],
        return_chars=True,
    )


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_words_equal_pdfplumbers_word_extractor(pdf_path, indexes):
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        upright_seen = set()
        for index in indexes:
            page = visible_part(read_page(document, index))
            expected = pdfplumbers_words(page)
            got = extract_words(page.chars)
            assert len(expected) > 50
            assert len(got) == len(expected)
            for want, (word, chars) in zip(expected, got, strict=True):
                for key in ("text", "x0", "top", "x1", "bottom", "fontname", "size", "upright"):
                    assert word[key] == want[key], (index, key, want["text"])
                assert [id(c) for c in chars] == [id(c) for c in want["chars"]]
                upright_seen.add(word["upright"])
        if "rotated" in pdf_path.stem:
            assert False in upright_seen  # turned text was among the words compared
    finally:
        document.close()


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_table_finders_words_equal_pdfplumbers(pdf_path, indexes):
    """The table finder's words (a fixed 1.5 pt gap, words running across font changes, pdfplumber's full record)
    equal pdfplumber's `extract_words(chars, x_tolerance=1.5, return_chars=True)`, record for record and key for
    key, on the page's characters (turned ones among them) and on the turned ones moved into their reading frame."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for index in indexes:
            chars = visible_part(read_page(document, index)).chars
            turned = [c for c in chars if not c["upright"]]
            framed = frame_chars(turned, char_frame(turned[0])) if turned else []
            for some in (chars, framed):
                expected = pdfplumber_extract_words(some, x_tolerance=WORD_GAP, return_chars=True)
                got = words_of_chars(some, x_tolerance=WORD_GAP, by_font=False, full_records=True)
                assert len(got) == len(expected)
                assert len(expected) > 50 or some is framed
                for want, (word, word_chars) in zip(expected, got, strict=True):
                    assert list(word.items()) == [(k, v) for k, v in want.items() if k != "chars"], (index, want)
                    assert [id(c) for c in word_chars] == [id(c) for c in want["chars"]]
    finally:
        document.close()
