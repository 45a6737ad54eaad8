"""Clean text from any PDF: no control or private-use character in any passage or table cell, ligatures the font
leaves unmapped resolved by the document's vocabulary, text a reader never sees (invisible render mode, under an
image, off the page) not read, and the body font found from running prose."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.evaluate.text_junk import text_junk
from pipeline.extract import ingest
from pipeline.extract.ingest import CharFastPage, read_page, read_pdf
from pipeline.extract.structure import build_document
from pipeline.extract.structure.blocks import typography_of
from pipeline.extract.structure.reading_order import Line, fragments_of, remove_line_numbers
from pipeline.extract.structure.repair import UNMAPPED, GlyphRepair, is_unmapped, normalize_text
from pipeline.records import DocumentError, Word

from conftest import DEV_PDFS, SEED_PDF, TEST_DATA, real_pdf

PAPERS = Path(__file__).resolve().parent.parent / "benchmarks" / "papers"  # other publishers' layouts, no gold
# one of each PDF: a few are both test data and gold (the rotated statistics sheet) or a paper and a gold table sheet
ALL_PDFS = sorted(
    {
        hashlib.sha256(p.read_bytes()).hexdigest(): p
        for p in [*PAPERS.glob("*.pdf"), *TEST_DATA.glob("*.pdf"), *DEV_PDFS.glob("*.pdf"), SEED_PDF]
    }.values()
)
PAGES_READ = 6  # long PDFs: their first pages, which hold the 122-page review's NUL ligatures


def _no_text_chars(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if is_unmapped(ch)})


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.stem)
def test_no_control_or_private_use_character_reaches_passages_or_cells(path: Path):
    try:
        pdf = read_pdf(path, pages=(1, PAGES_READ)) if _page_count(path) > PAGES_READ else read_pdf(path)
    except DocumentError:
        return  # the scanned page without a text layer: nothing to read
    ingest.repair_glyphs(pdf)  # a page range skips the document-level steps; run the repair as a whole read does
    doc = build_document(pdf)
    for passage in doc.passages:
        assert not _no_text_chars(passage.text), (passage.page, passage.text[:120])
    assert not _no_text_chars(doc.title)
    for page in pdf.pages:
        for word in page.words:
            assert not _no_text_chars(word.text), (page.number, word.text)
        for table in page.raw_tables:
            for row in table.rows:
                for cell in row:
                    assert not _no_text_chars(cell or ""), (page.number, cell)


def _page_count(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def test_nul_ligatures_of_the_long_review_become_words():
    pdf = read_pdf(DEV_PDFS / "deep_review_biomed_long122p.pdf", pages=(9, 9))
    assert any(UNMAPPED in word.text for word in pdf.pages[0].words)  # the font maps fi/ff/fl to NUL
    ingest.repair_glyphs(pdf)
    words = [word.text for word in pdf.pages[0].words]
    assert not any(UNMAPPED in word for word in words)
    for word in ("differences.", "subtask-specific", "effective", "exemplified", "fine-tuning", "overfitting."):
        assert word in words


def test_tex_bitmap_fonts_without_unicode_are_read_at_their_codes():
    """pdfTeX/dvips bitmap fonts (Type 3, no name, no ToUnicode, glyphs named "/a65") put TeX text at its codes:
    the document is read, not refused as unreadable, and T1's ligature and dash slots become their characters."""
    pdf = read_pdf(DEV_PDFS / "young2017_goseq_gene_ontology_rnaseq_length_bias.pdf", pages=(1, 2))
    first, second = (" ".join(word.text for word in page.words) for page in pdf.pages)
    assert "goseq: Gene Ontology testing for RNA-seq datasets" in first
    assert "Matthew J. Wakefield" in first  # the fi ligature at T1's slot 0x1C
    assert "We assume that the user can use appropriate in-built R functions" in second
    assert not any(is_unmapped(ch) for ch in first + second)


