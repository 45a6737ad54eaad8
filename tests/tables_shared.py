"""Parsed PDFs shared by the table test modules, so each PDF is read once per test session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.evaluate.gold import read_grid
from pipeline.evaluate.scoring import score_grid
from pipeline.extract.ingest import read_pdf
from pipeline.records import PdfContent, Table

ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"
DEV_GOLD = ROOT / "gold" / "dev"


def grid_accuracy(stem: str, number: str, tables: list[Table]) -> float:
    """Exact-cell accuracy of the best-matching table against gold/dev/<stem>.table<number>.tsv."""
    cells = {t.table_id: {(c.row, c.col): c.text for c in t.cells} for t in tables}
    return score_grid(number, read_grid(DEV_GOLD / f"{stem}.table{number}.tsv"), cells).accuracy


def parsed(path: Path = SEED_PDF) -> PdfContent:
    return _parsed(Path(path).resolve())


@lru_cache(maxsize=8)
def _parsed(path: Path) -> PdfContent:
    return read_pdf(path)


def draw_rows(page, rows: list[tuple[float, list[str]]], columns: list[float], font: str, size: float) -> None:
    page.setFont(font, size)
    for y, texts in rows:
        for x, text in zip(columns, texts, strict=True):
            if text:
                page.drawString(x, y, text)


PROSE_LINE = (
    "Prose continues here with ordinary sentences that fill the whole text column from the left margin to the right."
)


def prose(page, y: float, lines: int) -> None:
    page.setFont("Helvetica", 9)
    for index in range(lines):
        page.drawString(60, y - 12 * index, PROSE_LINE)


def write_ruleless_tables_pdf(path: Path) -> Path:
    """Page 1: a whitespace-aligned table (wrapped cell, footnote) and a framed text box; page 2: booktabs;
    page 3: a whitespace table with its caption under it."""
    page = canvas.Canvas(str(path), pagesize=A4)  # 595 x 842 points; reportlab's y grows upwards
    prose(page, 800, 3)
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 752, "Table 3 Pros and cons")
    columns = [60, 200, 380]
    draw_rows(page, [(736, ["Method", "Pros", "Cons"])], columns, "Helvetica-Bold", 8)
    body = [
        (722, ["Electroporation", "High loading efficiency", "Aggregation of RNA,"]),
        (712, ["", "", "membrane damage"]),
        (696, ["Sonication", "Simple and fast", "Heat generation"]),
        (682, ["Incubation", "No equipment needed", "Low efficiency"]),
    ]
    draw_rows(page, body, columns, "Helvetica", 8)
    page.setFont("Helvetica", 6)
    page.drawString(60, 668, "a Loading efficiencies as reported by the original studies.")
    prose(page, 636, 4)
    # A framed text box: one ruled cell, not a table.
    page.rect(55, 440, 480, 60)
    prose(page, 485, 3)
    page.showPage()
    # Page 2: booktabs (horizontal rules only).
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 790, "Table 4 Effects of preconditioning on exosomes")
    for y in (780, 760, 690):
        page.line(60, y, 530, y)
    columns = [60, 200, 470]
    draw_rows(page, [(766, ["Treatment", "Effects", "Year"])], columns, "Helvetica-Bold", 8)
    rows = [
        (748, ["Hypoxia", "Increased exosome yield and enhanced angiogenesis", "2020"]),
        (734, ["Melatonin", "Stronger anti-inflammatory effect", "2021"]),
        (720, ["Heat shock", "More heat shock proteins in exosomes", "2019"]),
        (706, ["Serum", "Higher exosome yield", "2018"]),
        (698, ["starvation", "", ""]),  # a wrapped first-column cell, no extra space: the same row
    ]
    draw_rows(page, rows, columns, "Helvetica", 8)
    prose(page, 680, 4)
    page.showPage()
    # Page 3: a whitespace table whose caption is printed under it.
    prose(page, 800, 3)
    draw_rows(page, [(748, ["Material", "Advantages", "Limitations"])], [60, 220, 400], "Helvetica-Bold", 8)
    rows = [
        (734, ["Liposomes", "Biocompatible", "Poor stability"]),
        (720, ["Gold nanoparticles", "Easy to functionalize", "High cost"]),
    ]
    draw_rows(page, rows, [60, 220, 400], "Helvetica", 8)
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 700, "Table 5 Carriers compared")
    prose(page, 670, 4)
    page.showPage()
    page.save()
    return path


def booktabs_rule(page, y: float, columns: list[float], right: float) -> None:
    """A booktabs rule drawn as one segment per column, as some journals' typesetting does."""
    edges = [*columns, right]
    for left, end in zip(edges, edges[1:], strict=False):
        page.line(left, y, end, y)


