"""Table layout classes the journal papers of the gold lack, on real PDFs of gold/dev (table-only gold, see their
NOTES.md): tables in one column of a two-column page with many-line cells; boxed tables numbered by section and
continued on the next page without their header; booktabs tables of lower-case code entries, a group label over
sub-headers, and an uncaptioned table under a header rule over three pages; JSS vignettes' stacked sub-tables,
column-group rules over a rule-less body and rows grouped between section rules; side-by-side sub-tables and group
labels over trimmed partial rules (cmidrule)."""

from __future__ import annotations

import pytest

from pipeline.evaluate.gold import read_grid
from pipeline.extract.ingest import read_pdf
from pipeline.extract.tables import assemble_tables
from pipeline.extract.tables.captions import CAPTION_PATTERN
from pipeline.extract.tables.layout import join_lines
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import DEV_GOLD, ROOT, grid_accuracy, parsed

JACOW = "robust_jacow_column_tables_wrapped_cells"
H2020 = "robust_h2020_ruled_tables_continued_unrepeated_header"
BEILSTEIN = "robust_beilstein_booktabs_code_entries_group_header"


@pytest.fixture(scope="module")
def h2020_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf(f"{H2020}.pdf")), [])


@pytest.fixture(scope="module")
def beilstein_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf(f"{BEILSTEIN}.pdf")), [])


def test_tables_in_one_column_beside_prose_with_many_line_cells():
    # Booktabs rules only, rows set apart by space, a Font cell of one item per line whose middle item wraps over
    # four lines; the other column's prose beside the table stays out. Page 10 prints example captions with no table.
    tables = assemble_tables(parsed(real_pdf(f"{JACOW}.pdf")), [])
    assert [(t.number, t.pages, len(t.grid()), t.n_cols) for t in tables] == [("1", [1], 5, 3), ("2", [3], 12, 4)]
    styles = tables[1].grid()
    assert styles[0] == ["Style", "Font", "Space Before", "Space After"]
    assert styles[1] == ["PAPER TITLE", "14 pt\nUPPERCASE EXCEPT FOR REQUIRED lowercase letters\nBold", "0 pt", "3 pt"]
    assert styles[-2][0] == "References when ≤ 9"
    for number in "12":
        assert grid_accuracy(JACOW, number, tables) == 1.0


def test_section_numbered_tables_continued_without_their_header(h2020_tables):
    # "Continued on next page" in a ruled row of its own marks the part; the next page's part has no header and no
    # caption; a header alone at a page foot joins its body; overfull-line marks (small filled boxes) in cells do
    # not cut their rows; header words broken twice in narrow columns ("Na-/tu-/re") are joined.
    numbered = {t.number: t for t in h2020_tables if t.number}
    assert {"3.1b", "3.1c", "3.2a", "3.2b"} <= set(numbered)
    deliverables, milestones = numbered["3.1c"], numbered["3.2a"]
    assert deliverables.pages == [11, 12] and len(deliverables.grid()) == 10
    assert deliverables.header()[4] == "Nature" and deliverables.header()[0] == "Deliverable number"
    assert milestones.pages == [12, 13] and [row[0] for row in milestones.grid()] == ["Milestone number", "M1", "M2"]
    assert not any("Continued" in cell.text for table in h2020_tables for cell in table.cells)
    for number in ("31b", "31c", "32a", "32b"):
        assert grid_accuracy(H2020, number, h2020_tables) == 1.0


def test_booktabs_code_entries_and_group_label_over_sub_headers(beilstein_tables):
    # First-column entries that begin in lower case (file and option names) are rows, not wrapped labels; a group
    # label over five sub-headers, set at the leading of one cell, is a header row of its own spanning them.
    by_number = {t.number: t for t in beilstein_tables if t.number}
    assert [len(by_number[n].grid()) for n in "1234"] == [11, 7, 3, 4]
    assert by_number["2"].grid()[3] == ["manuscript=fullresearchpaper", "Full Research Paper"]
    sections = by_number["5"]
    assert sections.n_header_rows == 2
    assert sections.grid()[0] == ["Section heading", *["Manuscript typea"] * 5]
    assert sections.grid()[1] == ["", "BRb", "CAc", "FRd", "LAe", "RAf"]
    for number in "12345":
        assert grid_accuracy(BEILSTEIN, number, beilstein_tables) == 1.0


