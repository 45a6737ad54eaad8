"""Captions ("Table 2 ..."), "(continued)" marks and footnotes around a table region."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.extract.tables.layout import (
    SNAP,
    FramedPage,
    inside,
    join_lines,
    line_box,
    overlaps_x,
    text_lines,
)
from pipeline.records import BBox, RawTable

# "Table 2", "Table S1", "Table 3a", appendix tables ("Table A1"), tables numbered by section as reports and
# proposals do ("Table 3.1b", "Table 2.4") and the roman numerals of IEEE-style journals ("TABLE IV").
TABLE_NUMBER = r"(?:[A-Z]?\d+(?:\.\d+)*[A-Za-z]?|[IVXL]+)"
CAPTION_PATTERN = re.compile(r"^\s*(?i:table)\s+(" + TABLE_NUMBER + r")\b\s*[.:|]?\s*(.*)", re.DOTALL)
# "(continued)", "Continued.", "(Cont.)", and "Cont." ending a caption ("Table 1. Cont.").
CONTINUED_PATTERN = re.compile(r"\(?\s*continued\b|\bcont(?:\.|inued)\s*\)|\bcont\.\s*$", re.IGNORECASE)
NOTE_START_PATTERN = re.compile(
    r"^([a-z][\s).,]|[*†‡§¶#]|\d\s|(Notes?|NOTES?|Abbreviations?|ABBREVIATIONS?|Sources?)\b)"
)
FOOTNOTE_TITLE = re.compile(r"^(?:Notes?|Abbreviations?|Sources?|Key)\b\s*[:.]", re.IGNORECASE)
# "Table 4 shows a table ...", "Table 1 provides ...": a sentence of the running text that starts with a table's
# name goes on in lower case with no stop after the number, where a caption has a stop or a capital ("Table 1 A simple
# table", "Table 1. Total ...") or says it is continued.
SENTENCE_ABOUT_TABLE = re.compile(r"^\s*(?i:table)\s+" + TABLE_NUMBER + r"\s+(?!cont)[a-z]")
MAX_CAPTION_DISTANCE = 60.0  # points between a caption and the table it belongs to
MAX_TITLE_GAP = 2.0  # type sizes between a label alone on its line and the title under it (a blank line at most)


@dataclass
class CaptionLine:
    number: str
    text: str  # the whole caption (following lines joined)
    bbox: BBox  # frame coordinates of the whole caption
    continued: bool


def caption_lines(view: FramedPage) -> list[CaptionLine]:
    """Lines that start with "Table N", with the caption lines that follow them joined."""
    lines = [without_strays(line) for line in rejoined_pieces(text_lines(view.words))]
    captions = []
    for index, line in enumerate(lines):
        first = line[0]["text"]
        if first.lower() != "table" or len(line) < 2:
            continue
        match = CAPTION_PATTERN.match(" ".join(w["text"] for w in line))
        if not match or FOOTNOTE_TITLE.match(match.group(2)):
            continue  # "Table 2: Abbreviations ..." under a table is its footnote, not a caption
        if SENTENCE_ABOUT_TABLE.match(" ".join(w["text"] for w in line)):
            continue  # "Table 4 shows ...": a sentence of the text that names a table
        parts, box = [line], line_box(line)
        size = line[0].get("size", 9)
        for follower in lines[index + 1 : index + 16]:  # captions of up to 16 lines (APS captions are paragraphs)
            fbox = line_box(follower)
            if fbox[0] >= box[2] + size or fbox[2] <= box[0] - size:
                continue  # a line of the page's other column, at the same height
            # Left-aligned with the caption, or centred on the same axis (a centred caption's shorter last line).
            aligned = abs(fbox[0] - box[0]) < 3 * size or abs((fbox[0] + fbox[2]) - (box[0] + box[2])) < 2 * size
            if fbox[1] - box[3] < -0.25 * size and box[0] <= fbox[0] and fbox[2] <= box[2]:
                continue  # a piece of maths set apart from the line above, deep into it (a radical, a big sum)
            # The table's top rule ends the caption; a short bar on the next line's own height is the overline of
            # a radical or a bar over a symbol in it.
            if any(
                box[3] - SNAP < r[1] < fbox[1] + SNAP
                and overlaps_x(r, fbox)
                and not (r[1] >= fbox[1] - 0.5 and r[2] - r[0] < 0.25 * (box[2] - box[0]))
                for r in view.h_rules
            ):
                break
            # Sub- and superscripts make neighbouring lines' boxes overlap a little. A label alone on its line
            # ("Table 1" in bold, APA style) has its title on the next line, a blank line lower in double-spaced
            # styles: one phrase at word spacing (a header row under the label leaves column gaps).
            gap = fbox[1] - box[3]
            titled_label = (
                len(parts) == 1
                and not match.group(2).strip(".:| ")
                and gap < MAX_TITLE_GAP * size
                and all(b["x0"] - a["x1"] < 0.6 * size for a, b in zip(follower, follower[1:], strict=False))
            )
            close = (-0.25 * size <= gap < 0.8 * size or titled_label) and aligned
            # One word under the caption is a header cell, unless it ends the caption's unfinished sentence.
            # So does one that closes a bracket the caption left open ("… ratio (in" / "percent)"): captions of
            # journals that set no closing stop end that way.
            last_word = len(follower) == 1 and (
                (follower[0]["text"].endswith(".") and not parts[-1][-1]["text"].endswith("."))
                or closes_open_bracket(parts, follower[0]["text"])
            )
            if not close or abs(follower[0].get("size", size) - size) > 0.6 or (len(follower) < 2 and not last_word):
                break
            parts.append(follower)
            box = (min(box[0], fbox[0]), box[1], max(box[2], fbox[2]), fbox[3])
        text = join_lines([[w["text"] for w in part] for part in parts], view.vocabulary)
        captions.append(CaptionLine(match.group(1), text, box, bool(CONTINUED_PATTERN.search(text))))
    return captions


def closes_open_bracket(parts: list[list[dict]], word: str) -> bool:
    """Whether `word` closes a round bracket that the caption's lines so far opened and left open."""
    text = " ".join(w["text"] for part in parts for w in part)
    return word.endswith(")") and word.count("(") < word.count(")") and text.count("(") > text.count(")")


