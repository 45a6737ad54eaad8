"""Table layouts beyond the journal papers: statistical tables ruled only between column groups, LaTeX tables
without outer borders, Word tables under centred titles beside a chart, booktabs tables whose midrules close groups
of rows, publishers' LaTeX classes (AAS deluxetables rotated and continued, a REVTeX longtable, APS ruledtabular
tables). Real PDFs of gold/dev (table-only gold, see their NOTES.md) and generated pages."""

from __future__ import annotations

import pytest

from pipeline.extract.ingest import read_pdf
from pipeline.extract.tables import assemble_tables
from pipeline.extract.tables.captions import SENTENCE_ABOUT_TABLE
from pipeline.extract.tables.layout import without_leader
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import (
    grid_accuracy,
    parsed,
    write_centred_captions_pdf,
    write_estimates_table_pdf,
    write_grouped_booktabs_pdf,
)


@pytest.fixture(scope="module")
def census_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("census2012_arrests_tables_usgov.pdf")), [])


def test_statistical_tables_ruled_between_column_groups(census_tables):
    # Vertical rules only between the groups and none on the outer sides; no rules between body rows; dot leaders;
    # a bracketed headnote between caption and top rule; labels wrapped with their values on the second line.
    assert [t.number for t in census_tables] == ["324", "325"]
    table = census_tables[0]
    assert table.caption == "Table 324. Arrests by Sex and Age: 2009"
    grid = table.grid()
    assert table.n_header_rows == 2
    assert grid[0] == ["Offense charged", *["Total"] * 3, *["Male"] * 3, *["Female"] * 3]
    assert grid[2][:2] == ["Total", "11,062.6"] and grid[4][0] == "Murder and nonnegligent manslaughter"
    assert not any("..." in text or ". ." in text for row in grid for text in row)
    for number in ("324", "325"):
        assert grid_accuracy("census2012_arrests_tables_usgov", number, census_tables) == 1.0


def test_latex_tables_without_outer_vertical_rules():
    # `{l|r|r|...}` with \hline: the stub column left of the first vertical rule and the column right of the last
    # one belong to the table (its horizontal rules run over them); uncaptioned, so no number.
    tables = assemble_tables(parsed(real_pdf("robust_open_sided_latex_tables_tabula.pdf")), [])
    assert [(t.number, t.pages, t.n_cols) for t in tables] == [
        (None, [1], 12),
        (None, [2], 5),
        (None, [2], 6),
        (None, [3], 3),
    ]
    assert tables[0].grid()[1][:2] == ["Mazda RX4", "21.0"]
    for number in "1234":
        assert grid_accuracy("robust_open_sided_latex_tables_tabula", number, tables) == 1.0


def test_titled_tables_beside_a_chart_are_four_separate_tables():
    # Centred titles that are no "Table N" captions; the chart's grid is not a table; two tables of the same width on
    # consecutive pages each open with their own header, so they are not one continued table; header cells whose
    # vertical rules sit a few points off the body's stay apart.
    tables = assemble_tables(parsed(real_pdf("robust_titled_ruled_tables_chart_img2table.pdf")), [])
    assert [(t.number, t.pages) for t in tables] == [(None, [1]), (None, [1]), (None, [2]), (None, [2])]
    assert tables[0].header() == ["sample", "blue LED value", "green LED value", "red LED value"]
    # The chart image's box overlaps the last row of the table above it, but its soft mask leaves that row visible.
    for number in "1234":
        assert grid_accuracy("robust_titled_ruled_tables_chart_img2table", number, tables) == 1.0


def test_booktabs_groups_between_midrules(tmp_path):
    tables = assemble_tables(parsed(write_grouped_booktabs_pdf(tmp_path / "grouped.pdf")), [])
    assert [t.number for t in tables] == ["7", "8"]  # the next caption ends the first table's region
    first = tables[0]
    assert first.caption.endswith("at the time of writing.")  # a caption of five lines, the last one centred
    assert [row[0] for row in first.grid()] == [
        "Datasets",
        "English",
        "MMLU",
        "GPQA",
        "Coding and reasoning benchmarks",
        "HumanEval",
        "MBPP",
        "MultiPL-E",
    ]
    assert first.grid()[4] == ["Coding and reasoning benchmarks"] * 5  # a centred group label spans its row
    assert first.grid()[6] == ["MBPP", "59.5", "74.6", "67.9", "70.9"]  # the label does not join two columns
    assert tables[1].grid() == [  # a small table under a wide caption: as wide as its rules, header to the midrule
        ["Datasets", "E", "F", "G", "H"],
        ["MMLU", "35.0", "37.9", "43.7", "52.4"],
        ["MBPP", "14.5", "37.8", "28.6", "51.9"],
        ["GSM8K", "11.3", "40.1", "35.3", "61.6"],
    ]


