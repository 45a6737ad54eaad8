"""Document-level assembly: page regions become numbered, captioned tables; a table continued on the next
page (repeated header or "(continued)") becomes one table, and a merged cell cut by the page break is carried."""

from __future__ import annotations

from pipeline.extract.tables.captions import CAPTION_PATTERN
from pipeline.extract.tables.layout import SNAP, norm_space
from pipeline.records import (
    BBox,
    PageContent,
    Passage,
    PdfContent,
    RawTable,
    Table,
    TableCell,
)


def assemble_tables(pdf: PdfContent, passages: list[Passage]) -> list[Table]:
    """Turn raw page regions into numbered, captioned tables, joining tables continued on the next page."""
    raws = sorted((raw for page in pdf.pages for raw in page.raw_tables), key=lambda r: (r.page, r.bbox[1]))
    captions = caption_passages(passages)
    number_from_passages(raws, passages)
    parts: list[list[RawTable]] = []
    for raw in raws:
        if parts and continues(parts[-1][-1], raw, pdf):
            # A part continued from a page whose rows were set apart by space keeps that row mode, shown here by
            # fewer wider gaps than a table of its own needs (`BodySpacing.rows_spaced`).
            if parts[-1][-1].rows_spaced and raw.spaced_reading is not None:
                raw = raw.spaced_reading
            parts[-1].append(raw)
        else:
            parts.append([raw])
    tables = []
    for index, group in enumerate(parts):
        table = merge_parts(group, f"t{index + 1}")
        passage = captions.get((table.number, group[0].page)) or captions.get((table.number, None))
        if passage is not None and len(passage.text) > len(table.caption):
            table.caption = passage.text
        tables.append(table)
    return tables


MAX_PASSAGE_DISTANCE = 60.0  # points between a table and a caption passage the structure stage found


def number_from_passages(raws: list[RawTable], passages: list[Passage]) -> None:
    """A region whose caption was not found on the page takes the nearest unused caption passage next to it."""
    used = {raw.number for raw in raws if raw.number is not None}
    for raw in raws:
        if raw.number is not None or raw.rotation:
            continue
        best, best_distance = None, MAX_PASSAGE_DISTANCE
        for passage in passages:
            match = CAPTION_PATTERN.match(passage.text) if passage.kind == "caption" else None
            if not match or match.group(1) in used or passage.page != raw.page:
                continue
            if min(passage.bbox[2], raw.bbox[2]) <= max(passage.bbox[0], raw.bbox[0]):
                continue  # not over or under the table
            distance = max(raw.bbox[1] - passage.bbox[3], passage.bbox[1] - raw.bbox[3])
            if -SNAP <= distance < best_distance:
                best, best_distance = (match.group(1), passage.text), distance
        if best is not None:
            raw.number, raw.caption = best
            used.add(best[0])


def caption_passages(passages: list[Passage]) -> dict[tuple[str | None, int | None], Passage]:
    found: dict[tuple[str | None, int | None], Passage] = {}
    for passage in passages:
        match = CAPTION_PATTERN.match(passage.text) if passage.kind == "caption" else None
        if match:
            found.setdefault((match.group(1), passage.page), passage)
            found.setdefault((match.group(1), None), passage)
    return found


def continues(previous: RawTable, raw: RawTable, pdf: PdfContent) -> bool:
    """A table at the top of the next page with the same columns, a repeated header or a "continued" mark."""
    if raw.page != previous.page + 1 or len(raw.rows[0]) != len(previous.rows[0]):
        return False
    if raw.number is not None and raw.number != previous.number:
        return False
    # pages by their number, not their place: a part of a document read alone (`read_pdf`'s `pages`) starts later
    page_of = {page.number: page for page in pdf.pages}
    first_page, next_page = page_of[previous.page], page_of[raw.page]
    others_before = [r for r in next_page.raw_tables if r.bbox[1] < raw.bbox[1] - SNAP]
    others_after = [r for r in first_page.raw_tables if r.bbox[1] > previous.bbox[1] + SNAP]
    if others_before or others_after:
        return False
    if previous.continued or raw.continued:
        return True
    if not (ends_page(previous, first_page) and starts_page(raw, next_page)):
        return False  # prose after the first part or before the second: two tables that look alike
    if header_texts(raw) == header_texts(previous):
        return True
    return raw.number is None and not heads_its_own_columns(raw, previous)


def heads_its_own_columns(raw: RawTable, previous: RawTable) -> bool:
    """Whether an uncaptioned part opens with a header of its own, different from the previous part's: its first
    row holds words where the previous part's body holds figures (two tables of the same width on consecutive
    pages, each under its own title, are two tables; a continuation opens with a body row)."""
    body = previous.rows[previous.n_header_rows :]
    first = raw.rows[0]
    if not body or len(first) != len(body[0]):
        return False
    figures = [
        c
        for c in range(len(first))
        if sum(1 for row in body if any(ch.isdigit() for ch in row[c] or "")) > 0.8 * len(body)
    ]
    return any(first[c] and not any(ch.isdigit() for ch in first[c]) for c in figures)