def test_uncaptioned_table_under_a_header_rule_over_three_pages(beilstein_tables):
    # No caption: a header over a rule, columns aligned under it; "Continued on next page" and the repeated header
    # join the three parts; a file listed without a version is a row with an empty cell; the change history on p19
    # (two columns of dot leaders) is no table.
    listing = [t for t in beilstein_tables if t.number is None]
    assert len(listing) == 1 and listing[0].pages == [16, 17, 18]
    grid = listing[0].grid()
    assert grid[0] == ["File name", "Version"] and len(grid) == 82
    assert ["fontenc.sty", ""] in grid and grid.count(["File name", "Version"]) == 1
    assert grid[1][1].endswith("“Beilstein Journal of Nanotechnology” (BJNANO)")
    assert not any(19 in t.pages for t in beilstein_tables)
    assert grid_accuracy(BEILSTEIN, "packagefiles", beilstein_tables) == 1.0


@pytest.mark.parametrize(
    ("caption", "number"),
    [("Table 3.1b: List of work packages", "3.1b"), ("Table A1. Commands", "A1"), ("TABLE IV. A table", "IV")],
)
def test_section_and_appendix_table_numbers(caption, number):
    assert CAPTION_PATTERN.match(caption).group(1) == number


def test_word_broken_twice_in_a_narrow_cell():
    assert join_lines([["Na-"], ["tu-"], ["re"]], {"na", "tu-"}) == "Nature"
    assert join_lines([["Disse-"], ["mina-"], ["tion"]], set()) == "Dissemination"


JSS_STACKED = "robust_jss_stacked_subtables_column_group_rules"
JSS_GROUPS = "robust_jss_sparse_group_rows_section_rules"


def page_tables(stem: str, first: int, last: int) -> list[Table]:
    # Only the table's pages are read: the vignettes run to 15 and 48 pages.
    return assemble_tables(read_pdf(real_pdf(f"{stem}.pdf"), pages=(first, last)), [])


def test_numbers_stacked_in_a_column_are_rows_under_lower_case_labels():
    # Table 8: rules only under the header and between column groups (vertical), no rule between the ten body rows;
    # the stub holds lower-case model names ("dominant" / "additive") in a column too narrow for two side by side,
    # which once read as one wrapped label; the numbers under numbers in every other column make them rows.
    tables = page_tables(JSS_STACKED, 10, 10)
    power = next(t for t in tables if t.number == "8")
    assert [row[0] for row in power.grid()[:4]] == ["Model", "Null", "dominant", "additive"]
    assert grid_accuracy(JSS_STACKED, "8", tables) == 1.0


def test_rows_between_section_rules_under_group_labels_and_a_running_head():
    # Table 2: rules close groups of one-line rows, each group under an italic label on a line of its own set off by
    # extra space (one wider gap, not rows set apart by space); the running head above the table is not its header.
    tables = page_tables(JSS_GROUPS, 41, 41)
    grid = next(t for t in tables if t.number == "2").grid()
    assert len(grid) == 28
    assert grid[0][1:] == ["metafor", "meta", "rmeta"]
    assert grid[2] == ["Fixed-effects models", "yes", "yes", "yes"]
    assert grid[-1][0] == "Selection models"
    functions = page_tables(JSS_GROUPS, 22, 22)
    assert grid_accuracy(JSS_GROUPS, "1", functions) == 1.0


def test_stacked_sub_tables_under_one_caption_are_one_grid():
    # Table 5: two sub-tables, each under a centred sub-title set off by space from the caption and from its own
    # header; blocks whose header line carries the block label ("Male" / "Female") and a rule under it, the row
    # labels one column in (a nested stub), numbers stacked in every column.
    tables = page_tables(JSS_STACKED, 8, 8)
    grid = next(t for t in tables if t.number == "5").grid()
    assert grid[0] == ["IL1B_511 locus"] * 6
    assert grid[1] == ["Male", "", "Control", "Early Onset", "Late Onset", "Total"]
    assert grid[2] == ["", "CC", "75", "54", "29", "158"]
    assert grid[11] == ["TNFA_238 locus"] * 6
    assert grid_accuracy(JSS_STACKED, "5", tables) == 1.0


def test_short_entries_that_would_fit_side_by_side_are_rows():
    # Table 1: lower-case genotype labels ("aa" / "aA") in a stub too narrow for both; the short entries of the
    # other columns ("saa" / "saA") would have fitted on one line, so they are no wrapped cell.
    tables = page_tables(JSS_STACKED, 2, 2)
    assert grid_accuracy(JSS_STACKED, "1", tables) == 1.0


PMLR = "robust_pmlr_side_by_side_subtables_decimal"
DCC = "robust_dcc_cmidrule_spanning_header"


