"""Tables stage on real PDFs: the seed review against its cell-by-cell gold, real papers against the hand-made
grids of the dev split (gold/dev/<stem>.table<N>.tsv), scored like `reviewminer eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from pipeline.evaluate.gold import read_grid
from pipeline.evaluate.scoring import score_grid
from pipeline.extract.tables import Frame, assemble_tables, find_page_tables, table_cell_accuracy
from pipeline.extract.tables.layout import glue_offset_words, join_lines, merge_collinear
from pipeline.records import Passage, Table, TableCell

from conftest import real_pdf
from tables_shared import parsed, write_continued_booktabs_pdf, write_ruleless_tables_pdf

ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"
GOLD = ROOT / "tests" / "gold"
DEV_GOLD = ROOT / "gold" / "dev"


@pytest.fixture(scope="module")
def seed_pdf():
    return parsed(SEED_PDF)


@pytest.fixture(scope="module")
def seed_tables(seed_pdf) -> list[Table]:
    return assemble_tables(seed_pdf, [])


def by_number(tables: list[Table], number: str) -> Table:
    return next(t for t in tables if t.number == number)


# ---------------------------------------------------------------- seed review


def test_seed_tables_match_gold_cell_by_cell(seed_tables):
    gold = json.loads((GOLD / "seed_tables.json").read_text(encoding="utf-8"))
    result = table_cell_accuracy(seed_tables, gold)
    assert result["per_table"]["1"]["predicted_shape"] == [9, 6]
    assert result["per_table"]["2"]["predicted_shape"] == [8, 5]
    assert result["cell_accuracy"] == 1.0, result
    assert all(t["caption_ok"] for t in result["per_table"].values())


def test_seed_finds_only_the_two_tables(seed_tables):
    # Page 6 also holds a dashed figure placeholder box: it must not come out as a table.
    assert [(t.number, t.pages) for t in seed_tables] == [("1", [4]), ("2", [6, 7])]


def test_table_continued_on_next_page_is_one_table_without_repeated_header(seed_tables):
    table = by_number(seed_tables, "2")
    grid = table.grid()
    assert table.n_header_rows == 1
    assert sum(1 for row in grid if row[0] == "Modification strategies") == 1
    assert [row[1] for row in grid[1:5]] == [
        "Endogenous",
        "Endogenous",
        "Exogenous: sonication",
        "Exogenous: electroporation",
    ]
    pages = {cell.row: cell.page for cell in table.cells if cell.col == 2}
    assert pages[1] == 6 and pages[3] == 7


def test_row_spanning_cell_is_repeated_and_flagged(seed_tables):
    table = by_number(seed_tables, "2")
    first_col = sorted((c for c in table.cells if c.col == 0 and not c.is_header), key=lambda c: c.row)
    assert [c.text for c in first_col] == ["Drug-loading strategies"] * 4 + ["Engineered exosome biomembrane"] * 3
    # The merged cell starts on page 6 and is carried over the page break to page 7.
    assert [c.is_spanned for c in first_col] == [False, True, True, True, False, True, True]
    assert not any(c.is_spanned for c in table.cells if c.col > 0)


def test_multiline_cells_joined_in_reading_order_with_hyphens_kept(seed_tables):
    table = by_number(seed_tables, "1")
    grid = table.grid()
    assert grid[2][0] == "Ultrafiltration centrifugation"
    assert grid[1][3] == "Consumes time, the extracted exosomes may be damaged due to high-speed centrifugation"
    assert grid[3][4] == "2018, 2022"


def test_table_records_are_complete_for_the_table_index(seed_tables):
    table = by_number(seed_tables, "1")
    assert table.table_id == "t1"
    assert table.caption == "Table 1 Extraction method of exosomes"
    assert (table.n_rows, table.n_cols) == (9, 6)
    assert table.header() == ["Methods", "Definition", "Advantages", "Disadvantages", "Years", "References"]
    assert all(c.bbox is not None and c.page == 4 for c in table.cells)
    assert {c.row for c in table.cells if c.is_header} == {0}


def test_caption_passage_from_structure_is_preferred_when_longer(seed_pdf):
    page4 = seed_pdf.pages[3]
    caption = Passage(
        passage_id=1,
        kind="caption",
        section_path="",
        page=4,
        bbox=(0, 0, 1, 1),
        text="Table 1 Extraction method of exosomes (with their advantages)",
    )
    tables = assemble_tables(seed_pdf, [caption])
    assert by_number(tables, "1").caption == caption.text
    assert page4.raw_tables and page4.raw_tables[0].caption == "Table 1 Extraction method of exosomes"


def test_page_without_table_yields_nothing():
    with pdfplumber.open(SEED_PDF) as pdf:
        assert find_page_tables(pdf.pages[4]) == []  # page 5: two columns of prose


def test_reading_frame_round_trip():
    box = (10.0, 20.0, 30.0, 60.0)
    for frame in (Frame(1, 0), Frame(0, -1), Frame(-1, 0), Frame(0, 1)):
        assert frame.unbox(frame.box(box)) == pytest.approx(box)
    assert Frame(0, -1).rotation == 90


def test_rule_drawn_cell_by_cell_is_one_rule_with_joints():
    pieces = [(50.0, 100.0, 80.0, 100.2), (80.0, 100.0, 180.0, 100.2), (180.0, 100.0, 300.0, 100.2), (50, 300, 90, 300)]
    rules, joints = merge_collinear(pieces)
    assert (50.0, 100.0, 300.0, 100.2) in rules and len(rules) == 2
    assert [round(x) for x, _ in joints] == [80, 180]


def test_cell_lines_joined():
    vocabulary = {"definition"}
    assert join_lines([["Sal-"], ["monella", "typhi"]], vocabulary) == "Salmonella typhi"  # a word broken
    assert join_lines([["silver-"], ["gold"]], vocabulary) == "silver-gold"  # two words joined by a hyphen
    assert join_lines([["naringenin-7-O-"], ["rutinoside"]], vocabulary) == "naringenin-7-O-rutinoside"  # a locant
    assert join_lines([["Residues", "168-"], ["196"]], vocabulary) == "Residues 168-196"
    assert join_lines([["De\x00nition"]], vocabulary) == "Definition"  # a ligature without Unicode
    assert join_lines([["[BMIm][BF4]"], ["[BMpy][TfO]"]], vocabulary, breaks={1}) == "[BMIm][BF4]\n[BMpy][TfO]"


def test_subscripts_glued_to_their_word():
    def word(text, x0, x1, top, size=8.0):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size}

    line = [word("H", 10, 15, 100), word("2", 15, 18, 104, 5.6), word("O", 18, 23, 100), word("and", 25, 37, 100)]
    assert [w["text"] for w in glue_offset_words(line)] == ["H2O", "and"]


def test_cell_accuracy_counts_missing_and_extra_cells():
    gold = {"tables": [{"number": "1", "caption": "Table 1", "grid": [["a", "b"], ["c", "d"]]}]}
    assert table_cell_accuracy([], gold)["cell_accuracy"] == 0.0
    cells = [
        TableCell(row=r, col=c, text=t, is_header=r == 0, page=1)
        for r, c, t in [(0, 0, "a"), (0, 1, "b"), (1, 0, "c"), (1, 1, "x")]
    ]
    predicted = [Table(table_id="t1", number="1", caption="Table 1", pages=[1], cells=cells)]
    assert table_cell_accuracy(predicted, gold)["cell_accuracy"] == 0.75


# ---------------------------------------------------------------- real papers (hand-made gold grids)


def check_gold_grids(name: str, tables: list[Table], minimum: dict[str, float]) -> None:
    """Each grid of gold/dev/<stem>.table<N>.tsv, scored as `reviewminer eval` scores it, reaches its minimum
    exact-cell accuracy (the figure reached when the test was written)."""
    stem = Path(name).stem
    cells = {t.table_id: {(c.row, c.col): c.text for c in t.cells} for t in tables}
    scores = {}
    for number in minimum:
        grid = read_grid(DEV_GOLD / f"{stem}.table{number}.tsv")
        scores[number] = score_grid(number, grid, cells).accuracy
    assert all(scores[n] >= minimum[n] for n in minimum), f"{name}: cell accuracy per grid {scores}"


@pytest.fixture(scope="module")
def bmj_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf")), [])


@pytest.fixture(scope="module")
def emm_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("emm2023_eprs1_review_rotated_table.pdf")), [])


@pytest.fixture(scope="module")
def peerj_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("peerjcs2017_vespa_multipage_table.pdf")), [])


def test_bmj_ruled_tables(bmj_tables):
    # Captions and notes printed inside the table's box are taken out of the grid.
    assert [t.number for t in bmj_tables] == ["1", "2", "3", "4", "5", "6"]
    assert all(not t.grid()[0][0].lower().startswith("table") for t in bmj_tables)
    table4 = by_number(bmj_tables, "4")
    assert table4.n_header_rows == 2 and table4.header()[1] == "EPDS score Control group"  # small caps read as printed
    check_gold_grids("bmj2015_rct_exercise_smoking_pregnancy.pdf", bmj_tables, {str(n): 1.0 for n in range(1, 7)})


def test_emm_rotated_table_read_upright(emm_tables):
    table = by_number(emm_tables, "1")
    assert table.header()[:3] == ["Stimulus", "Functional domain", "Phosphorylation site"]
    assert table.grid()[1][0] == "IFN-γ" and table.grid()[1][-2] == "Inflammatory disease"
    check_gold_grids("emm2023_eprs1_review_rotated_table.pdf", emm_tables, {"1": 1.0})


def test_peerj_table_over_three_pages(peerj_tables):
    table = by_number(peerj_tables, "2")
    assert table.pages == [8, 9, 10]
    assert [row[0] for row in table.grid()].count("Model") == 1  # repeated headers dropped
    assert table.grid()[-1][0] == "modelAnull"
    assert table.notes.startswith("Notes.")
    check_gold_grids("peerjcs2017_vespa_multipage_table.pdf", peerj_tables, {"1": 1.0, "2": 1.0, "3": 1.0})


@pytest.fixture(scope="module")
def msphere_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("msphere2024_acinetobacter_resistance.pdf")), [])


def test_msphere_booktabs_tables(msphere_tables):
    # Horizontal rules only; the heat maps drawn with thousands of boxes on other pages are not tables. The FUNDING
    # box of the back matter (p17: "Funder | Grant(s) | Author(s)" between a top, a header and a bottom rule) is a
    # ruled grid without a caption: kept, its number empty.
    assert [t.number for t in msphere_tables] == ["1", "2", None]
    assert msphere_tables[2].grid()[0] == ["Funder", "Grant(s)", "Author(s)"]
    table = by_number(msphere_tables, "2")
    assert table.n_header_rows == 2 and table.header()[1:3] == ["AL04 MBEC", "AL04 MIC"]
    assert table.notes.startswith("aMBEC")
    check_gold_grids("msphere2024_acinetobacter_resistance.pdf", msphere_tables, {"1": 1.0, "2": 1.0})


@pytest.fixture(scope="module")
def singh_tables() -> list[Table]:
    return assemble_tables(parsed(real_pdf("singh2018_green_metal_nps_review.pdf")), [])


def test_singh_rules_drawn_cell_by_cell_continued_tables(singh_tables):
    # Rules drawn as one segment per cell are merged (the table is as wide as its rules, not its caption) and
    # their joints give the columns; Tables 2 and 3 continue on the next page under "Table N (continued)".
    assert [t.number for t in singh_tables] == ["1", "2", "3", "4"]
    assert [t.pages for t in singh_tables] == [[4], [5, 6], [8, 9], [13]]
    table2 = by_number(singh_tables, "2")
    assert table2.grid()[1] == ["Bacteria"] * 7  # a group label across the table, spanned
    assert all(c.is_spanned for c in table2.cells if c.row == 1 and c.col > 0)
    table1 = by_number(singh_tables, "1")
    assert table1.grid()[1][2:6] == [  # subscripts inline; one item per line kept as "\n"
        "AgBF4",
        "H2, 85 °C, 4 atm BIm as scavenger",
        "[BMIm][BF4]\n[BMIm][PF6]",
        "0.8–2.8\n1.3–4.4",
    ]
    table4 = by_number(singh_tables, "4")
    assert table4.grid()[2][2].split("\n")[0].startswith("(a) Due to its positive charge")  # hanging indent: a wrap
    check_gold_grids("singh2018_green_metal_nps_review.pdf", singh_tables, {"1": 1.0, "2": 1.0, "3": 1.0, "4": 1.0})


def test_uritu_rotated_rule_less_table_pages():
    # 90° text, 3 pt gutters, a species column empty on the page kept from its header, reference cells centred
    # on their row (their lines interleave with the row's line), "Table 1: Continued." on the next page.
    with pdfplumber.open(real_pdf("uritu2018_lamiaceae_pain_review_rotated.pdf")) as pdf:
        first, second = (find_page_tables(pdf.pages[n]) for n in (16, 17))
    assert len(first) == len(second) == 1
    first, second = first[0], second[0]
    assert first.rotation == second.rotation == 90 and second.continued and second.number == "1"
    assert len(first.rows[0]) == len(second.rows[0]) == 17
    assert first.rows[2][0] == "1" and first.rows[2][-1] == "[355, 357–359, 361, 364]"
    assert [row[0] for row in first.rows[2:]] == [str(n) for n in range(1, 34)]
    # "Plant name" spans the species columns; "Number" and "Compound" span both header rows.
    assert first.rows[0][9] == "Plant name" and first.span_origin[0][2] == first.span_origin[0][15] == (0, 9)
    assert first.span_origin[0][:2] == [(1, 0), (1, 1)]


def test_rotated_government_table_reads_state_names_upright():
    # The page-level detector, checked directly on the parsed page.
    with pdfplumber.open(real_pdf("robust_rotated_table_nics_usgov.pdf")) as pdf:
        raws = find_page_tables(pdf.pages[0])
    assert len(raws) == 1 and raws[0].rotation in (90, 270)
    assert raws[0].caption.startswith("NICS Firearm Background Checks")  # the title row over the whole table
    assert raws[0].rows[2][:3] == ["Alabama", "18,870", "23,022"]  # rules every five states: one row per state
    # Group labels over sub-headers in one ruled band, cut where the sub-header rules stop: two header rows, the
    # label spanning its group, the boxes as tall as the band ("State / Territory") carried into both rows.
    assert raws[0].n_header_rows == 2
    assert raws[0].rows[1][7:10] == ["Handgun", "Long Gun", "*Other"]
    assert raws[0].rows[0][7] == "Pre-Pawn" and raws[0].span_origin[0][8] == raws[0].span_origin[0][9] == (0, 7)
    assert raws[0].span_origin[1][0] == (0, 0) and raws[0].rows[0][0] == "State / Territory"
    assert raws[0].rows[-1][0] == "Totals" and raws[0].notes.startswith("NOTES:")  # the notes box is not a row
    first_column = " ".join(row[0] or "" for row in raws[0].rows)
    assert "State / Territory" in first_column and "Alabama" in first_column


def test_rotated_government_table_against_its_gold_grid():
    tables = assemble_tables(parsed(real_pdf("robust_rotated_table_nics_usgov.pdf")), [])
    assert len(tables) == 1 and tables[0].number is None  # no caption: kept, with no number
    check_gold_grids("robust_rotated_table_nics_usgov.pdf", tables, {"1": 1.0})


# ---------------------------------------------------------------- rule-less tables (generated PDF)


@pytest.fixture(scope="module")
def ruleless_pdf(tmp_path_factory):
    return parsed(write_ruleless_tables_pdf(tmp_path_factory.mktemp("tables") / "ruleless.pdf"))


def test_whitespace_table_under_caption(ruleless_pdf):
    tables = assemble_tables(ruleless_pdf, [])
    assert [t.number for t in tables] == ["3", "4", "5"]  # the framed text box is not a table
    table = by_number(tables, "3")
    assert table.caption == "Table 3 Pros and cons"
    assert table.grid() == [
        ["Method", "Pros", "Cons"],
        ["Electroporation", "High loading efficiency", "Aggregation of RNA, membrane damage"],
        ["Sonication", "Simple and fast", "Heat generation"],
        ["Incubation", "No equipment needed", "Low efficiency"],
    ]
    assert table.notes == "a Loading efficiencies as reported by the original studies."


def test_booktabs_table_with_horizontal_rules_only(ruleless_pdf):
    table = by_number(assemble_tables(ruleless_pdf, []), "4")
    assert table.pages == [2] and table.n_header_rows == 1
    assert table.grid() == [
        ["Treatment", "Effects", "Year"],
        ["Hypoxia", "Increased exosome yield and enhanced angiogenesis", "2020"],
        ["Melatonin", "Stronger anti-inflammatory effect", "2021"],
        ["Heat shock", "More heat shock proteins in exosomes", "2019"],
        ["Serum starvation", "Higher exosome yield", "2018"],
    ]


def test_caption_under_a_whitespace_table(ruleless_pdf):
    table = by_number(assemble_tables(ruleless_pdf, []), "5")
    assert table.caption == "Table 5 Carriers compared" and table.pages == [3]
    assert table.grid() == [
        ["Material", "Advantages", "Limitations"],
        ["Liposomes", "Biocompatible", "Poor stability"],
        ["Gold nanoparticles", "Easy to functionalize", "High cost"],
    ]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Table 1 Extraction method", "1"),
        ("TABLE IV Results", "IV"),
        ("table 2 | Compliance", "2"),
        ("Table S2. Primers", "S2"),
        ("Table It is shown", None),
        ("Tables 1 and 2 show", None),
    ],
)
def test_caption_numbers(line, number):
    from pipeline.extract.tables.captions import CAPTION_PATTERN

    match = CAPTION_PATTERN.match(line)
    assert (match.group(1) if match else None) == number


def test_uncaptioned_region_takes_the_caption_passage_next_to_it(seed_pdf):
    import copy

    pdf = copy.deepcopy(seed_pdf)
    raw = pdf.pages[3].raw_tables[0]
    raw.number, raw.caption = None, ""  # as if the page words had not shown the caption
    caption = Passage(
        passage_id=7,
        kind="caption",
        section_path="",
        page=4,
        bbox=(raw.bbox[0], raw.bbox[1] - 14, raw.bbox[0] + 150, raw.bbox[1] - 4),
        text="Table 1 Extraction method of exosomes",
    )
    far = Passage(passage_id=8, kind="caption", section_path="", page=4, bbox=(0, 0, 500, 10), text="Table 9 Far")
    table = assemble_tables(pdf, [far, caption])[0]
    assert (table.number, table.caption) == ("1", "Table 1 Extraction method of exosomes")


# ---------------------------------------------------------------- continued booktabs, tight gutters (generated PDF)


@pytest.fixture(scope="module")
def continued_booktabs_tables(tmp_path_factory) -> list[Table]:
    path = write_continued_booktabs_pdf(tmp_path_factory.mktemp("tables") / "continued.pdf")
    return assemble_tables(parsed(path), [])


def test_booktabs_part_without_closing_rule_joins_its_cont_page(continued_booktabs_tables):
    # Rules drawn cell by cell, no bottom rule at the page end, "Table 1. Cont." over a repeated header, and the
    # last row's second line printed on the next page.
    table = by_number(continued_booktabs_tables, "1")
    assert table.pages == [1, 2] and table.caption.startswith("Table 1. Plant extracts")
    rows = grid_rows(table)
    assert rows[0] == ["Plant", "Part used", "Nanoparticle", "Application"] and len(rows) == 1 + 40 + 3
    assert rows[41] == ["Ocimum sanctum", "Leaf", "Au", "Antibacterial against E. coli and S. aureus"]
    assert rows[-1] == ["Neem", "Bark", "Zn", "Antifungal"]


def test_three_point_gutters_beside_prose(continued_booktabs_tables):
    # A space is 2.2 pt, the gutters 3.2 pt; prose in the next column and the "Table 2: Abbreviations" footnote
    # are not part of the table.
    rows = grid_rows(by_number(continued_booktabs_tables, "2"))
    assert rows == [
        ["Method", "Pros", "Cons"],
        ["Electroporation", "Fast loading", "Damage"],
        ["Sonication", "Simple setup", "Heating"],
        ["Incubation", "No device", "Slow"],
        ["Extrusion", "High yield", "Costly"],
    ]


def test_block_labels_carried_down_and_items_kept_per_line(continued_booktabs_tables):
    table = by_number(continued_booktabs_tables, "3")
    rows = grid_rows(table)
    assert [row[0] for row in rows[1:]] == ["Lamiaceae"] * 3 + ["Asteraceae"] * 2 + ["Rosaceae"]
    assert [c.is_spanned for c in table.cells if c.col == 0 and c.row > 0] == [False, True, True, False, True, False]
    assert rows[5][1] == "Matricaria chamomilla"  # a wrapped label, no extra space: the same row
    assert rows[6][2] == "Reduced joint pain\nLower CRP levels\nBetter mobility"


def test_two_columns_of_justified_prose_under_a_caption_are_no_table(continued_booktabs_tables):
    # Page 4: "Table 4." captions an image; the justified prose under it, 12 pt apart, is not a two-column table.
    assert [t.number for t in continued_booktabs_tables] == ["1", "2", "3", "5"]


def test_wrapped_first_column_label_in_evenly_leaded_rows(continued_booktabs_tables):
    # "subsp. excelsa" could not have fitted after "Azadirachta indica" and starts in lower case: the same row;
    # "Lavandula" would have fitted after "Salvia", so that line break starts a row.
    rows = grid_rows(by_number(continued_booktabs_tables, "5"))
    assert [row[0] for row in rows] == [
        "Plant",
        "Rosmarinus officinalis",
        "Azadirachta indica subsp. excelsa",
        "Thymus vulgaris",
        "Salvia",
        "Lavandula",
    ]


def grid_rows(table: Table) -> list[list[str]]:
    n_rows, n_cols = max(c.row for c in table.cells) + 1, max(c.col for c in table.cells) + 1
    rows = [[""] * n_cols for _ in range(n_rows)]
    for cell in table.cells:
        rows[cell.row][cell.col] = cell.text
    return rows
