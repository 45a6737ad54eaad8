"""Warm up a process that will fork one child per document: run every stage once on a small built-in page.

Each document runs in a child forked from its worker (`isolation`), and what a child loads dies with it. The spaCy
pipeline is loaded before the fork, but the stages also load and build things on first use: the claims stage's
own tagger for splitting property lists, cue lists and lexicons, matchers, pySBD's and the tokenizer's compiled
rules, the vocabulary of glyph repair, thinc's first allocations. Loaded in every child, that is one to two CPU
seconds per document; run once here, before the first fork, every child starts with it (copy-on-write).

The page is written out by hand (no PDF library), in a standard font, with a ruled table and a few sentences of
the kinds the claims stage reads, so that each stage's lazy path is taken. Its result is thrown away.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from pipeline.config import Settings
from pipeline.corpus import file_sha256

log = logging.getLogger(__name__)

PARAGRAPHS = [
    "Exosomes derived from mesenchymal stem cells (MSCs) reduced inflammation in animal models of arthritis.",
    "Ultracentrifugation is simple and cheap; however, it is time-consuming and gives low purity.",
    "Treatment with curcumin significantly decreased pain scores compared with placebo (p < 0.05).",
    "Table 1. Advantages and disadvantages of isolation methods.",
]
TABLE = [
    ["Method", "Advantages", "Disadvantages"],
    ["Ultracentrifugation", "Simple, low cost", "Time-consuming, low purity"],
    ["Precipitation", "Fast and easy", "Contaminating proteins"],
]


def warm_up(settings: Settings | None = None) -> None:
    """Run `process_document` once on the built-in page; a failure is logged and otherwise ignored (each document
    then loads what it needs itself, as without the warm-up)."""
    from pipeline.extract.document import process_document

    with tempfile.TemporaryDirectory(prefix="reviewminer-warm-up-") as folder:
        path = Path(folder) / "warm_up.pdf"
        path.write_bytes(warm_up_pdf())
        try:
            result = process_document(path, file_sha256(path), settings or Settings())
        except Exception as error:  # noqa: BLE001 - warming is an optimisation, never a reason to stop
            log.debug("warm-up failed: %s", error)
            return
        if result.status != "ok":
            log.debug("warm-up document: %s %s", result.status, result.error)


def warm_up_pdf() -> bytes:
    """One A4 page: the paragraphs, then TABLE ruled as a grid, in Helvetica (which pdfium maps to Unicode)."""
    commands = ["BT /F1 10 Tf 12 TL 60 780 Td"]
    for paragraph in PARAGRAPHS:
        commands.append(f"({_escaped(paragraph)}) Tj T* T*")
    commands.append("ET")
    left, top, widths, height = 60, 700, (140, 150, 170), 20
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [top - height * row for row in range(len(TABLE) + 1)]
    for y in ys:
        commands.append(f"{xs[0]} {y} m {xs[-1]} {y} l S")
    for x in xs:
        commands.append(f"{x} {ys[0]} m {x} {ys[-1]} l S")
    for row, cells in enumerate(TABLE):
        for column, cell in enumerate(cells):
            commands.append(f"BT /F1 9 Tf {xs[column] + 4} {ys[row] - 14} Td ({_escaped(cell)}) Tj ET")
    content = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
