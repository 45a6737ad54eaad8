"""Table layouts of R vignettes and publisher classes the gold lacked, on real one- and two-page PDFs of gold/dev
(table-only gold, see their NOTES.md): tables captioned below with the R call or the paragraph that leads to them
printed right above their top rule; a boxed statistics table whose rules close groups of sub-rows under a group
label on a line of its own; a centred first column much narrower than its header; cells of R formulas in a
typewriter font, whose typed spaces line up like gutters; figures drawn as boxed panels and labels, which are no
tables; group sub-headings run from a right-aligned stub across its gutter; an APA caption whose title stands a
blank line under its label; maths cells whose minus signs the symbol font sets a line low; an uncaptioned plot of a
numbered grid, whose boxes are far taller than their labels."""

from __future__ import annotations

from pipeline.extract.tables import assemble_tables

from conftest import real_pdf
from tables_shared import grid_accuracy, parsed

XTABLE = "robust_xtable_code_chunk_over_caption_below_tables"
PARTYKIT = "robust_jss_prose_over_top_rule_caption_below"
QUANTREG = "robust_boxed_group_labels_over_stacked_rows_ruled_groups"
ACM = "robust_acm_header_wider_than_centred_column"
TYPEWRITER = "robust_jss_typewriter_code_cells_typed_spaces"
XTABLELIST = "robust_xtablelist_group_subheadings_right_stub"
APA = "robust_apa7_label_line_over_italic_title"
MATHS = "robust_latex_math_cells_symbol_font_minus"


def test_code_chunk_over_a_table_captioned_below_is_not_its_header():
    # A knitr code chunk ends a line and a half above each table's top rule, inside the table's width: the table
    # starts at its top rule.
    tables = assemble_tables(parsed(real_pdf(f"{XTABLE}.pdf")), [])
    numbered = {t.number: t for t in tables if t.number}
    for number in "12":
        assert numbered[number].grid()[0] == ["", "Df", "Deviance", "Resid. Df", "Resid. Dev"]
        assert not any("xtable" in cell.text for cell in numbered[number].cells)
        assert grid_accuracy(XTABLE, number, tables) == 1.0


def test_paragraph_over_a_table_captioned_below_is_not_its_header():
    # The paragraph leading to the table runs across the table's width at float spacing over its top rule.
    tables = assemble_tables(parsed(real_pdf(f"{PARTYKIT}.pdf")), [])
    table = next(t for t in tables if t.number == "1")
    assert len(table.grid()) == 4 and table.grid()[0][0] == "Response class"
    assert grid_accuracy(PARTYKIT, "1", tables) == 1.0


def test_group_labels_over_stacked_sub_rows_between_group_rules():
    # Each ruled band holds a bold group label on a line of its own over three sub-rows whose numbers sit on the
    # sub-rows' lines: the label is a row of its own, each sub-row another.
    tables = assemble_tables(parsed(real_pdf(f"{QUANTREG}.pdf")), [])
    grid = next(t for t in tables if t.number == "2").grid()
    assert len(grid) == 18
    assert grid[2] == ["Portnoy", "", "", "", "", "", ""]
    assert grid[3] == ["n = 100", "-0.0032", "0.0638", "0.0988", "0.0025", "0.0702", "0.1063"]
    assert grid_accuracy(QUANTREG, "2", tables) == 1.0


def test_sub_headings_across_a_right_aligned_stub_span_their_row():
    # "Number of cylinders = 4" starts at the table's left edge and runs over the gutter between the right-aligned
    # row names and the first value column: the stub stays its own column, the sub-heading spans its row, and in
    # the bold variant the bold sub-heading under the header rule is a body row.
    tables = assemble_tables(parsed(real_pdf(f"{XTABLELIST}.pdf")), [])
    for number in ("1", "sanitized"):
        assert grid_accuracy(XTABLELIST, number, tables) == 1.0
    table = next(t for t in tables if t.number == "1")
    assert table.grid()[2][:2] == ["Datsun 710", "22.80"]
    assert table.grid()[1] == ["Number of cylinders = 4"] * 7


def test_title_a_blank_line_under_a_label_alone_is_the_caption():
    # APA: "Table 1" in bold on its own line, the italic title a blank line lower over the top rule; the header
    # cell over "Onset" and "Coda" wraps over three lines, each spanning the two sub-headers.
    tables = assemble_tables(parsed(real_pdf(f"{APA}.pdf")), [])
    table = next(t for t in tables if t.number == "1")
    assert "A Complex Table" in table.caption
    assert table.grid()[0][:3] == ["Distribution type", *["Percentage of targets with segment in"] * 2]
    assert grid_accuracy(APA, "1", tables) == 1.0


def test_minus_signs_of_the_maths_symbol_font_stay_in_their_cells():
    # The maths symbol font states a descent of almost a whole size, so its minus signs' boxes sit most of a line
    # below the text they stand in: in a tight table they fell into the row under theirs.
    tables = assemble_tables(parsed(real_pdf(f"{MATHS}.pdf")), [])
    grid = next(t for t in tables if t.number == "3").grid()
    assert len(grid) == 12
    assert grid[3][1] == "log[γ/(1 − γ)]"
    assert grid[4][1:3] == ["1/[1 + exp(η)]", "Φ(η)"]
    assert grid[10][1] == "1 − exp[− exp(η)]"


