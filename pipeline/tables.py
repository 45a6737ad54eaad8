"""Tables: find table regions on a page, then assemble captioned tables with header rows.

Two detectors share one grid builder:
- ruled tables come from pdfplumber's line strategy; only its cell boxes are used, to get the row and column
  boundaries. Text is then placed by us, and two neighbouring slots are one merged cell when a rule separates
  that boundary elsewhere in the table but is missing between them (this also catches a merged cell whose
  bottom rule is missing because the table breaks at the page end);
- rule-less tables (booktabs, shaded bands, whitespace columns) are searched below a "Table N" caption that no
  ruled table claimed: columns come from whitespace gaps, rows from rules or text lines.
Everything happens in a "reading frame": the coordinates in which the table's text runs left to right, so
rotated (landscape) tables on portrait pages are read in the right orientation with the same code.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import pdfplumber
from pdfplumber.utils import extract_words

from pipeline.records import BBox, PageContent, Passage, PdfContent, RawTable, Table, TableCell

CAPTION_PATTERN = re.compile(r"^\s*Table\s+(S?\d+[A-Za-z]?)\b\s*[.:|]?\s*(.*)", re.IGNORECASE | re.DOTALL)
CONTINUED_PATTERN = re.compile(r"\(?\s*continued\b|\bcont(?:\.|inued)\s*\)", re.IGNORECASE)
BULLET_PATTERN = re.compile(r"^[•·▪◦‣●\-–]\s")
NOTE_START_PATTERN = re.compile(
    r"^([a-z][\s).,]|[*†‡§¶#]|\d\s|(Notes?|NOTES?|Abbreviations?|ABBREVIATIONS?|Sources?)\b)"
)
BOLD_PATTERN = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)

SNAP = 2.0  # points: boundaries closer than this are the same line
MIN_COLUMN_GAP = 6.0  # points of empty space that separate two columns of a rule-less table
MAX_CAPTION_DISTANCE = 60.0  # points between a caption and the table it belongs to
WORD_GAP = 1.5  # points: a wider gap between two glyphs starts a new word


# ---------------------------------------------------------------- reading frames


@dataclass(frozen=True)
class Frame:
    """An orthonormal change of coordinates: `u` is the direction text runs in, `v` the direction lines advance.

    Both are unit vectors in page coordinates (x right, y down). The identity frame is u=(1, 0), v=(0, 1).
    """

    ux: int
    uy: int

    @property
    def vx(self) -> int:
        return -self.uy

    @property
    def vy(self) -> int:
        return self.ux

    @property
    def rotation(self) -> int:
        """Degrees the page must be turned clockwise to read the text upright."""
        return {(1, 0): 0, (0, -1): 90, (-1, 0): 180, (0, 1): 270}[(self.ux, self.uy)]

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * self.ux + y * self.uy, x * self.vx + y * self.vy

    def box(self, bbox: BBox) -> BBox:
        if self == UPRIGHT:
            return bbox
        x0, top, x1, bottom = bbox
        xs, ys = zip(*(self.point(x, y) for x in (x0, x1) for y in (top, bottom)), strict=True)
        return min(xs), min(ys), max(xs), max(ys)

    def unbox(self, bbox: BBox) -> BBox:
        """Frame box back to page coordinates (the inverse of an orthonormal map is its transpose)."""
        x0, top, x1, bottom = bbox
        xs, ys = zip(
            *((x * self.ux + y * self.vx, x * self.uy + y * self.vy) for x in (x0, x1) for y in (top, bottom)),
            strict=True,
        )
        return min(xs), min(ys), max(xs), max(ys)


UPRIGHT = Frame(1, 0)


def char_frame(char: dict) -> Frame:
    """The frame a character reads upright in, from its text matrix (PDF space has y pointing up)."""
    if char.get("upright", True):
        return UPRIGHT
    a, b = char.get("matrix", (1, 0))[:2]
    if abs(a) >= abs(b):
        return Frame(1 if a >= 0 else -1, 0)
    return Frame(0, 1 if -b > 0 else -1)


def frame_chars(chars: list[dict], frame: Frame) -> list[dict]:
    """Characters of one orientation moved into `frame`, shaped so pdfplumber's word extractor accepts them."""
    moved = []
    for char in chars:
        x0, top, x1, bottom = frame.box((char["x0"], char["top"], char["x1"], char["bottom"]))
        moved.append(
            {
                "text": char["text"],
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "upright": True,
                "fontname": char.get("fontname", ""),
                # pdfplumber's size of a rotated glyph is its width; the matrix scale is the font size.
                "size": round(math.hypot(*char.get("matrix", (bottom - top, 0))[:2]), 2),
                "matrix": (1, 0, 0, 1, 0, 0),
            }
        )
    return moved


