"""Stacked sub-tables of one float, on real one-page PDFs: blocks of different column sets parted by a double rule
are one table each, with their own header and the float's number and caption (gold/ANNOTATION.md, "Stacked
sub-tables"); blocks of the same columns parted by a double rule stay one grid."""

from __future__ import annotations

import pytest

from pipeline.extract.tables import assemble_tables
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

SPLIT = "robust_stacked_subtables_different_columns_double_rule"
SAME_COLUMNS = "robust_latex_math_cells_symbol_font_minus"


@pytest.fixture(scope="module")
def split_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf(f"{SPLIT}.pdf")), [])


def test_sub_tables_of_different_columns_are_read_each_under_its_own_header(split_tables):
    # A capability table too wide for the page, split in two under one caption: 5 columns over 4 others.
    assert [(len(t.grid()), len(t.grid()[0])) for t in split_tables] == [(8, 5), (8, 4)]
    assert split_tables[1].grid()[0] == ["Library", "Index Acceleration", "Dendrogram for OPTICS", "Language"]
    assert split_tables[1].grid()[2] == ["ELKI", "✓", "✓", "Java"]
    assert grid_accuracy(SPLIT, "1a", split_tables) == 1.0
    assert grid_accuracy(SPLIT, "1b", split_tables) == 1.0


def test_sub_tables_share_the_float_number_and_caption(split_tables):
    assert {t.number for t in split_tables} == {"1"}
    assert all(t.caption.startswith("Table 1: A Comparison of DBSCAN and OPTICS") for t in split_tables)
    assert len({t.table_id for t in split_tables}) == 2


def test_sub_tables_of_the_same_columns_stay_one_grid():
    tables = assemble_tables(parsed(real_pdf(f"{SAME_COLUMNS}.pdf")), [])
    assert [t.number for t in tables].count("3") == 1
    assert grid_accuracy(SAME_COLUMNS, "3", tables) == 1.0
