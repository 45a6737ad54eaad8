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


# A LaTeX vignette page (vegan's decision-vegan p6) whose maths extension font (CMEX10, a CFF program) names its big
# radical and sums in /Differences, names the Adobe Glyph List lacks: pdfminer read them as the base encoding's
# letters at their codes, "p" and "P", in the formulas of Table 2.
TEX_MATHS = real_pdf("robust_tex_maths_extension_glyphs_vegan.pdf")


@pytest.fixture(scope="module")
def tex_maths_content():
    return ingest.read_pdf(TEX_MATHS)


def test_tex_maths_extension_glyphs_read_as_maths_symbols_not_letters(tex_maths_content):
    maths = [w.text for w in tex_maths_content.pages[0].words if "CMEX" in w.fontname]
    assert len(maths) >= 15
    assert set("".join(maths)) == {"√", "∑"}


def test_tex_maths_glyphs_in_a_table_cell(tex_maths_content):
    from pipeline.extract.tables import assemble_tables

    tables = {t.number: t for t in assemble_tables(tex_maths_content, [])}
    cells = [cell for row in tables["2"].grid() for cell in row]
    assert "√(n − 1) ∑k λk" in cells  # the site constant of prcomp (was "p(n − 1) Pk λk")
    assert not any("P λ" in cell or "p(n" in cell for cell in cells)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("summationtext", "∑"),  # a size variant read as its base glyph (Adobe Glyph List)
        ("radicalBigg", "√"),
        ("parenleftbigg", "("),
        ("greaterorsimilar", "≳"),  # AMS and TeX names the Glyph List lacks (models/structure/glyph_names.json)
        ("angbracketleft", "⟨"),
        ("bracelefttp", ""),  # a piece of a tall brace: drawing, no character
        ("parenleftex", ""),
        ("a", "a"),
        ("uni2211", "∑"),
        ("notaglyphname", None),
    ],
)
def test_glyph_text_of_tex_glyph_names(name, text):
    assert ingest.glyph_text(name) == text


def test_space_after_an_unmapped_glyph_stays_a_space():
    # txfonts' symbol font names its angle brackets "angbracketleft/right" (no Unicode in pdfium): a space pdfium
    # generates after "⟩" copies that glyph's attributes, and must not take its text ("⟨x⟩ ⟩").
    content = ingest.read_pdf(real_pdf("robust_dcc_cmidrule_spanning_header.pdf"))
    texts = "".join(w.text for page in content.pages for w in page.words)
    assert texts.count("⟨") == texts.count("⟩") >= 19


# Word boundaries where pdfium's box of a glyph is not its advance. A BMJ page sets its small-caps headings
# ("INTERVENTIONS", "MAIN OUTCOME MEASURES") glyph by glyph in text objects for which pdfium has no widths: its loose
# box is then the ink's box, starting past the origin, and three glyphs of one object share one origin. A PeerJ page
# turned by /Rotate runs its upright lines along y in user space, where an f's loose box ends at its overhanging ink.
BMJ_SMALL_CAPS = real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf")
PEERJ_TURNED_PAGE = real_pdf("peerjcs2017_vespa_multipage_table.pdf")


def _page_words(path, number: int) -> list[str]:
    return [word.text for word in ingest.read_pdf(path, pages=(number, number)).pages[0].words]


def _has_run(words: list[str], run: list[str]) -> bool:
    return any(words[at : at + len(run)] == run for at in range(len(words)))


def test_small_caps_glyphs_without_widths_stay_one_word():
    words = _page_words(BMJ_SMALL_CAPS, 1)
    assert _has_run(words, ["group.", "Interventions", "Interventions", "began"])
    assert _has_run(words, ["consultations.", "Main", "outcome", "measures", "The", "primary"])
    assert "nterventions" not in words and "outcom" not in words


def test_word_space_after_an_overhanging_f_on_a_turned_page():
    words = _page_words(PEERJ_TURNED_PAGE, 10)
    assert _has_run(words, ["(lnL)", "of", "the", "analysis;"])
    assert "ofthe" not in words