def without_strays(line: list[dict]) -> list[dict]:
    """The line without glyphs that lie over one of its words set on its baseline band: one line of text never
    overlaps itself, so such a glyph belongs to something else, most often a big operator or delimiter of a maths
    cell above whose box the text layer sets a line low (TeX's extension font hangs them under their origin).
    Stacked sub- and superscripts (both off the band) and accents merged into their word are kept."""
    if len(line) < 3:
        return line
    tops = sorted(w["top"] for w in line)
    band = tops[len(tops) // 2]  # the median top: the line's own baseline band

    def on_band(word: dict) -> bool:
        return abs(word["top"] - band) < 1.0

    def over_a_word_on_band(word: dict) -> bool:
        width = max(word["x1"] - word["x0"], 0.1)
        return any(
            other is not word
            and on_band(other)
            and min(word["x1"], other["x1"]) - max(word["x0"], other["x0"]) > 0.5 * width
            for other in line
        )

    return [w for w in line if on_band(w) or not over_a_word_on_band(w)]


def rejoined_pieces(lines: list[list[dict]]) -> list[list[dict]]:
    """A line cut in two by the line finder (a bold "Table 1." set a point lower than the caption text after it, on a
    page whose other column has lines at both heights): the piece that starts right where a line ends, overlapping
    it in height, is the same line. Only captions read the result, so a page with no line opening with "Table" (a
    statistics sheet of thousands of cells) is left as it is: joining never changes a line's first word."""
    result = [list(line) for line in lines]
    if not any(line and line[0]["text"].lower() == "table" for line in result):
        return result
    boxes = [line_box(line) for line in result]
    index = 0
    while index < len(result):
        line, box = result[index], boxes[index]
        size = line[-1].get("size", 9) or 9
        # the lines that start right after this one ends (a loose bound, the exact test below): one comparison per
        # line instead of the whole test, which runs for every pair of lines
        right, reach = box[2], box[2] + size + 1.0
        for position in [position for position, obox in enumerate(boxes) if right <= obox[0] <= reach]:
            other, obox = result[position], boxes[position]
            overlap = min(box[3], obox[3]) - max(box[1], obox[1])
            if other is not line and 0 <= obox[0] - box[2] < size and overlap > 0.5 * (box[3] - box[1]):
                line.extend(other)
                del result[position], boxes[position]
                boxes[index - 1 if position < index else index] = line_box(line)  # the piece before it went
                break
        else:
            index += 1
    return result


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


def table_notes(view: FramedPage, region: BBox) -> str:
    """Footnote lines directly under the table (smaller type, or starting with a note marker)."""
    # Words reaching into the table's width, not only starting in it: a caption under the table that starts left of
    # it is then read whole (and ends the notes) instead of its tail being taken for a note.
    below = [
        w for w in view.words if w["top"] >= region[3] - 0.5 and w["x1"] > region[0] + SNAP and w["x0"] < region[2]
    ]
    lines = [without_strays(line) for line in text_lines(below)]
    notes, bottom, notes_size = [], region[3], None
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
        size = Counter(round(w.get("size", body_size), 1) for w in line).most_common(1)[0][0]
        # A caption line ends the notes, and so does a line set larger than them: a caption set under the table's
        # footnote, in the caption's own type ("Table 5: Inputs …" under a footnote of smaller type). "Table 2
        # shows …" continuing a note's sentence has no caption's stop or capital after the number.
        if CAPTION_PATTERN.match(text) and (
            not notes or size > notes_size + 0.4 or not SENTENCE_ABOUT_TABLE.match(text)
        ):
            break
        notes.append([w["text"] for w in line])
        notes_size = size if notes_size is None else notes_size
        bottom = box[3]
    return join_lines(notes, view.vocabulary)


def continued_below(view: FramedPage, region: BBox) -> bool:
    near = [
        w["text"]
        for w in view.words
        if region[3] - 1 <= w["top"] <= region[3] + 30 and overlaps_x((w["x0"], w["top"], w["x1"], w["bottom"]), region)
    ]
    return bool(CONTINUED_PATTERN.search(" ".join(near)))