def test_side_by_side_sub_tables_under_their_labels():
    # Table 6: two rule-less sub-tables side by side, each under a label centred over its two columns ("(a)", "(b)")
    # and a bold header (Computer Modern bold, CMBX); the labels lie over the gutters and must not join the columns;
    # the taller sub-table's last row ("5 6") is a row, its numbers under numbers, with nothing in the other's columns.
    tables = page_tables(PMLR, 8, 8)
    assert next(t for t in tables if t.number == "6").grid() == [
        ["(a)", "(a)", "(b)", "(b)"],
        ["A", "B", "C", "D"],
        ["1", "2", "3", "4"],
        ["", "", "5", "6"],
    ]


def test_group_labels_over_trimmed_partial_rules_span_their_columns():
    # Table 1: "Frequency" and "Percentage" over \cmidrule(lr) pieces that, beside a narrow stub, cover most of the
    # width: a header row of group labels each spanning the two columns its rule covers, and the sub-header row under.
    tables = page_tables(DCC, 9, 9)
    grid = next(t for t in tables if t.number == "1").grid()
    assert grid[0] == ["", "Frequency", "Frequency", "Percentage", "Percentage"]
    assert grid[1][0] == "Issue"
    assert grid_accuracy(DCC, "1", tables) == 1.0


BRMS = "jss2017_brms_bayesian_multilevel_models"
COUNTS = "robust_statistics_double_rule_group_header_block_labels"
COIN = "robust_jss_centred_group_rows_boxed_numeric_header"


def test_capability_tables_rows_between_group_rules():
    # Tables 1-2: rules close groups of one-line rows under a label on a line of its own set off by extra space; the
    # space around the rules is the rules', not rows set apart by space. Labels no wider than the stub's entries stay
    # in the first cell; superscript footnote marks join their word ("yes1"); lower-case entries under lower-case
    # entries ("population-level priors" / "group-level priors") are rows, not one wrapped label.
    tables = page_tables(BRMS, 17, 18)
    first = next(t for t in tables if t.number == "1").grid()
    assert first[1] == ["Supported model types:", "", "", ""]
    assert first[8] == ["Survival models", "yes1", "yes", "yes"]
    assert grid_accuracy(BRMS, "1", tables) == 1.0
    assert grid_accuracy(BRMS, "2", tables) == 1.0


def test_statistics_table_with_a_group_header_and_block_labels():
    # A table of counts ruled above (double rule), under the header and at the bottom: the group header over four
    # value columns spans them (TeX's wider space after "No." is no column gap); the italic block labels keep to the
    # stub's cell.
    grid = next(t for t in page_tables(COUNTS, 8, 8) if t.number == "1").grid()
    assert grid == read_grid(DEV_GOLD / f"{COUNTS}.table1.tsv")


def test_header_cell_in_a_box_over_numeric_columns_and_centred_group_rows():
    # Table 1: one inner vertical rule fences the stub off; "time", left-aligned in the header box over twelve
    # value columns, fills the box. Table 4: centred group labels span their rows.
    boxed = page_tables(COIN, 2, 2)
    assert next(t for t in boxed if t.number == "1").grid()[0] == ["group"] + ["time"] * 12
    assert grid_accuracy(COIN, "4", page_tables(COIN, 16, 16)) == 1.0


def test_plots_are_not_tables_and_uncaptioned_boxes_are():
    # A forest plot (study labels and estimates around drawn error bars, p. 27), scatter plots whose frames carry
    # axis ticks (pp. 27, 32), a 2 x 2 array of cell names in the prose (p. 6): no table. The uncaptioned "Slot /
    # Class" boxes of the coin vignette (p. 5) are tables.
    for first, last in ((6, 6), (27, 27), (32, 32)):
        assert page_tables(JSS_GROUPS, first, last) == []
    slots = [t for t in page_tables(COIN, 5, 5) if not t.number]
    assert [t.grid()[0] for t in slots] == [["Slot", "Class"], ["Slot", "Class"]]


LME4 = ROOT / "benchmarks" / "papers" / "jss2015_lme4_linear_mixed_effects_models.pdf"


def test_caption_under_a_maths_table_keeps_neither_its_glyphs_nor_its_text_as_notes():
    # The big sums of the table's last row come out of the text layer a line low (TeX's extension font hangs them
    # under their origin), onto the caption's line and over its words; the caption starts left of the table, so
    # its tail alone was taken for the table's notes, and the next table with it.
    tables = {t.number: t for t in assemble_tables(read_pdf(LME4, pages=(8, 8)), [])}
    assert tables["3"].caption == (
        "Table 3: Dimensions of linear mixed models. The subscript i = 1, . . . , k denotes a specific"
        " random-effects term."
    )
    assert tables["3"].notes == ""
    assert "∑" not in tables["4"].caption and tables["4"].notes == ""
