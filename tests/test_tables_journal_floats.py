"""Table layout classes from session 15's survey of journal classes, on real PDFs (table-only gold of gold/dev, see
their NOTES.md, and tests/data): an economics journal's float framed in rules (a rule over the caption, the label
alone over its title, the notes between the closing rule and a further frame rule, the table's code listing under
that); a rotated regression table whose standard errors stand on lines of their own, one row set tighter than the
rest; a journal's front matter (a keyword list beside the abstract under ruled headings) that is no table; a
text-font digit set low once in a formula (a fraction's denominator), which moves none of that font's digits in a
table; two boxed tables captioned below, stacked; a vignette's ruled section headings and shaded inline code, which
are no tables."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.tables import assemble_tables
from pipeline.extract.tables.detect import find_page_tables
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import (
    grid_accuracy,
    parsed,
    write_narrow_grid_caption_beside_pdf,
    write_raised_check_marks_pdf,
    write_tight_figures_table_pdf,
)

FRAMED_FLOATS = "robust_cje_framed_float_notes_regression_se_rows"


@pytest.fixture(scope="module")
def framed_tables() -> dict[str | None, Table]:
    return {t.number: t for t in assemble_tables(parsed(real_pdf(f"{FRAMED_FLOATS}.pdf")), [])}


def test_framed_float_ends_at_the_rule_over_its_notes(framed_tables):
    # Rules under the notes and under the code listing below them belong to the float's frame: the table ends at
    # the rule that closes its body, the notes are its notes and the listing is no part of it.
    assert set(framed_tables) == {"1", "2"}
    table = framed_tables["1"]
    assert (table.pages, table.n_rows, table.n_cols) == ([1], 5, 5)
    assert table.notes.startswith("NOTES: Do not include closing punctuation in table titles.")
    assert grid_accuracy(FRAMED_FLOATS, "1", list(framed_tables.values())) == 1.0


def test_caption_line_closing_an_open_bracket_is_the_caption(framed_tables):
    # The title's last line is one word, "percent)", closing the "(in" of the line above: the caption's end, not a
    # header cell (the journal sets no closing stop).
    assert framed_tables["1"].caption.endswith("current-account-to-GDP ratio (in percent)")
    assert framed_tables["1"].grid()[0][0] == "Horizon/Shock"


def test_standard_errors_are_rows_and_close_their_entry(framed_tables):
    # Rows set apart by space, each an estimate line and a standard-error line: the errors are rows of their own
    # with an empty stub (not carried down as a block label), and a stub label right under them starts the next
    # row although its "∆" leaves no gap above it.
    table = framed_tables["2"]
    assert (table.pages, table.n_rows, table.n_cols) == ([2], 16, 11)
    grid = table.grid()
    assert grid[9][0] == "log(Source GDP)" and grid[10][0] == "" and grid[10][7] == "(0.070)"
    assert grid[11][0] == "∆ log(Host GDPPC)" and grid[11][9] == "0.095∗"
    assert grid_accuracy(FRAMED_FLOATS, "2", list(framed_tables.values())) == 1.0


def test_keyword_list_beside_an_abstract_is_no_table():
    # Elsevier's CAS front matter: "ARTICLE INFO" and "ABSTRACT" over rules of their own between two frame rules, a
    # keyword a line on the left, the justified abstract on the right. The keywords cut the abstract's lines into
    # rows: a paragraph running across row boundaries is text beside text, not a table.
    tables = assemble_tables(parsed(real_pdf("robust_elsevier_cas_article_info_beside_abstract.pdf")), [])
    assert tables == []


FRACTION_DIGIT = "robust_oup_fraction_digit_set_low_two_column_tables"


def test_text_digit_set_low_in_a_fraction_stays_level_in_the_table():
    # The formula beside the table sets a "2" of the text font low (a fraction's denominator next to a symbol of
    # the maths italic font). That font's glyphs stand level everywhere else: its "2"s in the table ("column 2",
    # "data 2", "row 2") are not moved a line up out of their cells.
    tables = assemble_tables(parsed(real_pdf(f"{FRACTION_DIGIT}.pdf")), [])
    assert [(t.number, t.n_rows, t.n_cols) for t in tables] == [("1", 4, 4), ("2", 4, 7)]
    assert tables[0].grid()[0] == ["column 1", "column 2", "column 3", "column 4"]
    assert grid_accuracy(FRACTION_DIGIT, "1", tables) == 1.0
    assert grid_accuracy(FRACTION_DIGIT, "2", tables) == 1.0


def test_caption_between_two_boxed_tables_names_the_one_above():
    # Both tables are captioned under their boxes; "Table 1:" sits between them, right over the second box. Each
    # caption names one table: the second box takes the caption under it, and is not read a second time.
    stem = "robust_boxed_tables_stacked_captions_between"
    tables = assemble_tables(parsed(real_pdf(f"{stem}.pdf")), [])
    assert [(t.number, t.n_rows, t.n_cols) for t in tables] == [("1", 5, 2), ("2", 5, 3)]
    assert grid_accuracy(stem, "2", tables) == 1.0


def test_ruled_section_headings_and_inline_code_boxes_are_no_tables():
    # A heading's hanging number and title over its rule look like a two-phrase header line over aligned lines,
    # but the heading is set larger than the text under it; inline code shaded on two consecutive lines draws a
    # grid of box edges, but the paragraph's lines run on past the boxes at word spacing.
    tables = assemble_tables(parsed(real_pdf("robust_biocstyle_ruled_headings_inline_code_boxes.pdf")), [])
    assert tables == []


def test_superscript_rising_past_a_tall_row_stays_with_its_base():
    # vegan's Table 1 (dev claims paper): the last row holds a radical over a fraction; the "1" of its "s−1j", a
    # superscript on "s", rises past the row edge into the row above. It belongs to its base's row, not to the end
    # of "… × const" over it.
    stem = "oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores"
    table = next(t for t in assemble_tables(parsed(real_pdf(f"{stem}.pdf")), []) if t.number == "1")
    grid = table.grid()
    assert grid[6][2].endswith("× const") and "1" in grid[7][2].split("s−")[1]
    assert grid_accuracy(stem, "1", [table]) >= 23 / 24


def test_grid_captioned_far_to_its_left_is_one_table(tmp_path):
    # A narrow boxed grid in a wide column, its caption under it starting at the margin: the ruled reading misses the
    # caption (outside the scope read around the grid) and the caption's rule-less reading finds the same grid
    # again. One table, numbered, not the numbered one and an uncaptioned copy.
    tables = assemble_tables(parsed(write_narrow_grid_caption_beside_pdf(tmp_path / "grid.pdf")), [])
    assert [(t.number, t.n_rows, t.n_cols) for t in tables] == [("2", 9, 3)]
    assert tables[0].caption.startswith("Table 2: Features of the benchmark instances.")


def test_figures_right_aligned_under_six_point_gutters_are_columns(tmp_path):
    # Every entry is one token, so no word space can be measured: a gap of half the type size or more, the bound
    # that tells spaces, is a gutter. The 5.9 pt gutters of right-aligned figures at 9 pt are columns (they were
    # read as one column "01 310 11 250").
    tables = assemble_tables(parsed(write_tight_figures_table_pdf(tmp_path / "figures.pdf")), [])
    assert [(t.number, t.n_rows, t.n_cols) for t in tables] == [("3", 13, 6)]
    assert tables[0].grid()[:2] == [["Inst.", "E", "R", "S", "Ro", "D"], ["01", "310", "11", "250", "0.71", "0.12"]]


def test_check_mark_whose_box_a_row_rule_crosses_stays_in_its_row(tmp_path):
    # The table finder on the page's own glyph boxes: each raised mark's box reaches over the row's top rule (its
    # centre in the row above), but no rule is drawn through ink, so the mark belongs to the row of its origin.
    with pdfplumber.open(write_raised_check_marks_pdf(tmp_path / "marks.pdf")) as pdf:
        (raw,) = find_page_tables(pdf.pages[0])
    marks = [[text != "·" for text in row[1:]] for row in raw.rows[1:]]
    assert marks == [[False, False], [True, True], [True, False], [True, True], [False, False]]
