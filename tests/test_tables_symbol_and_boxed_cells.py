"""Term | description tables of layouts the gold lacked, on real one-page PDFs: symbol tables whose first column
holds displayed maths (big sums and delimiters of TeX's extension font, whose glyph boxes hang two sizes under
their formula); a command table whose commands are centred beside descriptions wrapping over several lines, a rule
between every two rows; a table without a top rule under the paragraph that leads to it; a code | name table
without any rule, followed by prose from the text margin; a booktabs option table with an alignment, a list and a
ruled box under its bottom rule; an option table whose commands are printed once beside their group's option
lines; key | explanation tables captioned below, a key wrapping to a bracketed gloss, a section heading under the
last caption; and a boxed two-column table whose cells wrap over several
lines at a one-and-a-half leading."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.tables import assemble_tables, find_page_tables
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

SYMBOLS = "robust_jss_maths_extension_symbol_tables"
THESIS = "robust_thesis_boxed_cells_wrapped_at_wide_leading"
COMMANDS = "robust_centred_commands_wrapped_meanings_ruled_rows"
CODES = "robust_ams_rule_less_code_table_prose_after"
OPTIONS = "robust_booktabs_option_table_spaced_rows_display_after"
STYLES = "robust_option_table_block_labels_ruled_groups_swatches"
KEYS = "robust_key_explanation_tables_stacked_captions_below_heading_after"


@pytest.fixture(scope="module")
def symbol_tables() -> dict[str | None, Table]:
    return {t.number: t for t in assemble_tables(parsed(real_pdf(f"{SYMBOLS}.pdf")), [])}


def test_extension_font_sums_and_delimiters_stay_in_their_formula(symbol_tables):
    # "q = ∑ki qi": the sum's box hangs two sizes low, level with the next row's "pi"; the binomial's parentheses
    # (one of them at code 0 of the font, which the text layer gives as NUL) hang under the last row.
    stub = [row[0] for row in symbol_tables["3"].grid()]
    assert stub[3] == "q = ∑ki qi"
    assert stub[4] == "pi"
    assert stub[8] == "mi = (pi+1)2"
    assert stub[9] == "m = ∑ki mi"
    assert grid_accuracy(SYMBOLS, "3", list(symbol_tables.values())) == 1.0


def test_symbol_table_of_bold_maths_is_read_whole(symbol_tables):
    grid = symbol_tables["4"].grid()
    assert (len(grid), len(grid[0])) == (10, 3)
    assert grid[3] == ["Xij", "pi × 1", "Column vector containing jth row of Xi"]
    assert grid_accuracy(SYMBOLS, "4", list(symbol_tables.values())) == 1.0


@pytest.fixture(scope="module")
def command_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf(f"{COMMANDS}.pdf")), [])


def test_rules_part_rows_whose_commands_are_centred_beside_wrapped_meanings(command_tables):
    # Under each rule the description's first line comes first, the centred command a half line lower: the rule,
    # not the line, starts the row, and every line down to the next rule is the row's.
    grid = next(t for t in command_tables if t.number == "1").grid()
    assert [row[0] for row in grid] == ["Command", "\\afterno", "\\afterw", "\\afterb", "\\beforeb", "\\beforeno"]
    assert grid[3][1] == "What comes between Black’s move and the (immediately) following move number"
    assert grid_accuracy(COMMANDS, "1", command_tables) == 1.0


def test_paragraph_over_a_table_without_top_rule_is_not_its_header(command_tables):
    # The leading paragraph's lines run across the text width, past both ends of the rules under the header and at
    # the bottom: the table starts at its header line.
    grid = next(t for t in command_tables if t.number == "2").grid()
    assert grid[0] == ["Level no.", "Context", "Font", "Delimiters"]
    assert len(grid) == 5
    assert grid_accuracy(COMMANDS, "2", command_tables) == 1.0


def test_prose_after_a_rule_less_table_ends_it():
    # The paragraph after the table starts at its indent, left of the centred table, a line and a half under the
    # last row: the table ends there, and its two columns (codes a few points from the names) are found.
    tables = assemble_tables(parsed(real_pdf(f"{CODES}.pdf")), [])
    grid = next(t for t in tables if t.number == "1").grid()
    assert (len(grid), len(grid[0])) == (14, 2)
    assert grid[-1] == ["mosc", "Transactions of the Moscow Mathematical Society"]
    assert grid_accuracy(CODES, "1", tables) == 1.0


def test_booktabs_table_ends_at_its_bottom_rule_over_text_at_wider_space():
    # Under the bottom rule (the third), a line and a half of space, wider than any gap between the rows above it,
    # then an alignment of abbreviations, a list, prose and a ruled box: the table ends at its bottom rule.
    tables = assemble_tables(parsed(real_pdf(f"{OPTIONS}.pdf")), [])
    grid = next(t for t in tables if t.number == "4").grid()
    assert (len(grid), len(grid[0])) == (7, 4)
    assert grid[5] == ["trackingfraction", "Fraction of normal inter-character spacing", "tracking", "0.975"]
    assert grid_accuracy(OPTIONS, "4", tables) == 1.0


def test_one_row_per_option_beside_a_block_label_between_group_rules():
    # "\\NotebookPar" is printed once, on its group's first line, beside "linecolor=<color>": that line is one
    # option like the six under it (identifiers do not wrap), and the two-line group of "\\MarkedPar" is two rows.
    tables = assemble_tables(parsed(real_pdf(f"{STYLES}.pdf")), [])
    grid = next(t for t in tables if t.number == "1").grid()
    assert len(grid) == 18
    assert grid[1] == ["\\NotebookPar", "linecolor=⟨color⟩", "SlateGray3!80"]
    assert grid[2] == ["\\NotebookPar", "intercolor=⟨color⟩", "green!20"]
    assert [row[1] for row in grid[15:17]] == ["mark=⟨symbol⟩", "position=⟨right|left⟩"]
    assert grid_accuracy(STYLES, "1", tables) == 1.0


def test_key_wrapped_to_a_bracketed_gloss_under_a_table_captioned_below():
    # Under Table 2's caption a larger section heading opens the next section: the table is the block above the
    # caption, and each key's bracketed second line ("(Direction)") goes on with the key, not a row of its own.
    tables = assemble_tables(parsed(real_pdf(f"{KEYS}.pdf")), [])
    grid = next(t for t in tables if t.number == "2").grid()
    assert [row[0] for row in grid] == ["Key", "/D", "/Di (Direction)", "/Dm (Dimension)", "/M (Motion)"]
    assert grid_accuracy(KEYS, "2", tables) == 1.0
    assert grid_accuracy(KEYS, "1", tables) == 1.0


def test_boxed_cells_wrapped_at_wide_leading_are_one_cell_each():
    # Each body cell's lines stand a full blank line apart (a thesis class's one-and-a-half spacing): the rule-less
    # reading under the caption takes each line for a row and fills more cells, but reads no text the boxes do not
    # hold, so the ruled reading stands. (The page is the class's lorem-ipsum sample, which the text-layer check of
    # `read_pdf` refuses as no known words; the tables stage reads it as ingest does.)
    with pdfplumber.open(real_pdf(f"{THESIS}.pdf")) as pdf:
        raws = find_page_tables(pdf.pages[0])
    assert [(raw.number, raw.ruled, len(raw.rows)) for raw in raws] == [("2.3", True, 3)]
    assert [row[0] for row in raws[0].rows] == ["Suspendisse potenti", "Vivamus semper", "Condimentum"]
    assert raws[0].rows[2][1].endswith("Vivamus facilisis suscipit neque, eu fermentum risus. Ut at mi mauris.")