PAGE_MARGIN_SHARE = 0.08  # running headers and footers live in the top and bottom 8% of a page
MAX_STRAY_WORDS = 15  # words allowed between a table and the page break (a footnote, a "continued" line)


def ends_page(raw: RawTable, page: PageContent) -> bool:
    if raw.rotation:
        return True
    limit = page.height * (1 - PAGE_MARGIN_SHARE)
    below = [w for w in page.words if w.top > raw.bbox[3] + SNAP and w.bottom < limit]
    return len(below) <= MAX_STRAY_WORDS + len(raw.notes.split())


def starts_page(raw: RawTable, page: PageContent) -> bool:
    if raw.rotation:
        return True
    limit = page.height * PAGE_MARGIN_SHARE
    above = [w for w in page.words if w.bottom < raw.bbox[1] - SNAP and w.top > limit]
    return len(above) <= MAX_STRAY_WORDS + len(raw.caption.split())


def header_texts(raw: RawTable) -> list[list[str]]:
    return [[norm_space(text or "") for text in row] for row in raw.rows[: raw.n_header_rows]]


def merge_parts(parts: list[RawTable], table_id: str) -> Table:
    first = parts[0]
    cells: list[TableCell] = []
    grid: list[list[tuple[str, bool, int, BBox | None]]] = []
    for part_index, raw in enumerate(parts):
        skip = raw.n_header_rows if part_index and header_texts(raw) == header_texts(first) else 0
        if part_index and not skip and raw.number is not None:
            skip = raw.n_header_rows  # a continuation captioned "Table N (continued)" repeats its header
        if part_index and split_row_continues(grid, parts[part_index - 1], raw, skip):
            for c, text in enumerate(raw.rows[skip]):
                if text:
                    above, spanned, page, bbox = grid[-1][c]
                    grid[-1][c] = (f"{above} {text}".strip(), spanned, page, bbox)
            skip += 1
        start = len(grid)
        for r in range(skip, len(raw.rows)):
            row = []
            for c, text in enumerate(raw.rows[r]):
                origin = raw.span_origin[r][c] if raw.span_origin else None
                if origin is not None:
                    text = raw.rows[origin[0]][origin[1]]
                row.append((text or "", origin is not None, raw.page, raw.cell_bboxes[r][c]))
            grid.append(row)
        if part_index and start > 0:
            carry_open_spans(grid, start, parts[part_index - 1], raw, skip)
    for r, row in enumerate(grid):
        for c, (text, spanned, page, bbox) in enumerate(row):
            if r < first.n_header_rows:
                text = text.replace("\n", " ")  # a header set on several lines names one column, not a list
            cells.append(
                TableCell(
                    row=r, col=c, text=text, is_header=r < first.n_header_rows, page=page, bbox=bbox, is_spanned=spanned
                )
            )
    return Table(
        table_id=table_id,
        number=first.number,
        caption=first.caption,
        pages=sorted({raw.page for raw in parts}),
        cells=cells,
        n_header_rows=first.n_header_rows,
        notes=" ".join(raw.notes for raw in parts if raw.notes),
    )


def split_row_continues(grid, previous: RawTable, raw: RawTable, skip: int) -> bool:
    """A row cut by the page break: the continuation's first row leaves the first column empty (and most cells),
    in a table whose rows otherwise all start with a first-column entry, and the cell above is not a merged cell
    carried over the break (`carry_open_spans`)."""
    if skip >= len(raw.rows) or not grid:
        return False
    first = raw.rows[skip]
    if first[0] or (raw.span_origin and raw.span_origin[skip][0] is not None):
        return False
    if previous.span_origin and previous.span_origin[-1][0] is not None:
        return False
    body = previous.rows[previous.n_header_rows :]
    labelled = sum(1 for row in body if row[0])
    filled = sum(1 for text in first if text)
    return len(body) >= 3 and labelled >= 0.9 * len(body) and 0 < filled <= len(first) / 2


def carry_open_spans(grid, start: int, previous: RawTable, raw: RawTable, skip: int) -> None:
    """A merged cell cut by the page break: the continuation's empty slots under it take its text."""
    last = previous.rows[-1]
    for c in range(len(last)):
        spanned_before = bool(previous.span_origin and previous.span_origin[-1][c] is not None)
        if not spanned_before or grid[start][c][0]:
            continue
        text = grid[start - 1][c][0]
        r = start
        first_origin = (skip, c)
        while (
            r < len(grid)
            and not grid[r][c][0]
            and (r == start or (raw.span_origin and raw.span_origin[r - start + skip][c] == first_origin))
        ):
            _, _, page, bbox = grid[r][c]
            grid[r][c] = (text, True, page, bbox)
            r += 1
