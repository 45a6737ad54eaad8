"""Tables: find table regions on a page, then assemble captioned tables with header rows.

First version: pdfplumber's ruled-line strategy only; the tables issue extends it.
"""

from __future__ import annotations

import re

import pdfplumber

from pipeline.records import BBox, Passage, PdfContent, RawTable, Table, TableCell

CAPTION_PATTERN = re.compile(r"^\s*Table\s+(S?\d+[A-Za-z]?)\b[.:]?\s*(.*)", re.IGNORECASE)


def find_page_tables(page: pdfplumber.page.Page) -> list[RawTable]:
    """Table regions on one parsed page (called by ingest while the page is open)."""
    found = []
    for table in page.find_tables():
        rows = [[_clean(cell) for cell in row] for row in table.extract()]
        boxes: list[list[BBox | None]] = [[tuple(c) if c else None for c in row.cells] for row in table.rows]
        found.append(RawTable(page=page.page_number, bbox=tuple(table.bbox), rows=rows, cell_bboxes=boxes,
                              strategy="lines"))
    return found


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"\s+", " ", text).strip()


def assemble_tables(pdf: PdfContent, passages: list[Passage]) -> list[Table]:
    """Turn raw page regions into numbered, captioned tables."""
    captions = [p for p in passages if p.kind == "caption" and CAPTION_PATTERN.match(p.text)]
    result = []
    for index, raw in enumerate(r for page in pdf.pages for r in page.raw_tables):
        caption = next((c for c in captions if c.page == raw.page), None)
        number = CAPTION_PATTERN.match(caption.text).group(1) if caption else None
        cells = [
            TableCell(row=r, col=c, text=text or "", is_header=(r == 0), page=raw.page, bbox=raw.cell_bboxes[r][c])
            for r, row in enumerate(raw.rows)
            for c, text in enumerate(row)
        ]
        result.append(Table(table_id=f"t{index + 1}", number=number, caption=caption.text if caption else "",
                            pages=[raw.page], cells=cells))
    return result