def write_continued_booktabs_pdf(path: Path) -> Path:
    """A one-column journal page: a booktabs table (rules drawn cell by cell) with no closing rule at the page end,
    continued under "Table 1. Cont." with its header repeated, a row split by the page break; a tightly set
    rule-less table (3 pt gutters) beside prose; a "Table 2: Abbreviations" footnote under it."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 3)
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 756, "Table 1. Plant extracts used to make metal nanoparticles.")
    columns, right = [60, 170, 250, 330], 530
    booktabs_rule(page, 748, columns, right)
    draw_rows(page, [(738, ["Plant", "Part used", "Nanoparticle", "Application"])], columns, "Helvetica-Bold", 8)
    booktabs_rule(page, 732, columns, right)
    body = []
    y = 720.0
    for index in range(40):
        body.append((y, [f"Plant species {index + 1}", "Leaf", "Ag", f"Antibacterial use number {index + 1}"]))
        y -= 14
    draw_rows(page, body, columns, "Helvetica", 8)
    # The last row of the page wraps; its second line is printed on the next page.
    draw_rows(
        page, [(y, ["Ocimum sanctum", "Leaf", "Au", "Antibacterial against E. coli and"])], columns, "Helvetica", 8
    )
    page.setFont("Helvetica", 7)
    page.drawString(60, 30, "Materials 2018, 11, 940")
    page.showPage()
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 800, "Table 1. Cont.")
    booktabs_rule(page, 792, columns, right)
    draw_rows(page, [(782, ["Plant", "Part used", "Nanoparticle", "Application"])], columns, "Helvetica-Bold", 8)
    booktabs_rule(page, 776, columns, right)
    rows = [
        (766, ["", "", "", "S. aureus"]),
        (752, ["Aloe vera", "Gel", "Ag", "Wound healing"]),
        (738, ["Neem", "Bark", "Zn", "Antifungal"]),
    ]
    draw_rows(page, rows, columns, "Helvetica", 8)
    booktabs_rule(page, 730, columns, right)
    prose(page, 700, 4)
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 630, "Table 2. Methods compared.")
    tight = [60, 117, 166.5]  # 3 pt gutters (a space is 2.2 pt): "Electroporation" and "Simple setup" end 3 pt short
    draw_rows(page, [(616, ["Method", "Pros", "Cons"])], tight, "Helvetica-Bold", 8)
    method_rows = [
        (604, ["Electroporation", "Fast loading", "Damage"]),
        (594, ["Sonication", "Simple setup", "Heating"]),
        (584, ["Incubation", "No device", "Slow"]),
        (574, ["Extrusion", "High yield", "Costly"]),
    ]
    draw_rows(page, method_rows, tight, "Helvetica", 8)
    page.setFont("Helvetica", 7)
    page.drawString(60, 560, "Table 2: Abbreviations: EV, extracellular vesicle.")
    page.setFont("Helvetica", 9)
    for index in range(8):  # prose in the right half beside the table
        page.drawString(300, 616 - 12 * index, "Prose in the second column runs on beside the table.")
    page.showPage()
    # Page 3: a booktabs table whose group labels ("Lamiaceae") are printed once per block, a first-column label
    # wrapped over two lines, and a label centred beside a cell that lists one item per line.
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 790, "Table 3. Plants and their effects.")
    columns, right = [60, 160, 280], 530
    booktabs_rule(page, 782, columns, right)
    draw_rows(page, [(772, ["Family", "Plant", "Effect"])], columns, "Helvetica-Bold", 8)
    booktabs_rule(page, 766, columns, right)
    rows = [
        (754, ["Lamiaceae", "Melissa officinalis", "Reduced pain"]),
        (740, ["", "Salvia officinalis", "Lower inflammation"]),
        (726, ["", "Thymus vulgaris", "Analgesic effect"]),
        (712, ["Asteraceae", "Arnica montana", "Reduced swelling"]),
        (698, ["", "Matricaria", "Calming effect"]),
        (690, ["", "chamomilla", ""]),
        (676, ["Rosaceae", "Rosa canina", "Reduced joint pain"]),
        (668, ["", "", "Lower CRP levels"]),
        (660, ["", "", "Better mobility"]),
    ]
    draw_rows(page, rows, columns, "Helvetica", 8)
    booktabs_rule(page, 652, columns, right)
    prose(page, 630, 4)
    page.showPage()
    # Page 4: a table printed as an image (no text), its caption under it, then two columns of justified prose
    # 12 pt apart right under the caption.
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 640, "Table 4. Imaging methods compared.")
    for column_left in (60, 301):
        justified(page, column_left, 626, 229, 12)
    page.showPage()
    # Page 5: rows not set apart by extra space (one leading throughout); a long plant name wraps in the first
    # column, short ones do not.
    page.setFont("Helvetica-Bold", 9)
    page.drawString(60, 790, "Table 5. Compounds and effects.")
    columns, right = [60, 160, 280], 530
    booktabs_rule(page, 782, columns, right)
    draw_rows(page, [(772, ["Plant", "Compound", "Effect"])], columns, "Helvetica-Bold", 8)
    booktabs_rule(page, 766, columns, right)
    rows = [
        (756, ["Rosmarinus officinalis", "Carnosic acid", "Reduced pain"]),
        (746, ["Azadirachta indica", "Nimbin", "Antifungal"]),
        (736, ["subsp. excelsa", "", ""]),
        (726, ["Thymus vulgaris", "Thymol", "Analgesic"]),
        (716, ["Salvia", "Rosmarinic acid", "Lower inflammation"]),
        (706, ["Lavandula", "Linalool", "Calming"]),
    ]
    draw_rows(page, rows, columns, "Helvetica", 8)
    booktabs_rule(page, 698, columns, right)
    prose(page, 676, 4)
    page.showPage()
    page.save()
    return path


WORDS = "the methods were compared on accuracy cost speed and safety in every study we found so far".split()


def justified(page, left: float, top: float, width: float, lines: int) -> None:
    """Lines of running text spread to the full column width, as justified prose is set."""
    page.setFont("Helvetica", 9)
    for index in range(lines):
        words = [WORDS[(index * 3 + k) % len(WORDS)] for k in range(7)]
        widths = [page.stringWidth(w, "Helvetica", 9) for w in words]
        space = (width - sum(widths)) / (len(words) - 1)
        x = left
        for word, word_width in zip(words, widths, strict=True):
            page.drawString(x, top - 12 * index, word)
            x += word_width + space


def write_grouped_booktabs_pdf(path: Path) -> Path:
    """A LaTeX-style page of two booktabs tables stacked close together: a five-line caption (its last line centred
    and short), rules only at the top, under the header, around each centred group label ("English", "Coding") and at
    the bottom, so each band between midrules holds several rows; a group label over two columns' gutter; the
    second table's caption a few points under the first table's bottom rule."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 9)
    caption = [
        "Table 7: Performance of dense and mixture models. We compare the instruction-tuned models with",
        "the baselines of similar size on English, coding and mathematics benchmarks, each scored by the",
        "evaluation harness of its authors. The best score of each row is set in bold in the original print",
        "and the dashes mark benchmarks that were not run for a model of that size or kind at the time",
        "of writing.",
    ]
    for index, line in enumerate(caption):
        page.drawString(80, 800 - 11 * index, line)
    columns, right = [80, 230, 310, 390, 470], 530
    page.setLineWidth(0.8)
    page.line(80, 744, right, 744)
    draw_rows(page, [(734, ["Datasets", "Model A", "Model B", "Model C", "Model D"])], columns, "Helvetica-Bold", 8)
    page.setLineWidth(0.4)
    page.line(80, 728, right, 728)
    y = 718.0

    def group(label: str, rows: list[list[str]]) -> None:
        nonlocal y
        page.setFont("Helvetica-Oblique", 8)
        page.drawCentredString((80 + right) / 2, y, label)
        page.line(80, y - 5, right, y - 5)
        y -= 15
        draw_rows(page, [(y - 10 * i, row) for i, row in enumerate(rows)], columns, "Helvetica", 8)
        y -= 10 * len(rows)
        page.line(80, y + 5, right, y + 5)
        y -= 5

    group("English", [["MMLU", "71.4", "76.8", "74.8", "75.4"], ["GPQA", "-", "-", "30.8", "34.3"]])
    group(
        "Coding and reasoning benchmarks",
        [
            ["HumanEval", "45.1", "75.2", "68.3", "79.9"],
            ["MBPP", "59.5", "74.6", "67.9", "70.9"],
            ["MultiPL-E", "-", "-", "50.7", "66.4"],
        ],
    )
    page.setLineWidth(0.8)
    page.line(80, y + 4, right, y + 4)
    page.setFont("Helvetica", 9)
    # Table 8: a small table centred under a caption that runs over the text width; its rules are its width.
    page.drawString(80, y - 12, "Table 8: Smaller models compared on two benchmarks, scored as in Table 7 above it.")
    small, rule_left, rule_right = [180, 250, 300, 350, 400], 180, 440
    page.line(rule_left, y - 20, rule_right, y - 20)
    draw_rows(page, [(y - 30, ["Datasets", "E", "F", "G", "H"])], small, "Helvetica-Bold", 8)
    page.setLineWidth(0.4)
    page.line(rule_left, y - 36, rule_right, y - 36)
    body = [(y - 46, ["MMLU", "35.0", "37.9", "43.7", "52.4"]), (y - 56, ["MBPP", "14.5", "37.8", "28.6", "51.9"])]
    body.append((y - 66, ["GSM8K", "11.3", "40.1", "35.3", "61.6"]))
    draw_rows(page, body, small, "Helvetica", 8)
    page.setLineWidth(0.8)
    page.line(rule_left, y - 72, rule_right, y - 72)
    prose(page, y - 100, 6)
    page.showPage()
    page.save()
    return path


