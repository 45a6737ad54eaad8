"""Table regions on one page: ruled tables from pdfplumber's line strategy (only its cell boxes are used, for
the row and column boundaries), rule-less ones next to their captions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from operator import itemgetter

import pdfplumber

from pipeline.extract.tables.captions import MAX_CAPTION_DISTANCE, caption_lines
from pipeline.extract.tables.grid import (
    build_raw_table,
    looks_like_table,
    spread_boxed_header_labels,
    spread_header_labels,
)
from pipeline.extract.tables.layout import (
    SNAP,
    UPRIGHT,
    Frame,
    FramedPage,
    char_frame,
    char_inside,
    cluster,
    cut_inside,
    framed_page,
    inside,
    line_box,
    merge_collinear,
    on_baseline,
    text_lines,
)
from pipeline.extract.tables.ruleless import (
    body_spacing,
    framed_regions,
    headed_regions,
    paragraph_across_rows,
    row_boundaries,
    ruleless_table,
    ruleless_table_in,
    stacked_sub_tables,
)
from pipeline.records import BBox, RawTable

CAPTION_IN_CHARS = re.compile(r"(?:Table|TABLE)\s*(?:[A-Z]?\d|[IVXL]+\b)")
SCOPE_MARGIN = 110.0  # points around a ruled table searched for its caption and notes
_TEXT = itemgetter("text")


def find_page_tables(page: pdfplumber.page.Page) -> list[RawTable]:
    """Table regions on one parsed page (called by ingest while the page is open).

    Words are extracted only where they are needed (around ruled tables, and on pages whose text holds a
    "Table N" caption), which keeps pages without tables at a few milliseconds.
    """
    chars_by_frame = frames_of(page.chars)
    captioned = [f for f, chars in chars_by_frame.items() if CAPTION_IN_CHARS.search("".join(map(_TEXT, chars)))]
    candidates = page.find_tables()
    headed = UPRIGHT in chars_by_frame and header_rules(page)
    if not chars_by_frame or not (candidates or captioned or headed):
        return []
    # glyphs set low moved level with their line, on a page that may hold a table (they keep their frame and text)
    level = on_baseline(page.chars)
    if level is not page.chars:
        chars_by_frame = frames_of(level)
    edges = page.edges + image_rules(page)
    # each frame's whole view (its words and rules) is made once: the caption, header and figure steps below all
    # read the same one (the steps only read a view; none changes it or its words)
    whole_views: dict[Frame, FramedPage] = {}

    def whole_view(frame: Frame) -> FramedPage:
        if frame not in whole_views:
            whole_views[frame] = framed_page(frame, chars_by_frame[frame], edges)
        return whole_views[frame]

    found: list[RawTable] = []
    for table in candidates:
        frame = dominant_frame(table.bbox, chars_by_frame)
        if frame not in chars_by_frame:
            continue
        x0, top, x1, bottom = rule_extent(table.bbox, edges) if frame == UPRIGHT else table.bbox
        scope = (x0 - SCOPE_MARGIN, top - SCOPE_MARGIN, x1 + SCOPE_MARGIN, bottom + SCOPE_MARGIN)
        near = [e for e in edges if char_inside(e, scope)]
        view = framed_page(frame, [c for c in chars_by_frame[frame] if char_inside(c, scope)], near)
        raw = ruled_table(page, table, view)
        if raw is not None:
            found.append(raw)
    for frame in captioned:
        one_caption_per_table(found, whole_view(frame))
    for frame in captioned:
        view = whole_view(frame)
        for caption in caption_lines(view):
            ruled = [r for r in found if r.rotation == frame.rotation and r.number == caption.number]
            if ruled and filled_cells(ruled[0]) >= 8:
                continue
            raw = ruleless_table(page, view, caption)
            if raw is not None and not ruled:
                ruled = same_region_unnumbered(found, raw)
                if ruled and not (filled_cells(raw) > filled_cells(ruled[0]) and not only_splits_rows(raw, ruled[0])):
                    # the ruled reading of the same table, whose caption lay outside the scope read around it
                    ruled[0].caption, ruled[0].number, ruled[0].continued = raw.caption, raw.number, raw.continued
                    continue
            # A few ruled boxes (a boxed header) inside a larger rule-less table: the larger reading wins. A reading
            # that only splits the boxes' rows (wrapped lines at a wide leading read as rows: the same columns, no
            # more text) is not larger.
            if raw is not None and (
                not ruled or (filled_cells(raw) > filled_cells(ruled[0]) and not only_splits_rows(raw, ruled[0]))
            ):
                found = [r for r in found if r not in ruled] + stacked_sub_tables(page, view, raw)
    if headed:
        view = whole_view(UPRIGHT)
        taken = [r.bbox for r in found if not r.rotation]
        for region in headed_regions(view, taken):
            raw = ruleless_table_in(page, view, region)
            if raw is not None and raw.number is None and not paragraph_across_rows(view, raw):
                found.append(raw)
        taken = [r.bbox for r in found if not r.rotation]
        for region, header_end in framed_regions(view, taken):
            raw = ruleless_table_in(page, view, region, header_end)
            if raw is not None and raw.number is None and not paragraph_across_rows(view, raw):
                found.append(raw)
    uncaptioned = [raw for raw in found if raw.number is None and not raw.rotation]
    in_figures = set(map(id, inside_figures(page, uncaptioned))) if uncaptioned else set()
    if uncaptioned and UPRIGHT in chars_by_frame:
        # (a view's words do not depend on its rules: without rules when no whole view was made)
        upright_view = whole_views.get(UPRIGHT) or framed_page(UPRIGHT, chars_by_frame[UPRIGHT], [])
        words = upright_view.words
        in_figures |= {id(raw) for raw in uncaptioned if raw.ruled and lines_run_through(raw, words)}
    return [raw for raw in found if raw.number is not None or not (drawn_figure(page, raw) or id(raw) in in_figures)]


def same_region_unnumbered(found: list[RawTable], raw: RawTable) -> list[RawTable]:
    """The ruled tables found without a number that cover most of a captioned rule-less reading's box: the same
    table read twice (its caption set beside or under the ruled grid, outside the scope read around it)."""

    def area(box: BBox) -> float:
        return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])

    def shared(a: BBox, b: BBox) -> float:
        return area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))

    return [
        r
        for r in found
        if r.number is None
        and r.rotation == raw.rotation
        and shared(r.bbox, raw.bbox) >= 0.8 * min(area(r.bbox), area(raw.bbox)) > 0
    ][:1]


def lines_run_through(raw: RawTable, words: list[dict]) -> bool:
    """Whether the grid's rows are lines of running text that go on past its box at word spacing: shaded inline
    code in consecutive lines of a paragraph (knitr's and BiocStyle's highlighted code spans) draws boxes whose
    edges make a grid, but a table's rows end inside its box. True when every row has a word of its line within a
    word space outside the box's left or right side (or a word that straddles a side, centred outside)."""
    x0, top, x1, bottom = raw.bbox
    inside_words = [w for w in words if inside(w, raw.bbox)]
    if not inside_words:
        return False
    rows = text_lines(inside_words, split_columns=False)
    size = Counter(round(w.get("size", 9)) for w in inside_words).most_common(1)[0][0] or 9
    outside = [w for w in words if not inside(w, raw.bbox) and top - SNAP <= w["top"] and w["bottom"] <= bottom + SNAP]
    return len(rows) >= 2 and all(
        any(
            abs(w["top"] - line_box(row)[1]) < 0.5 * size
            and (x0 - w["x1"] < 0.6 * size if w["x0"] < x0 else w["x0"] - x1 < 0.6 * size)
            for w in outside
        )
        for row in rows
    )