def test_prose_only_paper_has_no_table():
    assert assemble_tables(parsed(real_pdf("jner2016_fes_hand_opening.pdf")), []) == []


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["Total", ".", ".", "."], ["Total"]),
        (["Robbery......"], ["Robbery"]),
        (["etc.", "."], ["etc."]),
        (["Murder", "manslaughter.", ".", "."], ["Murder", "manslaughter"]),
        (["..."], ["..."]),
        (["e.g.", "Ag"], ["e.g.", "Ag"]),
    ],
)
def test_dot_leaders_are_not_cell_text(words, kept):
    assert without_leader(words) == kept


def test_short_centred_captions_over_and_under_wider_tables(tmp_path):
    tables = assemble_tables(parsed(write_centred_captions_pdf(tmp_path / "centred.pdf")), [])
    assert [t.number for t in tables] == ["1", "2"]
    assert tables[0].grid()[-1] == ["Dendrimers", "Monodisperse size", "Toxic at high generations"]
    assert tables[1].grid() == [
        ["Method", "Yield", "Purity of the product"],
        ["Ultracentrifugation", "Low yield overall", "High purity reported"],
        ["Precipitation", "High yield", "Low purity"],
    ]


def test_aas_deluxetables_rotated_table_continued_and_line_numbered_prose():
    # The rotated table's text matrix has scale 1 (the font size is in the font operator): glyph sizes come from
    # the glyphs' extent across the line. Header lines set with row spacing are one header row; the column numbers
    # stay a row; prose with margin line numbers after "Table 1 provides ..." is no table.
    tables = assemble_tables(parsed(real_pdf("robust_aastex_deluxetables_rotated_continued.pdf")), [])
    # Table 5 (p7), a deluxetable split into three stacked parts, is found from its first part (not scored).
    assert [(t.number, t.pages) for t in tables] == [("1", [6]), ("5", [7]), ("1", [16, 17])]
    messier, _, novae = tables
    assert messier.grid()[0][:4] == ["Messier Number", "NGC/IC Number", "Object Type", "Distance (kpc)"]
    assert messier.grid()[1] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert novae.n_header_rows == 1 and novae.header()[1] == "Vmax (mag)"
    stem = "robust_aastex_deluxetables_rotated_continued"
    assert grid_accuracy(stem, "1", [messier]) == 1.0 and grid_accuracy(stem, "1novae", [novae]) == 1.0


def test_longtable_with_one_space_gutter_and_centred_group_labels():
    # A long first-column entry runs to one word space from the second column: the column edge comes from the left
    # edge most lines share. Group labels centred across that edge are rows spanning both columns, also at the top
    # of a continuation page; "TABLE I (continued)" parts join with their repeated header dropped.
    tables = assemble_tables(parsed(real_pdf("robust_revtex_longtable_continued_summary.pdf")), [])
    table = tables[0]
    assert table.number == "I" and table.pages[:2] == [1, 2] and table.n_cols == 2
    grid = table.grid()
    assert grid[1] == ["Frequently Used Class Options"] * 2
    assert grid[6][0].startswith("[prl], [pra]") and grid[6][0].endswith("[physrev], [rmp]")
    assert grid[6][1] == "Further customize [aps] styling for APS journals."
    assert ["Frontmatter Commands"] * 2 in grid
    assert grid_accuracy("robust_revtex_longtable_continued_summary", "I", tables) >= 0.98


def test_aps_ruledtabular_rules_drawn_as_images():
    # The Scotch rules are one-pixel images stretched into bars; captions are paragraphs beside the other page
    # column, the last line one word; group labels centred over the gutter of two sub-headers span them.
    tables = assemble_tables(parsed(real_pdf("robust_aps_ruledtabular_tables_revtex.pdf")), [])
    assert sorted(t.number for t in tables) == ["I", "II", "III", "IV"]
    by_number = {t.number: t for t in tables}
    assert by_number["I"].caption.endswith("per APS style.")
    assert by_number["IV"].caption.endswith("done.") and by_number["IV"].n_cols == 8
    assert by_number["II"].grid()[1] == [
        "Ion",
        "1st alternative",
        "2nd alternative",
        "lst alternative",
        "2nd alternative",
    ]
    # A subscript stacked under a superscript ("D" with "4h" under "1") is written subscript first.
    assert by_number["II"].grid()[0] == ["", "D4h1", "D4h1", "D4h5", "D4h5"]
    stem = "robust_aps_ruledtabular_tables_revtex"
    assert grid_accuracy(stem, "I", tables) == 1.0 and grid_accuracy(stem, "III", tables) == 1.0
    assert grid_accuracy(stem, "IV", tables) >= 0.95


