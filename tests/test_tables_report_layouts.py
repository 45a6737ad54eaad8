"""Table layout classes from session 14's harvest, on real PDFs (table-only gold of gold/dev, see their NOTES.md,
and a vignette page of tests/data): a report writer's uncaptioned sheet whose header rule is drawn cell by cell with
block labels printed once per block; a boxed grid captioned under it with a code chunk under the caption; a
caption cut short by a radical's bar, and typewriter entries of signs and figures ("-1, -2, -3"); a Word table of
Chinese text under a slanted watermark, with header glyphs overhanging the column rules, continued on the next page
by two rows that show their spacing by one wider gap only."""

from __future__ import annotations

import pytest

from pipeline.extract.tables import assemble_tables
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

REPORT = "robust_report_cell_rule_pieces_block_labels"
BOXED_OVER_CAPTION = "robust_boxed_grid_over_caption_code_below"
VEGAN = "robust_tex_maths_extension_glyphs_vegan"
WORD_TABLE = "robust_word_table_slanted_watermark_text"


@pytest.fixture(scope="module")
def report_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf(f"{REPORT}.pdf")), [])


def test_uncaptioned_report_under_a_header_rule_drawn_cell_by_cell(report_tables):
    # Eleven rule pieces (7.5-49 pt each) make the one header rule; the body's county column is filled once per
    # block of three rows, figures set flush right reach left of their headers. A spacer piece is no column.
    assert [(t.number, t.pages, t.n_rows, t.n_cols) for t in report_tables] == [(None, [1], 52, 10)]
    grid = report_tables[0].grid()
    assert grid[0] == [
        "County", "Precincts", "Date/Period", "Democratic", "Green", "Libertarian", "No Labels", "Republican",
        "Other", "Total",
    ]  # fmt: skip
    assert grid[22][0] == grid[24][0] == "Maricopa" and grid[24][-1] == "2,406,677"
    assert report_tables[0].notes == "*Party was not a recognized party"
    assert grid_accuracy(REPORT, "1", report_tables) == 1.0


def test_wrapped_block_label_goes_on_with_the_label_above(report_tables):
    # "Santa" on the block's first row, "Cruz" on its second: every other label opens a block after a space.
    labels = [row[0] for row in report_tables[0].grid()[37:40]]
    assert labels == ["Santa Cruz"] * 3


def test_boxed_grid_over_its_caption_with_code_below():
    # The code chunk under the caption starts after a blank line; the grid ends right over the caption.
    tables = assemble_tables(parsed(real_pdf(f"{BOXED_OVER_CAPTION}.pdf")), [])
    assert [(t.number, t.n_rows, t.n_cols) for t in tables] == [("1", 6, 6)]
    assert grid_accuracy(BOXED_OVER_CAPTION, "1", tables) == 1.0


@pytest.fixture(scope="module")
def vegan_tables() -> dict[str | None, Table]:
    return {t.number: t for t in assemble_tables(parsed(real_pdf(f"{VEGAN}.pdf")), [])}


def test_caption_goes_on_past_a_radical_to_its_table(vegan_tables):
    # Table 1's caption has a fourth root in its fourth line (the root's bar is a short rule on that line's
    # height, its sign a glyph set apart, deep in the line): the caption goes on to its last line, and the
    # booktabs table under it is found.
    assert set(vegan_tables) == {"1", "2"}
    assert vegan_tables["1"].caption.endswith("(possibly with some additional constant multiplier).")
    assert (vegan_tables["1"].n_rows, vegan_tables["1"].n_cols) == (8, 3)
    assert vegan_tables["1"].grid()[7][0] == "rda, correlation=TRUE"