def one_caption_per_table(found: list[RawTable], view: FramedPage) -> None:
    """One caption names one table. Ruled tables stacked with their captions under them put a caption between two
    tables, right under the first and right over the second, and each takes the nearest caption over it: both get
    the first number and the second caption goes unclaimed (its table then read once more, rule-less). Where two
    tables share a number, the one with an unclaimed caption right under it takes that caption."""
    raws = [r for r in found if r.rotation == view.frame.rotation and r.number is not None]
    shared = {r.number for r in raws if sum(1 for o in raws if o.number == r.number) > 1}
    if not shared:
        return
    captions = caption_lines(view)
    for raw in [r for r in raws if r.number in shared]:
        claimed = {r.number for r in raws}
        below = [
            c
            for c in captions
            if c.number not in claimed
            and 0 <= c.bbox[1] - raw.bbox[3] <= MAX_CAPTION_DISTANCE
            and min(c.bbox[2], raw.bbox[2]) > max(c.bbox[0], raw.bbox[0])
        ]
        if below:
            caption = min(below, key=lambda c: c.bbox[1])
            raw.caption, raw.number, raw.continued = caption.text, caption.number, caption.continued


def frames_of(chars: list[dict]) -> dict[Frame, list[dict]]:
    """The characters of each reading frame that holds at least 20 of them. Glyphs set on a slant (a watermark or
    stamp written across the page at 45°) read in no frame: their tall boxes would join every line they cross."""
    # a page's characters share a few text matrices: each is judged once, not each character
    slanted_matrices = {matrix for matrix in {char.get("matrix") for char in chars} if slanted({"matrix": matrix})}
    if slanted_matrices:
        chars = [char for char in chars if char.get("matrix") not in slanted_matrices]
    if all([char.get("upright", True) for char in chars]):  # (most pages: no frame worked out for any character)
        return {UPRIGHT: chars} if len(chars) >= 20 else {}
    chars_by_frame: dict[Frame, list[dict]] = {}
    upright: list[dict] = []
    for char in chars:
        # most characters are upright: no frame worked out (nor hashed) for each of them
        frame = UPRIGHT if char.get("upright", True) else char_frame(char)
        if frame is UPRIGHT or frame == UPRIGHT:
            if not upright:
                chars_by_frame[UPRIGHT] = upright
            upright.append(char)
        else:
            chars_by_frame.setdefault(frame, []).append(char)
    return {frame: chars for frame, chars in chars_by_frame.items() if len(chars) >= 20}