def write_centred_captions_pdf(path: Path) -> Path:
    """Rule-less tables wider than their short centred captions: one caption over its table, one under it."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 3)
    page.setFont("Helvetica-Bold", 9)
    page.drawCentredString(297, 750, "Table 1. Carriers compared.")
    columns = [80, 230, 380]
    rows = [
        (734, ["Material", "Advantages", "Limitations"]),
        (720, ["Liposomes", "Biocompatible and cheap", "Poor stability in serum"]),
        (706, ["Gold nanoparticles", "Easy to functionalize", "High cost of synthesis"]),
        (692, ["Dendrimers", "Monodisperse size", "Toxic at high generations"]),
    ]
    draw_rows(page, rows[:1], columns, "Helvetica-Bold", 8)
    draw_rows(page, rows[1:], columns, "Helvetica", 8)
    prose(page, 650, 4)
    draw_rows(page, [(580, ["Method", "Yield", "Purity of the product"])], columns, "Helvetica-Bold", 8)
    draw_rows(
        page,
        [
            (566, ["Ultracentrifugation", "Low yield overall", "High purity reported"]),
            (552, ["Precipitation", "High yield", "Low purity"]),
        ],
        columns,
        "Helvetica",
        8,
    )
    page.setFont("Helvetica-Bold", 9)
    page.drawCentredString(297, 532, "Table 2. Isolation methods.")
    prose(page, 500, 4)
    page.showPage()
    page.save()
    return path


def write_estimates_table_pdf(path: Path) -> Path:
    """A statistics table of model estimates as journals of statistics set it: model names centred over their
    column pairs with no partial rule under them, rules only above and under the header and at the bottom, signed
    decimal columns right-aligned, the caption under the table and narrower than it."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 2)
    page.setLineWidth(0.6)
    page.line(90, 760, 505, 760)
    page.setFont("Times-Roman", 10)
    for centre, name in ((240, "Poisson"), (345, "Hurdle (count)"), (450, "Hurdle (zero)")):
        page.drawCentredString(centre, 748, name)
    rights = [230, 280, 335, 385, 440, 490]
    for right, text in zip(rights, ["Estimate", "z"] * 3, strict=True):
        page.drawRightString(right, 734, text)
    page.line(90, 730, 505, 730)
    rows = [
        ("(Intercept)", ["1.029", "42.5", "1.406", "58.0", "0.016", "0.11"]),
        ("hosp", ["0.165", "27.5", "0.159", "26.4", "0.318", "3.49"]),
        ("healthpoor", ["0.248", "13.8", "0.254", "14.1", "−0.547", "−4.18"]),
        ("numchron", ["0.147", "29.4", "0.102", "20.4", "0.538", "11.96"]),
        ("gendermale", ["−0.112", "−8.6", "−0.062", "−4.8", "−0.416", "−4.73"]),
    ]
    y = 718
    for name, values in rows:
        page.drawString(95, y, name)
        for right, value in zip(rights, values, strict=True):
            page.drawRightString(right, y, value)
        y -= 12
    page.line(90, y + 8, 505, y + 8)
    page.drawString(120, y - 12, "Table 2: Estimated coefficients of the two models.")
    prose(page, y - 40, 3)
    page.save()
    return path


