"""Rule-less tables (booktabs, shaded bands, whitespace columns), searched next to a "Table N" caption that no
ruled table claimed: columns from whitespace gaps, rows from rules or text lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.extract.tables.captions import CONTINUED_PATTERN, NOTE_START_PATTERN, CaptionLine, caption_lines
from pipeline.extract.tables.grid import (
    SCRIPT_SIZE,
    band,
    build_raw_table,
    index_rules,
    looks_like_table,
    spread_boxed_header_labels,
    spread_group_labels,
    spread_header_labels,
)
from pipeline.extract.tables.layout import (
    LINE_END_HYPHENS,
    SNAP,
    FramedPage,
    cluster,
    column_gap,
    inside,
    line_box,
    overlaps_x,
    text_lines,
)
from pipeline.records import BBox, RawTable


def ruleless_table(page, view: FramedPage, caption: CaptionLine) -> RawTable | None:
    """A table without vertical rules under (or else above) its caption: whitespace columns, rows from rules or
    lines."""
    below, above = ruleless_region(view, caption), region_above(view, caption)
    if above is not None and below is not None and opens_with_heading(view, below):
        below = None  # the next section starts under the caption: its table is the block above
    # Two tables stacked with their captions under them: the block under this caption ends right over the next
    # caption, whose table it is; this caption's own table is the block above it.
    height = caption.bbox[3] - caption.bbox[1]
    owned_below = below is not None and any(
        other.bbox[1] > caption.bbox[3] and -SNAP <= other.bbox[1] - below[3] <= max(height, 12.0)
        for other in caption_lines(view)
        if overlaps_x(other.bbox, caption.bbox)
    )
    for region in (
        (above, below)
        if above is not None and (owned_below or nearer_above(view, above, below, caption))
        else (below, above)
    ):
        raw = ruleless_table_in(page, view, region) if region is not None else None
        if raw is not None:
            if raw.number != caption.number and region is above:
                # The block was read for this caption: the caption of a table over it is not this block's.
                raw.caption, raw.number, raw.continued = caption.text, caption.number, caption.continued
            return raw
    return None


def opens_with_heading(view: FramedPage, region: BBox) -> bool:
    """Whether a block's first line is set larger than the lines under it (a section heading, "6. Bugs and TODO"):
    a table's header is not."""
    lines = text_lines([w for w in view.words if inside(w, region)], split_columns=False)
    if len(lines) < 2:
        return False
    return max(w.get("size", 9) for w in lines[0]) > HEADING_SIZE * body_size(lines[1:])


def nearer_above(view: FramedPage, above: BBox, below: BBox | None, caption: CaptionLine) -> bool:
    """Whether the block above the caption sits much closer to it than the block below: a caption is set tight
    under its own table, and the text after it (code, a paragraph) starts after a space. The side whose ink
    (words or rules) comes first is the table's when the other side's is more than twice as far and a line away."""
    if below is None:
        return True
    size = 9.0
    boxes = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in view.words] + list(view.h_rules)
    items = [(b[1], b[3], b) for b in boxes if overlaps_x(b, caption.bbox)]
    gap_above = min(
        (caption.bbox[1] - bottom for top, bottom, _ in items if above[1] <= top and bottom <= caption.bbox[1] + 0.5),
        default=None,
    )
    gap_below = min(
        (top - caption.bbox[3] for top, bottom, _ in items if caption.bbox[3] - 0.5 <= top and bottom <= below[3]),
        default=None,
    )
    if gap_above is None or gap_below is None:
        return False
    return gap_below > max(2 * max(gap_above, 0.0), size)


def ruleless_table_in(page, view: FramedPage, region: BBox, header_end: float | None = None) -> RawTable | None:
    """The table in a region; `header_end` when its header rule is known (else the first inner rule)."""
    words = [w for w in view.words if inside(w, region)]
    lines = text_lines(words, split_columns=False)
    if len(lines) < 2:
        return None
    header_end = header_end if header_end is not None else first_inner_rule(view, region, lines)
    xs = joint_columns(view, region) or column_boundaries(words, region, header_end)
    if len(xs) < 3:
        xs = aligned_start_columns(lines, region)
    if len(xs) < 3:
        return None
    ys = row_boundaries(view, region, lines, xs, header_end)
    if len(ys) < 3:
        return None
    if len(xs) == 3 and two_columns_of_prose(lines, xs[1]):
        return None
    if note_under_ruled_rows(view, region, ys, lines):
        ys = ys[:-1]  # the line under the last rule is read as the table's notes, as text under its bottom rule is
    raw = build_raw_table(page.page_number, view, xs, ys, ruled=False, strategy="text")
    if not looks_like_table(raw):
        return None
    if header_end is not None:
        above_rule = sum(1 for y in ys[1:] if y <= header_end + SNAP)
        # Partial rules trimmed apart under group labels (booktabs \cmidrule(lr), most of the width when the stub is
        # narrow) were taken for the header rule: the row under them holds the sub-headers.
        if cut_group_rules(view, region, header_end):
            centres = [(a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)]
            above_rule = min(sum(1 for c in centres if c < header_end) + 1, len(raw.rows) - 1)
        elif 1 <= above_rule < raw.n_header_rows and raw.rows[above_rule][0] and not any(raw.rows[above_rule][1:]):
            raw.n_header_rows = above_rule  # a bold label alone under the header rule: the body's first group label
        raw.n_header_rows = max(raw.n_header_rows, min(above_rule, len(raw.rows) - 1), 1)
    if len(ys) - 1 == len(raw.rows):  # the grid was not rebuilt without a caption or notes row
        span_flush_left_labels(raw, view, xs, ys)
        spread_header_labels(raw, view, xs, ys)
        spread_centred_labels(raw, view, xs, ys)
        spread_boxed_header_labels(raw, view, xs, ys)
        span_stub_over_ruled_sub_rows(raw, view, xs, ys)
        span_vertically_centred_cells(raw, view, xs, ys)
    join_wrapped_header_lines(raw)
    spread_group_labels(raw, view, xs)
    if len(ys) - 1 == len(raw.rows):
        join_wrapped_block_labels(raw, words, ys)
    carry_block_labels(raw)
    return raw


def note_under_ruled_rows(view: FramedPage, region: BBox, ys: list[float], lines: list[list[dict]]) -> bool:
    """Whether the last band of a table closed row by row (a full-width rule over the header and under every row,
    four rules at least) is one line under the last rule with no rule under it: a note defining the symbols of the
    cells ("where Fi ≜ F(xi)"), not a row. A table ruled only between its rows draws no rule over its header, and
    its last row has none under it either: it keeps that row."""
    width = region[2] - region[0]
    full = [r[1] for r in view.h_rules if r[2] - r[0] >= 0.9 * width]

    def ruled(y: float) -> bool:
        return any(abs(y - rule) <= SNAP for rule in full)

    if len(ys) < 5 or not all(ruled(y) for y in ys[:-1]) or ruled(ys[-1]):
        return False
    last = [line for line in lines if (line_box(line)[1] + line_box(line)[3]) / 2 > ys[-2]]
    size = body_size(lines)
    return sum(1 for line in last if anchor_box(line, size) is not None) == 1


MIN_HEADED_ROWS = 4  # body lines under a header rule before an uncaptioned block counts as a table
MAX_HEADER_WORDS = 5  # words of one header phrase: "File name", "Means of verification"


def headed_regions(view: FramedPage, taken: list[BBox]) -> list[BBox]:
    """Uncaptioned rule-less tables under a header rule (a longtable titled by a section heading, an appendix
    listing): a line of two short phrases or more right above a horizontal rule, and under the rule at least
    `MIN_HEADED_ROWS` lines whose words start where the header phrases start (the columns) and never run across
    those starts. Running heads over a page rule, headings over a section rule and prose under a rule fail the
    alignment test. Returns the regions, from the header line down to the bottom rule or the first wide gap."""
    regions: list[BBox] = []
    lines_within: dict[tuple[float, float], list[list[dict]]] = {}  # the lines of the words within a rule's extent
    for rule in view.h_rules:
        x0, x1 = rule[0], rule[2]
        if x1 - x0 < 100 or any(overlaps_x(rule, box) and box[1] - SNAP <= rule[1] <= box[3] + SNAP for box in taken):
            continue
        lines = lines_within.get((x0, x1))
        if lines is None:  # (a table's rules share its extent: its lines are grouped once)
            words = [w for w in view.words if x0 - SNAP <= w["x0"] and w["x1"] <= x1 + SNAP]
            lines = lines_within[(x0, x1)] = text_lines(words, split_columns=False)
        above = [line for line in lines if line_box(line)[3] <= rule[1] + SNAP]
        if not above:
            continue
        header = above[-1]
        size = Counter(round(w.get("size", 9)) for w in header).most_common(1)[0][0] or 9
        if rule[1] - line_box(header)[3] > 1.2 * size:
            continue
        phrases = union_spans([(w["x0"], w["x1"]) for w in header], 0.8 * size)
        header_words = [[w for w in header if lo <= w["x0"] and w["x1"] <= hi] for lo, hi in phrases]
        if len(phrases) < 2 or any(len(ws) > MAX_HEADER_WORDS for ws in header_words):
            continue
        body, bottom = [], rule[3]
        for line in lines:
            box = line_box(line)
            if box[1] < rule[3] - SNAP:
                continue
            if box[1] - bottom > 2.2 * size or any(bottom < r[1] < box[1] and overlaps_x(r, box) for r in view.h_rules):
                break
            if continued_mark(line):
                break  # "Continued on next page" under the last row: read as the part's mark by build_raw_table
            if len(body) >= MIN_HEADED_ROWS and note_line(line, size) and len(union_spans(spans_of(line), size)) == 1:
                break  # a note under the body ("*Party was not …"): one run of words across the columns
            body.append(line)
            bottom = box[3]
        if len(body) < MIN_HEADED_ROWS or not columns_under_header(body, phrases, size):
            continue
        if size > HEADING_SIZE * body_size(body):
            continue  # a section heading over its rule ("6   Speeding up execution"): larger than the text under it
        region = (x0 - SNAP, line_box(header)[1] - 0.5, x1 + SNAP, bottom + 0.5)
        regions.append(region)
        taken = [*taken, region]
    return regions


HEADING_SIZE = 1.2  # a line set this much larger than the lines under it is a heading: a table's header is not


def body_size(lines: list[list[dict]]) -> float:
    """The commonest type size of the lines (rounded to the point)."""
    return float(Counter(round(w.get("size", 9)) for line in lines for w in line).most_common(1)[0][0] or 9)


def framed_regions(view: FramedPage, taken: list[BBox]) -> list[tuple[BBox, float | None]]:
    """Uncaptioned booktabs tables of any length: a top rule and a bottom rule of the same extent with one inner
    rule or more between them (the header rule, partial rules over column groups or totals), every band between
    two of these rules holding text set tight against both (booktabs' small rule separation, at most one line's
    height of space), and a header line of two phrases or more. The statistics tables R packages print (xtable,
    texreg, huxtable coefficient tables under a run-in title) have a body of one to four rows, too few for
    `headed_regions`; their stub of term names is often right-aligned under an empty header cell. A code box or a
    plot frame has no such inner rule or leaves space between its rules; an algorithm box ruled the same way has a
    one-phrase title for a header. Returns each region with its header's end when the header line is empty (the
    rule under it then ends a header of no rows: the lines under it are all body rows), else None."""
    rules = sorted((r for r in view.h_rules if r[2] - r[0] >= 60), key=lambda r: r[1])
    regions: list[tuple[BBox, float | None]] = []
    used_tops: set[int] = set()
    for i, top in enumerate(rules):
        if i in used_tops or any(overlaps_x(top, box) and box[1] - SNAP <= top[1] <= box[3] + SNAP for box in taken):
            continue
        chain: list[BBox] = [top]
        best = None
        for j in range(i + 1, len(rules)):
            rule = rules[j]
            if not overlaps_x(rule, top):
                continue  # a rule in the other page column
            if rule[1] - chain[-1][3] < SNAP:
                continue  # a double rule, or a rule cut into pieces
            if rule[0] < top[0] - SNAP or rule[2] > top[2] + SNAP:
                break  # a wider rule: something else starts
            chain.append(rule)
            if len(chain) < 3 or abs(rule[0] - top[0]) > SNAP or abs(rule[2] - top[2]) > SNAP:
                continue  # a partial rule inside the table, or the header rule
            region = (top[0] - SNAP, top[1], top[2] + SNAP, rule[3])
            verdict = framed_table_bands(view, chain, region)
            if verdict is False:
                break
            if verdict:
                best = (region, j)  # further group rules and a lower bottom rule may still follow
        if best is not None:
            region = best[0]
            under_header = chain[1]
            empty_header = not any(
                inside(w, region) and top[3] < (w["top"] + w["bottom"]) / 2 < under_header[1] for w in view.words
            )
            regions.append((region, under_header[1] if empty_header else None))
            taken = [*taken, region]
            used_tops.update(range(i, best[1] + 1))
    return regions