MAX_SLANT = 0.2  # sine-like share of a glyph's text direction off the nearest axis: more is a slanted stamp


def slanted(char: dict) -> bool:
    matrix = char.get("matrix")
    if not matrix:
        return False
    a, b = abs(matrix[0]), abs(matrix[1])
    return min(a, b) > MAX_SLANT * max(a, b)


FIGURE_CAPTION = re.compile(r"^(?:Figure|FIGURE|Fig\.|FIG\.)\s*[A-Z]?\d+[a-z]?\s*[.:|]")
PROSE_LINE_SHARE = 0.5  # of the figure caption's width: a line this wide in the caption's type ends a figure above it


def inside_figures(page: pdfplumber.page.Page, raws: list[RawTable]) -> list[RawTable]:
    """Uncaptioned grids that lie inside a figure: between a "Figure N:" caption and the line of text in the
    caption's type right above the figure (a line of prose before it, or the caption of the figure above). A plot's
    panels and labels drawn in boxes (mosaic plots, faceted panels with strip labels) are read as a ruled grid; the
    figure's own caption under them says what they are. A table's number comes from a table caption only."""
    lines: dict[int, list[dict]] = {}
    for word in page.extract_words(x_tolerance=1.5, extra_attrs=["size"]):
        if word.get("upright", True):
            lines.setdefault(round(word["top"]), []).append(word)
    boxes = []
    for top in sorted(lines):
        words = sorted(lines[top], key=lambda w: w["x0"])
        size = Counter(round(w["size"], 1) for w in words).most_common(1)[0][0]
        # Prose runs at word spacing; a figure's labels in a row ("[C] margin_bottom [D]") leave wider gaps.
        prose = all(b["x0"] - a["x1"] <= size for a, b in zip(words, words[1:], strict=False))
        boxes.append((words[0]["x0"], top, words[-1]["x1"], max(w["bottom"] for w in words), size, words, prose))
    figures = []
    for x0, top, x1, _, size, words, _ in boxes:
        if not FIGURE_CAPTION.match(" ".join(w["text"] for w in words[:3])):
            continue
        width = x1 - x0
        ceiling = max(
            (
                b[3]
                for b in boxes
                if b[3] <= top - 1
                and b[6]
                and b[4] >= size - 0.5
                and b[2] - b[0] >= PROSE_LINE_SHARE * width
                and min(b[2], x1) > max(b[0], x0)
            ),
            default=0.0,
        )
        figures.append((x0, ceiling, x1, top))
    return [
        raw
        for raw in raws
        for x0, ceiling, x1, caption_top in figures
        if ceiling - SNAP <= raw.bbox[1]
        and raw.bbox[3] <= caption_top + SNAP
        and min(raw.bbox[2], x1) > max(raw.bbox[0], x0)
    ]


MIN_TICKS = 4  # short marks standing out of a frame's edges: a plot's axis ticks
MAX_TICK_LENGTH = 9.0  # points
MIN_TICK_LENGTH = 1.2  # points: R graphics draw ticks of 1.5 pt at small scales (a float a hair under 1.5)
MIN_PLOT_MARKS = 12  # drawn marks (error bars, points) among the text of a rule-less region