def test_tex_bitmap_fonts_are_judged_on_the_document_not_its_first_page():
    """The affy vignette's first page is its title and a table of contents (few function words among its words):
    judged on that page alone its bitmap fonts stayed unread and the whole document was refused as unreadable.
    Judged on the words of the first pages, every page is read, the first one too, also when read as a part."""
    pdf = read_pdf(
        DEV_PDFS
        / "bolstad2022_affy_builtin_preprocessing_methods_microarray_background_normalization_summarization.pdf"
    )
    first, second = (" ".join(word.text for word in page.words) for page in pdf.pages[:2])
    assert first.startswith("affy: Built-in Processing Methods Ben Bolstad")
    assert "This document describes the preprocessing methods that have currently been built into the affy" in second
    part = read_pdf(
        DEV_PDFS
        / "bolstad2022_affy_builtin_preprocessing_methods_microarray_background_normalization_summarization.pdf",
        pages=(1, 1),
    )
    assert " ".join(word.text for word in part.pages[0].words) == first


def test_unnamed_glyphs_that_do_not_read_as_text_stay_unmapped():
    """The reading at the codes is taken only where the unnamed glyphs themselves give running English: the two
    unnamed glyphs on page 2 of the Quantum template (code 0x31, among ordinary named fonts) stay unmapped."""
    import pypdfium2

    from pipeline.extract.pdfium_page import read_page as read_pdfium_page

    path = PAPERS / "quantum2017_quantumarticle_class_template.pdf"
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = read_pdfium_page(document, 1)
        ingest.GlyphNames(path).decode(page)
        unnamed = [char["text"] for char in page.chars if "unmapped_code" in char and not char["fontname"]]
        page.close()
    finally:
        document.close()
    assert unnamed and all(text == UNMAPPED or text.isspace() for text in unnamed), unnamed


def test_glyph_repair_picks_the_ligature_that_makes_a_word():
    repair = GlyphRepair(["the", "refinement", "of", "off", "trade"], frozenset({"different", "effective"}))
    words = [f"re{UNMAPPED}nement", f"di{UNMAPPED}erent", f"e{UNMAPPED}ective", f"{UNMAPPED}Item", f"12{UNMAPPED}3"]
    words.append(f"tradeo{UNMAPPED}")  # two words run together, one of them the document's own
    repair.first_pass(words)
    assert [repair.repair(w) for w in words] == ["refinement", "different", "effective", "Item", "123", "tradeoff"]
    # no candidate makes a word: the document's usual ligature between letters
    assert repair.repair(f"zq{UNMAPPED}x") == "zqffx" or repair.repair(f"zq{UNMAPPED}x").startswith("zq")


def test_normalize_text_drops_controls_and_private_use():
    assert normalize_text("a\x00b\ue000c\x07d\tx") == "abcd x"
    assert normalize_text("\ufb01rst \ufb02ow") == "first flow"