def test_mnras_table_continued_with_greek_star_names():
    # "Table 3 – continued" on the next page repeats the header; its rows start with a lower-case Greek letter ("δ
    # Pav"), which is no wrapped word. A caption's bold "Table 1." set a point lower than its line is one line.
    tables = assemble_tables(parsed(real_pdf("robust_mnras_guide_tables_continued.pdf")), [])
    numbers = [(t.number, t.pages) for t in tables]
    assert numbers == [("1", [3]), ("2", [4]), ("3", [4, 5]), ("4", [6]), ("5", [8]), ("A1", [9])]
    assert tables[0].caption.startswith("Table 1. Additional commands for special symbols")
    assert [row[0] for row in tables[2].grid()[-3:]] == ["τ Cet", "δ Pav", "σ Dra"]
    assert grid_accuracy("robust_mnras_guide_tables_continued", "5", tables) == 1.0


def test_a_part_of_the_document_read_alone_joins_its_continued_table():
    # A part of a document (`read_pdf`'s `pages`) holds its pages from the part's first page on: the continued
    # table is joined by page number, as in the whole document (it raised IndexError).
    part = read_pdf(real_pdf("robust_mnras_guide_tables_continued.pdf"), pages=(4, 5))
    tables = assemble_tables(part, [])
    assert [(t.number, t.pages) for t in tables] == [("2", [4]), ("3", [4, 5])]
    assert [row[0] for row in tables[1].grid()[-3:]] == ["τ Cet", "δ Pav", "σ Dra"]


def test_sentence_naming_a_table_is_no_caption():
    # "Table 4 shows a table that spans both text columns." in the running text of a two-column page.
    assert SENTENCE_ABOUT_TABLE.match("Table 4 shows a table that spans both text columns.")
    assert SENTENCE_ABOUT_TABLE.match("Table 1 provides some basic information")
    for caption in ("Table 1 A simple table", "Table 1. Fun facts", "Table 3 continued", "TABLE IV. A table"):
        assert not SENTENCE_ABOUT_TABLE.match(caption)


def test_estimates_table_with_model_names_over_column_pairs(tmp_path):
    # The table is as wide as its rules, not its caption under it; each model's name, centred over the gutter of its
    # two columns with no partial rule under it, spans them (a header row of its own over "Estimate" / "z").
    tables = assemble_tables(parsed(write_estimates_table_pdf(tmp_path / "estimates.pdf")), [])
    grid = next(t for t in tables if t.number == "2").grid()
    assert grid[0] == ["", "Poisson", "Poisson", "Hurdle (count)", "Hurdle (count)", "Hurdle (zero)", "Hurdle (zero)"]
    assert grid[1] == ["", "Estimate", "z", "Estimate", "z", "Estimate", "z"]
    assert grid[2] == ["(Intercept)", "1.029", "42.5", "1.406", "58.0", "0.016", "0.11"]
    assert grid[-1] == ["gendermale", "−0.112", "−8.6", "−0.062", "−4.8", "−0.416", "−4.73"]
    assert len(grid) == 7


def test_joining_wrapped_header_lines_keeps_the_spans_below_pointing_at_their_rows():
    """Two header lines joined into one row move every row below up by one: a merged cell's origin moves with its
    row (an origin left pointing one row down read past the table's end: an IndexError that lost a whole paper)."""
    from pipeline.extract.tables.assemble import merge_parts
    from pipeline.extract.tables.ruleless import join_wrapped_header_lines
    from pipeline.records import RawTable

    box = (0.0, 0.0, 1.0, 1.0)
    raw = RawTable(
        page=1,
        bbox=(0.0, 0.0, 100.0, 100.0),
        rows=[["Distance", "Messier"], ["(kpc)", "Number"], ["Group A", None], ["x", "1"], ["y", "2"]],
        cell_bboxes=[[box, box] for _ in range(5)],
        strategy="text",
        span_origin=[[None, None], [None, None], [None, (2, 0)], [None, None], [None, None]],
        n_header_rows=2,
    )
    join_wrapped_header_lines(raw)
    assert raw.rows[0] == ["Distance (kpc)", "Messier Number"] and raw.n_header_rows == 1
    assert raw.span_origin[1] == [None, (1, 0)]  # the group label's span, now on row 1
    table = merge_parts([raw], "t1")
    assert [(c.row, c.col, c.text, c.is_spanned) for c in table.cells if c.row == 1] == [
        (1, 0, "Group A", False),
        (1, 1, "Group A", True),
    ]
