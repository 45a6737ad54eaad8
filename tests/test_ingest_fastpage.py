"""The faster character path of ingest must give exactly what stock pdfplumber gives, or tables and words drift."""

from __future__ import annotations

from collections import Counter

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


# ---------------------------------------------------------------- the pdfium reader against pdfminer's reading

PDFIUM_PDFS = [SEED_PDF, real_pdf("robust_rotated_table_nics_usgov.pdf")]


@pytest.mark.parametrize("pdf_path", PDFIUM_PDFS, ids=lambda p: p.stem)
def test_pdfium_page_gives_pdfminers_words(pdf_path):
    """The same words where they are right: text and box of pdfplumber's words over pdfminer's characters."""
    import pypdfium2

    from pipeline.extract.pdfium_page import read_page

    document = pypdfium2.PdfDocument(str(pdf_path))
    with pdfplumber.open(pdf_path) as stock_pdf:
        for index, stock in list(enumerate(stock_pdf.pages))[:2]:
            ours = read_page(document, index)
            # pdfium keeps the MediaBox as 32-bit floats: equal to pdfminer's within a thousandth of a point
            assert ours.rotation == stock.rotation
            assert abs(ours.width - stock.width) < 1e-3 and abs(ours.height - stock.height) < 1e-3
            settings = {"x_tolerance_ratio": 0.15, "extra_attrs": ["size", "upright"]}

            def words(page, settings=settings):
                return Counter(
                    (w["text"], round(w["x0"]), round(w["top"]), round(w["bottom"]))
                    for w in page.extract_words(**settings)
                )

            expected, got = words(stock), words(ours)
            assert sum((expected & got).values()) >= 0.97 * sum(expected.values())
            stock.close()
    document.close()


def test_a_page_of_many_drawn_segments_is_read_within_its_bound(tmp_path):
    """A figure of tens of thousands of strokes is counted, not turned into an object per stroke; the rules of a
    table (long straight segments along x or y) become rule pieces."""
    import pypdfium2

    from pipeline.extract.pdfium_page import MAX_PATH_SEGMENTS, read_page

    import pdf_factory

    strokes = b"".join(b"%d %d m %d %d l S " % (i % 500, i % 700, i % 500 + 1, i % 700 + 2) for i in range(30_000))
    rule = b"50 400 m 550 400 l S 50 300 m 50 500 l S "
    pdf = pdf_factory.text_pages_pdf(tmp_path / "figure.pdf", 1, extra={1: rule + strokes})
    document = pypdfium2.PdfDocument(str(pdf))
    page = read_page(document, 0)
    assert page.path_stats.truncated and page.path_stats.segments_read <= MAX_PATH_SEGMENTS
    assert len(page.lines) == 2  # the diagonal strokes give no rule pieces
    assert {edge["orientation"] for edge in page.edges} == {"h", "v"}
    document.close()


def test_a_thin_space_sets_a_unit_apart_from_its_number():
    """uritu2018 p11 prints "(25 g" and "250 mL methanol" with a thin space (1/6 em) that pdfium reports as a gap:
    the quantity and its unit are two words, while the digits of a number stay one word."""
    import pypdfium2

    from pipeline.extract.pdfium_page import read_page

    document = pypdfium2.PdfDocument(str(real_pdf("uritu2018_lamiaceae_pain_review_rotated.pdf")))
    page = read_page(document, 10)
    texts = [w["text"] for w in page.extract_words(x_tolerance_ratio=0.15)]
    document.close()
    assert "250" in texts and "mL" in texts and "(25" in texts and "g" in texts
    assert "250mL" not in texts and "(25g" not in texts