def write_narrow_grid_caption_beside_pdf(path: Path) -> Path:
    """A narrow boxed grid centred in a wide text column, its caption under it starting at the column's left margin,
    far left of the grid (an instance table of a survey: one column of names, numeric columns)."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 3)
    columns, right = [250, 300, 345], 390
    rows = [("Inst.", "E", "R")] + [(f"{index:02d}", str(300 + 10 * index), str(10 + index)) for index in range(1, 9)]
    top = 750.0
    for index, texts in enumerate(rows):
        y = top - 12 * index
        page.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 8)
        for x, text in zip(columns, texts, strict=True):
            page.drawString(x + 3, y - 9, text)
        page.line(columns[0], y, right, y)
    bottom = top - 12 * len(rows)
    page.line(columns[0], bottom, right, bottom)
    for x in [*columns, right]:
        page.line(x, top, x, bottom)
    page.setFont("Helvetica", 9)
    page.drawString(60, bottom - 14, "Table 2: Features of the benchmark instances. Symbol definition: E (Events),")
    page.drawString(60, bottom - 25, "R (Rooms), as given by the organisers of the competition for every instance.")
    prose(page, bottom - 60, 5)
    page.showPage()
    page.save()
    return path


def write_tight_figures_table_pdf(path: Path) -> Path:
    """A booktabs table of figures only (instance sizes and densities), every entry one token, right-aligned columns
    with gutters just under 6 pt at 9 pt type: no phrase of several words to measure a word space on."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 3)
    page.setFont("Helvetica", 9)
    page.drawString(60, 752, "Table 3: Features of the instances. E (Events), R (Rooms), S (Students), D (Density).")
    header = ["Inst.", "E", "R", "S", "Ro", "D"]
    widths = [0, 3 * 5.0, 2 * 5.0, 3 * 5.0, 4 * 5.0, 4 * 5.0]  # the widest entry of each column (digits are 5 pt)
    rights, x = [], 230.0
    for width in widths:
        x += width + (0 if not rights else 5.9)
        rights.append(x)
    rows = [header] + [
        [f"{i:02d}", str(300 + 10 * i), str(10 + i % 3), str(200 + 50 * (i % 4)), f"0.{70 + i}", f"0.{10 + 2 * i}"]
        for i in range(1, 13)
    ]
    left, right = 212.0, rights[-1] + 3
    for y in (744, 731):
        page.line(left, y, right, y)
    for index, texts in enumerate(rows):
        y = 734 - 11 * index - (4 if index else 0)
        page.drawString(left + 2, y, texts[0])
        for column, text in enumerate(texts[1:], start=1):
            page.drawRightString(rights[column], y, text)
    bottom = 734 - 11 * (len(rows) - 1) - 8
    page.line(left, bottom, right, bottom)
    prose(page, bottom - 30, 5)
    page.showPage()
    page.save()
    return path


