"""Statistics tables of model estimates, on real PDFs of gold/dev (table-only gold, see their NOTES.md): the
coefficient tables R packages print (xtable, texreg, huxtable) uncaptioned under a run-in title or captioned, with
one to four body rows between booktabs rules, right-aligned stubs, an empty header line, standard errors on a line
of their own; model-selection tables of check marks and dashes, notes ruled off under the body, block labels in the
stub's space; a box shaded cell by cell on every other row; R print output and plots that are not tables."""

from __future__ import annotations

import pytest

from pipeline.extract.ingest import read_pdf
from pipeline.extract.tables import assemble_tables
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import grid_accuracy

COEFFICIENTS = "robust_r_coefficient_tables_se_rows_right_stub"
MODEL_STEPS = "robust_stats_model_steps_estimates_indented_levels"


@pytest.fixture(scope="module")
def coefficient_tables() -> list[Table]:
    # Pages 13-15 only: the three xtable tables, the texreg table and the huxtable table.
    return assemble_tables(read_pdf(real_pdf(f"{COEFFICIENTS}.pdf"), pages=(13, 15)), [])


@pytest.fixture(scope="module")
def model_step_tables() -> list[Table]:
    return assemble_tables(read_pdf(real_pdf(f"{MODEL_STEPS}.pdf"), pages=(3, 8)), [])


def test_uncaptioned_coefficient_tables_between_booktabs_rules(coefficient_tables):
    # One to four body rows under a header rule, closed by a bottom rule of the same width; the stub of term names
    # is right-aligned under an empty header cell. Too short for a header-rule search that wants four rows.
    grids = [t.grid() for t in coefficient_tables if t.number is None and t.pages == [13]]
    assert grids[0] == [["", "Groups", "Name", "Std.Dev."], ["1", "Nest", "(Intercept)", "0.35019"]]
    assert grids[1][0] == ["", "Estimate", "Std. Error", "z value", "Pr(>|z|)"]
    assert grids[1][3] == ["SexParent1", "-0.03", "0.05", "-0.72", "0.47"]
    assert len(grids[2]) == 2
    for name in ("randomeffects", "fixedeffects", "zeroinflation"):
        assert grid_accuracy(COEFFICIENTS, name, coefficient_tables) == 1.0


def test_standard_errors_on_their_own_line_are_rows(coefficient_tables):
    # texreg: each estimate's standard error in parentheses on the line under it, at the common leading; the
    # significance legend under the bottom rule, above the caption, is a note.
    (owls,) = [t for t in coefficient_tables if t.number == "1"]
    grid = owls.grid()
    assert grid[1:3] == [["(Intercept)", "0.43∗∗∗"], ["", "(0.09)"]]
    assert len(grid) == 11
    assert all("p <" not in text for row in grid for text in row)


def test_empty_header_line_and_partial_rules(coefficient_tables):
    # huxtable: an empty header line under the top rule, partial rules (cell borders drawn white elsewhere, which
    # the text layer cannot tell): every printed line is a row.
    (huxtable,) = [t for t in coefficient_tables if t.pages == [15]]
    assert huxtable.grid()[0] == ["intercept (mean)", "0.427 ***", "(0.092)"]
    assert grid_accuracy(COEFFICIENTS, "huxtable", coefficient_tables) == 1.0


def test_model_selection_tables(model_step_tables):
    # Check marks and dashes stacked in the step columns are rows of their own; the notes ruled off under the body
    # are not rows; block labels longer than the stub's entries but ending before the first value column stay in
    # the first cell; the ten-column table rotated on its own page is read upright; a maths accent set over its
    # letter ("θ̂", read "θˆ" by left edges) is that letter's combining mark.
    for number in "12345":
        assert grid_accuracy(MODEL_STEPS, number, model_step_tables) == 1.0
    (first,) = [t for t in model_step_tables if t.number == "1"]
    grid = first.grid()
    assert grid[2] == ["Partner height", "√1", "—", "—"]
    assert grid[4] == ["Calculations by Pollet and Nettle (2009):", "", "", ""]
    assert grid[5][0] == "−2 · ℓ(θ̂)"
    assert all("Coefficient of this variable" not in text for row in grid for text in row)


def test_r_print_output_is_no_table(model_step_tables):
    # Page 6 prints R's summary of a logical vector ("Mode FALSE TRUE / logical 3 1531") in monospace above the
    # prose: two aligned lines, not a table.
    assert [t.number for t in model_step_tables if 6 in t.pages] == ["3"]


def test_zebra_shaded_box_and_figures_around_it():
    # car::Anova's boxed table shades every other row cell by cell: the fills' side edges stand only in the shaded
    # rows, and the header and white rows (no vertical edge, but a column's gap between their values) are rows of
    # three cells, not merged cells taken for a caption row and a notes row. The lattice plot on p5 (strips boxed
    # between the panels' frames) and the faceted plot on p17 (axis ticks standing out of each panel) are figures.
    path = real_pdf(f"{COEFFICIENTS}.pdf")
    tables = assemble_tables(read_pdf(path, pages=(4, 5)), []) + assemble_tables(read_pdf(path, pages=(17, 17)), [])
    assert [(t.pages, len(t.grid()), t.n_cols) for t in tables] == [([4], 5, 3)]
    assert grid_accuracy(COEFFICIENTS, "anova", tables) == 1.0
