"""Ingest puts each character where the page draws it, with the Unicode it stands for: text space turned by a
negative font size (report writers that mirror it back), TeX maths extension glyphs without a Unicode map."""

from __future__ import annotations

import pdfplumber
import pypdfium2
import pytest

from pipeline.extract import ingest
from pipeline.extract.pdfium_page import read_page

from conftest import real_pdf

# A Telerik Reporting sheet: every text object sets a negative font size (-8 Tf) and undoes the half turn with
# horizontal scaling -100 and a flipped text matrix, so its glyphs read upright left to right.
TELERIK = real_pdf("robust_telerik_negative_font_size_report.pdf")


@pytest.fixture(scope="module")
def telerik_content():
    return ingest.read_pdf(TELERIK)


def test_negative_font_size_puts_characters_where_pdfminer_does():
    document = pypdfium2.PdfDocument(str(TELERIK))
    try:
        ours = [c for c in read_page(document, 0).chars if c["text"] != " "]
    finally:
        document.close()
    with pdfplumber.open(TELERIK) as pdf:
        theirs = [c for c in pdf.pages[0].chars if c["text"] != " "]
    assert len(ours) == len(theirs) > 2000

    def in_place(chars):
        return sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))

    for mine, want in zip(in_place(ours), in_place(theirs), strict=True):
        assert mine["text"] == want["text"]
        assert mine["size"] == pytest.approx(want["size"], abs=0.01)
        for key in ("x0", "top", "bottom"):
            assert mine[key] == pytest.approx(want[key], abs=0.01), (key, want["text"])


def test_negative_font_size_report_reads_as_words(telerik_content):
    page = telerik_content.pages[0]
    lines = {}
    for word in page.words:
        lines.setdefault(round(word.top), []).append(word.text)
    texts = [" ".join(words) for _, words in sorted(lines.items())]
    assert "STATE OF ARIZONA REGISTRATION REPORT Page: 1" in texts
    assert "Apache 44 JUL 2023 27,462 * 225 29 10,808 13,773 52,297" in texts