# The e1071 vignette (dev), p7: Ghostscript re-embedded TeX's maths fonts with Unicode maps that give CMMI's γ, α, ν
# and CMSY's ⊤ as the Latin-1 "µ", "³", "¿" and "¦", while each font's /Differences names the glyphs "gamma",
# "alpha", "nu", "latticetop". pdfium reads only the map.
E1071 = real_pdf("meyer2023_e1071_support_vector_machines_libsvm_interface_benchmark.pdf")


@pytest.fixture(scope="module")
def e1071_kernels_page():
    return ingest.read_pdf(E1071, pages=(7, 7))


def test_maths_letters_read_by_glyph_name_where_the_unicode_map_contradicts_it(e1071_kernels_page):
    text = " ".join(word.text for word in e1071_kernels_page.pages[0].words)
    assert not set(text) & set("µ³¿¦")
    assert {"γ", "α", "ν", "⊤"} <= set(text)
    assert "e ⊤ α ≥ ν" in text  # the constraint of ν-classification, (2)


def test_kernel_table_cells_hold_the_maths_letters(e1071_kernels_page):
    from pipeline.extract.tables import assemble_tables

    (kernels,) = assemble_tables(e1071_kernels_page, [])
    assert kernels.grid()[2] == ["polynomial", "(γu⊤v + c0)d", "γ, d, c0"]  # was "(µu¦v + c0)d", "µ, d, c0"
    assert kernels.grid()[3] == ["radial basis fct.", "exp{−γ|u − v|2}", "γ"]


def _fonts_parsed_for_contradictions(pdf, number: int) -> tuple[dict, set[str]]:
    """The page's fonts (name -> entry) after `GlyphNames.correct_contradicted`, and the names of the fonts whose
    characters on the page have Latin-1 text (the only ones it may ask for)."""
    document = pypdfium2.PdfDocument(str(pdf))
    glyph_names = ingest.GlyphNames(pdf)
    try:
        page = read_page(document, number - 1)
        asked = {
            ingest._base_font_name(char["fontname"])
            for char in page.chars
            if char["text"] and 0xA0 <= ord(char["text"][0]) <= 0xFF
        }
        glyph_names.correct_contradicted(page)
        return glyph_names.fonts[number], asked
    finally:
        glyph_names.close()
        document.close()


def test_only_fonts_that_can_contradict_their_map_are_parsed():
    # e1071 p7: ten fonts; the maths letters' fonts are parsed for their maps, the text fonts are not (pdfminer
    # parsing every font of a page was most of the glyph-name check's cost)
    fonts, asked = _fonts_parsed_for_contradictions(E1071, 7)
    parsed = {name for name, entry in fonts.items() if entry.font is not None}
    assert parsed and parsed <= asked
    assert {"CMR10", "CMBX10", "CMEX10"} & set(fonts) and not {"CMR10", "CMBX10", "CMEX10"} & parsed
    assert len(parsed) <= len(fonts) // 2


def test_a_page_of_text_fonts_with_latin1_signs_parses_none():
    # mSphere p1: "©" and no-break spaces in fonts whose glyph names are all Latin-1 letters and signs
    fonts, asked = _fonts_parsed_for_contradictions(real_pdf("msphere2024_acinetobacter_resistance.pdf"), 1)
    assert asked and fonts
    assert all(entry.font is None for entry in fonts.values())


@pytest.mark.parametrize("text", ["plain ASCII", "caf\u00e9", "\u00a0", "x\u00b0", "fi\u00e9"])
def test_latin1_gate_is_the_per_character_test(text):
    chars = [{"text": text}, {"text": ""}, {"text": "a"}]
    one_by_one = any(0xA0 <= ord(char["text"][0]) <= 0xFF for char in chars if char["text"])
    assert ingest.has_latin1_sign_or_letter(chars) == one_by_one