def drawn_figure(page: pdfplumber.page.Page, raw: RawTable) -> bool:
    """An uncaptioned grid that is a drawing: a plot's frame with axis ticks standing out of its edges (an
    ordination plot, panels of a lattice plot, whose frame and axis lines the line finder takes for rules), a forest
    plot's study labels and estimates read as columns around drawn error bars and points, or a 2 × 2 array of cell
    names set in the prose. Tables have no ticks, nor marks among their text other than rules."""
    if len(raw.rows) <= 2 and len(raw.rows[0]) <= 2:
        return True
    x0, top, x1, bottom = raw.bbox
    ticks = 0
    marks = 0
    shapes = page.lines + page.rects
    # A rule drawn cell by cell (a report writer's one bar per column, each a thin box) is a rule, not marks.
    rules = [
        r
        for r in merge_collinear(
            [(s["x0"], s["top"], s["x1"], s["bottom"]) for s in shapes if s["bottom"] - s["top"] <= 1.5]
        )[0]
        if r[2] - r[0] >= 0.5 * (x1 - x0)
    ]
    for shape in shapes:
        if any(
            r[0] - 1 <= shape["x0"]
            and shape["x1"] <= r[2] + 1
            and r[1] - 1 <= shape["top"]
            and shape["bottom"] <= r[3] + 1
            for r in rules
        ):
            continue
        w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        inner = x0 <= shape["x0"] and shape["x1"] <= x1 and top <= shape["top"] and shape["bottom"] <= bottom
        if MIN_TICK_LENGTH <= max(w, h) < MAX_TICK_LENGTH and min(w, h) <= 1.5:
            on_x = x0 - 1 <= shape["x0"] <= x1 + 1
            on_y = top - 1 <= shape["top"] <= bottom + 1
            # (the tick's free end, out of the frame): an axis tick ends in the open; a short piece that ends on a
            # rule is the corner of a table's double border (the outer frame a point or two outside the inner one)
            outer_end = None
            if w < h and on_x and (abs(shape["top"] - bottom) <= 1.5 or abs(shape["bottom"] - top) <= 1.5):
                outer_end = (shape["x0"], shape["bottom"] if abs(shape["top"] - bottom) <= 1.5 else shape["top"])
            elif h <= w and on_y and (abs(shape["x1"] - x0) <= 1.5 or abs(shape["x0"] - x1) <= 1.5):
                outer_end = (shape["x0"] if abs(shape["x1"] - x0) <= 1.5 else shape["x1"], shape["top"])
            if outer_end is not None and not ends_on_rule(outer_end, shape, shapes):
                ticks += 1
        # A mark among a rule-less table's text: no rule across most of it, nor a hairline box.
        if inner and not raw.ruled and w < 0.5 * (x1 - x0) and (min(w, h) > 1.5 or max(w, h) < 0.2 * (x1 - x0)):
            marks += 1
    return (
        ticks >= MIN_TICKS
        or marks >= MIN_PLOT_MARKS
        or inner_ticks(page, raw.bbox) >= 2 * MIN_TICKS
        or roomy_rows(page, raw)
    )


MAX_TEXT_SHARE_OF_ROW = 0.25  # a table's row is fitted to its text: a line of padding above and under at most


def roomy_rows(page: pdfplumber.page.Page, raw: RawTable) -> bool:
    """A grid whose every row holding text is four times as tall as that text or more: labels drawn in boxes far
    larger than they are (a plot of a numbered grid, a diagram's boxes), not a table, whose rows are fitted to
    their text."""
    shares = []
    rows = [[box for box in row if box is not None] for row in raw.cell_bboxes]
    rows = [
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        for boxes in rows
        if boxes
    ]
    if not rows:
        return False
    # the characters inside the rows' joint extent, picked once: each row's are among them
    left, top = min(row[0] for row in rows), min(row[1] for row in rows)
    right, bottom = max(row[2] for row in rows), max(row[3] for row in rows)
    in_rows = [
        c
        for c in page.chars
        if left <= c["x0"] and c["x1"] <= right and top <= c["top"] and c["bottom"] <= bottom and c["text"].strip()
    ]
    for left, top, right, bottom in rows:
        chars = [
            c for c in in_rows if left <= c["x0"] and c["x1"] <= right and top <= c["top"] and c["bottom"] <= bottom
        ]
        if chars and bottom > top:
            shares.append((max(c["bottom"] for c in chars) - min(c["top"] for c in chars)) / (bottom - top))
    return len(shares) >= 2 and max(shares) <= MAX_TEXT_SHARE_OF_ROW


def ends_on_rule(point: tuple[float, float], own: dict, shapes: list[dict]) -> bool:
    """Whether a rule piece other than `own`, running across it, passes through the point."""
    x, y = point
    own_vertical = own["x1"] - own["x0"] < own["bottom"] - own["top"]
    for s in shapes:
        if s is own or (s["x1"] - s["x0"] < s["bottom"] - s["top"]) == own_vertical:
            continue
        if s["x0"] - 0.5 <= x <= s["x1"] + 0.5 and s["top"] - 0.5 <= y <= s["bottom"] + 0.5:
            return True
    return False


