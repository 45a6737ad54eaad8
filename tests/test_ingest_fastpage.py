"""The faster character path of ingest must give exactly what stock pdfplumber gives, or tables and words drift."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.ingest import CharFastPage

from conftest import SEED_PDF, real_pdf

# Born-digital PDFs from different producers (LaTeX, InDesign, Word, a US-government form with a rotated table).
PDFS = [
    SEED_PDF,
    real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"),
    real_pdf("emm2023_eprs1_review_rotated_table.pdf"),
    real_pdf("peerjcs2017_vespa_multipage_table.pdf"),
    real_pdf("robust_rotated_table_nics_usgov.pdf"),
]


@pytest.mark.parametrize("pdf_path", PDFS, ids=lambda p: p.stem)
def test_chars_equal_stock_pdfplumber(pdf_path):
    with pdfplumber.open(pdf_path) as stock_pdf, pdfplumber.open(pdf_path) as fast_pdf:
        for stock, page in list(zip(stock_pdf.pages, fast_pdf.pages, strict=True))[:4]:
            fast = CharFastPage.of(page)
            assert len(stock.chars) > 0
            assert len(fast.chars) == len(stock.chars)
            for expected, got in zip(stock.chars, fast.chars, strict=True):
                assert got == expected
                assert list(got) == list(expected)  # same keys in the same order
                assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}
            # Non-character objects go through pdfplumber's own code.
            assert fast.rects == stock.rects and fast.lines == stock.lines
            assert fast.extract_words(extra_attrs=["fontname", "size"]) == stock.extract_words(
                extra_attrs=["fontname", "size"]
            )
            assert [t.bbox for t in fast.find_tables()] == [t.bbox for t in stock.find_tables()]
            stock.close()
            fast.close()