def write_raised_check_marks_pdf(path: Path) -> Path:
    """A boxed comparison table whose check marks stand as TeX sets its radical sign: the glyph's origin raised to
    just under the row's top rule, so the box its font states (a letter's, standing on the origin) crosses that rule
    into the row above, while the text of the row stands lower."""
    page = canvas.Canvas(str(path), pagesize=A4)
    prose(page, 800, 3)
    page.setFont("Helvetica", 9)
    page.drawString(60, 752, "Table 8: Other formulations and datasets. Sol: solutions available (yes or no).")
    columns, right = [150, 300, 350], 400
    rows = [("Reference", "Sol", "Check"), ("Smith et al. [2008]", "×", "×"), ("Jones et al. [2011]", "√", "√")]
    rows += [("Brown [2016]", "√", "×"), ("Green et al. [2019]", "√", "√"), ("White [2021]", "×", "×")]
    top, height = 744.0, 20.0
    for index, texts in enumerate(rows):
        y = top - height * index
        page.line(columns[0], y, right, y)
        page.setFont("Helvetica", 9)
        page.drawString(columns[0] + 3, y - 14, texts[0])
        for x, text in zip(columns[1:], texts[1:], strict=True):
            page.setFont("Symbol" if index else "Helvetica", 9)
            page.drawString(x + 10, y - 3 if text == "√" else y - 14, text)
    bottom = top - height * len(rows)
    page.line(columns[0], bottom, right, bottom)
    for x in [*columns, right]:
        page.line(x, top, x, bottom)
    prose(page, bottom - 30, 5)
    page.showPage()
    page.save()
    return path