def inner_ticks(page: pdfplumber.page.Page, bbox: BBox) -> int:
    """Short marks standing out of a frame inside the region, each ending on a longer perpendicular line and free at
    its other end: the axis ticks of a figure's panels (facets of a plot, whose frames the line finder takes for a
    grid). A table ruled cell by cell has short pieces too (narrow cells), but each meets a line at both ends."""
    x0, top, x1, bottom = bbox
    shapes = [
        s
        for s in page.lines
        if x0 - 1 <= s["x0"] and s["x1"] <= x1 + 1 and top - 1 <= s["top"] and s["bottom"] <= bottom + 1
    ]

    def touches(x: float, y: float, own: dict) -> bool:
        return any(
            s is not own and s["x0"] - 0.5 <= x <= s["x1"] + 0.5 and s["top"] - 0.5 <= y <= s["bottom"] + 0.5
            for s in shapes
        )

    count = 0
    for s in shapes:
        w, h = s["x1"] - s["x0"], s["bottom"] - s["top"]
        if not (MIN_TICK_LENGTH <= max(w, h) < MAX_TICK_LENGTH and min(w, h) <= 1.5):
            continue
        ends = [(s["x0"], s["top"]), (s["x0"], s["bottom"])] if w < h else [(s["x0"], s["top"]), (s["x1"], s["top"])]
        touching = [touches(x, y, s) for x, y in ends]
        count += touching.count(True) == 1
    return count


HEADER_RULE_REACH = 8.0  # points between a header rule and the text right above and right under it


def header_rules(page: pdfplumber.page.Page) -> bool:
    """Whether the page has a long horizontal rule with text close above it and close under it (a header rule
    over a table's body), before any word is extracted: running heads and section rules have space under them."""
    pieces = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges if e["orientation"] == "h"]
    # Pieces merged before the width test: report writers draw the header rule cell by cell (one piece per column).
    rules = [{"top": r[1], "bottom": r[3]} for r in merge_collinear(pieces)[0] if r[2] - r[0] >= 100]
    if not rules:
        return False
    # Sorted once, then a binary search per rule: a page with many long rules and thousands of characters made
    # the plain scans one of the ingest's largest costs.
    bottoms = sorted(map(itemgetter("bottom"), page.chars))
    tops = sorted(map(itemgetter("top"), page.chars))
    for rule in rules:
        above = _any_within(bottoms, rule["top"] - HEADER_RULE_REACH, rule["top"] + 1)
        if above and _any_within(tops, rule["bottom"] - 1, rule["bottom"] + HEADER_RULE_REACH):
            return True
    return False


def _any_within(sorted_values: list[float], low: float, high: float) -> bool:
    """Whether any value of the sorted list lies in [low, high]."""
    i = bisect.bisect_left(sorted_values, low)
    return i < len(sorted_values) and sorted_values[i] <= high


MAX_RULE_THICKNESS = 1.5  # points: an image this thin and much longer is a rule drawn as a stretched pixel


def image_rules(page: pdfplumber.page.Page) -> list[dict]:
    """Rules some producers draw as a one-pixel image stretched into a thin bar (the Scotch rules of REVTeX tables
    converted this way): as edges, like drawn lines."""
    rules = []
    for image in page.images:
        x0, top, x1, bottom = image["x0"], image["top"], image["x1"], image["bottom"]
        width, height = x1 - x0, bottom - top
        if min(width, height) <= MAX_RULE_THICKNESS and max(width, height) >= 4 * MAX_RULE_THICKNESS:
            orientation = "h" if width >= height else "v"
            rules.append(
                {
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "width": width,
                    "height": height,
                    "orientation": orientation,
                    "object_type": "image_rule",
                }
            )
    return rules


def rule_extent(bbox: BBox, edges: list[dict]) -> BBox:
    """The table's box widened along its top and bottom rules (pieces that touch end to end): a table ruled without
    outer vertical borders reaches as far as its horizontal rules, past the outermost vertical rule the line finder
    stops at (see `open_sides`), and its words there must be in the scope read around it."""
    x0, top, x1, bottom = bbox
    pieces = sorted(
        (e["x0"], e["x1"])
        for e in edges
        if e["orientation"] == "h" and min(abs(e["top"] - top), abs(e["top"] - bottom)) <= SNAP
    )
    for _ in range(2):  # left and right chains of pieces
        for lo, hi in pieces:
            if lo <= x1 + SNAP and hi >= x0 - SNAP:
                x0, x1 = min(x0, lo), max(x1, hi)
    return x0, top, x1, bottom