def framed_table_bands(view: FramedPage, rules: list[BBox], region: BBox) -> bool | None:
    """Whether the rules frame a table (None: bands tight so far, but no header and body bands yet)."""
    band = [w for w in view.words if region[1] < (w["top"] + w["bottom"]) / 2 < region[3]]
    if any(w["x0"] < region[0] < w["x1"] or w["x0"] < region[2] < w["x1"] for w in band):
        return False  # a line running across the rules' ends: prose, not a table inside them
    words = [w for w in band if inside(w, region)]
    ys = sorted({round((r[1] + r[3]) / 2, 1) for r in rules})
    ys = [y for k, y in enumerate(ys) if not k or y - ys[k - 1] > SNAP]
    if len(ys) < 3:
        return False
    if not words:
        return False
    # Boxes between the rules are a figure's (the strips over a lattice plot's panels), and a boxed table is read
    # from its ruled cells: a vertical rule at either end of the rules closes a box. An inner vertical rule alone
    # (open sides) is a LaTeX column separator set with booktabs rules, `{r|rrr}` after a stub or between groups.
    verticals = [
        r
        for r in view.v_rules
        if region[0] <= r[0] <= region[2] and r[3] - r[1] > 4 and region[1] - SNAP <= r[1] <= region[3]
    ]
    if any(r[0] <= region[0] + 2 * SNAP or r[0] >= region[2] - 2 * SNAP for r in verticals):
        return False
    size = sorted(w["bottom"] - w["top"] for w in words)[len(words) // 2]
    bands = []
    header_printed = True
    for upper, lower in zip(ys, ys[1:], strict=False):
        lines = text_lines([w for w in words if upper < (w["top"] + w["bottom"]) / 2 < lower], split_columns=False)
        if lines:
            bands.append(lines)
        elif not bands:
            header_printed = False
        if not lines:
            if lower - upper > 3 * size:
                return False  # an empty band wider than an empty header line: not a table's rules
            continue
        first, last = line_box(lines[0]), line_box(lines[-1])
        if first[1] - upper > 1.6 * size or lower - last[3] > 1.6 * size:
            return False
        if any(line_box(b)[1] - line_box(a)[3] > 1.6 * size for a, b in zip(lines, lines[1:], strict=False)):
            return False
    if len(bands) < 2:
        return None
    header = bands[0][-1]
    size = Counter(round(w.get("size", 9)) for w in header).most_common(1)[0][0] or 9
    phrases = union_spans([(w["x0"], w["x1"]) for w in header], 0.8 * size)
    # A printed header names its columns: a first band of figures is a block of body rows (a part of a table split
    # by its own rules, whose header is elsewhere).
    named = sum(1 for lo, hi in phrases if any(ch.isalpha() for w in header if lo <= w["x0"] <= hi for ch in w["text"]))
    if header_printed and 2 * named <= len(phrases):
        return False
    body = [line for band in bands[1:] for line in band]
    # Values in two columns or more in the body, and the header's phrases over them.
    return len(phrases) >= 2 and any(
        len(union_spans([(w["x0"], w["x1"]) for w in line], 0.8 * size)) >= 2 for line in body
    )


def spans_of(line: list[dict]) -> list[tuple[float, float]]:
    return [(w["x0"], w["x1"]) for w in line]


def continued_mark(line: list[dict]) -> bool:
    text = " ".join(w["text"] for w in line)
    return len(line) <= 6 and bool(CONTINUED_PATTERN.match(text))


def columns_under_header(body: list[list[dict]], phrases: list[tuple[float, float]], size: float) -> bool:
    """Whether body lines are set in the header's columns: every column after the first starts, in most lines that
    reach it, at its header phrase's left edge (or right edge, for figures set flush right), and hardly any word
    runs across that edge; the first column starts where its header does, or is left empty with the line starting
    in a later header's column (a group label printed once per block of rows: a report's county over its periods)."""
    in_columns = sum(
        1
        for line in body
        if abs(line[0]["x0"] - phrases[0][0]) <= 0.5 * size
        or any(abs(line[0]["x0"] - lo) <= 0.5 * size or abs(line[0]["x1"] - hi) <= 0.5 * size for lo, hi in phrases[1:])
    )
    in_first = sum(1 for line in body if abs(line[0]["x0"] - phrases[0][0]) <= 0.5 * size)
    if in_columns < 0.5 * len(body) or in_first < min(MIN_HEADED_ROWS, 0.2 * len(body)):
        return False
    for lo, hi in phrases[1:]:
        reaching = [line for line in body if any(w["x1"] > lo - SNAP for w in line)]
        flush_left = sum(1 for line in reaching if any(abs(w["x0"] - lo) <= 0.5 * size for w in line))
        flush_right = sum(1 for line in reaching if any(abs(w["x1"] - hi) <= 0.5 * size for w in line))
        aligned = sum(
            1
            for line in reaching
            if any(abs(w["x0"] - lo) <= 0.5 * size or abs(w["x1"] - hi) <= 0.5 * size for w in line)
        )
        # Figures set flush right may be wider than their header and reach left of it: the column's edge is then
        # where its widest flush-right entry starts.
        edge = lo - SNAP
        if flush_right > flush_left:
            edge = min(w["x0"] for line in reaching for w in line if abs(w["x1"] - hi) <= 0.5 * size) - SNAP
        crossing = sum(1 for line in body if any(w["x0"] < edge < w["x1"] for w in line))
        if aligned < max(MIN_HEADED_ROWS, 0.7 * len(reaching)) or crossing > 0.1 * len(body):
            return False
    return True


COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$")  # "(1)", "(2)": the column numbers some journals print under a header


def join_wrapped_header_lines(raw: RawTable) -> None:
    """Header text set line by line with row spacing (AAS deluxetables: "Distance" over "(kpc)", "Messier" over
    "Number"; cells bottom-aligned, so a short header sits on the last line only) splits into as many header rows.
    Where no label of either line spans columns (a group label over its sub-headers does), the lower line goes on
    with the cells above it: one header row. A row of column numbers ("(1)", "(2)", ...) stays a row of its own."""
    r = 0
    while r + 1 < raw.n_header_rows:
        upper, lower = raw.rows[r], raw.rows[r + 1]
        # A label spanning the same columns on both lines is one cell wrapped ("Percentage of" over "targets with"
        # over two sub-headers): its lines join as any cell's do.
        same_spans = [o and o[1] for o in raw.span_origin[r]] == [o and o[1] for o in raw.span_origin[r + 1]]
        spanned = not same_spans and any(o is not None for o in raw.span_origin[r] + raw.span_origin[r + 1])
        numbers = any(
            sum(1 for text in row if text and COLUMN_NUMBER.match(text.strip())) >= 0.5 * len(row)
            for row in (upper, lower)
        )
        if spanned or numbers or not any(upper) or not any(lower):
            r += 1
            continue
        if title_over_header(raw, r):
            continue
        raw.rows[r] = [" ".join(t for t in (a, b) if t) for a, b in zip(upper, lower, strict=True)]
        raw.cell_bboxes[r] = [
            (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])) if a and b else a or b
            for a, b in zip(raw.cell_bboxes[r], raw.cell_bboxes[r + 1], strict=True)
        ]
        del raw.rows[r + 1], raw.cell_bboxes[r + 1], raw.span_origin[r + 1]
        # the rows below move up one: their spans' origins with them (the joined line's origins are now row r)
        raw.span_origin = [
            [None if o is None else (o[0] - 1 if o[0] > r else o[0], o[1]) for o in origins]
            for origins in raw.span_origin
        ]
        raw.n_header_rows -= 1


def title_over_header(raw: RawTable, r: int) -> bool:
    """A header row of one phrase centred on the table and set off by more than the leading from the header line
    under it that fills three columns or more: a sub-table's title ("IL1B_511 locus" over its own header), which
    spans the whole row. Spread over the row here; a group label over sub-headers sits at the header's leading."""
    filled = [c for c, text in enumerate(raw.rows[r]) if text]
    if len(filled) != 1 or sum(1 for text in raw.rows[r + 1] if text) < 3:
        return False
    box = raw.cell_bboxes[r][filled[0]]
    under = [b for b, text in zip(raw.cell_bboxes[r + 1], raw.rows[r + 1], strict=True) if b and text]
    if box is None or not under:
        return False
    # Cell boxes hold the text's own extent: the line's height stands in for the type size.
    height = box[3] - box[1]
    centre, middle = (box[0] + box[2]) / 2, (raw.bbox[0] + raw.bbox[2]) / 2
    if abs(centre - middle) > 0.05 * (raw.bbox[2] - raw.bbox[0]) or min(b[1] for b in under) - box[3] < 0.8 * height:
        return False
    for c in range(len(raw.rows[r])):
        if c != filled[0]:
            raw.rows[r][c], raw.span_origin[r][c] = None, (r, filled[0])
    return True


def span_flush_left_labels(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A body row holding one line of text set from the table's left edge on across the gutter that parts the
    first two columns in the other rows, up to the second column's text ("Number of cylinders = 4" over a group of
    rows beside a right-aligned stub: a sub-heading spanning the row), is one label, not a stub entry with a value
    beside it: one cell spanning the row, as a group label wider than the stub is read (`spread_group_labels`). A
    row of a tightly set table keeps each word on its side of the gutter, so it is left alone; so is a row whose
    text reaches the last column (nothing to tell a label from a full row by)."""
    n_cols = len(xs) - 1
    if n_cols < 2:
        return
    table_words = [w for w in view.words if inside(w, (xs[0], ys[0], xs[-1], ys[-1]))]
    if not table_words:
        return
    left = min(w["x0"] for w in table_words)

    def row_of(word: dict) -> int:
        return band(ys, (word["top"] + word["bottom"]) / 2)

    def column_of(word: dict) -> int:
        return band(xs, (word["x0"] + word["x1"]) / 2)

    for r in range(raw.n_header_rows, len(raw.rows)):
        filled = [c for c in range(n_cols) if raw.rows[r][c]]
        reach = max((c for c in range(n_cols) if raw.rows[r][c] or raw.span_origin[r][c] is not None), default=0)
        if not filled or filled[0] != 0 or reach == 0 or reach == n_cols - 1:
            continue
        if any(origin not in (None, (r, 0)) for origin in raw.span_origin[r]):
            continue
        words = [w for w in table_words if row_of(w) == r]
        lines = text_lines(words, split_columns=False)
        if len(lines) != 1 or lines[0][0]["x0"] > left + SNAP:
            continue
        # The gutter as the rows that fill columns beyond this line's reach set it (other labels cross it too).
        fuller = {k for k in range(raw.n_header_rows, len(raw.rows)) if any(raw.rows[k][reach + 1 :])}
        others = [w for w in table_words if row_of(w) in fuller]
        stub_end = max((w["x1"] for w in others if column_of(w) == 0), default=None)
        second_start = min((w["x0"] for w in others if column_of(w) == 1), default=None)
        if stub_end is None or second_start is None or second_start - stub_end < SNAP:
            continue
        line = lines[0]
        # One phrase: its words a word space apart and its cells side by side (a row of values leaves gutters).
        size = max(w.get("size", 9.0) for w in line)
        if any(b["x0"] - a["x1"] >= 0.5 * size for a, b in zip(line, line[1:], strict=False)):
            continue
        if filled != list(range(filled[0], filled[-1] + 1)):
            continue
        in_gutter = any(w["x0"] < second_start - SNAP / 2 and w["x1"] > stub_end + SNAP / 2 for w in line)
        if not in_gutter or line[-1]["x1"] <= second_start:
            continue  # ends in the gutter: the stub's label (`spread_group_labels` reads it)
        text = " ".join(raw.rows[r][c] for c in filled)
        raw.rows[r] = [text] + [None] * (n_cols - 1)
        raw.span_origin[r] = [None] + [(r, 0)] * (n_cols - 1)


def spread_centred_labels(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A body row holding one label centred on the table ("English", "Coding" between the midrules of a booktabs
    table) names the group of rows under it: one cell spanning the row, as a group label in the first cell is."""
    n_cols = len(xs) - 1
    if n_cols < 2:
        return
    middle, width = (xs[0] + xs[-1]) / 2, xs[-1] - xs[0]
    region_lines = text_lines([w for w in view.words if inside(w, (xs[0], ys[0], xs[-1], ys[-1]))], False)
    second_start = column_starts(region_lines, xs)[0] if n_cols == 2 else xs[1]
    for r in range(raw.n_header_rows, len(raw.rows)):
        filled = [c for c in range(n_cols) if raw.rows[r][c]]
        if len(filled) != 1 or filled[0] == 0 or any(o not in (None, (r, filled[0])) for o in raw.span_origin[r]):
            continue
        words = [w for w in view.words if inside(w, (xs[0], ys[r], xs[-1], ys[r + 1]))]
        centre = (min(w["x0"] for w in words) + max(w["x1"] for w in words)) / 2 if words else None
        if centre is None or abs(centre - middle) > 0.05 * width:
            continue
        if n_cols == 2 and min(w["x0"] for w in words) >= second_start - SNAP:
            continue  # in two columns, a short entry of the second one may sit near the middle: a label crosses it
        if stub_ruled_apart(view, xs, ys, r) or stub_ruled_apart(view, xs, ys, r + 1):
            continue  # a cell among sub-rows that partial rules set apart, beside a stub spanning them
        column = filled[0]
        if any(alone_in(raw, k, column) for k in (r - 1, r + 1) if raw.n_header_rows <= k < len(raw.rows)):
            continue  # one column going on alone over several rows lists its entries: no label over a group
        for c in range(n_cols):
            if c != column:
                raw.rows[r][c], raw.span_origin[r][c] = None, (r, column)