def test_header_wider_than_its_centred_column_stays_one_cell():
    # "Non-English or Math" over a centred column of single glyphs reaches over the middle of the body's gutter; the
    # column edge goes where the header's own gap is.
    tables = assemble_tables(parsed(real_pdf(f"{ACM}.pdf")), [])
    table = next(t for t in tables if t.number == "1")
    assert table.header() == ["Non-English or Math", "Frequency", "Comments"]
    assert grid_accuracy(ACM, "2", tables) == 1.0


def test_typed_spaces_in_typewriter_code_cells_are_not_gutters():
    # Formula tokens one monospaced advance apart line up from row to row; the table has three columns.
    tables = assemble_tables(parsed(real_pdf(f"{TYPEWRITER}.pdf")), [])
    table = next(t for t in tables if t.number == "2")
    assert table.n_cols == 3
    assert table.grid()[2][:2] == ["0 + offset(o) + (1 | g)", "-1 + offset(o) + (1 | g)"]
    assert grid_accuracy(TYPEWRITER, "2", tables) == 1.0


def test_boxed_panels_and_labels_over_a_figure_caption_are_no_table():
    # Mosaic and association plots with strip labels in boxes, a viewport diagram of labelled boxes and a plot's
    # label boxes, each over its "Figure N:" caption with only the figure's own small or spaced-out labels between
    # the prose above and the caption: the line finder's grids there are the figures'.
    pdf = parsed(real_pdf("robust_figure_panels_boxed_labels_vcd.pdf"))
    assert assemble_tables(pdf, []) == []


def test_labels_in_boxes_far_taller_than_them_are_no_table():
    # An R plot of a 3 x 3 grid, each 70 pt box numbered at its centre in 7 pt type, uncaptioned, with no axes: a
    # table's rows are fitted to their text, these boxes are ten times as tall as theirs.
    pdf = parsed(real_pdf("robust_r_plot_numbered_grid_sp.pdf"))
    assert assemble_tables(pdf, []) == []


def test_notes_between_the_bottom_rule_and_a_caption_below_stay_out():
    # Two lines of notes ("Line 1 of Message") between the bottom rule and the caption under the table, the R call
    # right over its top rule: the table runs from its header to its last row.
    tables = assemble_tables(parsed(real_pdf("robust_xtable_notes_between_rule_and_caption_below.pdf")), [])
    table = next(t for t in tables if t.number == "1")
    texts = " ".join(cell.text for cell in table.cells)
    assert "Message" not in texts and "xtableList" not in texts and "caption" not in texts
    grid = table.grid()
    assert grid[0][-5:] == ["cyl", "disp", "hp", "drat", "wt"]
    assert grid[-1][-5:] == ["8", "276", "180", "3.1", "4.07"]


def test_a_character_outside_the_basic_plane_is_one_character():
    # A mathematical italic pi (U+1D70B) is two UTF-16 halves in pdfium's text page; each half alone is no text and
    # was dropped, leaving its table cell empty.
    pdf = parsed(real_pdf(f"{ACM}.pdf"))
    words = [word.text for word in pdf.pages[0].words]
    assert "\U0001d70b" in words
    assert not any(0xD800 <= ord(ch) < 0xE000 for word in words for ch in word)
    assert grid_accuracy(ACM, "1", assemble_tables(pdf, [])) == 1.0


def test_caption_set_under_a_tables_footnote_is_not_part_of_its_notes():
    # lme4 p19: the footnote of the table (small type, a superscript "a") stands under its bottom rule, and the
    # caption "Table 5: …" a line lower, in the caption's larger type: the notes end before the caption.
    stem = "robust_jss_table_note_over_caption_below"
    tables = assemble_tables(parsed(real_pdf(f"{stem}.pdf")), [])
    table = next(t for t in tables if t.number == "5")
    assert table.caption == "Table 5: Inputs into a linear mixed model."
    assert table.notes.startswith("aIn previous versions of lme4")
    assert table.notes.endswith("is not currently available.")
    assert grid_accuracy(stem, "5", tables) == 1.0


def test_lists_of_function_names_side_by_side_keep_one_name_per_row():
    # surveillance twinstim p12: four columns of typewriter function names, the Extract column going on alone for
    # four lines under the Display column's last name. A code name has no space to wrap at: each line is a row, and
    # neither is the last Display name a block label over them nor a lone name a group label across the table.
    stem = "robust_jss_function_lists_by_column_typewriter"
    tables = assemble_tables(parsed(real_pdf(f"{stem}.pdf")), [])
    grid = next(t for t in tables if t.number == "3").grid()
    assert len(grid) == 12
    assert grid[7:] == [
        ["checkResidualProcess", "residuals", "", ""],
        ["", "terms", "", ""],
        ["", "R0", "", ""],
        ["", "intensity.twinstim", "", ""],
        ["", "simpleR0", "", ""],
    ]
    assert grid_accuracy(stem, "3", tables) == 1.0
    assert grid_accuracy(stem, "4", tables) == 1.0


def test_a_name_in_a_typewriter_font_too_rare_to_measure_is_still_code():
    # surveillance hhh4 p9: "getNEweights" under "formula" is in an italic typewriter of which the page holds two
    # words of one length: its font's name says it is monospaced, so it is an entry of its own.
    stem = "robust_jss_function_lists_italic_typewriter_names"
    tables = assemble_tables(parsed(real_pdf(f"{stem}.pdf")), [])
    grid = next(t for t in tables if t.number == "1").grid()
    assert grid[-2:] == [["", "formula", "", ""], ["", "getNEweights", "", ""]]
    assert grid_accuracy(stem, "1", tables) == 1.0