def filled_cells(raw: RawTable) -> int:
    return sum(1 for row in raw.rows for text in row if text)


def only_splits_rows(raw: RawTable, ruled: RawTable) -> bool:
    """Whether `raw` reads the ruled table's columns and no letter or digit it does not hold: its extra cells come
    from rows split (counted by character: cells join their lines differently, a hyphen kept or dropped)."""
    if max(map(len, raw.rows), default=0) != max(map(len, ruled.rows), default=0):
        return False
    letters = Counter(ch for row in raw.rows for text in row if text for ch in text if ch.isalnum())
    letters.subtract(ch for row in ruled.rows for text in row if text for ch in text if ch.isalnum())
    return not any(count > 0 for count in letters.values())


def ruled_table(page, table, view: FramedPage) -> RawTable | None:
    frame = view.frame
    table_box = frame.box(table.bbox)
    words = [w for w in view.words if inside(w, table_box)]
    if len(table.cells) > 2 * max(1, len(words)) and not labelled_lines(table, frame, words):
        return None  # a grid of boxes with hardly any text: a heat map or a drawing, not a table
    boxes = [frame.box(cell) for cell in table.cells]
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    xs = joint_edges(view, open_sides(view, xs, ys), ys)
    ys = raised_to_top_rule(view, xs, ys)
    xs = drop_empty_slivers(
        xs, [((w["x0"] + w["x1"]) / 2) for w in view.words if inside(w, (xs[0], ys[0], xs[-1], ys[-1]))]
    )
    ys = drop_unruled_boundaries(view, xs, ys)
    if len(xs) < 3 or len(ys) < 3:
        return None  # one row or one column: a text box or a page rule, not a table
    ys = cut_at_rule_ends(view, xs, ys)
    header_bands, ys, spaced, spaced_ys = rows_of_unruled_body(view, xs, ys)
    raw = build_raw_table(page.page_number, view, xs, ys, ruled=True, strategy="lines")
    if not looks_like_table(raw):
        return None
    if spaced_ys is not None:
        spaced_reading = build_raw_table(page.page_number, view, xs, spaced_ys, ruled=True, strategy="lines")
        raw.spaced_reading = with_header(spaced_reading, view, xs, spaced_ys, header_bands, rows_spaced=True)
    return with_header(raw, view, xs, ys, header_bands, spaced)


def with_header(
    raw: RawTable, view: FramedPage, xs: list[float], ys: list[float], header_bands: int, rows_spaced: bool
) -> RawTable:
    """The ruled table read on the row edges `ys`, with its header bands' labels spread over their cells."""
    raw.rows_spaced = rows_spaced
    if header_bands and len(raw.rows) == len(ys) - 1:
        # The body's rows came from its text lines: the ruled bands above it are the header.
        raw.n_header_rows = header_bands
        spread_header_labels(raw, view, xs, ys)
    if len(raw.rows) == len(ys) - 1:
        spread_boxed_header_labels(raw, view, xs, ys)
    return raw


def labelled_lines(table, frame: Frame, words: list[dict]) -> bool:
    """Whether text stands in every row and every column of a ruled grid: a sparse table (a results sheet where most
    candidates got no votes in most states) has a label in each row and a header over each column, however empty
    its other cells; a heat map's or a drawing's boxes have rows and columns without any."""

    def holds_text(cells) -> bool:
        boxes = [frame.box(cell) for cell in cells if cell is not None]
        return any(
            b[0] <= (w["x0"] + w["x1"]) / 2 <= b[2] and b[1] <= (w["top"] + w["bottom"]) / 2 <= b[3]
            for b in boxes
            for w in words
        )

    lines = [row.cells for row in table.rows] + [column.cells for column in table.columns]
    return len(table.rows) >= 2 and len(table.columns) >= 2 and all(holds_text(cells) for cells in lines)


