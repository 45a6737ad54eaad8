"""Booktabs tables of the gstat vignette (gold/dev): uncaptioned tabulars set inside a list (its a)-e) covariance
models), a top, header and bottom rule of one extent with a LaTeX column rule after the stub (`{r|rlrrr}`), open at
both sides; a value or a stub label shared by the rows of a block, set vertically centred beside them (\\multirow)."""

from __future__ import annotations

import pytest

from pipeline.extract.tables import assemble_tables

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

GSTAT = "graeler2016_gstat_spatio_temporal_kriging_covariance_models_pm10_interpolation"


@pytest.fixture(scope="module")
def list_tables():
    return assemble_tables(parsed(real_pdf(f"{GSTAT}.pdf")), [])


def test_booktabs_tabulars_with_a_stub_rule_are_found_without_a_caption(list_tables):
    uncaptioned = [t for t in list_tables if t.number is None]
    assert len(uncaptioned) == 5
    assert all(t.grid()[0][1:3] == ["partial sill", "model"] for t in uncaptioned)
    assert grid_accuracy(GSTAT, "metric", list_tables) == 1.0
    assert grid_accuracy(GSTAT, "summetric", list_tables) == 1.0


def test_a_value_centred_beside_two_rows_is_one_merged_cell_repeated_into_both(list_tables):
    # "124" (the separable model's joint sill) and k = 1.61 stand midway between the space and time rows.
    assert grid_accuracy(GSTAT, "separable", list_tables) == 1.0
    assert grid_accuracy(GSTAT, "productsum", list_tables) == 1.0
    separable = next(t for t in list_tables if t.number is None and t.grid()[0][-1] == "sp.-temp. sill")
    assert [row[-1] for row in separable.grid()[1:]] == ["124", "124"]
    assert [c.is_spanned for c in separable.cells if c.col == 5 and c.row > 0] == [False, True]


def test_a_stub_label_centred_beside_its_block_of_rows_spans_them(list_tables):
    # Table 2: "sum-metric" stands midway beside its Exp and Sph rows (bold minima set in a taller box among them):
    # two rows, the label one merged cell over both; not one row of two lines per cell.
    assert grid_accuracy(GSTAT, "2", list_tables) == 1.0
    grid = next(t for t in list_tables if t.number == "2").grid()
    assert grid[4][:3] == ["sum-metric", "Exp", "4.10"] and grid[5][:3] == ["sum-metric", "Sph", "3.74"]
