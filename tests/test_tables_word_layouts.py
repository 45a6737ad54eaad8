"""Table layouts of Word-made PDFs the LaTeX-heavy gold lacked, on real PDFs of gold/dev (table-only gold, see their
NOTES.md): cell borders drawn as thin filled rectangles, so many that the page counts as crowded with rule pieces,
in a double frame, continued on the next page; a header shaded line by line with abutting boxes of one colour; a
sparse results table (most cells empty) with row labels bold all the way down."""

from __future__ import annotations

from pipeline.extract.tables import assemble_tables

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

BORDERS = "robust_word_cell_border_rectangles_continued"
SHADED = "robust_word_shaded_header_line_boxes"
SPARSE = "robust_word_sparse_results_bold_row_labels"


def test_cell_borders_of_thin_filled_rectangles_on_a_crowded_page():
    # Every border is a double line of 0.5 pt filled rectangles: about 2,000 rule pieces per page. Their short sides
    # say nothing, their long sides are every row's borders: a one-line row keeps its side borders, so the table is
    # one grid, not fifteen. The outer frame's corner pieces a point outside the inner frame end on the frame's
    # rules: not a plot's axis ticks. Page 2 continues the table without caption or header.
    tables = assemble_tables(parsed(real_pdf(f"{BORDERS}.pdf")), [])
    assert [(t.number, t.pages, t.n_rows, t.n_cols) for t in tables] == [(None, [1, 2], 36, 3)]
    assert tables[0].header() == ["Class Code", "Class Code Description", "Associated Geographic Entity"]
    assert grid_accuracy(BORDERS, "1", tables) == 1.0


def test_header_shaded_line_by_line_is_one_header_not_a_row_per_line():
    # Word fills each text line of a shaded header cell with its own box, padded by two more of the same colour: the
    # sides where same-coloured boxes meet are no rules, so the header is its two rows (a group label over two
    # sub-headers), not ten rows of single lines.
    tables = assemble_tables(parsed(real_pdf(f"{SHADED}.pdf")), [])
    assert [(t.pages, t.n_rows, t.n_cols, t.n_header_rows) for t in tables] == [([1], 6, 6, 2)]
    assert tables[0].grid()[1][4:] == ["Accuracy", "Time to complete"]
    assert grid_accuracy(SHADED, "1", tables) == 1.0


def test_sparse_ruled_table_with_bold_row_labels():
    # Most cells are empty (324 cells, 130 words): still a table, since every row has its label and every column its
    # header, which a heat map's boxes have not. The state codes are bold all the way down, so a row of a bold label
    # and empty cells is body, not a further header row.
    tables = assemble_tables(parsed(real_pdf(f"{SPARSE}.pdf")), [])
    assert [(t.pages, t.n_rows, t.n_cols, t.n_header_rows) for t in tables] == [([1], 54, 6, 1)]
    assert tables[0].grid()[1] == ["AL", "", "", "", "", ""]
    assert grid_accuracy(SPARSE, "1", tables) == 1.0


JOURNAL = "boruga2014_thymus_vulgaris_essential_oil_composition_antimicrobial_activity"


def test_stub_label_across_a_two_level_header_starts_the_table_at_its_top_rule():
    # A journal's Word table (J Med Life): "Test microorganism" is set across both header lines, beside a group
    # label ruled off from its sub-labels "5 | 10 | 15 | 20". The vertical rules start under the group label, so the
    # line finder's grid starts there, cutting the stub label in half: the table's own top rule, as wide as the
    # table and drawn cell by cell, is its top, and the group label is a header row of its own.
    tables = assemble_tables(parsed(real_pdf(f"{JOURNAL}.pdf")), [])
    table = next(t for t in tables if t.number == "2")
    assert table.n_header_rows == 2
    assert table.grid()[0] == ["Test microorganism", *["Amount of essential oil [μL]"] * 4]
    assert table.grid()[1] == ["Test microorganism", "5", "10", "15", "20"]
    assert grid_accuracy(JOURNAL, "2", tables) == 1.0


def test_long_entries_run_past_a_border_drawn_in_one_row_only():
    # The last column's border is drawn beside one row only: the line finder's right edge there cuts the longest
    # entry ("Cyclohexene, 1-methyl-4-(5-methyl-1-methylene-4-hexenyl)"), whose words run on to the table's rules.
    tables = assemble_tables(parsed(real_pdf(f"{JOURNAL}.pdf")), [])
    table = next(t for t in tables if t.number == "1")
    assert "Cyclohexene, 1-methyl-4-(5-methyl-1-methylene-4-hexenyl)" in [cell.text for cell in table.cells]
    assert grid_accuracy(JOURNAL, "1", tables) == 1.0