def raised_to_top_rule(view: FramedPage, xs: list[float], ys: list[float]) -> list[float]:
    """A two-level header whose stub label is set across both header lines, beside a group label ruled off from the
    sub-labels under it (Word and journal tables: "Test microorganism" beside "Amount of oil" over "5 | 10 | 15"):
    the line finder starts the table at the group's rule, where its vertical rules begin, cutting the stub label in
    half. A label cut by the top edge shows the table starts higher: at the table's own top rule, the nearest rule
    above as wide as the table (pieces drawn cell by cell merged), with no line between them running past its ends."""
    top = ys[0]
    cut = [w for w in view.words if xs[0] <= (w["x0"] + w["x1"]) / 2 <= xs[-1] and cut_inside(w, top)]
    if not cut:
        return ys
    height = max(w["bottom"] - w["top"] for w in cut)
    highest = min(w["top"] for w in cut)
    rules = [
        r
        for r in view.h_rules
        if r[0] <= xs[0] + SNAP and r[2] >= xs[-1] - SNAP and r[3] <= highest + SNAP and top - r[1] <= 3 * height
    ]
    if not rules:
        return ys
    rule = max(rules, key=lambda r: r[1])
    between = [w for w in view.words if rule[3] < (w["top"] + w["bottom"]) / 2 < top]
    if any(w["x0"] < xs[0] - SNAP or w["x1"] > xs[-1] + SNAP for w in between):
        return ys  # prose over the rule's ends: not the table's header
    return [(rule[1] + rule[3]) / 2, *ys]


def drop_unruled_boundaries(view: FramedPage, xs: list[float], ys: list[float]) -> list[float]:
    """A row boundary the line finder took from a small filled mark inside a cell (an overfull-line box of a draft,
    a bullet square, a colour swatch) rather than a rule: the rule pieces there (dashes and dots counted together)
    cover neither half of any column nor a quarter of the table's width. The mark's top and bottom edges would cut
    every wrapped cell of its row into two rows."""

    def covered(y: float, lo: float, hi: float) -> float:
        pieces = sorted((max(r[0], lo), min(r[2], hi)) for r in view.h_rules if abs((r[1] + r[3]) / 2 - y) <= SNAP)
        total, reach = 0.0, lo
        for a, b in pieces:
            if b > max(a, reach):
                total += b - max(a, reach)
                reach = b
        return total

    inner = [
        y
        for y in ys[1:-1]
        if covered(y, xs[0], xs[-1]) >= 0.25 * (xs[-1] - xs[0])
        or any(covered(y, lo, hi) >= 0.5 * (hi - lo) for lo, hi in zip(xs, xs[1:], strict=False))
    ]
    return [ys[0], *inner, ys[-1]]


