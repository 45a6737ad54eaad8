"""Reading frames and text layout shared by the table detectors.

A reading frame is the coordinate system in which a table's text runs left to right: rotated (landscape) tables
on portrait pages are moved into it, so every later step reads them like upright ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from pdfplumber.utils import extract_words

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


def char_inside(char: dict, box: BBox) -> bool:
    return box[0] <= char["x0"] and char["x1"] <= box[2] and box[1] <= char["top"] and char["bottom"] <= box[3]


def inside(word: dict, region: BBox) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def overlaps_x(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0


def cluster(values: list[float], tolerance: float = SNAP) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


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


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