@dataclass
class FramedPage:
    """Part of a page seen in one reading frame: its words and rules in frame coordinates."""

    frame: Frame
    words: list[dict]
    h_rules: list[BBox]
    v_rules: list[BBox]
    vocabulary: set[str]


def framed_page(frame: Frame, chars: list[dict], edges: list[dict]) -> FramedPage:
    moved = chars if frame == UPRIGHT else frame_chars(chars, frame)
    # Font attributes are read from the characters afterwards: grouping words by font would split a word at a
    # ligature set in another font ("in", "fl", "ammatory").
    words = extract_words(moved, x_tolerance=WORD_GAP, return_chars=True)
    for word in words:
        glyphs = word.pop("chars")
        word["fontname"] = Counter(g.get("fontname", "") for g in glyphs).most_common(1)[0][0]
        word["size"] = max(round(g.get("size", 0.0), 2) for g in glyphs)
    h_rules, v_rules = [], []
    for edge in edges:
        box = frame.box((edge["x0"], edge["top"], edge["x1"], edge["bottom"]))
        (h_rules if box[2] - box[0] >= box[3] - box[1] else v_rules).append(box)
    vocabulary = {w["text"].lower().strip(".,;:()") for w in words}
    return FramedPage(frame, words, h_rules, v_rules, vocabulary)


# ---------------------------------------------------------------- page-level detection

CAPTION_IN_CHARS = re.compile(r"(?:Table|TABLE)\s*S?\d")
SCOPE_MARGIN = 110.0  # points around a ruled table searched for its caption and notes


def find_page_tables(page: pdfplumber.page.Page) -> list[RawTable]:
    """Table regions on one parsed page (called by ingest while the page is open).

    Words are extracted only where they are needed (around ruled tables, and on pages whose text holds a
    "Table N" caption), which keeps pages without tables at a few milliseconds.
    """
    chars_by_frame: dict[Frame, list[dict]] = {}
    for char in page.chars:
        chars_by_frame.setdefault(char_frame(char), []).append(char)
    chars_by_frame = {frame: chars for frame, chars in chars_by_frame.items() if len(chars) >= 20}
    captioned = [f for f, chars in chars_by_frame.items() if CAPTION_IN_CHARS.search("".join(c["text"] for c in chars))]
    candidates = page.find_tables()
    if not chars_by_frame or not (candidates or captioned):
        return []
    edges = page.edges
    found: list[RawTable] = []
    for table in candidates:
        frame = dominant_frame(table.bbox, chars_by_frame)
        if frame not in chars_by_frame:
            continue
        x0, top, x1, bottom = table.bbox
        scope = (x0 - SCOPE_MARGIN, top - SCOPE_MARGIN, x1 + SCOPE_MARGIN, bottom + SCOPE_MARGIN)
        near = [e for e in edges if char_inside(e, scope)]
        view = framed_page(frame, [c for c in chars_by_frame[frame] if char_inside(c, scope)], near)
        raw = ruled_table(page, table, view)
        if raw is not None:
            found.append(raw)
    for frame in captioned:
        view = framed_page(frame, chars_by_frame[frame], edges)
        for caption in caption_lines(view):
            ruled = [r for r in found if r.rotation == frame.rotation and r.number == caption.number]
            if ruled and filled_cells(ruled[0]) >= 8:
                continue
            raw = ruleless_table(page, view, caption)
            # A few ruled boxes (a boxed header) inside a larger rule-less table: the larger reading wins.
            if raw is not None and (not ruled or filled_cells(raw) > filled_cells(ruled[0])):
                found = [r for r in found if r not in ruled] + [raw]
    return found


def filled_cells(raw: RawTable) -> int:
    return sum(1 for row in raw.rows for text in row if text)


def char_inside(char: dict, box: BBox) -> bool:
    return box[0] <= char["x0"] and char["x1"] <= box[2] and box[1] <= char["top"] and char["bottom"] <= box[3]


def ruled_table(page, table, view: FramedPage) -> RawTable | None:
    frame = view.frame
    table_box = frame.box(table.bbox)
    if len(table.cells) > 2 * max(1, sum(1 for w in view.words if inside(w, table_box))):
        return None  # a grid of boxes with hardly any text: a heat map or a drawing, not a table
    boxes = [frame.box(cell) for cell in table.cells]
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    xs = drop_empty_slivers(
        xs, [((w["x0"] + w["x1"]) / 2) for w in view.words if inside(w, (xs[0], ys[0], xs[-1], ys[-1]))]
    )
    if len(xs) < 3 or len(ys) < 3:
        return None  # one row or one column: a text box or a page rule, not a table
    raw = build_raw_table(page.page_number, view, xs, ys, ruled=True, strategy="lines")
    if not looks_like_table(raw):
        return None
    return raw


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