def open_sides(view: FramedPage, xs: list[float], ys: list[float]) -> list[float]:
    """Tables ruled without outer vertical borders (LaTeX `{l|r|r}`, statistical tables with rules only between
    column groups): the line finder stops at the outermost vertical rule, cutting off the stub column and the last
    column. The table's own horizontal rules (two or more at its row boundaries) show how wide it is: text between
    the outermost vertical rule and where those rules end is a column of the table."""
    own = [
        r
        for r in view.h_rules
        if any(abs((r[1] + r[3]) / 2 - y) <= SNAP for y in ys) and r[0] < xs[-1] and r[2] > xs[0]
    ]
    if len(own) < 2:
        return xs
    left = sorted(r[0] for r in own)[len(own) // 2]  # the median rule: one stray longer rule does not widen it
    right = sorted((r[2] for r in own), reverse=True)[len(own) // 2]
    band_words = [w for w in view.words if ys[0] < (w["top"] + w["bottom"]) / 2 < ys[-1]]
    if left < xs[0] - 2 * SNAP and any(left - SNAP <= w["x0"] and w["x1"] <= xs[0] + SNAP for w in band_words):
        xs = [left, *xs]
    if right > xs[-1] + 2 * SNAP and any(xs[-1] - SNAP <= w["x0"] and w["x1"] <= right + SNAP for w in band_words):
        xs = [*xs, right]
    elif right > xs[-1] + 2 * SNAP and any(runs_past_edge(view, w, xs[-1], right) for w in band_words):
        xs = [*xs[:-1], right]  # the last column's long entries run on past a border drawn in a few rows only
    return xs


def runs_past_edge(view: FramedPage, word: dict, edge: float, right: float) -> bool:
    """Whether a word crosses a column edge where no vertical rule is drawn beside it and ends inside the table's
    rules: a Word table whose last column's cell borders are drawn piecemeal (in one or two rows) gives the line finder
    a right edge that cuts the long entries of the other rows."""
    if not (word["x0"] < edge - SNAP and edge + SNAP < word["x1"] <= right + SNAP):
        return False
    return not any(
        abs((r[0] + r[2]) / 2 - edge) <= SNAP and r[1] < word["bottom"] and r[3] > word["top"] for r in view.v_rules
    )


def joint_edges(view: FramedPage, xs: list[float], ys: list[float]) -> list[float]:
    """Column edges without a vertical rule but where the pieces of the table's rules drawn cell by cell meet, at
    the same x on two rules or more (the typesetter's own cell edges, as in `ruleless.joint_columns`)."""
    joints = [
        x for x, y in view.rule_joints if xs[0] + SNAP < x < xs[-1] - SNAP and any(abs(y - edge) <= SNAP for edge in ys)
    ]
    shared = [x for x in cluster(joints) if sum(1 for j in joints if abs(j - x) <= SNAP) >= 2]
    extra = [x for x in shared if all(abs(x - edge) > SNAP for edge in xs)]
    return sorted(xs + extra) if extra else xs


def rows_of_unruled_body(
    view: FramedPage, xs: list[float], ys: list[float]
) -> tuple[int, list[float], bool, list[float] | None]:
    """A ruled table whose body has no rules between its rows (rules only at the top, under the header and at the
    bottom; vertical rules between columns): the body is one band of many lines, split into rows by its text lines
    as a rule-less table's (wrapped labels, values set on a label's last line). Returns the number of header bands
    above it (0 when nothing was split), the row boundaries, whether the rows were told apart by extra space, and
    the row boundaries by space when only one wider gap shows it (a continued part's reading, `assemble_tables`)."""
    if len(ys) - 1 > 4:
        return 0, ys, False, None  # rules between rows: the bands are the rows
    body = len(ys) - 2
    region = (xs[0], ys[body], xs[-1], ys[body + 1])
    lines = text_lines([w for w in view.words if inside(w, region)], split_columns=False)
    spread = [line for line in lines if len({band_of(xs, (w["x0"] + w["x1"]) / 2) for w in line}) >= 2]
    if len(spread) < 3:
        return 0, ys, False, None  # one row whose cells wrap, not a block of rows
    rows = row_boundaries(view, region, lines, xs, None)
    if len(rows) - 1 < 3:
        return 0, ys, False, None
    spacing = body_spacing(view, region, lines, xs, None)
    spaced = not spacing.centred and spacing.rows_spaced()
    spaced_rows = None
    if not spacing.centred and not spaced and spacing.rows_spaced(spaced_before=True):
        spaced_rows = ys[:body] + row_boundaries(view, region, lines, xs, None, spaced_before=True)
    return body, ys[:body] + rows, spaced, spaced_rows


def band_of(edges: list[float], value: float) -> int:
    return sum(1 for edge in edges[1:-1] if value >= edge)


def cut_at_rule_ends(view: FramedPage, xs: list[float], ys: list[float]) -> list[float]:
    """Sub-headers under a group label ("Pre-Pawn" over "Handgun | Long Gun | Other") are often set in one ruled
    band with no rule between the two lines: only the rules between the sub-headers stop half-way. Two or more
    vertical rule pieces ending at one height strictly inside a band, in the space between its text lines, cut the
    band into two rows there."""
    inner = [x for x in xs[1:-1]]
    cuts = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        ends = [
            end
            for rule in view.v_rules
            if any(abs((rule[0] + rule[2]) / 2 - x) <= SNAP for x in inner)
            for end in (rule[1], rule[3])
            if top + 2 * SNAP < end < bottom - 2 * SNAP
        ]
        for height in cluster(ends):
            pieces = sum(1 for end in ends if abs(end - height) <= SNAP)
            band_words = [w for w in view.words if xs[0] <= w["x0"] < xs[-1] and top < w["top"] < bottom]
            crossed = any(w["top"] < height < w["bottom"] for w in band_words)
            above = any(w["bottom"] <= height for w in band_words)
            below = any(w["top"] >= height for w in band_words)
            if pieces >= 2 and not crossed and above and below:
                cuts.append(height)
    return sorted(ys + cuts) if cuts else ys


def drop_empty_slivers(edges: list[float], centres: list[float], width: float = 12.0) -> list[float]:
    """Double rules make thin columns that hold no text: fold each into its neighbour."""
    kept = list(edges)
    index = 0
    while index < len(kept) - 1:
        lo, hi = kept[index], kept[index + 1]
        if hi - lo < width and len(kept) > 2 and not any(lo <= x < hi for x in centres):
            del kept[index + 1 if index + 1 < len(kept) - 1 else index]
        else:
            index += 1
    return kept


def dominant_frame(bbox: BBox, chars_by_frame: dict[Frame, list[dict]]) -> Frame:
    counts = Counter()
    for frame, chars in chars_by_frame.items():
        counts[frame] = sum(1 for c in chars if char_inside(c, bbox))
    frame, count = counts.most_common(1)[0]
    return frame if count else UPRIGHT
