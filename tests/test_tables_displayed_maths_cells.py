"""Tables whose cells hold displayed maths, on a real PDF (the fitdistrplus vignette of the dev split, its
goodness-of-fit tables on pp. 7 and 9, read as a part): a rule over the header and under every row, each row a label
wrapped to a bracketed abbreviation beside formulas whose sums and maxima carry limits over and under them and whose
fractions stack a numerator and a denominator on a bar; under the last rule, a line defining the symbols ("where Fi
≜ F(xi)")."""

from __future__ import annotations

import pytest

from pipeline.extract import ingest
from pipeline.extract.tables import assemble_tables
from pipeline.extract.tables.layout import norm_space
from pipeline.records import Table

from conftest import real_pdf
from tables_shared import grid_accuracy

MATHS = "delignettemuller2014_fitdistrplus_distribution_fitting_estimation_methods_risk_assessment"


@pytest.fixture(scope="module")
def maths_tables() -> dict[str | None, Table]:
    return {t.number: t for t in assemble_tables(ingest.read_pdf(real_pdf(f"{MATHS}.pdf"), pages=(7, 9)), [])}


def stub(table: Table) -> list[str]:
    return [norm_space(row[0] or "") for row in table.grid()]


def test_each_ruled_band_of_displayed_maths_is_one_row(maths_tables):
    # The limits under "max" and "∑" and a fraction's parts overlap the lines above them: no row starts there, and
    # the bracketed abbreviation set a line lower than its label (the maths deepened the row) stays in it.
    assert stub(maths_tables["1"]) == [
        "Statistic",
        "Kolmogorov-Smirnov (KS)",
        "Cramer-von Mises (CvM)",
        "Anderson-Darling (AD)",
    ]
    assert stub(maths_tables["2"]) == [
        "Statistic",
        "Right-tail AD (ADR)",
        "Left-tail AD (ADL)",
        "Right-tail AD 2nd order (AD2R)",
        "Left-tail AD 2nd order (AD2L)",
        "AD 2nd order (AD2)",
    ]


def test_symbol_definitions_under_the_last_rule_are_a_note(maths_tables):
    for table in maths_tables.values():
        assert not any(text.startswith("where") for text in stub(table))
        assert "where F i = F(x i )" in table.notes
        assert "Table" not in table.notes  # the caption set under the note, in the caption's type, is not in it


def test_fractions_and_limits_read_in_line(maths_tables):
    computational = [norm_space(row[2] or "") for row in maths_tables["2"].grid()]
    assert computational[1].startswith("n/2 − 2 ∑ni=1 Fi − 1/n ∑ni=1")  # was "n2 − 2 i=1∑n Fi − n1 ∑n ..."
    assert computational[4] == "ad2l = 2 ∑ni=1 ln(Fi) + 1/n ∑ni=1 (2i−1)/Fi"
    assert norm_space(maths_tables["1"].grid()[2][2]).startswith("1/12n + ∑ni=1")
    # two maxima on successive lines of one cell, the first one's limit right over the second
    assert "D+ = maxi=1,...,n" in maths_tables["1"].grid()[1][2]
    assert "D− = maxi=1,...,n" in maths_tables["1"].grid()[1][2]
    assert grid_accuracy(MATHS, "1", list(maths_tables.values())) >= 7 / 12  # the rows, labels and plain cells
    assert grid_accuracy(MATHS, "2", list(maths_tables.values())) >= 10 / 18