def _hidden_text_pdf(path: Path) -> Path:
    """One page: a visible paragraph, an invisible one (render mode 3), one under an opaque image, one off the page."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(60, 800, "Visible words of the body text stay in the document.")
    hidden = page.beginText(60, 780)
    hidden.setTextRenderMode(3)
    hidden.textLine("Invisible duplicate layer must not be read.")
    page.drawText(hidden)
    page.drawString(60, 600, "Covered words under the figure are not content.")
    page.drawString(700, 500, "Beyond the page edge nobody reads this.")
    from PIL import Image

    image = Image.new("RGB", (40, 40), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    page.drawImage(ImageReader(buffer), 50, 580, width=400, height=60)
    page.save()
    return path


def _first_page_text(path: Path, reader: str) -> str:
    """The words of page 1 as ingest reads them: with pdfium (as every page is read), or with pdfminer (the
    fallback for pages whose glyphs pdfium cannot decode)."""
    if reader == "pdfium":
        import pypdfium2

        from pipeline.extract.pdfium_page import read_page as read_pdfium_page

        document = pypdfium2.PdfDocument(str(path))
        page = read_pdfium_page(document, 0)
        text = " ".join(word.text for word in read_page(page).words)
        document.close()
        return text
    with pdfplumber.open(path) as pdf:
        page = CharFastPage.of(pdf.pages[0])
        text = " ".join(word.text for word in read_page(page).words)
        page.close()
    return text


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_invisible_covered_and_off_page_text_is_not_read(tmp_path, reader):
    path = _hidden_text_pdf(tmp_path / "hidden.pdf")
    text = _first_page_text(path, reader)
    assert "Visible words of the body text" in text
    assert "Invisible" not in text
    assert "Covered" not in text
    assert "Beyond" not in text


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_ocr_layer_alone_on_a_page_is_kept(tmp_path, reader):
    path = tmp_path / "ocr.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    layer = page.beginText(60, 780)
    layer.setTextRenderMode(3)
    layer.textLine("Recognised text of a scanned page.")
    page.drawText(layer)
    page.save()
    assert _first_page_text(path, reader) == "Recognised text of a scanned page."


def _line(text: str, font: str, size: float, top: float) -> Line:
    return Line(
        page=1,
        region=0,
        words=[],
        text=text,
        x0=50,
        top=top,
        x1=50 + 4.2 * len(text),
        bottom=top + size,
        size=size,
        font=font,
        font_share=1.0,
        first_font=font,
        left=50,
        right=50 + 4.2 * 60,
    )


def test_body_font_comes_from_running_prose_not_from_the_reference_list():
    """A long reference list in a small face outweighs the body by character count; the body is still the body."""
    body = "the extracts reduced the metal ions to nanoparticles within minutes at room temperature"
    reference = "12. Smith JA, Kumar P, Lee K. Green NPs. J Nanobiotechnol. 2016;14:21–34. doi:10.1186/s1295"
    lines = [_line(body[:60], "Serif", 9.8, 10 * i) for i in range(20)]
    lines += [_line(reference[:60], "Sans", 7.5, 300 + 9 * i) for i in range(60)]
    typography = typography_of(lines)
    assert (typography.body_font, typography.body_size) == ("Serif", 9.8)


def test_margin_line_numbers_are_not_read_as_text():
    words = []
    for i in range(12):
        top = 100 + 14 * i
        words.append(Word(str(i + 1), 40, top, 46, top + 9, "Sans", 9.0))
        words.append(Word("Running", 80, top, 120, top + 10, "Serif", 10.0, space_after=True))
        words.append(Word(f"text{i}", 123, top, 160, top + 10, "Serif", 10.0))
    words.append(Word("Table", 80, 300, 110, 310, "Serif", 10.0, space_after=True))
    words.append(Word("3", 113, 300, 118, 310, "Serif", 10.0))
    fragments = fragments_of(words)
    assert remove_line_numbers(fragments) == 12
    assert [f.text for f in fragments if f.text.isdigit()] == []
    assert any(f.text == "Table 3" for f in fragments)  # a number inside the text stays


def test_body_is_the_larger_running_style_when_small_print_methods_outweigh_it():
    """Methods (or a reference list) in small print may hold more characters than the main text; the main text is
    never the smaller of two substantial prose styles."""
    body = "the extracts reduced the metal ions to nanoparticles within minutes at room temperature"
    methods = "cells were grown overnight in lysogeny broth at thirty seven degrees with shaking and then"
    lines = []
    for page in (1, 2, 3):
        lines += [replace(_line(body[:60], "Serif", 9.8, 10 * i), page=page) for i in range(15)]
    for page in (3, 4, 5, 6):
        lines += [replace(_line(methods[:60], "Serif", 8.0, 200 + 9 * i), page=page) for i in range(30)]
    typography = typography_of(lines)
    assert (typography.body_font, typography.body_size) == ("Serif", 9.8)


def test_junk_measure_finds_glued_and_broken_words_only():
    """The eval's junk measure: words glued by a lost space or broken by a stray one, not technical compounds."""
    clean = [
        "The nanoparticles inhibited biofilm formation by the glutamine-dependent inhibitor.",
        "Cheminformatics workarounds propagate analogs of the effector.",
    ]
    junk = [
        "Hospital-acquired burden (1, 2), andinfections are common.",
        "This was sig nificantly higher than before.",
        "The De nition of the term is given below.",
    ]
    assert text_junk(clean).junk_sentences == 0
    result = text_junk(clean + junk)
    assert result.junk_sentences == 3 and result.glued == 1 and result.broken == 2


def test_text_a_figures_clipping_path_cuts_away_is_not_read():
    """A page of another PDF placed as a figure (a form XObject clipped to the figure's box) brings all its text,
    here the manuscript version of the very page; only what shows inside the clip is painted, so the body is read
    once and not interleaved word by word with its hidden copy."""
    pdf = read_pdf(real_pdf("curroncol2023_ki67_breast_cancer_guidelines.pdf"), pages=(5, 5))
    words = [w.text for w in pdf.pages[0].words]
    assert words.count("revealed") == 1
    assert words.count("IKWG") <= 3  # printed three times on the page (the hidden copy would double it)
    doc = build_document(pdf)
    assert any("Their study revealed that the 30–39 (Ventana) and K2" in p.text for p in doc.passages)
