"""Reading frames and text layout shared by the table detectors.

A reading frame is the coordinate system in which a table's text runs left to right: rotated (landscape) tables
on portrait pages are moved into it, so every later step reads them like upright ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from pdfplumber.utils.text import LIGATURES as LIGATURE_TEXT

from pipeline.extract.words import extract_words
from pipeline.records import BBox

SNAP = 2.0  # points: boundaries closer than this are the same line
MIN_COLUMN_GAP = 6.0  # points of empty space that separate two columns of a rule-less table
WORD_GAP = 1.5  # points: a wider gap between two glyphs starts a new word
BULLET_PATTERN = re.compile(r"^[•·▪◦‣●\-–]\s")


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
                # pdfplumber's size of a rotated glyph is its advance along the line; an upright glyph's size is
                # its height, and so is the moved glyph's extent across the line. (The text matrix's scale is not:
                # it holds the font size only when the font operator sets size 1, as some typesetters do.)
                "size": round(bottom - top, 2),
                "matrix": (1, 0, 0, 1, 0, 0),
            }
        )
    return moved


DESCENT_SHIFT = 0.3  # type sizes: a glyph whose box hangs this far under its neighbours' is misplaced
HANGING_FONT = 1.0  # type sizes: a font whose glyphs hang over a whole line under their line hangs them all so
MAX_DROP = 2.5  # type sizes: the furthest a glyph's box hangs under its line (TeX's extension font: about two)
PAIR_SIZE_RATIO = 0.1  # glyphs of sizes this close are compared (cmex10 at 10 pt beside 10.95 pt text; not scripts)


def on_baseline(chars: list[dict]) -> list[dict]:
    """Upright glyphs of a font whose boxes hang far under the glyphs they are set beside, moved up level with them.
    A glyph's box runs from its font's descent (as the font's descriptor states it) to one type size above; TeX's
    maths symbol fonts (CMSY, LMMathSymbols: the minus, times and plus-minus signs of every formula) state a descent
    of almost a whole size, where text fonts state a fifth, so their glyphs' boxes sit most of a line low and a minus
    sign in a tight table falls into the row under it. A glyph's drop (per font and character: the same font's radical
    sign is raised by TeX and its box stands level) is the median, over the glyphs of another font of its size that
    it touches on a line (in reading order), of how much lower its box is; sub- and superscripts are set smaller and
    are not compared. The drop is the font's (its stated descent), so a glyph moves only when its font's glyphs drop
    as a whole: a text font's digit set low once by TeX (a fraction's denominator "2" beside the next symbol) stays
    where it is, with every other "2" of that font on the page.
    TeX's maths extension font (CMEX, LMMathExtension: the big sums, integrals and delimiters of displayed maths) is
    set at 10 pt beside text of 10.95 and states a descent of about two sizes: its glyphs' boxes hang more than a line
    under their formula, into the next row of a table. Such a font's glyphs that touch no glyph of their size (a
    delimiter closing on a superscript) drop as the font's others do when, raised by that drop, they continue the
    glyph before them on its line: each glyph of the font hangs by its stated descent, and a glyph seen level would
    bring the font's drop under a line."""
    drops: dict[tuple[str, str], list[float]] = {}
    font_drops: dict[str, list[float]] = {}
    for left, right in zip(chars, chars[1:], strict=False):
        size, right_size = left.get("size") or 0, right.get("size") or 0
        if (
            not size
            or not right_size
            or left.get("fontname") == right.get("fontname")
            or not (left.get("upright", True) and right.get("upright", True))
            or abs(right_size - size) > PAIR_SIZE_RATIO * max(size, right_size)
            or not -0.5 < right["x0"] - left["x1"] < 0.6 * size
            or abs(right["top"] - left["top"]) > MAX_DROP * size
        ):
            continue
        # each glyph's drop in its own size, the unit its shift is taken in
        left_drop, right_drop = (left["top"] - right["top"]) / size, (right["top"] - left["top"]) / right_size
        drops.setdefault((left.get("fontname", ""), left["text"]), []).append(left_drop)
        drops.setdefault((right.get("fontname", ""), right["text"]), []).append(right_drop)
        font_drops.setdefault(left.get("fontname", ""), []).append(left_drop)
        font_drops.setdefault(right.get("fontname", ""), []).append(right_drop)
    shifts = {}
    for glyph, values in drops.items():
        median = sorted(values)[len(values) // 2]
        if median > DESCENT_SHIFT and median_of(font_drops[glyph[0]]) > DESCENT_SHIFT:
            shifts[glyph] = median
    hanging = {font: median_of(values) for font, values in font_drops.items() if min(values) > HANGING_FONT}
    if not shifts and not hanging:
        return chars
    moved: list[dict] = []
    for char in chars:
        font = char.get("fontname", "")
        ratio = shifts.get((font, char["text"]))
        if ratio is None and font in hanging and moved and follows_on_line(moved[-1], char, hanging[font]):
            ratio = hanging[font]
        if ratio is None or not char.get("upright", True):
            moved.append(char)
            continue
        shift = ratio * (char.get("size") or 0)
        moved.append(
            {
                **char,
                "top": char["top"] - shift,
                "bottom": char["bottom"] - shift,
                "doctop": char.get("doctop", char["top"]) - shift,
            }
        )
    return moved


def follows_on_line(previous: dict, char: dict, drop: float) -> bool:
    """Whether a glyph of a hanging font, raised by the font's drop, continues the glyph before it in reading order:
    set right after it and level with its box (a delimiter closing on a numerator, "(p+1 over 2)")."""
    size = char.get("size") or 0
    top, bottom = char["top"] - drop * size, char["bottom"] - drop * size
    return -0.5 < char["x0"] - previous["x1"] < size and top < previous["bottom"] and previous["top"] < bottom


def median_of(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


@dataclass
class FramedPage:
    """Part of a page seen in one reading frame: its words and rules in frame coordinates."""

    frame: Frame
    words: list[dict]
    h_rules: list[BBox]  # collinear pieces merged: a rule drawn cell by cell is one rule
    v_rules: list[BBox]
    vocabulary: set[str]
    rule_joints: list[tuple[float, float]] = field(default_factory=list)  # (x, y) where two pieces of a rule meet


def framed_page(frame: Frame, chars: list[dict], edges: list[dict]) -> FramedPage:
    moved = chars if frame == UPRIGHT else frame_chars(chars, frame)
    # Font attributes are read from the characters afterwards: grouping words by font would split a word at a
    # ligature set in another font ("in", "fl", "ammatory").
    words = []
    for word, glyphs in extract_words(moved, x_tolerance=WORD_GAP, by_font=False, full_records=True):
        words.append(word)
        fonts = [g.get("fontname", "") for g in glyphs]
        # (most words are set in one font: counted only where they are not)
        word["fontname"] = fonts[0] if fonts.count(fonts[0]) == len(fonts) else Counter(fonts).most_common(1)[0][0]
        sizes = [g.get("size", 0.0) for g in glyphs]
        word["size"] = size = round(max(sizes), 2)  # (rounding keeps order: the largest rounded size)
        if any(g["text"] in OVER_LETTER_ACCENTS for g in glyphs):
            word["text"] = with_accents_over_letters(glyphs)
        if frame == UPRIGHT and all("matrix" in g and "y1" in g for g in glyphs):
            # where the glyphs stand (their origin's height, top-down): a box crossed by a drawn rule is not the ink
            origins = sorted(g["top"] + g["y1"] - g["matrix"][5] for g in glyphs)
            word["baseline"] = origins[len(origins) // 2]
        # The extent of the word's glyphs of its own size: a superscript glued to it ("F−1)") reaches into the
        # leading above the line, which is not where the line's letters stand.
        if min(sizes) >= size - 0.5:  # every glyph: the word's own box
            word["core_top"], word["core_bottom"] = word["top"], word["bottom"]
        else:
            own = [g for g in glyphs if g.get("size", 0.0) >= size - 0.5]
            word["core_top"], word["core_bottom"] = min(g["top"] for g in own), max(g["bottom"] for g in own)
    h_rules, v_rules = [], []
    for edge in edges:
        box = frame.box((edge["x0"], edge["top"], edge["x1"], edge["bottom"]))
        (h_rules if box[2] - box[0] >= box[3] - box[1] else v_rules).append(box)
    h_rules, joints = merge_collinear(h_rules)
    v_rules = merge_collinear([(b[1], b[0], b[3], b[2]) for b in v_rules])[0]
    v_rules = [(b[1], b[0], b[3], b[2]) for b in v_rules]
    vocabulary = {w["text"].lower().strip(".,;:()") for w in words}
    return FramedPage(frame, words, h_rules, v_rules, vocabulary, joints)


def merge_collinear(rules: list[BBox]) -> tuple[list[BBox], list[tuple[float, float]]]:
    """Horizontal pieces on one line that touch (within SNAP) become one rule, before any width test: journals
    draw rules cell by cell. Returns the merged rules and the joints where pieces met (they mark column edges)."""
    merged: list[list[float]] = []
    joints: list[tuple[float, float]] = []
    for x0, top, x1, bottom in sorted(rules, key=lambda r: (round((r[1] + r[3]) / 2), r[0])):
        centre = (top + bottom) / 2
        for rule in reversed(merged[-8:]):
            if abs((rule[1] + rule[3]) / 2 - centre) <= 0.5 * SNAP and x0 <= rule[2] + SNAP and x1 >= rule[0] - SNAP:
                if x0 >= rule[2] - SNAP:
                    joints.append(((rule[2] + x0) / 2, centre))
                rule[:] = [min(rule[0], x0), min(rule[1], top), max(rule[2], x1), max(rule[3], bottom)]
                break
        else:
            merged.append([x0, top, x1, bottom])
    return [tuple(r) for r in merged], joints


def char_inside(char: dict, box: BBox) -> bool:
    return box[0] <= char["x0"] and char["x1"] <= box[2] and box[1] <= char["top"] and char["bottom"] <= box[3]


def inside(word: dict, region: BBox) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def cut_inside(word: dict, y: float) -> bool:
    """Whether the line at height y crosses the word's box well inside it (past a fifth of its height from either
    edge): a rule or table edge there runs through the word, not beside it."""
    return min(y - word["top"], word["bottom"] - y) > 0.2 * (word["bottom"] - word["top"])


def overlaps_x(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0


def cluster(values: list[float], tolerance: float = SNAP) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


_X0 = itemgetter("x0")


def text_lines(words: list[dict], split_columns: bool = True) -> list[list[dict]]:
    """Words grouped into lines (same baseline band), each sorted left to right, lines top to bottom."""
    lines: list[list[dict]] = []
    # the top, bottom and height of each line's first word, which a word is compared with (for every word and each
    # of the last six lines: kept beside the lines, not looked up in the word each time)
    refs: list[tuple[float, float, float]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        top, bottom = word["top"], word["bottom"]
        height = bottom - top
        for index in range(max(0, len(lines) - 6), len(lines)):
            ref_top, ref_bottom, ref_height = refs[index]
            if min(ref_bottom, bottom) - max(ref_top, top) > 0.5 * min(ref_height, height):
                lines[index].append(word)
                break
        else:
            lines.append([word])
            refs.append((top, bottom, height))
    for line in lines:
        line.sort(key=_X0)
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


def column_gap(words: list[dict], lines: list[list[dict]] | None = None) -> float:
    """The narrowest whitespace that separates columns: well over the usual space between words (tables set
    tight have 3 pt gutters). The usual space is measured on gaps under half the type size, which only words of one
    phrase leave. `lines`: the words' `text_lines(words, split_columns=False)`, when the caller has them."""
    lines = text_lines(words, split_columns=False) if lines is None else lines
    sizes = sorted(w.get("size") or (w["bottom"] - w["top"]) for w in words)
    if len(lines) < 4 or not sizes:
        return MIN_COLUMN_GAP
    size = sizes[len(sizes) // 2]
    spaces = sorted(
        gap
        for line in lines
        for a, b in zip(line, line[1:], strict=False)
        if 0 < (gap := b["x0"] - a["x1"]) < 0.5 * size
    )
    if len(spaces) < 4:
        # No phrase of several words to measure a space on (a grid of figures and codes): any gap of half the type
        # size or more, the bound that tells spaces here, is a gutter (numbers right-aligned 6 pt apart at 9 pt).
        return min(MIN_COLUMN_GAP, max(2.5, 0.5 * size)) if len(lines) >= 8 else MIN_COLUMN_GAP
    return min(MIN_COLUMN_GAP, max(2.5, 1.25 * spaces[len(spaces) // 2]))


def line_box(line: list[dict]) -> BBox:
    return (
        min(w["x0"] for w in line),
        min(w["top"] for w in line),
        max(w["x1"] for w in line),
        max(w["bottom"] for w in line),
    )


def phrases(words: list[dict]) -> list[BBox]:
    """Boxes of runs of words on one line separated by ordinary spaces ("Original masked alignment")."""
    boxes = []
    lines = text_lines(words, split_columns=False)
    gap = column_gap(words, lines)  # the same lines: grouping a large table's words into lines twice was costly
    for line in lines:
        current = list(line_box(line[:1]))
        previous = line[0]
        for word in line[1:]:
            # TeX widens the space after a full stop or colon ("No. of", "Note: the"): up to a third more.
            widened = 1.35 if previous["text"].endswith((".", ":", ";", "!", "?")) else 1.0
            previous = word
            if word["x0"] - current[2] < gap * widened:
                current = [current[0], min(current[1], word["top"]), word["x1"], max(current[3], word["bottom"])]
            else:
                boxes.append(tuple(current))
                current = list(line_box([word]))
        boxes.append(tuple(current))
    return boxes


def cell_text(words: list[dict], vocabulary: set[str], text_right: float | None = None) -> str:
    """A cell's text, wrapped lines joined by a space; a line break is kept as "\\n" where the cell lists one item
    per line (see `item_breaks`). `text_right` is where the longest line of the cell's column ends."""
    if not words:
        return ""
    lines = [glue_offset_words(line) for line in text_lines_in_cell(words)]
    breaks = item_breaks(lines, text_right) if text_right is not None else set()
    return composed_accents(
        join_lines([without_leader([w["text"] for w in line]) for line in lines], vocabulary, breaks)
    )


# TeX sets an accented capital or a letter without a precomposed glyph as a spacing accent over the letter ("\AA"
# is a ring over "A"), so the text layer reads "˚A" for "Å", "¨o" for "ö". Accents that are never punctuation only.
SPACING_ACCENTS = {"˚": "\u030a", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c"}
SPACING_ACCENT_BEFORE_LETTER = re.compile("([" + "".join(SPACING_ACCENTS) + "])([A-Za-z])")


def composed_accents(text: str) -> str:
    if not SPACING_ACCENT_BEFORE_LETTER.search(text):
        return text
    combined = SPACING_ACCENT_BEFORE_LETTER.sub(lambda m: m.group(2) + SPACING_ACCENTS[m.group(1)], text)
    return unicodedata.normalize("NFC", combined)


# Spacing accents TeX sets over a letter (OT1 text, maths accents): the glyph stands over the letter it marks, which
# reading by left edges puts before or after it ("Mu¨ller", "θˆ"). The acute accent is one too where it stands over a
# letter (a prime or a closing quote stands beside one).
OVER_LETTER_ACCENTS = {**SPACING_ACCENTS, "´": "\u0301", "˘": "\u0306", "¯": "\u0304", "˙": "\u0307"}


def with_accents_over_letters(glyphs: list[dict]) -> str:
    """A word's text with each spacing accent that stands over one of its letters (its centre within the letter's
    width) written as that letter's combining mark; other accents stay where they are."""
    letters = [g for g in glyphs if g["text"].isalpha() and g["text"] not in OVER_LETTER_ACCENTS]
    marks: dict[int, str] = {}
    placed: set[int] = set()
    for glyph in glyphs:
        if glyph["text"] not in OVER_LETTER_ACCENTS:
            continue
        centre = (glyph["x0"] + glyph["x1"]) / 2
        under = [g for g in letters if g["x0"] <= centre <= g["x1"] and g["top"] < glyph["bottom"]]
        if under:
            base = min(under, key=lambda g: abs((g["x0"] + g["x1"]) / 2 - centre))
            marks[id(base)] = marks.get(id(base), "") + OVER_LETTER_ACCENTS[glyph["text"]]
            placed.add(id(glyph))
    text = "".join(
        LIGATURE_TEXT.get(g["text"], g["text"]) + marks.get(id(g), "") for g in glyphs if id(g) not in placed
    )
    return unicodedata.normalize("NFC", text)


LEADER_DOTS = re.compile(r"(?<=[^.\s])\.{4,}$")
LEADER_FIRST_DOT = re.compile(r"^[^.]*[^\W\d_]{5}\.$")


def without_leader(texts: list[str]) -> list[str]:
    """Dot leaders run from a row label to its first value ("Total . . . . ." or "Robbery........"): filler, not
    the label's text. A lone "..." (a cell meaning "not available") is kept."""
    kept = list(texts)
    leader = False
    while len(kept) > 1 and kept[-1] and set(kept[-1]) == {"."}:
        kept.pop()
        leader = True
    if kept:
        kept[-1] = LEADER_DOTS.sub("", kept[-1])
        # the leader's first dot set close to the label ("manslaughter. . . ."); a short word's dot is an
        # abbreviation's ("etc.", "U.S.", "Inc.")
        if leader and LEADER_FIRST_DOT.search(kept[-1]):
            kept[-1] = kept[-1][:-1]
    return kept


def glue_offset_words(line: list[dict]) -> list[dict]:
    """Sub- and superscripts touch the word they belong to but sit on another baseline, so the word extractor
    cut them off: glue a touching word set smaller or on another baseline ("H 2 O" -> "H2O")."""
    glued: list[dict] = []
    previous = None
    # A superscript stacked over a subscript (both start at one x, "D" with "4h" under "1") comes first in x order:
    # it is held back and written after the subscript run, as the maths is read ("D4h1").
    held = ""
    for word in line:
        offset = previous is not None and (
            abs(word.get("size", 0) - previous.get("size", 0)) > 0.5 or abs(word["bottom"] - previous["bottom"]) > 1
        )
        gap = word["x0"] - previous["x1"] if previous is not None else None
        if gap is not None and gap < 0.5 and (offset or gap < 0):
            raised = word["bottom"] < previous["bottom"] - 1 and word.get("size", 0) < previous.get("size", 0)
            if gap < -0.5 and raised and word["x1"] <= previous["x1"] + 0.5 * (word["x1"] - word["x0"]):
                held += word["text"]
                continue  # stacked over the end of the subscript run: `previous` stays the run's last glyph
            glued[-1] = {**glued[-1], "text": glued[-1]["text"] + word["text"], "x1": max(glued[-1]["x1"], word["x1"])}
        else:
            if held:
                glued[-1] = {**glued[-1], "text": glued[-1]["text"] + held}
                held = ""
            glued.append(word)
        previous = word
    if held:
        glued[-1] = {**glued[-1], "text": glued[-1]["text"] + held}
    return glued


ITEM_START = re.compile(r"^[A-Z][a-z]")
WRAP_END_PATTERN = re.compile(r"[,;:\-‐‑–(/]$|\b(?:and|or|of|the|with|in|to|for|by|a|an)$")


def item_breaks(lines: list[list[dict]], text_right: float) -> set[int]:
    """Indices of lines that start a new item: the line before ended although this line's first word would have
    fitted after it (the typesetter broke the line on purpose), and this line is not indented (an indented line
    continues a hanging item such as "(a) ...")."""
    breaks = set()
    left = lines[0][0]["x0"]
    # Three lines or more that all start with a capitalised word, none ending on a word that wraps ("and", ","):
    # a list of items, one per line, even where the next item would have fitted on the line before.
    starts = [line[0]["text"] for line in lines]
    if len(lines) >= 3 and all(ITEM_START.match(t) for t in starts):
        if not any(WRAP_END_PATTERN.search(line[-1]["text"]) for line in lines[:-1]):
            return set(range(1, len(lines)))
    for index in range(1, len(lines)):
        previous, line = lines[index - 1], lines[index]
        size = line[0].get("size") or (line[0]["bottom"] - line[0]["top"])
        room = text_right - previous[-1]["x1"]
        first_width = line[0]["x1"] - line[0]["x0"]
        indented = line[0]["x0"] > left + 0.3 * size
        if not indented and room > first_width + 0.5 * size and not WRAP_END_PATTERN.search(previous[-1]["text"]):
            breaks.add(index)
    return breaks


def text_lines_in_cell(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(with_radical_indices(words), key=lambda w: (w["top"], w["x0"])):
        if lines and word["top"] < lines[-1][0]["bottom"] - 0.5 * (word["bottom"] - word["top"]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in with_marks_on_their_lines(lines)]


# The index of a root written the way it is read: "∛", "∜", or a raised index before "√" ("⁵√").
ROOT_SIGNS = {"3": "∛", "4": "∜"}
SUPERSCRIPT_DIGITS = str.maketrans("0123456789n", "⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ")


def with_radical_indices(words: list[dict]) -> list[dict]:
    """A root's index ("∜(n − 1)") is a script-size glyph set over the left arm of the radical sign, higher than
    the radicand: read apart, it lands wherever its height or x puts it ("√(n4 − 1)"). Each such glyph is written
    into its radical sign. The sign may end a word the extractor glued to it ("ik√" of "u_ik √"): it is then the
    word's last em of width."""
    radicals = [w for w in words if w["text"].endswith("√")]
    if not radicals:
        return words
    taken: set[int] = set()
    signs: dict[int, str] = {}
    for radical in radicals:
        size = radical.get("size") or (radical["bottom"] - radical["top"])
        left = max(radical["x0"], radical["x1"] - 1.05 * size) - 0.5
        middle = (radical["top"] + radical["bottom"]) / 2
        for word in words:
            small = (word.get("size") or size) < 0.85 * size
            over_left_arm = left <= word["x0"] and word["x1"] <= radical["x1"] + 0.5
            if small and over_left_arm and word["bottom"] < middle and id(word) not in taken and len(word["text"]) <= 2:
                taken.add(id(word))
                index = word["text"]
                signs[id(radical)] = radical["text"][:-1] + ROOT_SIGNS.get(
                    index, index.translate(SUPERSCRIPT_DIGITS) + "√"
                )
                break
    if not taken:
        return words
    return [{**w, "text": signs[id(w)]} if id(w) in signs else w for w in words if id(w) not in taken]


def with_marks_on_their_lines(lines: list[list[dict]]) -> list[list[dict]]:
    """A footnote mark set as a superscript ("yes¹", "restricted⁴") starts above its word's line, so it came out as
    a line of its own, read before its word: a line of small glyphs only that overlaps a line of body-size text in
    height belongs to that line."""
    size = max((w.get("size") or 0.0 for line in lines for w in line), default=0.0)
    if len(lines) < 2 or not size:
        return lines

    def small(line: list[dict]) -> bool:
        return all((w.get("size") or size) < 0.85 * size for w in line)

    def overlap(line: list[dict], other: list[dict]) -> float:
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        return min(bottom, max(w["bottom"] for w in other)) - max(top, min(w["top"] for w in other))

    body = [line for line in lines if not small(line)]
    for line in lines:
        if not small(line) or not body:
            continue
        host = max(body, key=lambda other: overlap(line, other))  # noqa: B023 (used at once, in this iteration)
        if overlap(line, host) > 0:
            host.extend(line)
        else:
            body.append(line)
    return sorted(body, key=lambda line: min(w["top"] for w in line))


# Scripts written without spaces between words: CJK ideographs, kana, CJK and full-width punctuation (Hangul, which
# Korean writes with spaces, is not among them).
ITEM_NUMBER = re.compile(r"^\d{1,2}[.、)]")  # "2." opening a line: the next item of a numbered list, not a figure
UNSPACED_SCRIPT = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def unspaced_between(left: str, right: str) -> bool:
    """Whether no space goes between two characters: both of a script written without spaces, or one of them and a
    figure ("24小時")."""
    left_unspaced, right_unspaced = bool(UNSPACED_SCRIPT.match(left)), bool(UNSPACED_SCRIPT.match(right))
    return (
        (left_unspaced or left.isdigit()) and (right_unspaced or right.isdigit()) and (left_unspaced or right_unspaced)
    )


def unspaced_script_join(words: list[str]) -> str:
    """Words of a line joined by a space, except where no space goes (`unspaced_between`): the gaps there are
    justification or letter spacing ("稻種預先 浸水催芽 ， 至")."""
    text = ""
    for word in words:
        if text and word and not unspaced_between(text[-1], word[0]):
            text += " "
        text += word
    return text


def join_lines(lines: list[list[str]], vocabulary: set[str], breaks: set[int] = frozenset()) -> str:
    """Join wrapped lines in reading order; a hyphen at a line end is dropped only when the joined word is known."""
    text = ""
    for index, words in enumerate(lines):
        line = unspaced_script_join(words)
        if not text:
            text = line
        elif BULLET_PATTERN.match(line) or index in breaks:
            text = f"{text}\n{line}"
        elif line and unspaced_between(text[-1], line[0]) and not ITEM_NUMBER.match(line):
            text += line  # Chinese and Japanese put no space between words: a line break there is none either
        elif text.endswith(LINE_END_HYPHENS) and line[:1].isalpha():
            head = text.rsplit(" ", 1)[-1][:-1]
            # A lone short piece (a syllable, four letters at most) ending in a hyphen again is the middle of a word
            # broken twice in a narrow cell ("Na-/tu-/re", "Disse-/mina-/tion"); the vocabulary cannot judge a
            # syllable. A longer piece is a word of a compound ("Dihydroxy-/dimethoxy-/flavone").
            middle = len(words) == 1 and len(words[0]) <= 5 and words[0].endswith(LINE_END_HYPHENS)
            middle = middle and index + 1 < len(lines)
            breaks_word = line[:1].islower() and (middle or hyphen_breaks_word(head, words[0], vocabulary))
            text = text[:-1] + line if breaks_word else text + line
        elif text.endswith((*LINE_END_HYPHENS, "–")) and line[:1].isdigit():
            text += line  # a range broken after its dash ("168-/196")
        else:
            text = f"{text} {line}"
    return restore_ligatures(text.strip(), vocabulary)


LIGATURES = ("fi", "ff", "fl", "ffi", "ffl")
LOST_GLYPH = re.compile(r"\w*\x00\w*")


def restore_ligatures(text: str, vocabulary: set[str]) -> str:
    """Fonts without a Unicode map for their ligatures give NUL for "fi", "ff", "fl": take the ligature that makes
    a known word ("De\x00nition" -> "Definition"), else "fi", the commonest."""
    if "\x00" not in text:
        return text

    def repair(match: re.Match) -> str:
        word = match.group(0)
        known = vocabulary | general_vocabulary()
        for ligature in LIGATURES:
            if word.replace("\x00", ligature).lower() in known:
                return word.replace("\x00", ligature)
        return word.replace("\x00", "fi")

    return LOST_GLYPH.sub(repair, text)


LINE_END_HYPHENS = ("-", "\u2010", "\u2011", "\u00ad")


def hyphen_breaks_word(head: str, tail: str, vocabulary: set[str]) -> bool:
    """Whether a hyphen at a line end only breaks a word ("Sal-/monella", "treat-/ments"), rather than joining two
    words ("silver-/gold", "photo-/thermal"): the joined word is known, or one half is no word by itself."""
    last_part = re.split(r"[-\u2010\u2011]", head)[-1]
    if len(last_part.strip("(),")) <= 1 or any(ch.isdigit() for ch in last_part):
        return False  # a locant of a chemical name ("7-O-|rutinoside", "N-|methyl")
    head, tail = head.lower().strip(".,;:()[]"), tail.lower().strip(".,;:()[]")
    known = vocabulary | general_vocabulary()
    if (head + tail) in known:
        return True
    return not (head in known and tail in known)


@lru_cache(maxsize=1)
def general_vocabulary() -> frozenset[str]:
    """English words of the spaCy package the structure stage uses for the same repair in running text."""
    from pipeline.extract.structure.conventions import default_config
    from pipeline.extract.structure.repair import general_vocabulary as package_words

    return package_words(default_config().vocabulary_package)


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