def looks_like_table(raw: RawTable) -> bool:
    """Reject figures drawn with boxes (heat maps, flow charts) and framed text boxes."""
    slots = [text for row in raw.rows for text in row if text is not None]
    filled = sum(1 for text in slots if text)
    n_rows, n_cols = len(raw.rows), len(raw.rows[0]) if raw.rows else 0
    if n_rows < 2 or n_cols < 2 or filled < 4:
        return False
    if filled < 0.3 * len(slots):
        return False
    # A real table has text in more than one row and in more than one column.
    rows_with_text = sum(1 for row in raw.rows if any(row))
    cols_with_text = sum(1 for c in range(n_cols) if any(row[c] for row in raw.rows))
    return rows_with_text >= 2 and cols_with_text >= 2


def cluster(values: list[float], tolerance: float = SNAP) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


# ---------------------------------------------------------------- captions


@dataclass
class CaptionLine:
    number: str
    text: str  # the whole caption (following lines joined)
    bbox: BBox  # frame coordinates of the whole caption
    continued: bool


def text_lines(words: list[dict], split_columns: bool = True) -> list[list[dict]]:
    """Words grouped into lines (same baseline band), each sorted left to right, lines top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines[-6:]:
            ref = line[0]
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]):
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return split_line_columns(lines) if split_columns else lines


def split_line_columns(lines: list[list[dict]]) -> list[list[dict]]:
    """Split a visual line where a wide gap separates two page columns (two-column layouts)."""
    result = []
    for line in lines:
        current = [line[0]]
        for word in line[1:]:
            size = word.get("size") or (word["bottom"] - word["top"])
            if word["x0"] - current[-1]["x1"] > 1.8 * size:
                result.append(current)
                current = [word]
            else:
                current.append(word)
        result.append(current)
    return sorted(result, key=lambda ln: (ln[0]["top"], ln[0]["x0"]))


def line_box(line: list[dict]) -> BBox:
    return (
        min(w["x0"] for w in line),
        min(w["top"] for w in line),
        max(w["x1"] for w in line),
        max(w["bottom"] for w in line),
    )


def caption_lines(view: FramedPage) -> list[CaptionLine]:
    """Lines that start with "Table N", with the caption lines that follow them joined."""
    lines = text_lines(view.words)
    captions = []
    for index, line in enumerate(lines):
        first = line[0]["text"]
        if first.lower() != "table" or len(line) < 2:
            continue
        match = CAPTION_PATTERN.match(" ".join(w["text"] for w in line))
        if not match:
            continue
        parts, box = [line], line_box(line)
        size = line[0].get("size", 9)
        for follower in lines[index + 1 : index + 4]:
            fbox = line_box(follower)
            close = 0 <= fbox[1] - box[3] < 0.8 * size and abs(fbox[0] - box[0]) < 3 * size
            if not close or abs(follower[0].get("size", size) - size) > 0.6 or len(follower) < 2:
                break
            parts.append(follower)
            box = (min(box[0], fbox[0]), box[1], max(box[2], fbox[2]), fbox[3])
        text = join_lines([[w["text"] for w in part] for part in parts], view.vocabulary)
        captions.append(CaptionLine(match.group(1), text, box, bool(CONTINUED_PATTERN.search(text))))
    return captions


def attach_caption(raw: RawTable, view: FramedPage, table_box: BBox) -> None:
    """The nearest caption just above (or else just below) the table, in its reading frame."""
    best, best_distance = None, MAX_CAPTION_DISTANCE
    for caption in caption_lines(view):
        overlap = min(caption.bbox[2], table_box[2]) - max(caption.bbox[0], table_box[0])
        if overlap <= 0:
            continue
        above = table_box[1] - caption.bbox[3]
        below = caption.bbox[1] - table_box[3]
        distance = above if above >= -SNAP else below + 20 if below >= -SNAP else None
        if distance is not None and distance < best_distance:
            best, best_distance = caption, distance
    if best is not None:
        raw.caption, raw.number, raw.continued = best.text, best.number, best.continued


# ---------------------------------------------------------------- rule-less tables


def ruleless_table(page, view: FramedPage, caption: CaptionLine) -> RawTable | None:
    """A table without vertical rules under (or else above) its caption: whitespace columns, rows from rules or
    lines."""
    for region in (ruleless_region(view, caption), region_above(view, caption)):
        raw = ruleless_table_in(page, view, region) if region is not None else None
        if raw is not None:
            return raw
    return None


def ruleless_table_in(page, view: FramedPage, region: BBox) -> RawTable | None:
    words = [w for w in view.words if inside(w, region)]
    lines = text_lines(words, split_columns=False)
    if len(lines) < 2:
        return None
    header_end = first_inner_rule(view, region, lines)
    xs = column_boundaries(words, region, header_end)
    if len(xs) < 3:
        return None
    ys = row_boundaries(view, region, lines, xs, header_end)
    if len(ys) < 3:
        return None
    raw = build_raw_table(page.page_number, view, xs, ys, ruled=False, strategy="text")
    if not looks_like_table(raw):
        return None
    if header_end is not None:
        above_rule = sum(1 for y in ys[1:] if y <= header_end + SNAP)
        raw.n_header_rows = max(raw.n_header_rows, min(above_rule, len(raw.rows) - 1), 1)
    return raw


def ruleless_region(view: FramedPage, caption: CaptionLine) -> BBox | None:
    """From below the caption down to the last rule (booktabs) or the first wide vertical gap."""
    size = 9.0
    left, right = caption.bbox[0], caption.bbox[2]
    below = sorted(
        (r for r in view.h_rules if r[1] > caption.bbox[3] - SNAP and overlaps_x(r, caption.bbox)), key=lambda r: r[1]
    )
    rules = [r for r in below if r[2] - r[0] >= 0.5 * (right - left)]
    if rules:
        left = min(left, min(r[0] for r in rules))
        right = max(right, max(r[2] for r in rules))
    else:
        # A short caption over a wide table: the table may reach the right edge of the text column the caption
        # starts in, i.e. as far as the lines that start where the caption starts.
        same_start = [line_box(ln)[2] for ln in text_lines(view.words) if abs(line_box(ln)[0] - left) < 3]
        right = max([right, *same_start])
    words = sorted(
        (w for w in view.words if w["top"] > caption.bbox[3] and left - SNAP <= w["x0"] and w["x1"] <= right + SNAP),
        key=lambda w: w["top"],
    )
    if not words:
        return None
    size = Counter(round(w["size"]) for w in words[:50]).most_common(1)[0][0] or size
    bottom = caption.bbox[3]
    items = sorted([(w["top"], w["bottom"]) for w in words] + [(r[1], r[3]) for r in rules])
    last_rule_bottom = None
    for top, item_bottom in items:
        if top - bottom > 2.2 * size:
            break
        bottom = max(bottom, item_bottom)
        if any(abs(r[1] - top) < SNAP for r in rules):
            last_rule_bottom = item_bottom
    if last_rule_bottom is not None and last_rule_bottom > caption.bbox[3] + 2 * size:
        bottom = last_rule_bottom
    else:
        # Footnotes in smaller type right under a rule-less table are its notes, not rows.
        for line in reversed(text_lines([w for w in words if w["bottom"] <= bottom + 0.5], split_columns=False)):
            if max(w["size"] for w in line) >= size - 0.4:
                break
            bottom = min(w["top"] for w in line) - 0.5
    if bottom - caption.bbox[3] < 2 * size:
        return None
    return (left - SNAP, caption.bbox[3] + 0.5, right + SNAP, bottom + 0.5)


def region_above(view: FramedPage, caption: CaptionLine) -> BBox | None:
    """A caption printed under its table: the block of lines right above it, up to the first wide gap."""
    left, right = caption.bbox[0], caption.bbox[2]
    same_start = [line_box(ln)[2] for ln in text_lines(view.words) if abs(line_box(ln)[0] - left) < 3]
    right = max([right, *same_start])
    words = sorted(
        (w for w in view.words if w["bottom"] < caption.bbox[1] and left - SNAP <= w["x0"] and w["x1"] <= right + SNAP),
        key=lambda w: -w["bottom"],
    )
    if not words:
        return None
    size = Counter(round(w["size"]) for w in words[:12]).most_common(1)[0][0] or 9.0  # the type nearest the caption
    top = caption.bbox[1]
    for word in words:
        if top - word["bottom"] > 2.2 * size:
            break
        top = min(top, word["top"])
    if caption.bbox[1] - top < 2 * size:
        return None
    return (left - SNAP, top - 0.5, right + SNAP, caption.bbox[1] - 0.5)


def inside(word: dict, region: BBox) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def overlaps_x(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0


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


def column_boundaries(words: list[dict], region: BBox, header_end: float | None) -> list[float]:
    """Column edges from whitespace: x positions no body word covers."""
    body = [w for w in words if header_end is None or w["top"] > header_end]
    if len(body) < 4:
        body = words
    x0, x1 = region[0], region[2]
    covered = [False] * (int(x1 - x0) + 2)
    for word in body:
        for x in range(int(word["x0"] - x0), int(word["x1"] - x0) + 1):
            if 0 <= x < len(covered):
                covered[x] = True
    edges, run_start = [x0], None
    for index, is_covered in enumerate(covered):
        if not is_covered and run_start is None:
            run_start = index
        elif is_covered and run_start is not None:
            if run_start > 0 and index - run_start >= MIN_COLUMN_GAP:
                edges.append(x0 + (run_start + index) / 2)
            run_start = None
    # A last column left empty in every body row of this page still has its header word.
    if run_start is not None and run_start > 0:
        header_words = [w for w in words if w not in body and w["x0"] > x0 + run_start + MIN_COLUMN_GAP / 2]
        if header_words:
            edges.append(min(w["x0"] for w in header_words) - MIN_COLUMN_GAP / 2)
    edges.append(x1)
    return edges


def row_boundaries(view: FramedPage, region: BBox, lines, xs: list[float], header_end: float | None) -> list[float]:
    """Rows from rules inside the region when the body has them (shaded bands), else one row per logical line."""
    width = region[2] - region[0]
    inner_rules = cluster(
        [r[1] for r in view.h_rules if region[1] < r[1] < region[3] and r[2] - r[0] >= 0.5 * width]
        + [r[3] for r in view.h_rules if region[1] < r[3] < region[3] and r[2] - r[0] >= 0.5 * width]
    )
    body_rules = [y for y in inner_rules if header_end is None or y > header_end + SNAP]
    boxes = [line_box(line) for line in lines]
    body_lines = [b for b in boxes if header_end is None or b[1] > header_end]
    if len(body_rules) >= max(2, len(body_lines) // 6):
        body_rules = [y for y in body_rules if not continues_cell_below(y, lines, xs)]
        ys = [region[1]] + ([header_end] if header_end else []) + body_rules + [region[3]]
        return drop_empty_bands(cluster(ys), boxes)
    ys = [region[1]]
    previous = None
    for line, box in zip(lines, boxes, strict=True):
        starts_row = previous is None or (header_end is not None and previous[3] <= header_end < box[1])
        if not starts_row:
            first_col_filled = any(w["x0"] < xs[1] - SNAP for w in line)
            gap = box[1] - previous[3]
            size = line[0].get("size", 9)
            ruled_between = any(
                previous[3] - 1 <= r[1] <= box[1] + 1 and overlaps_x(r, box) and r[2] - r[0] >= 15 for r in view.h_rules
            )
            starts_row = first_col_filled or gap > 0.6 * size or ruled_between
        if starts_row and previous is not None:
            ys.append((previous[3] + box[1]) / 2)
        previous = box
    ys.append(region[3])
    return ys


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
    return gap < 0.4 * size and not any(w["x0"] < xs[1] - SNAP for w in below[0])


def drop_empty_bands(ys: list[float], boxes: list[BBox]) -> list[float]:
    kept = [ys[0]]
    for y in ys[1:]:
        if any(kept[-1] <= (b[1] + b[3]) / 2 <= y for b in boxes):
            kept.append(y)
    if kept[-1] != ys[-1]:
        kept[-1] = ys[-1]
    return kept


# ---------------------------------------------------------------- grid building


def build_raw_table(
    page_number: int, view: FramedPage, xs: list[float], ys: list[float], ruled: bool, strategy: str
) -> RawTable:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    region = (xs[0], ys[0], xs[-1], ys[-1])
    words = [w for w in view.words if inside(w, region)]
    slot_words: dict[tuple[int, int], list[dict]] = {}
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        slot_words.setdefault((band(ys, cy), band(xs, cx)), []).append(word)
    origin = merged_slots(view, xs, ys, words, ruled)
    groups: dict[tuple[int, int], list[dict]] = {}
    for slot, slot_list in slot_words.items():
        groups.setdefault(origin[slot], []).extend(slot_list)
    rows: list[list[str | None]] = []
    boxes: list[list[BBox | None]] = []
    spans: list[list[tuple[int, int] | None]] = []
    for r in range(n_rows):
        rows.append([])
        boxes.append([])
        spans.append([])
        for c in range(n_cols):
            covered = origin[(r, c)] != (r, c)
            rows[r].append(None if covered else cell_text(groups.get((r, c), []), view.vocabulary))
            boxes[r].append(view.frame.unbox((xs[c], ys[r], xs[c + 1], ys[r + 1])))
            spans[r].append(origin[(r, c)] if covered else None)
    if ruled:
        finer = split_grouped_rows(ys, origin, groups)
        if finer != ys:
            return build_raw_table(page_number, view, xs, finer, ruled, strategy)
    # Journals that box the whole table put the caption in a first row, and notes in a last row, spanning it all.
    if n_rows > 2 and full_width(origin, 0, n_cols) and CAPTION_PATTERN.match(rows[0][0] or ""):
        raw = build_raw_table(page_number, view, xs, ys[1:], ruled, strategy)
        raw.caption, raw.number = rows[0][0], CAPTION_PATTERN.match(rows[0][0]).group(1)
        raw.continued = raw.continued or bool(CONTINUED_PATTERN.search(rows[0][0]))
        return raw
    if n_rows > 2 and full_width(origin, n_rows - 1, n_cols) and rows[-1][0]:
        raw = build_raw_table(page_number, view, xs, ys[:-1], ruled, strategy)
        raw.notes = f"{rows[-1][0]} {raw.notes}".strip()
        return raw
    raw = RawTable(
        page=page_number,
        bbox=view.frame.unbox(region),
        rows=rows,
        cell_bboxes=boxes,
        strategy=strategy,
        span_origin=spans,
        rotation=view.frame.rotation,
        ruled=ruled,
    )
    raw.n_header_rows = header_rows(raw, groups)
    attach_caption(raw, view, region)
    raw.notes = table_notes(view, region)
    raw.continued = raw.continued or continued_below(view, region)
    return raw


NUMBER_LINE = re.compile(r"^[\d.,%()<>=+\-−–—\s]+$")


def split_grouped_rows(ys: list[float], origin, groups: dict[tuple[int, int], list[dict]]) -> list[float]:
    """Rules drawn every few rows (statistical tables): when every cell of a ruled row holds the same number of
    lines, aligned across the row and mostly numeric, each line is a row of its own."""
    finer = [ys[0]]
    for r in range(len(ys) - 1):
        cells = [
            text_lines_in_cell(words)
            for (row, col), words in groups.items()
            if row == r and origin[(r, col)] == (r, col) and all(o[0] == r for s, o in origin.items() if o == (r, col))
        ]
        cells = [lines for lines in cells if lines]
        counts = {len(lines) for lines in cells}
        numeric = sum(1 for lines in cells if all(NUMBER_LINE.match(" ".join(w["text"] for w in ln)) for ln in lines))
        if len(cells) >= 3 and len(counts) == 1 and counts != {1} and numeric >= len(cells) / 2:
            tops = [[line[0]["top"] for line in lines] for lines in cells]
            aligned = all(abs(t[i] - tops[0][i]) < 3 for t in tops for i in range(len(t)))
            if aligned:
                reference = cells[0]
                finer += [
                    (reference[i][0]["bottom"] + reference[i + 1][0]["top"]) / 2 for i in range(len(reference) - 1)
                ]
        finer.append(ys[r + 1])
    return finer


def full_width(origin: dict[tuple[int, int], tuple[int, int]], row: int, n_cols: int) -> bool:
    return n_cols > 1 and all(origin[(row, c)] == (row, 0) for c in range(n_cols))


def band(edges: list[float], value: float) -> int:
    for index in range(len(edges) - 1):
        if value < edges[index + 1]:
            return index
    return len(edges) - 2


def merged_slots(view: FramedPage, xs, ys, words, ruled: bool) -> dict[tuple[int, int], tuple[int, int]]:
    """Map every slot to the top-left slot of the merged cell covering it (itself when not merged)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(slot):
        while parent[slot] != slot:
            slot = parent[slot]
        return slot

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb))
            parent[second] = first

    if ruled:
        region = (xs[0], ys[0], xs[-1], ys[-1])
        h_index = index_rules(view.h_rules, True, region)
        v_index = index_rules(view.v_rules, False, region)
        h_ruled = [[rule_covers(h_index, ys[r], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(1, n_rows)]
        v_ruled = [[rule_covers(v_index, xs[c], ys[r], ys[r + 1]) for c in range(1, n_cols)] for r in range(n_rows)]
        for r in range(1, n_rows):
            if any(h_ruled[r - 1]):  # a rule exists on this boundary elsewhere, so a gap in it means a merge
                for c in range(n_cols):
                    if not h_ruled[r - 1][c]:
                        union((r - 1, c), (r, c))
        for c in range(1, n_cols):
            if any(v_ruled[r][c - 1] for r in range(n_rows)):
                for r in range(n_rows):
                    if not v_ruled[r][c - 1]:
                        union((r, c - 1), (r, c))
    # A word lying well across a column boundary (a spanning header) merges the slots it covers; one that only
    # overhangs a boundary a little stays in the column holding most of it.
    for phrase in phrases(words):
        cy = (phrase[1] + phrase[3]) / 2
        r = band(ys, cy)
        first, last = band(xs, phrase[0] + 1), band(xs, phrase[2] - 1)
        width = max(1.0, phrase[2] - phrase[0])
        for c in range(first, last):
            boundary = xs[c + 1]
            if min(boundary - phrase[0], phrase[2] - boundary) >= 0.25 * width:
                union((r, c), (r, c + 1))
    return {slot: find(slot) for slot in parent}


RuleIndex = dict[int, list[tuple[float, float]]]


def index_rules(rules: list[BBox], horizontal: bool, region: BBox) -> RuleIndex:
    """Rules by rounded position (y for horizontal rules, x for vertical ones), limited to the table region."""
    index: RuleIndex = {}
    for x0, top, x1, bottom in rules:
        lo, hi, at_lo, at_hi = (x0, x1, top, bottom) if horizontal else (top, bottom, x0, x1)
        span_lo, span_hi = (region[0], region[2]) if horizontal else (region[1], region[3])
        if hi < span_lo or lo > span_hi:
            continue
        for key in range(int(at_lo - SNAP), int(at_hi + SNAP) + 1):
            index.setdefault(key, []).append((lo, hi))
    return {key: union_intervals(spans) for key, spans in index.items()}


def union_intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def phrases(words: list[dict]) -> list[BBox]:
    """Boxes of runs of words on one line separated by ordinary spaces ("Original masked alignment")."""
    boxes = []
    for line in text_lines(words, split_columns=False):
        current = list(line_box(line[:1]))
        for word in line[1:]:
            if word["x0"] - current[2] < MIN_COLUMN_GAP:
                current = [current[0], min(current[1], word["top"]), word["x1"], max(current[3], word["bottom"])]
            else:
                boxes.append(tuple(current))
                current = list(line_box([word]))
        boxes.append(tuple(current))
    return boxes


def rule_covers(index: RuleIndex, position: float, start: float, end: float) -> bool:
    """Whether rules at `position` cover at least half of the span start..end."""
    covered = sum(max(0.0, min(hi, end) - max(lo, start)) for lo, hi in index.get(int(position), []))
    return covered >= 0.5 * (end - start)


def cell_text(words: list[dict], vocabulary: set[str]) -> str:
    if not words:
        return ""
    return join_lines([[w["text"] for w in line] for line in text_lines_in_cell(words)], vocabulary)


def text_lines_in_cell(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and word["top"] < lines[-1][0]["bottom"] - 0.5 * (word["bottom"] - word["top"]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def join_lines(lines: list[list[str]], vocabulary: set[str]) -> str:
    """Join wrapped lines in reading order; a hyphen at a line end is dropped only when the joined word is known."""
    text = ""
    for words in lines:
        line = " ".join(words)
        if not text:
            text = line
        elif BULLET_PATTERN.match(line):
            text = f"{text}\n{line}"
        elif text.endswith("-") and line[:1].isalpha():
            head = text.rsplit(" ", 1)[-1][:-1]
            joined = (head + words[0]).lower().strip(".,;:()")
            text = text[:-1] + line if line[:1].islower() and joined in vocabulary else text + line
        else:
            text = f"{text} {line}"
    return text.strip()


def header_rows(raw: RawTable, groups: dict[tuple[int, int], list[dict]]) -> int:
    """Leading rows set in bold (while the body is not), plus the row under a header cell spanning columns."""
    n_rows = len(raw.rows)

    def row_bold(r: int) -> bool | None:
        fonts = [w.get("fontname", "") for c in range(len(raw.rows[r])) for w in groups.get((r, c), [])]
        return None if not fonts else all(BOLD_PATTERN.search(f) for f in fonts)

    count = 0
    while count < n_rows - 1 and row_bold(count):
        count += 1
    if count == n_rows - 1 or count == 0:
        count = 1
    last = count - 1  # a header cell spanning columns in the last header row has its sub-headers below it
    spans_columns = any(
        origin is not None and origin[0] == last and origin[1] != c for c, origin in enumerate(raw.span_origin[last])
    )
    # ... when the row below leaves its stub (first) cell blank or merged into the header above, as sub-headers do.
    if spans_columns and count < n_rows - 1 and not raw.rows[count][0]:
        count += 1
    return count


def table_notes(view: FramedPage, region: BBox) -> str:
    """Footnote lines directly under the table (smaller type, or starting with a note marker)."""
    below = [w for w in view.words if w["top"] >= region[3] - 0.5 and region[0] - SNAP <= w["x0"] < region[2]]
    lines = text_lines(below)
    notes, bottom = [], region[3]
    body_size = Counter(round(w["size"], 1) for w in view.words if inside(w, region)).most_common(1)
    body_size = body_size[0][0] if body_size else 9.0
    for line in lines:
        box = line_box(line)
        if box[1] - bottom > 1.2 * body_size or box[2] > region[2] + 3 * body_size:
            break
        text = " ".join(w["text"] for w in line)
        smaller = line[0].get("size", body_size) < body_size - 0.4
        if not (smaller or NOTE_START_PATTERN.match(text) or notes):
            break
        if CAPTION_PATTERN.match(text) and not notes:
            break
        notes.append([w["text"] for w in line])
        bottom = box[3]
    return join_lines(notes, view.vocabulary)


def continued_below(view: FramedPage, region: BBox) -> bool:
    near = [
        w["text"]
        for w in view.words
        if region[3] - 1 <= w["top"] <= region[3] + 30 and overlaps_x((w["x0"], w["top"], w["x1"], w["bottom"]), region)
    ]
    return bool(CONTINUED_PATTERN.search(" ".join(near)))


# ---------------------------------------------------------------- document-level assembly


def assemble_tables(pdf: PdfContent, passages: list[Passage]) -> list[Table]:
    """Turn raw page regions into numbered, captioned tables, joining tables continued on the next page."""
    raws = sorted((raw for page in pdf.pages for raw in page.raw_tables), key=lambda r: (r.page, r.bbox[1]))
    captions = caption_passages(passages)
    parts: list[list[RawTable]] = []
    for raw in raws:
        if parts and continues(parts[-1][-1], raw, pdf):
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
    others_before = [r for r in pdf.pages[raw.page - 1].raw_tables if r.bbox[1] < raw.bbox[1] - SNAP]
    others_after = [r for r in pdf.pages[previous.page - 1].raw_tables if r.bbox[1] > previous.bbox[1] + SNAP]
    if others_before or others_after:
        return False
    if previous.continued or raw.continued:
        return True
    if not (ends_page(previous, pdf.pages[previous.page - 1]) and starts_page(raw, pdf.pages[raw.page - 1])):
        return False  # prose after the first part or before the second: two tables that look alike
    return header_texts(raw) == header_texts(previous) or raw.number is None


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


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- evaluation


def table_cell_accuracy(predicted: list[Table], gold: dict) -> dict:
    """Exact-cell accuracy of predicted grids against gold grids (whitespace-normalised text).

    Each gold table is matched to the predicted table with the same number; cells missing from the prediction,
    and extra predicted rows or columns, count as wrong. Returns cell_accuracy, correct, total and per_table
    (number -> cell_accuracy, correct, total, gold_shape, predicted_shape, caption_ok).
    """
    per_table = {}
    total = correct = 0
    by_number = {t.number: t for t in predicted if t.number is not None}
    for gold_table in gold.get("tables", []):
        gold_grid = [[norm_space(text) for text in row] for row in gold_table["grid"]]
        table = by_number.get(str(gold_table["number"]))
        grid = [[norm_space(text) for text in row] for row in table.grid()] if table else []
        n_rows = max(len(gold_grid), len(grid))
        n_cols = max([len(row) for row in gold_grid + grid] or [0])
        hits = sum(
            1
            for r in range(n_rows)
            for c in range(n_cols)
            if r < len(gold_grid)
            and r < len(grid)
            and c < len(gold_grid[r])
            and c < len(grid[r])
            and gold_grid[r][c] == grid[r][c]
        )
        cells = n_rows * n_cols
        total, correct = total + cells, correct + hits
        per_table[str(gold_table["number"])] = {
            "cell_accuracy": hits / cells if cells else 0.0,
            "total": cells,
            "correct": hits,
            "gold_shape": [len(gold_grid), len(gold_grid[0]) if gold_grid else 0],
            "predicted_shape": [len(grid), len(grid[0]) if grid else 0],
            "caption_ok": bool(table) and norm_space(table.caption).startswith(norm_space(gold_table["caption"])),
        }
    return {
        "cell_accuracy": correct / total if total else 0.0,
        "total": total,
        "correct": correct,
        "per_table": per_table,
    }
