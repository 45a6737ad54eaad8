"""Parsed PDFs shared by the table test modules, so each PDF is read once per test session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.ingest import read_pdf
from pipeline.records import PdfContent

ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"


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