def alone_in(raw: RawTable, r: int, column: int) -> bool:
    """Whether row `r` holds text in `column` only."""
    return [c for c, text in enumerate(raw.rows[r]) if text] == [column]


def stub_ruled_apart(view: FramedPage, xs: list[float], ys: list[float], r: int) -> bool | None:
    """At the boundary above row `r`: True when a rule there covers the columns after the first but not the first
    (sub-rows ruled apart beside one stub cell spanning them), False when a rule crosses the first column too, None
    when no rule is there."""
    if r <= 0 or r >= len(ys) - 1:
        return None
    # The space between the rows is measured right of the stub, whose spanning cell may lie across the boundary.
    upper = [w for w in view.words if inside(w, (xs[1], ys[r - 1], xs[-1], ys[r]))]
    lower = [w for w in view.words if inside(w, (xs[1], ys[r], xs[-1], ys[r + 1]))]
    lo = max((w["bottom"] for w in upper), default=ys[r]) - 1
    hi = min((w["top"] for w in lower), default=ys[r]) + 1
    rules = [rule for rule in view.h_rules if lo <= (rule[1] + rule[3]) / 2 <= hi and rule[2] > xs[1] + SNAP]
    if not rules:
        return None
    # Where the stub's text ends: a rule starting right of it leaves the stub cell whole.
    stub = [w["x1"] for w in view.words if inside(w, (xs[0], ys[0], xs[1], ys[-1]))]
    return all(rule[0] > max(stub, default=xs[1]) for rule in rules)