def test_typewriter_entries_of_signs_and_figures_are_one_cell(vegan_tables):
    # "-1, -2, -3" in a typewriter font: only two lettered words of that font on the page, but its signs and
    # punctuation share the figures' advance, which gives the font away as monospaced.
    scalings = vegan_tables["2"].grid()
    assert scalings[0] == ["", "Scaling", "Species constant", "Site constant"]
    assert [row[1] for row in scalings[1:]] == ["any", "1", "-1, -2, -3", "-1, -2, -3"]


def test_root_index_is_read_with_its_radical_sign(vegan_tables):
    # A fourth root's index "4" is a 5 pt glyph over the radical's left arm, higher than the radicand: it goes
    # into the sign ("∜"), not inside the formula ("√(n4 − 1)") or after the radicand ("uik√λk4"), also where the
    # sign was glued to the subscript before it.
    scalings = vegan_tables["2"].grid()
    assert scalings[1][2:] == ["∜(n − 1) ∑ λk", "∜(n − 1) ∑ λk"]
    assert scalings[2][3] == "√(n − 1) ∑k λk"
    assert vegan_tables["1"].grid()[6][1] == "uik∜λk / ∑ λk × const"


@pytest.fixture(scope="module")
def word_table() -> Table:
    (table,) = assemble_tables(parsed(real_pdf(f"{WORD_TABLE}.pdf")), [])
    return table


def test_slanted_watermark_letters_do_not_join_the_rows_they_cross(word_table):
    # A Word table with column rules and no row rules, under a watermark of six letters set at 45° (190 pt tall
    # boxes): the letters read in no frame, so the rows keep apart by their spacing.
    table = word_table
    grid = table.grid()
    assert (table.pages, table.n_rows, table.n_cols) == ([1, 2], 13, 5)
    # Header glyph boxes (full-width CJK) overhang the drawn column rules: the rules still part the cells.
    assert grid[0][1:3] == ["浸藥時間 (小時)", "稀釋倍數 (倍)"]
    assert [row[0] for row in grid[1:4]] == [
        "25.9%得克利水基乳劑 (Tebuconazole)",
        "50%免賴得可濕性粉劑 (Benomyl)",
        "40%免賴地可濕性粉劑 (Benomyl + Thiram)",
    ]
    assert [(row[1], row[2]) for row in grid[1:11]] == [
        ("24", "2,000"), ("4～12", "1,000"), ("4～12", "1,000"), ("6～12", "800"), ("6", "1,000"),
        ("", "60倍（每100公斤稻種用藥量110公撮）"), ("24", "1,000"), ("24", "1,000"), ("1～6", "2,000"),
        ("24", "2,000"),
    ]  # fmt: skip
    assert not any(cell.text in {"T", "A", "C", "R", "I"} for cell in table.cells)


def test_lines_of_a_script_without_spaces_join_without_one(word_table):
    # Chinese puts no space between words: a cell's line break, and the justification gaps inside a line, are none
    # either; a space stays between Chinese and Latin text ("水基乳劑 (Tebuconazole)").
    grid = word_table.grid()
    assert grid[0][0] == "藥劑名稱" and grid[1][3] == "稻種直接消毒24小時後，再浸水催芽。"
    assert grid[4][4] == "稻種消毒後不必水洗，陰乾後即可播種。"


def test_a_continued_part_keeps_the_row_mode_of_the_part_before(word_table):
    # Page 2 repeats the header over two rows of three printed lines each (a label wrapped over three lines, notes
    # over two). Their one wider gap is too little for a table of its own to be read as rows set apart by space, but
    # page 1's rows were: the continued part takes that mode, and a wrapped label is no new row.
    grid = word_table.grid()
    assert [row[:3] for row in grid[11:]] == [
        ["40%腐絕可濕性粉劑 (Thiabendazole)", "1～6", "2,000"],
        ["40%腐絕可濕性粉劑 (Thiabendazole)", "24", "1,500"],
    ]
    assert grid[11][3] == "稻種預先浸水催芽，然後以藥劑浸漬。" and grid[12][3] == "稻種直接消毒後再浸水催芽。"
    assert grid[12][4] == ""
