"""Ingest's own word builder must give exactly the words pdfplumber's word extractor gives on the same characters
(it replaced it for speed): same words in the same order, same boxes, fonts, sizes and directions, same characters
in each. Checked on pages of upright prose, turned table text, ligatures and a statistics sheet."""

from __future__ import annotations

import pypdfium2
import pytest

from pipeline.extract.ingest import X_TOLERANCE_RATIO, extract_words, visible_part
from pipeline.extract.pdfium_page import read_page

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