def span_stub_over_ruled_sub_rows(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A stub cell set beside sub-rows that rules part only right of it ("T04: Free Wi-Fi" beside its three scores,
    vertically centred): where no rule crosses the first column between two such rows, their first cells are one
    merged cell, repeated into each row as a merged cell is read."""
    n_rows = len(raw.rows)
    if len(xs) < 3 or n_rows != len(ys) - 1:
        return
    r = raw.n_header_rows
    while r < n_rows:
        block = [r]
        while block[-1] + 1 < n_rows and stub_ruled_apart(view, xs, ys, block[-1] + 1):
            block.append(block[-1] + 1)
        texts = [k for k in block if raw.rows[k][0] and raw.span_origin[k][0] is None]
        free = all(raw.span_origin[k][0] is None for k in block)
        if len(block) >= 2 and len(texts) == 1 and free:
            text = raw.rows[texts[0]][0]
            for k in block:
                raw.rows[k][0], raw.span_origin[k][0] = None, (block[0], 0)
            raw.rows[block[0]][0], raw.span_origin[block[0]][0] = text, None
        r = block[-1] + 1


CENTRED_TOLERANCE = 0.3  # of the type size: a line's centre this close to another's is on that line


def span_vertically_centred_cells(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A value cell set vertically centred beside two rows or more (LaTeX's \\multirow: a parameter shared by the rows
    of a block, a total for a group) stands between their lines and goes to one of them: where its one line is on no
    line of its row, and the cells of that column in consecutive rows around it are empty and their lines are centred
    on it, it is one merged cell over those rows, repeated into each as a merged cell is read. A stub label so set
    names the block of rows beside it."""
    n_rows, n_cols = len(raw.rows), len(xs) - 1
    if n_rows != len(ys) - 1 or n_rows - raw.n_header_rows < 2:
        return
    words = [w for w in view.words if xs[0] - SNAP <= w["x0"] and w["x1"] <= xs[-1] + SNAP]

    def cell_lines(r: int, c: int) -> list[BBox]:
        inside_cell = [
            w
            for w in words
            if ys[r] <= (w["top"] + w["bottom"]) / 2 < ys[r + 1] and xs[c] <= (w["x0"] + w["x1"]) / 2 < xs[c + 1]
        ]
        return [line_box(line) for line in text_lines(inside_cell, split_columns=False)]

    lines = {(r, c): cell_lines(r, c) for r in range(raw.n_header_rows, n_rows) for c in range(n_cols)}
    if not any(lines.values()):
        return
    size = body_size([[w] for w in words if raw.bbox[1] - SNAP <= w["top"] <= raw.bbox[3] + SNAP] or [words])
    tolerance = CENTRED_TOLERANCE * size

    def centre(box: BBox) -> float:
        return (box[1] + box[3]) / 2

    def row_line(r: int, skip: int) -> float | None:
        # the row's line: the median centre of its other cells' lines (a bold or maths glyph's box stands higher)
        centres = sorted(centre(box) for c in range(n_cols) if c != skip for box in lines[(r, c)])
        return centres[len(centres) // 2] if centres else None

    def free(r: int, c: int) -> bool:
        return not raw.rows[r][c] and raw.span_origin[r][c] is None

    for c in range(n_cols):
        for r in range(raw.n_header_rows, n_rows):
            if len(lines[(r, c)]) != 1 or raw.span_origin[r][c] is not None or not raw.rows[r][c]:
                continue
            y, own = centre(lines[(r, c)][0]), row_line(r, c)
            if own is None or abs(y - own) <= tolerance:
                continue  # on the line of its own row
            best = None
            for first in range(r, raw.n_header_rows - 1, -1):
                if first < r and not free(first, c):
                    break
                for last in range(max(r, first + 1), n_rows):
                    if last > r and not free(last, c):
                        break
                    upper, lower = row_line(first, c), row_line(last, c)
                    if upper is not None and lower is not None and abs(y - (upper + lower) / 2) <= tolerance:
                        best = (first, last) if best is None or last - first > best[1] - best[0] else best
            if best is None:
                continue
            first, last = best
            text = raw.rows[r][c]
            for k in range(first, last + 1):
                raw.rows[k][c], raw.span_origin[k][c] = None, (first, c)
            raw.rows[first][c], raw.span_origin[first][c] = text, None


def join_wrapped_block_labels(raw: RawTable, words: list[dict], ys: list[float]) -> None:
    """A block label that wraps ("Santa" over "Cruz") in a table whose rows come in blocks set apart by space,
    with the label printed on each block's first row only: its second line falls on the block's second row and
    looks like that row's own label. Where every other label opens a block (a wider space above its row than the
    pitch of rows inside a block) and this one does not, it goes on with the label above it."""
    body = range(raw.n_header_rows, len(raw.rows))
    tops = {}
    for r in body:
        row_words = [w for w in words if ys[r] <= (w["top"] + w["bottom"]) / 2 < ys[r + 1]]
        if row_words:
            tops[r] = min(w["top"] for w in row_words)
    pitches = [tops[r] - tops[r - 1] for r in body if r in tops and r - 1 in tops]
    if len(pitches) < 4:
        return
    inner = sorted(pitches)[len(pitches) // 3]  # most rows are inside a block
    opens = {r for r in body if r in tops and r - 1 in tops and tops[r] - tops[r - 1] > 1.4 * inner}
    labels = [r for r in body if raw.rows[r][0] and raw.span_origin[r][0] is None]
    first = raw.n_header_rows
    wrapped = [r for r in labels if r != first and r not in opens]
    blank = [r for r in body if not raw.rows[r][0] and any(raw.rows[r][1:])]
    # Blocks: labels on their first rows, most rows blank in the first column, and a wrapped line or two at most.
    if len(opens) < 2 or len(blank) < len(labels) or not wrapped or len(wrapped) > 0.25 * len(labels):
        return
    for r in wrapped:
        if r - 1 in labels and r - 1 not in wrapped and (r + 1 >= len(raw.rows) or not raw.rows[r + 1][0]):
            raw.rows[r - 1][0] = f"{raw.rows[r - 1][0]} {raw.rows[r][0]}"
            raw.rows[r][0] = ""


def carry_block_labels(raw: RawTable) -> None:
    """A first-column label printed once at the head of a block of rows ("Lamiaceae" over its three plants) labels
    every row of the block: the rows under it whose first cell is blank (and whose other cells are filled) take it
    as a spanned cell, as a merged cell would be read. Needs two labelled blocks or more, so a first column that is
    simply sparse is left alone."""
    n_cols = len(raw.rows[0])
    body = range(raw.n_header_rows, len(raw.rows))
    labels = [r for r in body if raw.rows[r][0] and raw.span_origin[r][0] is None]
    # A row of standard errors under its estimates is the estimate's second line, no member of a block.
    blank = [
        r
        for r in body
        if not raw.rows[r][0]
        and raw.span_origin[r][0] is None
        and any(raw.rows[r][1:])
        and not all(BRACKETED_CELL.match(text) for text in raw.rows[r][1:] if text)
    ]
    # Two blocks with members at least: a first column that ends before the others (lists of names side by side,
    # one column going on alone) has blank cells under its last entry only.
    heads = [r for r in labels if r + 1 in blank]
    if n_cols < 3 or len(labels) < 2 or not blank or labels[0] > blank[0] or len(heads) < 2:
        return
    for r in blank:
        above = raw.span_origin[r - 1][0] or (r - 1, 0)
        if raw.rows[above[0]][above[1]] and all(o is None for o in raw.span_origin[above[0]][1:]):
            raw.rows[r][0], raw.span_origin[r][0] = None, above


PARAGRAPH_WORDS = 5  # words of a line of running text that fills its measure (a table cell's line rarely has as many)


def paragraph_across_rows(view: FramedPage, raw: RawTable) -> bool:
    """Whether a column of the grid is a paragraph whose lines were cut into rows: twice or more, a line of five
    words or more that runs flush to the column's right edge (justified) goes on at the same left edge on the next
    line, and the two lines fall in different rows. A cell wraps inside its row, so a row boundary through a
    running paragraph means the lines beside it (a keyword list beside an abstract under "ARTICLE INFO" and
    "ABSTRACT" headings, a margin note beside its text) set the rows: text blocks side by side, not a table."""
    n_rows, n_cols = len(raw.rows), len(raw.rows[0]) if raw.rows else 0
    bands = []
    for r in range(n_rows):
        boxes = [b for b in raw.cell_bboxes[r] if b is not None]
        bands.append((min(b[1] for b in boxes), max(b[3] for b in boxes)) if boxes else None)

    def row_of(box: BBox) -> int | None:
        centre = (box[1] + box[3]) / 2
        return next((r for r, span in enumerate(bands) if span and span[0] <= centre <= span[1]), None)

    for c in range(n_cols):
        boxes = [raw.cell_bboxes[r][c] for r in range(n_rows) if raw.cell_bboxes[r][c] is not None]
        if not boxes:
            continue
        x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
        words = [w for w in view.words if inside(w, raw.bbox) and x0 - SNAP <= w["x0"] and w["x1"] <= x1 + SNAP]
        lines = [line_box(line) + (len(line),) for line in text_lines(words, split_columns=False)]
        if len(lines) < 3:
            continue
        edge = max(line[2] for line in lines)
        size = Counter(round(w.get("size", 9)) for w in words).most_common(1)[0][0] or 9
        cut = sum(
            1
            for upper, lower in zip(lines, lines[1:], strict=False)
            if upper[4] >= PARAGRAPH_WORDS
            and upper[2] >= edge - 1.5
            and abs(lower[0] - upper[0]) < 0.5 * size
            and row_of(upper) != row_of(lower)
        )
        if cut >= 2:
            return True
    return False


def two_columns_of_prose(lines: list[list[dict]], split: float) -> bool:
    """Two page columns of running text side by side are not a two-column table: here most lines on both sides
    carry five words or more and end flush at the column's right edge (justified), while a table's cells are set
    ragged or hold short entries (names, values)."""
    for side in (
        ([w for w in line if w["x1"] <= split] for line in lines),
        ([w for w in line if w["x0"] >= split] for line in lines),
    ):
        parts = [part for part in side if part]
        if not parts:
            return False
        edge = max(part[-1]["x1"] for part in parts)
        prose_lines = sum(1 for part in parts if len(part) >= 5 and part[-1]["x1"] >= edge - 2)
        if prose_lines < 0.6 * len(parts):
            return False
    return True


def ruleless_region(view: FramedPage, caption: CaptionLine) -> BBox | None:
    """From below the caption down to the last rule (booktabs) or the first wide vertical gap."""
    size = 9.0
    left, right = caption.bbox[0], caption.bbox[2]
    # The next table's caption ends this table: two tables stacked close under their captions stay apart.
    limit = min(
        (c.bbox[1] for c in caption_lines(view) if c.bbox[1] > caption.bbox[3] and overlaps_x(c.bbox, caption.bbox)),
        default=float("inf"),
    )
    below = sorted(
        (r for r in view.h_rules if caption.bbox[3] - SNAP < r[1] < limit and overlaps_x(r, caption.bbox)),
        key=lambda r: r[1],
    )
    # A rule centred under the caption is the table's even when the table is much narrower than its caption (a
    # two-column booktabs table under a caption that runs over the text width).
    axis = (left + right) / 2
    rules = [
        r
        for r in below
        if r[2] - r[0] >= 0.5 * (right - left)
        or (r[2] - r[0] >= 40 and abs((r[0] + r[2]) / 2 - axis) <= 0.05 * (right - left) + SNAP)
    ]
    if rules:
        # Rules far off the first one's extent are not the table's (a footnote separator further down the page,
        # page-wide rules between the parts of a split table).
        first = rules[0]
        reach = 0.25 * (first[2] - first[0])
        rules = [r for r in rules if r[0] >= first[0] - reach and r[2] <= first[2] + reach]
    start = caption.bbox[3]
    if rules:
        # The table is as wide as its rules: wider than its caption, or narrower (a small table centred under a
        # caption that runs over the text width).
        left, right = min(r[0] for r in rules), max(r[2] for r in rules)
        start = max(start, headnote_end(view, caption, rules[0]))
    else:
        # A short caption over a wide table: the table may reach the right edge of the text column the caption
        # starts in, i.e. as far as the lines that start where the caption starts.
        # Only lines under the caption count: prose above it may be wider than a table set in one column.
        same_start = [
            box[2]
            for ln in text_lines(view.words)
            if abs((box := line_box(ln))[0] - left) < 3 and box[1] > caption.bbox[3]
        ]
        right = max([right, *same_start])
        left, right = widened_to_centred_table(view, caption, left, right, below=True)
    words = sorted(
        (w for w in view.words if start < w["top"] < limit and left - SNAP <= w["x0"] and w["x1"] <= right + SNAP),
        key=lambda w: w["top"],
    )
    if not words:
        return None
    size = Counter(round(w["size"]) for w in words[:50]).most_common(1)[0][0] or size
    bottom = start
    # A text line running on past both sides of the table (by more than two type sizes) is the paragraph after it,
    # set at paragraph spacing under a narrow table: the table ends above it.
    prose_tops = [
        box[1]
        for line in text_lines(view.words)
        if (box := line_box(line))[1] > start and box[0] < left - 2 * size and box[2] > right + 2 * size
    ]
    limit = min([limit, *prose_tops, prose_after_space(view, words, start, left, right, size)])
    words = [w for w in words if w["top"] < limit - 0.5]
    if not words:
        return None
    items = sorted(
        [(w["top"], w["bottom"], False) for w in words] + [(r[1], r[3], True) for r in rules if r[1] < limit]
    )
    last_rule_bottom = None
    reached: list[tuple[float, float]] = []
    subtitles = subtitle_lines(words, rules, size)
    after_subtitle = False
    widest_row_gap = 0.0  # the widest gap between two lines of text under the header rule
    for index, (top, item_bottom, is_rule) in enumerate(items):
        # A table does not end at its own top rule: deluxetables leave a wide space under it before the header.
        opened = 0 < len(reached) == index and top - bottom <= 4.4 * size
        # Nor at the space around a sub-title while rules of its own are still ahead: stacked sub-tables under one
        # caption, each under a centred sub-title set off by space ("IL1B_511 locus"), are one table down to its
        # last rule.
        at_subtitle = not is_rule and any(abs(top - line_top) <= 1 for line_top in subtitles)
        ahead = (
            (at_subtitle or after_subtitle)
            and any(is_rule for _, _, is_rule in items[index:])
            and top - bottom <= 4.4 * size
        )
        if top - bottom > 2.2 * size and not (opened or ahead):
            break
        if not is_rule and index and items[index - 1][2] and notes_band_after(reached, words, top, size):
            break  # the notes under the closing rule, set inside the float's frame: the table ended at the rule
        # A third rule or later (top, header and bottom rules of booktabs) with a gap under it wider than a line and
        # than any gap between the rows above it: the table's bottom rule, and the text under it (a display, a list,
        # prose) is not the table's. Rules between groups of rows are followed at the rows' own spacing.
        after_rule = not is_rule and index and items[index - 1][2]
        closes_body = len(reached) >= 3 and any(
            reached[-2][1] < item_top < reached[-1][0] for item_top, _, rule in items[:index] if not rule
        )
        if after_rule and closes_body and top - bottom > max(1.2 * size, widest_row_gap) and not ahead:
            break
        if not is_rule and index and not items[index - 1][2] and len(reached) >= 2:
            widest_row_gap = max(widest_row_gap, top - bottom)
        after_subtitle = at_subtitle
        bottom = max(bottom, item_bottom)
        if is_rule:  # (a word whose top lies on a rule is no rule)
            last_rule_bottom = item_bottom
            reached.append((top, item_bottom))
    if last_rule_bottom is not None and not closes_table(reached, words, start, bottom):
        last_rule_bottom = None  # the body runs on under the header rule: continued on the next page
    if last_rule_bottom is not None and last_rule_bottom > start + 2 * size:
        bottom = last_rule_bottom
    else:
        # Footnotes in smaller type right under a rule-less table are its notes, not rows.
        for line in reversed(text_lines([w for w in words if w["bottom"] <= bottom + 0.5], split_columns=False)):
            if max(w["size"] for w in line) >= size - 0.4:
                break
            bottom = min(w["top"] for w in line) - 0.5
    if bottom - start < 2 * size:
        return None
    return (left - SNAP, start + 0.5, right + SNAP, bottom + 0.5)


def prose_after_space(
    view: FramedPage, words: list[dict], start: float, left: float, right: float, size: float
) -> float:
    """The top of the first line under a rule-less table that starts more than a type size left of it, after a
    gap wider than the table's leading: the text that follows a centred table without rules, set from the text
    margin or its paragraph indent ("The packages are available from:"). A row of the table starts within it."""
    # (lines of another page column, which do not reach into the table's span, are not under it)
    lines = [box for line in text_lines(view.words) if (box := line_box(line))[1] > start and box[2] > left + size]
    own = sorted(line_box(line) for line in text_lines(words, split_columns=False))
    pitches = sorted(b[1] - a[1] for a, b in zip(own, own[1:], strict=False) if b[1] - a[1] > 0.5 * size)
    if not pitches:
        return float("inf")
    pitch = pitches[len(pitches) // 2]
    previous = None
    for box in sorted(lines, key=lambda b: b[1]):
        if previous is not None and box[0] < left - size and box[1] - previous[1] > 1.25 * pitch:
            return box[1]
        if box[0] >= left - size or previous is None:
            previous = box
    return float("inf")


def notes_band_after(reached: list[tuple[float, float]], words: list[dict], top: float, size: float) -> bool:
    """Whether the line at `top`, the first under a rule, opens the table's notes: one phrase that starts with a
    note title or mark ("NOTES:", "a", "∗"), under a rule that closes a body (the third rule reached or later: top,
    header and closing rules, a band of rows above it). Journals that frame the whole float in rules (caption, table,
    notes between a top and a bottom frame rule, as economics journals do) put more rules under the notes; the table
    ends at the rule over them, not at the float's last rule, under which a listing or the next block may follow.
    Smaller type alone tells nothing here: a row's second line continued on the next page may be smaller than the
    size read off the region."""
    if len(reached) < 3:
        return False
    upper, lower = reached[-2][1], reached[-1][0]
    if not any(upper < w["top"] and w["bottom"] < lower for w in words):
        return False
    line = sorted((w for w in words if abs(w["top"] - top) < 1.0), key=lambda w: w["x0"])
    text = " ".join(w["text"] for w in line)
    marked = bool(NOTE_START_PATTERN.match(text) or text.startswith("∗"))
    return marked and len(union_spans(spans_of(line), size)) == 1


def subtitle_lines(words: list[dict], rules: list[BBox], size: float) -> list[float]:
    """Tops of the lines set as one short phrase centred on the table's rules: sub-tables' titles."""
    if not rules:
        return []
    left, right = min(r[0] for r in rules), max(r[2] for r in rules)
    tops = []
    for line in text_lines(words, split_columns=False):
        x0, top, x1, _ = line_box(line)
        one_phrase = all(b["x0"] - a["x1"] < size for a, b in zip(line, line[1:], strict=False))
        centred = abs((x0 + x1) / 2 - (left + right) / 2) <= 0.05 * (right - left)
        if one_phrase and centred and x1 - x0 < 0.5 * (right - left):
            tops.extend(w["top"] for w in line)
    return tops


def headnote_end(view: FramedPage, caption: CaptionLine, top_rule: BBox) -> float:
    """The table starts at its top rule, not under its caption: lines between the two that run as one phrase over
    most of the rule's width are a headnote or the caption's last lines ("[In thousands ...]"), not a header row
    (header cells leave column gaps). Returns where the table's region starts."""
    between = [
        w
        for w in view.words
        if caption.bbox[3] < w["top"] and w["bottom"] < top_rule[1] + SNAP and overlaps_x(line_box([w]), top_rule)
    ]
    if not between:
        return caption.bbox[3]
    gap = column_gap(between) if len(between) >= 8 else MIN_PROSE_GAP
    for line in text_lines(between, split_columns=False):
        box = line_box(line)
        runs_on = all(b["x0"] - a["x1"] < max(gap, MIN_PROSE_GAP) for a, b in zip(line, line[1:], strict=False))
        if not runs_on or box[2] - box[0] < 0.6 * (top_rule[2] - top_rule[0]):
            return caption.bbox[3]
    return top_rule[1] - SNAP


MIN_PROSE_GAP = 4.0  # points: an ordinary word space stays under this


def closes_table(rules: list[tuple[float, float]], words: list[dict], start: float, run_end: float) -> bool:
    """Whether the last rule reached under a caption closes the table. The rule under the header is the first with
    text between it and the caption (or the rule above); when the last rule is that one (or the top rule) and the
    body runs on under it, the part on this page has no closing rule: the table continues on the next page."""
    bounds = [start, *[top for top, _ in rules]]
    header_rule = next(
        (i for i in range(len(rules)) if any(bounds[i] < w["top"] and w["bottom"] < bounds[i + 1] for w in words)), None
    )
    last = len(rules) - 1
    body_below = any(rules[-1][1] < w["top"] and w["bottom"] <= run_end + 0.5 for w in words)
    return not (body_below and (header_rule is None or header_rule == last))


def widened_to_centred_table(
    view: FramedPage, caption: CaptionLine, left: float, right: float, below: bool
) -> tuple[float, float]:
    """A short caption centred over (or under) a wider rule-less table: the block of lines next to the caption (up
    to eight, set without a wide gap) is centred on the caption's axis and wider than it, and gives the table's width
    (a caption at the table's left edge is widened by `same_start` instead). On a two-column page a table in one
    column sits beside the other column's prose, so its lines are not centred on its caption."""
    size = 9.0
    text = text_lines(view.words, split_columns=False)
    # Lines set as one phrase (word spaces only), which a paragraph's lines are and a table's rows are not.
    phrase_lines = {
        line_box(line) for line in text if all(b["x0"] - a["x1"] < size for a, b in zip(line, line[1:], strict=False))
    }
    lines = [line_box(line) for line in text]
    lines = [b for b in lines if (b[1] >= caption.bbox[3] - 0.5 if below else b[3] <= caption.bbox[1] + 0.5)]
    lines.sort(key=lambda b: b[1] if below else -b[3])
    block, edge = [], caption.bbox[3] if below else caption.bbox[1]
    for box in lines[:8]:
        if (box[1] - edge if below else edge - box[3]) > 2 * size:
            break
        overhangs = (
            block and box[0] < min(b[0] for b in block) - 2 * size and box[2] > max(b[2] for b in block) + 2 * size
        )
        if overhangs and box in phrase_lines:
            break  # a line of prose running past both sides of the block: the paragraph next to a narrow table
        block.append(box)
        edge = box[3] if below else box[1]
    if len(block) < 2:
        return left, right
    x0, x1 = min(b[0] for b in block), max(b[2] for b in block)
    axis = (caption.bbox[0] + caption.bbox[2]) / 2
    centred = abs((x0 + x1) / 2 - axis) < size + 0.05 * (x1 - x0)
    if centred and x0 < left - 2 * size and (x1 - x0) > (right - left) + 2 * size:
        return min(left, x0), max(right, x1)
    return left, right


def region_above(view: FramedPage, caption: CaptionLine) -> BBox | None:
    """A caption printed under its table: the block of lines right above it, up to the first wide gap."""
    left, right = caption.bbox[0], caption.bbox[2]
    same_start = [line_box(ln)[2] for ln in text_lines(view.words) if abs(line_box(ln)[0] - left) < 3]
    right = max([right, *same_start])
    left, right = widened_to_centred_table(view, caption, left, right, below=False)
    # A bottom rule right above the caption (a booktabs or statistics table) gives the table's width, wider or
    # narrower than the caption's; the rules above it that reach as far are the table's too.
    line_height = caption.bbox[3] - caption.bbox[1]
    closing = [
        r
        for r in view.h_rules
        if caption.bbox[1] - 3 * line_height < r[3] <= caption.bbox[1] + 0.5
        and r[2] - r[0] >= 40
        and overlaps_x(r, caption.bbox)
    ]
    notes_bottom = None
    if not closing:
        closing, notes_bottom = rule_over_notes(view, caption, line_height)
    # The caption of a table above ends this table's block: two tables stacked, each over its caption.
    ceiling = max(
        (c.bbox[3] for c in caption_lines(view) if c.bbox[3] < caption.bbox[1] and overlaps_x(c.bbox, caption.bbox)),
        default=float("-inf"),
    )
    if closing:
        bottom_rule = max(closing, key=lambda r: r[3])
        reach = 0.1 * (bottom_rule[2] - bottom_rule[0])
        left, right = bottom_rule[0], bottom_rule[2]
        for rule in view.h_rules:
            if ceiling < rule[1] < bottom_rule[1] and abs(rule[0] - left) <= reach and abs(rule[2] - right) <= reach:
                left, right = min(left, rule[0]), max(right, rule[2])
    words = sorted(
        (
            w
            for w in view.words
            if ceiling < w["top"]
            and w["bottom"] < caption.bbox[1]
            and left - SNAP <= w["x0"]
            and w["x1"] <= right + SNAP
        ),
        key=lambda w: -w["bottom"],
    )
    if not words:
        return None
    size = Counter(round(w["size"]) for w in words[:12]).most_common(1)[0][0] or 9.0  # the type nearest the caption
    top = caption.bbox[1]
    # The page's first line (a running head: title or author, page number) set off by more than a line and a half
    # from a table that fills the top of the page is not its header, though closer than the gap that ends a block.
    page_top = min(w["top"] for w in view.words)
    for word in words:
        gap = top - word["bottom"]
        if gap > 2.2 * size or (gap > 1.5 * size and word["top"] - page_top < 0.5 * size):
            break
        # A table without a top rule (a rule under its header, a bottom rule) under the paragraph that leads to it:
        # the paragraph's lines run on past the edges its rules give the table.
        if closing and runs_past(view.words, word, left, right, size):
            break
        top = min(top, word["top"])
    if closing:
        top = max(top, top_rule_start(view, words, ceiling, bottom_rule, top, size))
    if caption.bbox[1] - top < 2 * size:
        return None
    bottom = caption.bbox[1] - 0.5
    if notes_bottom is not None:
        return (left - SNAP, top - 0.5, right + SNAP, notes_bottom)
    if closing:
        # Lines under the body's last rule that are each one phrase (a significance legend "∗∗∗p < 0.001; ∗∗p <
        # 0.01", notes "1 AIC for step 4a." ruled off above the caption) are notes under the table, not rows of it:
        # a row under a rule (a total) has its label and values in columns apart. The highest rule of the table's
        # width with only such lines under it ends the table.
        width = right - left
        for rule in sorted(
            (r for r in view.h_rules if top < r[1] <= bottom_rule[1] + 0.5 and r[2] - r[0] >= 0.9 * width),
            key=lambda r: -r[1],
        ):
            notes = text_lines([w for w in words if w["top"] > rule[3] - 0.5], split_columns=False)
            one_phrase = all(len(union_spans([(w["x0"], w["x1"]) for w in ln], 0.8 * size)) == 1 for ln in notes)
            if notes and not (one_phrase and note_line(notes[0], size)):
                break
            if notes:
                bottom = rule[3] + 0.5
    return (left - SNAP, top - 0.5, right + SNAP, bottom)


def runs_past(words: list[dict], word: dict, left: float, right: float, size: float) -> bool:
    """Whether the run of words a word is set in (its line's words at word spacing, not across a column gutter)
    reaches past a table's left or right edge."""
    line = sorted((w for w in words if abs(w["top"] - word["top"]) < 0.3 * size), key=lambda w: w["x0"])
    at = next((i for i, w in enumerate(line) if w is word), None)
    if at is None:
        return False
    start = end = at
    while start > 0 and line[start]["x0"] - line[start - 1]["x1"] < 1.5 * size:
        start -= 1
    while end < len(line) - 1 and line[end + 1]["x0"] - line[end]["x1"] < 1.5 * size:
        end += 1
    return line[start]["x0"] < left - SNAP or line[end]["x1"] > right + SNAP


MAX_NOTE_LINES = 3  # lines of notes set between a table's bottom rule and its caption below


def rule_over_notes(view: FramedPage, caption: CaptionLine, line_height: float) -> tuple[list[BBox], float | None]:
    """A bottom rule further above a caption printed under its table, with only notes between the two: up to three
    lines, each one phrase at word spacing ("Line 1 of Message", a source line, a significance legend), which rows of
    a table are not (their cells leave column gaps). Returns the rule (as the closing rule) and where the table
    ends, or nothing."""
    rules = [
        r
        for r in view.h_rules
        if caption.bbox[1] - (MAX_NOTE_LINES + 2) * line_height < r[3] <= caption.bbox[1] + 0.5
        and r[2] - r[0] >= 40
        and overlaps_x(r, caption.bbox)
    ]
    if not rules:
        return [], None
    rule = max(rules, key=lambda r: r[3])
    between = [
        w
        for w in view.words
        if rule[3] < w["top"] and w["bottom"] < caption.bbox[1] + 0.5 and rule[0] - SNAP <= w["x0"] <= rule[2]
    ]
    lines = text_lines(between, split_columns=False)
    size = line_height
    if not lines or len(lines) > MAX_NOTE_LINES:
        return [], None
    if any(len(union_spans([(w["x0"], w["x1"]) for w in line], 0.8 * size)) != 1 for line in lines):
        return [], None
    return [rule], rule[3] + 0.5


TOP_RULE_CLEARANCE = 0.8  # type sizes: a header sits closer than this on the rule under it (booktabs: 0.4 ex)


def top_rule_start(
    view: FramedPage, words: list[dict], ceiling: float, bottom_rule: BBox, top: float, size: float
) -> float:
    """A table under its rules with its caption below starts at its top rule: the lines above it, set off by more
    than a header's clearance, are the paragraph or the code chunk that leads to the table (an R vignette prints
    the call right above the table it makes), not a header row. Returns where the table's region starts."""
    width = bottom_rule[2] - bottom_rule[0]
    reach = 0.1 * width
    tops = [
        r
        for r in view.h_rules
        if max(ceiling, top - SNAP) < r[1] < bottom_rule[1] - size
        and abs(r[0] - bottom_rule[0]) <= reach
        and abs(r[2] - bottom_rule[2]) <= reach
    ]
    if not tops:
        return top
    top_rule = min(tops, key=lambda r: r[1])
    above = [w["bottom"] for w in words if w["bottom"] <= top_rule[1] + 0.5 and w["top"] >= top - 0.5]
    if above and top_rule[1] - max(above) > TOP_RULE_CLEARANCE * size:
        return top_rule[1] - 0.5
    return top


def note_line(line: list[dict], size: float) -> bool:
    """A line that opens a table's notes: a note mark or a note title first ("∗∗∗p < 0.001", "1 AIC for step 4a",
    "Note:"), or smaller type than the table's."""
    text = " ".join(w["text"] for w in line)
    return bool(NOTE_START_PATTERN.match(text) or text.startswith("∗")) or line[0].get("size", size) < size - 0.4


def cut_group_rules(view: FramedPage, region: BBox, y: float) -> bool:
    """Whether the rule at y is pieces trimmed apart at each group's ends (gaps of points, as \\cmidrule(lr) leaves
    them), not one midrule across the table."""
    pieces = union_spans(
        [(r[0], r[2]) for r in view.h_rules if abs((r[1] + r[3]) / 2 - y) <= 2 * SNAP and overlaps_x(r, region)]
    )
    return len(pieces) >= 2 and all(b[0] - a[1] > 3.0 for a, b in zip(pieces, pieces[1:], strict=False))


def first_inner_rule(view: FramedPage, region: BBox, lines: list[list[dict]]) -> float | None:
    """The rule under the header (booktabs midrule): the first rule with text both above and below it.

    A rule drawn as several collinear pieces counts by the union of its pieces.
    """
    first_top, last_bottom = line_box(lines[0])[1], line_box(lines[-1])[3]
    width = region[2] - region[0]
    index = index_rules(
        [r for r in view.h_rules if first_top < r[1] < last_bottom and overlaps_x(r, region)], True, region
    )
    for key in sorted(index):
        covered = sum(min(hi, region[2]) - max(lo, region[0]) for lo, hi in index[key])
        if covered >= 0.75 * width:  # partial rules under spanning headers (cmidrule) do not end the header
            return float(key) + SNAP  # index keys are padded by SNAP on both sides
    return None


def joint_columns(view: FramedPage, region: BBox) -> list[float] | None:
    """Column edges where the pieces of a rule drawn cell by cell meet: the typesetter's own cell edges.

    Taken from the rule in the region with the most joints, when it spans the region's width."""
    width = region[2] - region[0]
    by_rule = {}
    for rule in view.h_rules:
        if region[1] - SNAP <= rule[1] <= region[3] + SNAP and rule[2] - rule[0] >= 0.75 * width:
            centre = (rule[1] + rule[3]) / 2
            by_rule[rule] = [x for x, y in view.rule_joints if abs(y - centre) <= SNAP and rule[0] < x < rule[2]]
    if not by_rule:
        return None
    rule, joints = max(by_rule.items(), key=lambda item: len(item[1]))
    if len(joints) < 2:
        return None
    edges = [min(region[0], rule[0]), *sorted(cluster(joints)), max(region[2], rule[2])]
    # A spacer cell of the writer's grid (a piece between two columns, narrower than half of each, that holds text
    # on one line at most: a note under the table running across it) is no column: it goes to the column before.
    words = [w for w in view.words if inside(w, region)]
    spacers = set()
    for i in range(1, len(edges) - 2):
        width = edges[i + 1] - edges[i]
        lines = {round(w["top"]) for w in words if edges[i] <= (w["x0"] + w["x1"]) / 2 < edges[i + 1]}
        if len(lines) <= 1 and 2 * width < min(edges[i] - edges[i - 1], edges[i + 2] - edges[i + 1]):
            spacers.add(i + 1)
    return [x for i, x in enumerate(edges) if i not in spacers]


def column_boundaries(words: list[dict], region: BBox, header_end: float | None) -> list[float]:
    """Column edges from whitespace: x positions no body word covers, in gaps wider than the normal space between
    words (tables set tight have 3 pt gutters). A column empty in every body row of this page (a species no compound
    of the page was found in) still has its header: a header block alone inside a wide gap gets its own column."""
    body = [w for w in words if header_end is None or w["top"] > header_end]
    if len(body) < 4:
        body = words
    header = [w for w in words if w not in body]
    x0, x1 = region[0], region[2]
    min_gap = column_gap(body)
    body_spans = union_spans(typed_phrase_spans(without_group_labels(body, min_gap)))
    gaps = [(x0, body_spans[0][0])] if body_spans else []
    gaps += [(a[1], b[0]) for a, b in zip(body_spans, body_spans[1:], strict=False)]
    gaps.append((body_spans[-1][1] if body_spans else x0, x1))
    # Header phrases line by line: a header over several columns ("Plant name") must not join its sub-headers.
    header_lines = [union_spans([(w["x0"], w["x1"]) for w in line], min_gap) for line in text_lines(header, False)]
    edges = [x0]
    for index, (start, end) in enumerate(gaps):
        if index == 0:
            continue  # the margin left of the first column
        blocks = max(
            (
                [
                    b
                    for b in line
                    if b[0] - start >= min_gap
                    and end - b[1] >= min_gap
                    and not over_two_sub_headers(b, header_lines[index_line + 1 :])
                ]
                for index_line, line in enumerate(header_lines)
            ),
            key=len,
            default=[],
        )
        stops = [start, *[x for block in blocks for x in block], end]
        spaces = list(zip(stops[0::2], stops[1::2], strict=True))
        if index == len(gaps) - 1:
            spaces = spaces[:-1]  # the margin right of the last column
        edges += [clear_of_header(left, right, header_lines) for left, right in spaces if right - left >= min_gap]
    edges.append(x1)
    return edges


TYPED_SPACE = 1.5  # advances: a gap up to this between typewriter words is the space typed between them


def typed_phrase_spans(words: list[dict]) -> list[tuple[float, float]]:
    """Word extents, with the words of a typewriter (monospaced) font that one typed space apart joined: code
    cells ("(1 | g1) + (1 | g2)") leave a full character's advance between their tokens, wider than a proportional
    word space and as wide as a tight gutter, and in a monospaced font those spaces line up from row to row like
    columns. A font is monospaced when every word of it, with letters or signs among them and of different
    lengths, has the same advance per character."""
    advances = monospaced_advances(words)
    spans: list[tuple[float, float]] = []
    for line in text_lines(words, split_columns=False):
        previous = None
        for word in line:
            advance = advances.get(word.get("fontname", ""))
            if (
                previous is not None
                and advance
                and previous.get("fontname", "") == word.get("fontname", "")
                and 0 <= word["x0"] - previous["x1"] <= TYPED_SPACE * advance
            ):
                spans[-1] = (spans[-1][0], word["x1"])
            else:
                spans.append((word["x0"], word["x1"]))
            previous = word
    return spans


def monospaced_advances(words: list[dict]) -> dict[str, float]:
    """The advance per character of each monospaced font among the words (see `typed_phrase_spans`): most of its
    words (a word may end in a glyph of the text font, "g1.") share one advance per character, words of several
    lengths with letters or signs among them. A proportional font's words spread over a range."""
    by_font: dict[str, list[dict]] = {}
    for word in words:
        if word["text"]:
            by_font.setdefault(word.get("fontname", ""), []).append(word)
    advances = {}
    for font, font_words in by_font.items():
        per_char = sorted((w["x1"] - w["x0"]) / len(w["text"]) for w in font_words)
        advance = per_char[len(per_char) // 2]
        same = [w for w in font_words if abs((w["x1"] - w["x0"]) / len(w["text"]) - advance) <= 0.02 * advance]
        # Words with a letter or a sign in them: a proportional font's figures share one advance too (tabular
        # figures), but its letters, signs and punctuation ("-1,", "-3") do not.
        lettered = [w for w in same if not w["text"].isdigit()]
        if advance > 0 and len(same) >= 0.8 * len(font_words) and len({len(w["text"]) for w in lettered}) >= 2:
            advances[font] = advance
    return advances


def clear_of_header(left: float, right: float, header_lines: list[list[tuple[float, float]]]) -> float:
    """The edge in a gutter between body columns: its middle, unless a header phrase reaches into the gutter over
    that middle from a column beside it (a header wider than its centred column, "Non-English or Math" over "Ø",
    "π"). The edge then goes in the part of the gutter that the header's own gap leaves open too, so the phrase stays
    in one column. A phrase inside the gutter is a group label over the two columns ("D4h" over two alternatives),
    and one over the whole gutter spans them: both leave the middle."""
    middle = (left + right) / 2
    crossing = [b for line in header_lines for b in line if b[0] < middle < b[1] and (b[0] < left) != (b[1] > right)]
    if not crossing:
        return middle
    covered = union_spans([b for line in header_lines for b in line if b[1] > left and b[0] < right])
    free, reach = [], left
    for start, end in covered:
        if start > reach:
            free.append((reach, start))
        reach = max(reach, end)
    if reach < right:
        free.append((reach, right))
    free = [(a, b) for a, b in free if b - a >= 1.0]
    if not free:
        return middle
    a, b = max(free, key=lambda span: span[1] - span[0])
    return (a + b) / 2


def aligned_start_columns(lines: list[list[dict]], region: BBox) -> list[float]:
    """Column edges where the gutter is too narrow to find from whitespace (a long first-column entry set up to one
    word space from the next column): the left edge shared by the words of many lines. A column's text starts at
    the same x in most rows, while words inside running text start at scattered places; few lines may have a word
    across that edge (a label centred over the table, an entry that overruns). The region's own left edge (where the
    first column starts) is not a new column."""
    starts = [(w["x0"], line) for line in lines for w in line[1:] if w["x0"] - line[0]["x0"] > 3 * MIN_PROSE_GAP]
    edges = [region[0]]
    for x in cluster([x for x, _ in starts], 1.0):
        holding = {id(line) for start, line in starts if abs(start - x) <= 1.0}
        crossing = sum(1 for line in lines if any(w["x0"] < x - 1.0 < w["x1"] for w in line))
        if len(holding) >= max(5, 0.5 * len(lines)) and crossing <= 0.1 * len(lines):
            edges.append(x - 1.0)
    return [*edges, region[2]]


def over_two_sub_headers(block: tuple[float, float], lower_lines: list[list[tuple[float, float]]]) -> bool:
    """A group label centred over the gutter between two sub-headers of a lower header line ("D4h" over "1st
    alternative" and "2nd alternative") spans those two columns: it is not a column of its own."""
    centre, width = (block[0] + block[1]) / 2, block[1] - block[0]
    for blocks in lower_lines:
        line = union_spans(blocks, MIN_PROSE_GAP)  # whole phrases: "1st alternative", not its words
        left = [b for b in line if b[1] <= block[0]]
        right = [b for b in line if b[0] >= block[1]]
        if left and right:
            between = (left[-1][0] + left[-1][1] + right[0][0] + right[0][1]) / 4
            gutter = right[0][0] - left[-1][1]
            if abs(between - centre) <= max(width, 0.25 * gutter):
                return True
    return False


def without_group_labels(body: list[dict], min_gap: float) -> list[dict]:
    """Body words without the lines that hold one phrase away from the first column ("Proprietary LLMs",
    "Qwen1.5 Series" centred over the rows of their group), when most lines hold three phrases or more: such a label
    lies across the gutters it spans and would join its columns."""
    lines = text_lines(body, split_columns=False)
    over_gutters = {id(w) for line in labels_over_gutters(lines, min_gap) for w in line}
    if over_gutters:
        body = [w for w in body if id(w) not in over_gutters]
        lines = text_lines(body, split_columns=False)
    runs = [len(union_spans([(w["x0"], w["x1"]) for w in line], min_gap)) for line in lines]
    if not lines or sum(1 for n in runs if n >= 3) < 0.6 * len(lines):
        return body
    left = min(w["x0"] for w in body)
    labels = {
        id(w)
        for line, n in zip(lines, runs, strict=True)
        if n == 1 and line[0]["x0"] > left + 2 * min_gap
        for w in line
    }
    # A sub-heading set from the table's left edge ("Number of cylinders = 4" over its group's rows) runs on past a
    # short stub (right-aligned row names end well before it) across the gutter into the first value column's text
    # (a label that ends in the gutter, "Calculations by Pollet and Nettle (2009):", still lies in the stub's space).
    multi = [(w["x0"], w["x1"]) for line, n in zip(lines, runs, strict=True) if n >= 2 for w in line]
    columns = union_spans(multi)
    gutters = [(a[1], b[0]) for a, b in zip(columns, columns[1:], strict=False) if b[0] - a[1] >= min_gap]
    labels |= {
        id(w)
        for line, n in zip(lines, runs, strict=True)
        if n == 1 and any(line[0]["x0"] < lo and line[-1]["x1"] > hi for lo, hi in gutters)
        for w in line
    }
    return [w for w in body if id(w) not in labels]


def labels_over_gutters(lines: list[list[dict]], min_gap: float) -> list[list[dict]]:
    """Lines every phrase of which is centred over a gutter of the other lines, between two of their columns: labels
    of column groups ("(a)" over "A B", "(b)" over "C D": sub-tables side by side), which would join the columns
    they stand over."""
    if len(lines) < 3:
        return []
    found = []
    for index, line in enumerate(lines):
        others = union_spans([(w["x0"], w["x1"]) for i, other in enumerate(lines) if i != index for w in other])
        gutters = [(a[1], b[0]) for a, b in zip(others, others[1:], strict=False) if b[0] - a[1] >= min_gap]
        phrases_here = union_spans([(w["x0"], w["x1"]) for w in line], min_gap)
        if gutters and all(any(lo < (a + b) / 2 < hi for lo, hi in gutters) for a, b in phrases_here):
            found.append(line)
    return found


def union_spans(spans: list[tuple[float, float]], tolerance: float = 0.0) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo < merged[-1][1] + tolerance:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def row_boundaries(
    view: FramedPage,
    region: BBox,
    lines,
    xs: list[float],
    header_end: float | None,
    by_rules: bool = True,
    spaced_before: bool = False,
) -> list[float]:
    """Rows from rules inside the region when the body has them (shaded bands), else one row per logical line
    (always so with by_rules False: the lines of one band between two rules). With `spaced_before`, the part of
    the table before this one (on the previous page) told its rows apart by space: one wider gap is enough here."""
    width = region[2] - region[0]
    inner_rules = cluster(
        [r[1] for r in view.h_rules if region[1] < r[1] < region[3] and r[2] - r[0] >= 0.5 * width]
        + [r[3] for r in view.h_rules if region[1] < r[3] < region[3] and r[2] - r[0] >= 0.5 * width]
    )
    boxes = [line_box(line) for line in lines]
    body_lines = [b for b in boxes if header_end is None or b[1] > header_end]
    # Only rules between body lines separate rows: not the bottom rule, nor one under the header.
    body_rules = [y for y in inner_rules if body_lines and body_lines[0][1] < y < body_lines[-1][3]]
    if by_rules and len(body_rules) >= max(2, len(body_lines) // 6):
        body_rules = [
            y
            for y in body_rules
            if not continues_cell_below(y, lines, xs) or labelled_on_both_sides(y, body_rules, lines, xs, region)
        ]
        # Header lines set apart by more than the leading are header rows (a sub-table's title over its header).
        size = float(Counter(round(w.get("size", 9)) for line in lines for w in line).most_common(1)[0][0] or 9)
        heads = [b for b in boxes if header_end is not None and b[3] <= header_end]
        head_rows = [(a[3] + b[1]) / 2 for a, b in zip(heads, heads[1:], strict=False) if b[1] - a[3] > 0.3 * size]
        ys = [region[1], *head_rows] + ([header_end] if header_end else []) + body_rules + [region[3]]
        return drop_empty_bands(rows_between_rules(view, cluster(ys), lines, xs, header_end), boxes)
    ys = [region[1]]
    spacing = body_spacing(view, region, lines, xs, header_end)
    size, anchored, tight = spacing.size, spacing.anchored, spacing.tight
    if spacing.centred:
        return ys + centred_rows(anchored, xs, header_end, size) + [region[3]]
    spaced_rows = spacing.rows_spaced(spaced_before)
    first_right = max((w["x1"] for line, _ in anchored for w in line if w["x1"] <= xs[1] + SNAP), default=xs[1])
    starts = column_starts(lines, xs)
    # The body's first line starts a row whatever its case: when its first-column entry begins in lower case and so
    # do most first-column lines, the column's entries do (option names, code, gene or chemical names), and lower
    # case tells nothing of a wrap ("n (%)" heading a column of capitalised labels does not count).
    body_firsts = [
        [w for w in line if w["x0"] < xs[1] - SNAP]
        for line, box in anchored
        if header_end is None or box[1] > header_end
    ]
    body_firsts = [words for words in body_firsts if words]
    lower_entries = (
        bool(body_firsts)
        and starts_lower(body_firsts[0])
        and sum(1 for words in body_firsts if starts_lower(words)) >= 0.6 * len(body_firsts)
    )
    # Identifiers (file names, option names, codes) hold no space, and a cell wraps only at a space or a hyphen: in
    # a column of lower-case entries of one word each, a line is a new entry unless the one above ends in a hyphen.
    identifiers = lower_entries and all(
        sum(1 for w in line if w["x0"] < xs[1] - SNAP) <= 1
        for line, box in anchored
        if header_end is None or box[1] > header_end
    )
    column_rights = column_right_edges([line for line, _ in anchored], xs)
    typewriter = typewriter_fonts([w for line, _ in anchored for w in line])
    previous, previous_line, after_errors = None, None, False
    for line, box in anchored:
        starts_row = previous is None or (header_end is not None and previous[3] <= header_end < box[1])
        errors = previous_line is not None and standard_error_line(previous_line, line, xs)
        if not starts_row:
            gap = box[1] - previous[3]
            ruled_between = any(
                previous[3] - 1 <= r[1] <= box[1] + 1 and overlaps_x(r, box) and r[2] - r[0] >= 15 for r in view.h_rules
            )
            # A line of standard errors is a row of its own, and it closes its estimate's entry: a stub label under
            # it opens the next row however tight the leading (a taller glyph, "∆", narrows the gap to nothing).
            after_entry = errors or (after_errors and any(w["x0"] < xs[1] - SNAP for w in line))
            if spaced_rows:
                starts_row = (
                    gap > tight + 0.3 * size
                    or ruled_between
                    or lone_label(line, xs, starts, size)
                    or stacked_numbers(previous_line, line, xs, columns=2)
                    or after_entry
                )
            else:
                first_col_filled = any(w["x0"] < xs[1] - SNAP for w in line)
                if (
                    first_col_filled
                    and wraps_first_column(previous_line, line, xs, first_right, size, lower_entries)
                    and not stacked_numbers(previous_line, line, xs)
                    and not fits_in_another_column(previous_line, line, xs, column_rights, size)
                ):
                    first_col_filled = identifiers and not previous_line[0]["text"].endswith(LINE_END_HYPHENS)
                starts_row = (
                    first_col_filled
                    or gap > 0.6 * size
                    or ruled_between
                    or lone_label(line, xs, starts, size)
                    or stacked_numbers(previous_line, line, xs, columns=2)
                    or stacked_code(previous_line, line, xs, typewriter)
                    or after_entry
                )
            in_header = header_end is not None and box[3] <= header_end
            starts_row = starts_row or (in_header and group_label_over(previous_line, line, xs, size))
        if starts_row and previous is not None:
            ys.append((previous[3] + box[1]) / 2)
        previous, previous_line, after_errors = box, line, errors
    ys.append(region[3])
    return ys


@dataclass
class BodySpacing:
    """The spacing of a table body's text lines: its `gaps` between lines (of body-size letters), the `tight`est
    one, and how many of them are `spaced` wider than the leading (set apart as rows)."""

    size: float
    anchored: list[tuple[list[dict], BBox]]
    gaps: list[float]
    tight: float
    spaced: int
    centred: bool

    def rows_spaced(self, spaced_before: bool = False) -> bool:
        """Whether the rows are set apart by extra space. A lone wider gap among three or more (a group label over
        its rows, "Model fitting:" between section rules) is no pattern: rows set apart by space show it twice at
        least. A part continued from the page before, whose rows were so set apart, keeps that row mode on one
        wider gap (a continuation of two rows has only one gap between rows to show it)."""
        if self.tight >= 0.3 * self.size:
            return False
        if spaced_before:
            return self.spaced >= 1
        return self.spaced >= max(1 if len(self.gaps) < 3 else 2, 0.15 * len(self.gaps))


def body_spacing(view: FramedPage, region: BBox, lines, xs: list[float], header_end: float | None) -> BodySpacing:
    size = float(Counter(round(w.get("size", 9)) for line in lines for w in line).most_common(1)[0][0] or 9)
    # Gaps are measured between the body-size letters of lines: sub- and superscripts and stray glyphs (a raised
    # dot on a baseline of its own) reach into the leading and would hide the space that separates rows.
    anchored = [(line, box) for line in lines if (box := anchor_box(line, size)) is not None]
    body_boxes = [box for _, box in anchored if header_end is None or box[1] > header_end]
    body_gaps = [b[1] - a[3] for a, b in zip(body_boxes, body_boxes[1:], strict=False)]
    tight = min(body_gaps, default=0.0)
    # Lines that overlap (labels centred beside several lines of other cells): rows from the first column's blocks.
    centred = sum(1 for gap in body_gaps if gap < -0.2 * size) >= 3
    # Rows set apart by extra space: then the space alone tells a new row from a wrapped line, even when the
    # wrapped line continues the first column ("Size exclusion / chromatography").
    # One wider gap (a group of rows set apart, "Other assaults" after the crime types) is no such pattern: rows set
    # apart by space have the extra space at every second or third line at least.
    # Space around a rule belongs to the rule (a booktabs midrule closing a group of rows), not to row spacing.
    width = region[2] - region[0]
    width_rules = [r for r in view.h_rules if r[2] - r[0] >= 0.5 * width]
    # Nor is the space above a block label (a line of first-column text only, "Correct calculations:") row spacing:
    # blocks of rows set apart, each under its label, keep their own rows at the plain leading.
    body_anchored = [line for line, box in anchored if header_end is None or box[1] > header_end]
    spaced = sum(
        1
        for (a, b), lower in zip(zip(body_boxes, body_boxes[1:], strict=False), body_anchored[1:], strict=False)
        if b[1] - a[3] > tight + 0.3 * size
        and not any(a[3] - 1 <= r[1] <= b[1] + 1 for r in width_rules)
        and not all(w["x0"] < xs[1] - SNAP for w in lower)
    )
    # A lone wider gap among three or more (a group label over its rows, "Model fitting:" between section rules)
    # is no pattern either: rows set apart by space show it twice at least.
    return BodySpacing(size, anchored, body_gaps, tight, spaced, centred)


INK_CROSSING_SHARE = 0.25  # of a glyph's height on each side of a row boundary: more is a boundary through it
LEADER_END = re.compile(r"(?:\.\s?){3,}$")  # dot leaders ("Robbery . . . . ." or "Arson......") ending a label


def rows_between_rules(
    view: FramedPage, ys: list[float], lines: list[list[dict]], xs: list[float], header_end: float | None
) -> list[float]:
    """Rules inside a body are row boundaries, but in booktabs tables they close groups of rows (a midrule under
    each block of benchmarks, each block under a group label): a band between two rules with two lines or more that
    each start in the first column and fill other columns too holds several rows, found from its lines."""
    result = [ys[0]]
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = [line for line in lines if top < (line_box(line)[1] + line_box(line)[3]) / 2 < bottom]
        # A nested stub (a block label on the block's header line, the row labels one column in) leaves the first
        # column empty on most of the band's lines, which start in the second: its rows start there. (Lines that
        # start further right are the wrapped ends of cells, not rows.)
        firsts = Counter(band_index(xs, line[0]["x0"] + SNAP) for line in band)
        # (As many lines starting in the second column as in the first: a block label over two sub-rows.)
        nested = len(xs) > 3 and firsts[1] > 0 and firsts[1] >= max(firsts.values())
        band_xs = [xs[0], *xs[2:]] if nested else xs
        rows_like = [
            line
            for line in band
            if any(w["x0"] < band_xs[1] - SNAP for w in line) and any(w["x0"] >= band_xs[1] - SNAP for w in line)
        ]
        if (header_end is None or top >= header_end - SNAP) and len(rows_like) >= 2:
            region = (xs[0], top, xs[-1], bottom)
            # A block label beside its first row's entry is no part of it: read without it, that entry is one
            # identifier like the others ("linecolor=<color>" beside "\NotebookPar"), not a phrase that wraps. (A
            # label on a line of its own or on the block's header line, the row labels' column empty there, stays.)
            sub_lines = [beside_label(line, xs) for line in band] if nested else band
            inner = row_boundaries(view, region, sub_lines, band_xs, None, by_rules=False)[1:-1]
            result += [
                y
                for y in inner
                if top < y < bottom and not cuts_through_ink(y, band) and not label_tail_below(y, band, band_xs)
            ]
        result.append(bottom)
    return result


def cuts_through_ink(y: float, lines: list[list[dict]]) -> bool:
    """Whether a row boundary between two lines runs through a glyph of another line, a good part of it on either
    side. Displayed maths stacks its lines into each other (a sum's or a maximum's limits under it, a fraction's
    numerator and denominator, an integral's bounds beside a raised box): lines of one cell, which a boundary
    between text lines passes clear of, but for the overlap of tight leading. Only glyphs of the text's size count:
    a prime or a script of a maths symbol font has a box far taller than its ink ("F′")."""
    reach, size = INK_CROSSING_SHARE, body_size(lines)
    return any(
        w["top"] + reach * (w["bottom"] - w["top"]) < y < w["bottom"] - reach * (w["bottom"] - w["top"])
        and w.get("size", size) >= SCRIPT_SIZE * size
        for line in lines
        for w in line
    )


def label_tail_below(y: float, band: list[list[dict]], xs: list[float]) -> bool:
    """Whether all a ruled band holds under `y` is first-column text under a row that filled other columns too: the
    rest of that row's label ("Right-tail AD / (ADR)"), set a line lower where displayed maths beside it deepened
    the row; a row of its own would fill other columns or have rows under it. Scripts do not count: a sum's lower
    limit hangs into the label's line."""
    size = body_size(band)
    words = [w for line in band for w in line if w.get("size", size) >= SCRIPT_SIZE * size]
    below = [w for w in words if (w["top"] + w["bottom"]) / 2 > y]
    above = [w for w in words if (w["top"] + w["bottom"]) / 2 < y]
    return (
        bool(below)
        and all(w["x0"] < xs[1] - SNAP for w in below)
        and any(w["x0"] < xs[1] - SNAP for w in above)
        and any(w["x0"] >= xs[1] - SNAP for w in above)
    )


def beside_label(line: list[dict], xs: list[float]) -> list[dict]:
    """A line of a nested stub without its block label when the row labels' column holds an entry beside it."""
    entry = [w for w in line if xs[1] - SNAP <= w["x0"] < xs[2] - SNAP]
    return [w for w in line if w["x0"] >= xs[1] - SNAP] if entry else line


def column_starts(lines: list[list[dict]], xs: list[float]) -> list[float]:
    """Where the text of each column after the first starts in most lines (its aligned left edge)."""
    starts = []
    for lo, hi in zip(xs[1:-1], xs[2:], strict=False):
        firsts = Counter(
            round(next(w["x0"] for w in line if lo <= w["x0"] < hi))
            for line in lines
            if any(lo <= w["x0"] < hi for w in line)
        )
        if firsts:
            starts.append(float(firsts.most_common(1)[0][0]))
    return starts


def lone_label(line: list[dict], xs: list[float], starts: list[float], size: float) -> bool:
    """A line of one phrase centred on a two-column table and lying across where the second column's text starts (a
    group label, "Frontmatter Commands"): a row of its own, never the wrapped end of a cell above."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:], strict=False)]
    one_phrase = all(gap < 0.5 * size for gap in gaps)
    x0, x1 = line[0]["x0"], line[-1]["x1"]
    centred = abs((x0 + x1) / 2 - (xs[0] + xs[-1]) / 2) <= 0.05 * (xs[-1] - xs[0])
    # Two columns only: with more, a short line of a middle column can sit centred (its group labels are found
    # from their own rows by `spread_centred_labels`).
    return len(xs) == 3 and one_phrase and centred and any(x0 < start - SNAP and x1 > start + SNAP for start in starts)


def group_label_over(upper: list[dict], lower: list[dict], xs: list[float], size: float) -> bool:
    """A header line holding a group label set across a column gutter ("Manuscript type" over "BR CA FR LA RA")
    above a line of sub-headers in two columns or more of those it spans: two header rows, even set at the leading of
    one wrapped header cell (a label wrapped in its own column has under it words of that one column only)."""
    for lo, hi in union_spans([(w["x0"], w["x1"]) for w in upper], 0.5 * size):
        if not any(min(edge - lo, hi - edge) >= 0.25 * (hi - lo) for edge in xs[1:-1]):
            continue  # lies well across no column edge: a header of one column, perhaps overhanging its gutter
        under = {
            band_index(xs, (w["x0"] + w["x1"]) / 2) for w in lower if lo - SNAP <= (w["x0"] + w["x1"]) / 2 <= hi + SNAP
        }
        if len(under) >= 2:
            return True
    # A short label centred over the gutter between two sub-headers (a model's name over its "Estimate" and "SE"
    # columns, no partial rule under it) lies across no column edge: its centre falls in the space between two
    # sub-headers of the line below and halves their extent.
    below = union_spans([(w["x0"], w["x1"]) for w in lower], 0.5 * size)
    for lo, hi in union_spans([(w["x0"], w["x1"]) for w in upper], 0.5 * size):
        centre = (lo + hi) / 2
        for (a0, a1), (b0, b1) in zip(below, below[1:], strict=False):
            if a1 < centre < b0 and abs((a0 + b1) / 2 - centre) <= 0.5 * size and hi - lo <= b1 - a0 + size:
                return True
    return False


def stacked_numbers(upper: list[dict], lower: list[dict], xs: list[float], columns: int = 1) -> bool:
    """Both lines hold a number in the same column after the first (in `columns` columns or more): a value never
    wraps onto a second line, so the lower line is a row of its own, whatever its label looks like (a column of
    lower-case model names, "dominant" / "additive", each in a narrow stub that no two labels would fit side by
    side) and whatever the spacing (a block of counts under a block label in a table otherwise spaced)."""

    def numbers(line: list[dict]) -> set[int]:
        # A check mark or a dash standing for "not included" is a value of its own too (a matrix of models by
        # terms, "√" / "—").
        return {
            band_index(xs, (w["x0"] + w["x1"]) / 2)
            for w in line
            if w["x0"] >= xs[1] - SNAP
            and ((NUMBER_CELL.match(w["text"]) and any(ch.isdigit() for ch in w["text"])) or MARK_CELL.match(w["text"]))
        }

    return len(numbers(upper) & numbers(lower)) >= columns


def typewriter_fonts(words: list[dict]) -> set[str]:
    """The monospaced fonts among the words: measured so (`monospaced_advances`), or named so (the typewriter
    families of models/structure/layout.json: an italic typewriter set for two names of one length measures
    nothing)."""
    from pipeline.extract.structure.conventions import default_config, is_monospaced_font

    config = default_config()
    fonts = {w.get("fontname", "") for w in words}
    return set(monospaced_advances(words)) | {font for font in fonts if is_monospaced_font(font, config)}


def stacked_code(upper: list[dict], lower: list[dict], xs: list[float], typewriter: set[str]) -> bool:
    """Both lines hold one typewriter word alone in the same column after the first: a code identifier (a function,
    option or file name) has no space to wrap at, so the lower one is an entry of its own, as a value is
    (`stacked_numbers`): a column of function names going on below a shorter first column ("residuals", "terms",
    "R0" under the last method of the Display column) lists one per row. A word ending in a hyphen may wrap."""

    def code_columns(line: list[dict]) -> set[int]:
        by_column: dict[int, list[dict]] = {}
        for w in line:
            if w["x0"] >= xs[1] - SNAP:
                by_column.setdefault(band_index(xs, (w["x0"] + w["x1"]) / 2), []).append(w)
        return {
            c
            for c, ws in by_column.items()
            if len(ws) == 1 and ws[0].get("fontname", "") in typewriter and not ws[0]["text"].endswith(LINE_END_HYPHENS)
        }

    return bool(typewriter) and bool(code_columns(upper) & code_columns(lower))


def column_right_edges(lines: list[list[dict]], xs: list[float]) -> list[float]:
    """Where each column's longest line ends: the width its cells wrap at."""
    rights = [lo for lo in xs[:-1]]
    for line in lines:
        for w in line:
            c = band_index(xs, (w["x0"] + w["x1"]) / 2)
            rights[c] = max(rights[c], w["x1"])
    return rights


def fits_in_another_column(
    upper: list[dict], lower: list[dict], xs: list[float], rights: list[float], size: float
) -> bool:
    """A cell wraps only when its next word does not fit on its line: where, in a column after the first, both
    lines hold text and the lower line's first word would have fitted after the upper line's text, that text is no
    wrap, and the lower line is a row of its own (short entries "aA" under "aa", "saA" under "saa")."""
    for c in range(1, len(xs) - 1):
        above = [w for w in upper if band_index(xs, (w["x0"] + w["x1"]) / 2) == c]
        here = [w for w in lower if band_index(xs, (w["x0"] + w["x1"]) / 2) == c]
        if above and here and above[-1]["x1"] + 0.3 * size + (here[0]["x1"] - here[0]["x0"]) <= rights[c]:
            return True
    return False


NUMBER_CELL = re.compile(r"^[<>≤≥±+\-−–]?\d[\d.,]*%?$")
MARK_CELL = re.compile(r"^[√✓✔✗✘×•●○—–][\d∗*†‡]?$")  # a mark with perhaps a note mark: "√", "√1", "—"
# A statistic as model tables print it: an estimate with significance stars or note marks ("0.43∗∗∗", "−2.06**",
# "1.2†"), or a standard error, t value or interval bound in parentheses or brackets ("(0.09)", "[0.31]").
ESTIMATE_CELL = re.compile(r"^[+\-−–]?\d[\d.,]*[∗*†‡§]*$")
BRACKETED_CELL = re.compile(r"^[(\[][+\-−–]?\d[\d.,]*[)\]][∗*†‡§]*$")


def standard_error_line(upper: list[dict], lower: list[dict], xs: list[float]) -> bool:
    """A line of bracketed numbers only, under estimates in the same columns, its first column empty: the standard
    errors (or t values, intervals) that regression tables print on a line of their own under each estimate
    (texreg, stargazer, apsrtable). Each such line is a row of its own, with an empty stub cell."""
    if not lower or any(w["x0"] < xs[1] - SNAP for w in lower) or len(xs) < 3:
        return False
    if not all(BRACKETED_CELL.match(w["text"]) for w in lower):
        return False
    estimates = {band_index(xs, (w["x0"] + w["x1"]) / 2) for w in upper if ESTIMATE_CELL.match(w["text"])}
    return {band_index(xs, (w["x0"] + w["x1"]) / 2) for w in lower} <= estimates


def band_index(edges: list[float], value: float) -> int:
    return sum(1 for edge in edges[1:-1] if value >= edge)


def starts_lower(words: list[dict]) -> bool:
    return bool(words) and words[0]["text"][:1].islower() and len(words[0]["text"]) > 1


def wraps_first_column(
    previous: list[dict], line: list[dict], xs: list[float], right: float, size: float, lower_entries: bool = False
) -> bool:
    """A first-column label wrapped onto a second line, in a table whose rows are not set apart by extra space: the
    line above filled the column (this line's first word would not have fitted after it; `right` is where the
    column's longest line ends), and this line either starts in lower case ("Azadirachta / indica") or has
    nothing in the other columns (their cells started on the row's first line)."""
    above = [w for w in previous if w["x0"] < xs[1] - SNAP]
    here = [w for w in line if w["x0"] < xs[1] - SNAP]
    if not above or not here or LEADER_END.search(" ".join(w["text"] for w in above)):
        return False  # dot leaders close a label: the line under it is the next row's
    would_fit = above[-1]["x1"] + 0.3 * size + (here[0]["x1"] - here[0]["x0"]) <= right
    others_empty = all(w["x0"] < xs[1] - SNAP for w in line)
    # A one-letter first word ("δ Pav", "α Cen A": a Greek letter naming a star) is a designation, not the lower-case
    # rest of a wrapped word.
    # Nor does lower case mark a wrap when the entry above starts in lower case too ("population-level priors" over
    # "group-level priors"): the column's entries are set in lower case there.
    lower_word = starts_lower(here) and not lower_entries and not starts_lower(above)
    # A bracketed gloss that would not fit after the entry above is its second line: an abbreviation or the name a
    # code stands for ("Kolmogorov-Smirnov / (KS)", "/Di / (Direction)"); "(a)" and "(2)" number rows.
    gloss = here[0]["text"].startswith("(") and not ROW_NUMBER.match(here[0]["text"])
    return not would_fit and (lower_word or others_empty or gloss)


def centred_rows(
    anchored: list[tuple[list[dict], BBox]], xs: list[float], header_end: float | None, size: float
) -> list[float]:
    """Cells centred on their row interleave their lines with the single lines of other cells ("[290, 355," above
    and "358, 364]" below the row's line). Each row starts at a first-column entry; every other line belongs to the
    entry nearest to it, and a row ends where the next one's first line begins."""
    header_boxes = [box for _, box in anchored if header_end is not None and box[1] <= header_end]
    body = [(line, box) for line, box in anchored if header_end is None or box[1] > header_end]
    starts = multirow_stub_starts([line for line, _ in body], xs)
    entries = [(box[1] + box[3]) / 2 for (_, box), starts_row in zip(body, starts, strict=True) if starts_row]
    if not entries:
        return [header_end] if header_end is not None else []
    rows = [[] for _ in entries]
    for _, box in body:
        centre = (box[1] + box[3]) / 2
        rows[min(range(len(entries)), key=lambda i: abs(entries[i] - centre))].append(box)
    ys = []
    if header_boxes and header_end is not None:
        # Header lines set apart by more than the leading are header rows ("Plant name" over the species).
        ys = [
            (a[3] + b[1]) / 2 for a, b in zip(header_boxes, header_boxes[1:], strict=False) if b[1] - a[3] > 0.3 * size
        ]
        ys.append(header_end)
    for above, below in zip(rows, rows[1:], strict=False):
        if above and below:
            ys.append((max(b[3] for b in above) + min(b[1] for b in below)) / 2)
    return ys


def multirow_stub_starts(lines: list[list[dict]], xs: list[float]) -> list[bool]:
    """Which lines start a row in a body of centred cells. A line of values in most value columns with an empty stub
    is a row of its own (the rows of a block whose label is set once, vertically centred beside them: LaTeX's
    \\multirow); a stub label on a line between two such lines, beside values in few columns, is that block's
    label, not a row (`span_vertically_centred_cells` spreads it over the block). Otherwise a row starts at a
    first-column entry (`first_column_starts`)."""
    starts = first_column_starts(lines, xs)
    n_values = len(xs) - 2

    def value_columns(line: list[dict]) -> int:
        centres = [(w["x0"] + w["x1"]) / 2 for w in line]
        return sum(1 for c in range(1, len(xs) - 1) if any(xs[c] <= x < xs[c + 1] for x in centres))

    filled = [value_columns(line) for line in lines]
    full = [not start and n >= max(2, (n_values + 1) // 2) for start, n in zip(starts, filled, strict=True)]
    result = [start or whole for start, whole in zip(starts, full, strict=True)]
    for i in range(1, len(lines) - 1):
        if starts[i] and full[i - 1] and full[i + 1] and 2 * filled[i] < n_values:
            result[i] = False
    return result


ROW_NUMBER = re.compile(r"^\(?[0-9IVXivx]{1,4}[a-z]?[.)]?$")


def first_column_starts(lines: list[list[dict]], xs: list[float]) -> list[bool]:
    """Whether each line has text in the first column. A first column of row numbers ("1", "2", ...): only a number
    there starts a row; a word that slipped into it continues the row above ("Trifluoroacetyl-α-" / "Terpineol")."""
    firsts = [" ".join(w["text"] for w in line if w["x0"] < xs[1] - SNAP) for line in lines]
    filled = [text for text in firsts if text]
    numbered = len(filled) >= 5 and sum(1 for text in filled if ROW_NUMBER.match(text)) >= 0.9 * len(filled)
    return [bool(text) and (not numbered or bool(ROW_NUMBER.match(text))) for text in firsts]


def anchor_box(line: list[dict], size: float) -> BBox | None:
    """The box of a line's body-size words that hold a letter or digit; None for a line of stray glyphs."""
    words = [w for w in line if w.get("size", size) >= 0.85 * size and any(ch.isalnum() for ch in w["text"])]
    if not words:
        return None
    x0, _, x1, _ = line_box(words)
    top = min(w.get("core_top", w["top"]) for w in words)
    return (x0, top, x1, max(w.get("core_bottom", w["bottom"]) for w in words))


def labelled_on_both_sides(
    y: float, rules: list[float], lines: list[list[dict]], xs: list[float], region: BBox
) -> bool:
    """Whether the bands between a rule and its neighbouring rules each hold a first-column entry. Then the rule
    parts two rows whose first cells are centred on their wrapped neighbours (LaTeX m-columns: a command centred
    beside the three lines of its description, the description's first line right under the rule): a wrapped cell
    going on under a shading edge has its entry above the edge only."""
    above_top = max((r for r in rules if r < y), default=region[1])
    below_bottom = min((r for r in rules if r > y), default=region[3])

    def labelled(top: float, bottom: float) -> bool:
        return any(
            top < (line_box(line)[1] + line_box(line)[3]) / 2 < bottom and any(w["x0"] < xs[1] - SNAP for w in line)
            for line in lines
        )

    return labelled(above_top, y) and labelled(y, below_bottom)


def continues_cell_below(y: float, lines: list[list[dict]], xs: list[float]) -> bool:
    """Shading drawn line by line puts a rule inside a wrapped cell: there the line under the rule follows the
    line above at normal line spacing and leaves the first column empty."""
    centre = [(line_box(line)[1] + line_box(line)[3]) / 2 for line in lines]
    above = [line for line, c in zip(lines, centre, strict=True) if c < y]
    below = [line for line, c in zip(lines, centre, strict=True) if c > y]
    if not above or not below:
        return False
    gap = line_box(below[0])[1] - line_box(above[-1])[3]
    size = below[0][0].get("size", 9) or 9
    # A wrapped cell goes on in a column the line above filled: a line that opens a column empty above (the row
    # labels of a nested stub under a block's header line) starts a row.
    filled_above = {band_index(xs, (w["x0"] + w["x1"]) / 2) for w in above[-1]}
    opens_column = any(band_index(xs, (w["x0"] + w["x1"]) / 2) not in filled_above for w in below[0])
    return gap < 0.4 * size and not any(w["x0"] < xs[1] - SNAP for w in below[0]) and not opens_column


def drop_empty_bands(ys: list[float], boxes: list[BBox]) -> list[float]:
    kept = [ys[0]]
    for y in ys[1:]:
        if any(kept[-1] <= (b[1] + b[3]) / 2 <= y for b in boxes):
            kept.append(y)
    if kept[-1] != ys[-1]:
        kept[-1] = ys[-1]
    return kept


DOUBLE_RULE_GAP = 4.0  # points between the two strokes of a double rule (\hline\hline, \midrule\midrule)


def stacked_sub_tables(page, view: FramedPage, raw: RawTable) -> list[RawTable]:
    """The sub-tables of one float stacked under a double rule, each read with its own columns, when their
    column sets differ (a capability table split in two because its columns would not fit the width, each half
    under its own header). Parts of the same columns stay one grid, the double rule a group break."""
    if raw.ruled:
        return [raw]
    x0, top, x1, bottom = raw.bbox
    full = [r for r in view.h_rules if top < r[1] < bottom and r[0] <= x0 + SNAP and r[2] >= x1 - SNAP]
    full.sort(key=lambda r: r[1])
    breaks = [(a, b) for a, b in zip(full, full[1:], strict=False) if 0 < b[1] - a[3] <= DOUBLE_RULE_GAP]
    words = [w for w in view.words if inside(w, raw.bbox)]
    for upper_rule, lower_rule in breaks:
        above = [w for w in words if w["bottom"] <= upper_rule[1]]
        below = [w for w in words if w["top"] >= lower_rule[3]]
        if not above or not below:
            continue
        upper = ruleless_table_in(page, view, (x0, top, x1, upper_rule[1]))
        lower = ruleless_table_in(page, view, (x0, lower_rule[3], x1, bottom))
        if upper is None or lower is None or len(upper.rows[0]) == len(lower.rows[0]):
            continue
        if not (cells_across_columns(view, upper, lower) or cells_across_columns(view, lower, upper)):
            continue  # one tabular whose lower block fills fewer of the same columns: one grid
        for part in (upper, lower):
            part.caption, part.number, part.notes, part.continued = raw.caption, raw.number, raw.notes, raw.continued
        return [upper, lower]
    return [raw]


def cell_text_spans(view: FramedPage, raw: RawTable) -> list[list[tuple[float, float] | None]]:
    """Each cell's inked extent (leftmost word start, rightmost word end), None for an empty or merged slot."""
    spans = []
    for row in raw.cell_bboxes:
        spans.append([])
        for box in row:
            words = [w for w in view.words if inside(w, box)] if box is not None else []
            spans[-1].append((min(w["x0"] for w in words), max(w["x1"] for w in words)) if words else None)
    return spans


def cells_across_columns(view: FramedPage, raw: RawTable, other: RawTable) -> bool:
    """Whether a cell's text of `raw` reaches over two columns' text of `other`: the two blocks do not share a
    column grid (a header over what the other block sets as two columns). Text, not gutter edges, is compared: a
    wide maths cell of one block may run into the other block's gutter without reaching its next column."""
    other_spans = cell_text_spans(view, other)
    columns = []
    for c in range(len(other.rows[0])):
        inked = [row[c] for row in other_spans if c < len(row) and row[c] is not None]
        if inked:
            columns.append((min(a for a, _ in inked), max(b for _, b in inked)))
    for row in cell_text_spans(view, raw):
        for span in row:
            if span is not None and sum(1 for a, b in columns if span[0] < b - SNAP and a + SNAP < span[1]) >= 2:
                return True
    return False
