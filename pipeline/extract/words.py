"""Words from a page's pdfplumber-style character dicts, as pdfplumber's word extractor makes them.

pdfplumber's `WordExtractor` runs a generator and a few dict look-ups per character and builds each word through
generic helpers; written out as one pass, the same words cost a fraction of it. Ingest cuts words at a share of the
type size with the font kept apart (`extract_words`); the table finder cuts at a fixed gap, words running across
font changes (`extract_words` with `x_tolerance` and no `x_tolerance_ratio`, `full_records=True`).
tests/test_ingest_words.py compares both with pdfplumber's extractor on real pages.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

import numpy
from pdfplumber.utils.text import LIGATURES

# pdfplumber's defaults: tops within Y_TOLERANCE points are one line of upright text; for turned text, left edges
# within the x tolerance are one line, and a gap along it wider than Y_TOLERANCE starts a word.
Y_TOLERANCE = 3.0
DEFAULT_X_TOLERANCE = 3.0

_BY_DIRECTION = itemgetter("upright")
_BY_DIRECTION_AND_FONT = itemgetter("upright", "fontname", "size")
_X0, _TOP, _X1, _BOTTOM, _TEXT = (itemgetter(key) for key in ("x0", "top", "x1", "bottom", "text"))
_ALONG_UPRIGHT, _ALONG_TURNED = itemgetter("x0"), itemgetter("top", "bottom")


def extract_words(
    chars: list[dict],
    x_tolerance_ratio: float | None = None,
    x_tolerance: float = DEFAULT_X_TOLERANCE,
    by_font: bool = True,
    full_records: bool = False,
) -> list[tuple[dict, list[dict]]]:
    """(word, its characters) for characters in text-stream order: the words of pdfplumber's
    `extract_words(chars, x_tolerance=x_tolerance, x_tolerance_ratio=x_tolerance_ratio, return_chars=True)`, with
    `extra_attrs=["fontname", "size", "upright"]` where `by_font` (same words, same order, same values).

    A run of characters of one direction (and with `by_font`, one font and size) is cut into lines (upright text:
    tops chained within Y_TOLERANCE; turned text: left edges within the x tolerance), each line sorted along the
    writing direction and cut into words at white space and at gaps wider than the x tolerance (`x_tolerance_ratio`
    of the size before the gap, where given). A word is text, box, font name, size and direction; `full_records`
    gives pdfplumber's own record instead (with doctop, height, width, direction; font name and size only with
    `by_font`)."""
    words: list[tuple[dict, list[dict]]] = []
    merge = _full_record if full_records else _lean_record
    for _, run in groupby(chars, _BY_DIRECTION_AND_FONT if by_font else _BY_DIRECTION):
        run = list(run)
        upright = run[0]["upright"]
        across = "top" if upright else "x0"  # the coordinate that tells lines apart
        line_tolerance = Y_TOLERANCE if upright else x_tolerance
        line_of: dict[float, int] = {}
        line = -1
        last = None
        for value in sorted({char[across] for char in run}):
            if last is None or value > last + line_tolerance:
                line += 1
            line_of[value] = line
            last = value
        lines: list[list[dict]] = [[] for _ in range(line + 1)]
        for char in run:
            lines[line_of[char[across]]].append(char)
        along = _ALONG_UPRIGHT if upright else _ALONG_TURNED
        for line_chars in lines:
            line_chars.sort(key=along)
            _cut_words(line_chars, upright, x_tolerance_ratio, x_tolerance, merge, by_font, words)
    return words


def _cut_words(line: list[dict], upright: bool, ratio, fixed: float, merge, by_font: bool, words: list) -> None:
    """The words of one line, cut at white space and where a character begins a new word (pdfplumber's test: it
    steps back, leaves a gap wider than the tolerance, or leaves the line; written out here, as this runs once per
    character)."""
    current: list[dict] = []
    previous = None  # the last character of `current`
    for char in line:
        text = char["text"]
        if text.isspace():
            if current:
                words.append(merge(current, by_font))
            current = []
        elif text == "":
            # pdfplumber's punctuation split with no punctuation given: an empty glyph is a word of its own
            if current:
                words.append(merge(current, by_font))
            words.append(merge([char], by_font))
            current = []
        elif current and (
            (
                char["x0"] < previous["x0"]
                or char["x0"] > previous["x1"] + (fixed if ratio is None else ratio * previous["size"])
                or abs(char["top"] - previous["top"]) > Y_TOLERANCE
            )
            if upright
            else (
                char["top"] < previous["top"]
                or char["top"] > previous["bottom"] + Y_TOLERANCE
                or abs(char["x0"] - previous["x0"]) > (fixed if ratio is None else ratio * previous["size"])
            )
        ):
            words.append(merge(current, by_font))
            current = [char]
        else:
            current.append(char)
        previous = char
    if current:
        words.append(merge(current, by_font))


def _text(chars: list[dict]) -> str:
    """The characters' text with pdfplumber's ligatures (ﬁ -> fi) expanded."""
    if len(chars) == 1:
        text = chars[0]["text"]
        return LIGATURES.get(text, text or "")
    try:
        text = "".join(map(_TEXT, chars))
    except TypeError:  # a character without text
        text = None
    if text is None or not text.isascii():  # the ligatures are not ASCII: expanded here
        text = "".join([LIGATURES.get(c["text"], c["text"] or "") for c in chars])
    return text


def _lean_record(chars: list[dict], by_font: bool) -> tuple[dict, list[dict]]:
    first = chars[0]
    if len(chars) == 1:
        word = {
            "text": _text(chars),
            "x0": first["x0"],
            "top": first["top"],
            "x1": first["x1"],
            "bottom": first["bottom"],
        }
    else:
        word = {
            "text": _text(chars),
            "x0": min(map(_X0, chars)),
            "top": min(map(_TOP, chars)),
            "x1": max(map(_X1, chars)),
            "bottom": max(map(_BOTTOM, chars)),
        }
    if by_font:
        word["fontname"] = first["fontname"]
        word["size"] = first["size"]
    word["upright"] = first["upright"]
    return word, chars


def _full_record(chars: list[dict], by_font: bool) -> tuple[dict, list[dict]]:
    """pdfplumber's `WordExtractor.merge_chars` record, keys in its order."""
    first = chars[0]
    if len(chars) == 1:
        x0, top, x1, bottom = first["x0"], first["top"], first["x1"], first["bottom"]
    else:
        x0, top = min(map(_X0, chars)), min(map(_TOP, chars))
        x1, bottom = max(map(_X1, chars)), max(map(_BOTTOM, chars))
    upright = first["upright"]
    word = {
        "text": _text(chars),
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (first["doctop"] - first["top"]),
        "bottom": bottom,
        "upright": upright,
        "height": bottom - top,
        "width": x1 - x0,
        "direction": "ltr" if upright else "ttb",
    }
    if by_font:
        word["fontname"] = first["fontname"]
        word["size"] = first["size"]
        word["upright"] = upright
    return word, chars


@dataclass
class WordColumns:
    """A page's words as columns (ingest's words, `extract_words(chars, x_tolerance_ratio=...)`): text, box, font,
    size and direction of each, and the index in `chars` of its last character (to ask what follows it)."""

    text: list[str]
    x0: list[float]
    top: list[float]
    x1: list[float]
    bottom: list[float]
    fontname: list[str]
    size: list[float]
    upright: list[bool]
    last_char: list[int]

    def rows(self) -> Iterator[tuple[str, float, float, float, float, str, float, bool, int]]:
        """One tuple per word: (text, x0, top, x1, bottom, fontname, size, upright, last_char)."""
        return zip(
            self.text,
            self.x0,
            self.top,
            self.x1,
            self.bottom,
            self.fontname,
            self.size,
            self.upright,
            self.last_char,
            strict=True,
        )


_FONTNAME, _SIZE, _UPRIGHT = (itemgetter(key) for key in ("fontname", "size", "upright"))


@dataclass
class CharColumns:
    """A page's characters' box, size, direction and font as arrays, as the reader made them beside the dicts (one
    value per character of `chars`, in its order): the word builder then reads no dict but for the text. They
    describe `chars` only while it is that list at that length (`describes`); a step that drops characters or makes
    a new list (hidden characters filtered out) leaves the word builder reading the dicts."""

    chars: list[dict]
    count: int
    x0: numpy.ndarray
    x1: numpy.ndarray
    top: numpy.ndarray
    bottom: numpy.ndarray
    size: numpy.ndarray
    upright: numpy.ndarray
    fontname: numpy.ndarray  # of str (dtype object)

    def describes(self, chars: list[dict]) -> bool:
        return chars is self.chars and len(chars) == self.count


def word_columns(
    chars: list[dict],
    x_tolerance_ratio: float | None = None,
    x_tolerance: float = DEFAULT_X_TOLERANCE,
    columns: CharColumns | None = None,
) -> WordColumns:
    """The words of `extract_words(chars, x_tolerance_ratio, x_tolerance)` (by font; same words, same order, same
    values), worked out on arrays: a page's characters are read once into columns, and the runs, lines, the sort
    along each line and the cuts between words are array operations over the whole page, where `extract_words`
    makes several dict look-ups and comparisons per character in Python. The tests are the same comparisons, on
    the same double-precision values, in the same order."""
    n = len(chars)
    if not n:
        return WordColumns([], [], [], [], [], [], [], [], [])
    texts = list(map(_TEXT, chars))
    if columns is not None and columns.describes(chars):
        fonts, x0, x1, top, bottom = columns.fontname, columns.x0, columns.x1, columns.top, columns.bottom
        size, upright = columns.size, columns.upright
    else:
        fonts = numpy.array(list(map(_FONTNAME, chars)), dtype=object)
        x0 = numpy.fromiter(map(_X0, chars), numpy.float64, n)
        x1 = numpy.fromiter(map(_X1, chars), numpy.float64, n)
        top = numpy.fromiter(map(_TOP, chars), numpy.float64, n)
        bottom = numpy.fromiter(map(_BOTTOM, chars), numpy.float64, n)
        size = numpy.fromiter(map(_SIZE, chars), numpy.float64, n)
        upright = numpy.fromiter(map(_UPRIGHT, chars), bool, n)
    space = numpy.fromiter(map(str.isspace, texts), bool, n)
    empty = numpy.fromiter(map(operator.not_, texts), bool, n)

    # runs of one direction, font and size in text-stream order (`groupby`)
    run_start = numpy.ones(n, dtype=bool)
    run_start[1:] = (upright[1:] != upright[:-1]) | (fonts[1:] != fonts[:-1]) | (size[1:] != size[:-1])
    run = numpy.cumsum(run_start)
    # lines of each run: its characters' tops (turned text: left edges) in order, chained within the tolerance
    across = numpy.where(upright, top, x0)
    tolerance = numpy.where(upright, Y_TOLERANCE, x_tolerance)
    by_across = numpy.lexsort((across, run))
    sorted_across = across[by_across]
    new_line = numpy.ones(n, dtype=bool)
    new_line[1:] = (run[by_across][1:] != run[by_across][:-1]) | (
        sorted_across[1:] > sorted_across[:-1] + tolerance[by_across][1:]
    )
    line = numpy.empty(n, dtype=numpy.intp)
    line[by_across] = numpy.cumsum(new_line)
    # each line along its writing direction (stable: ties keep the text-stream order)
    order = numpy.lexsort((numpy.where(upright, 0.0, bottom), numpy.where(upright, x0, top), line))
    x0, x1, top, bottom, size = x0[order], x1[order], top[order], bottom[order], size[order]
    upright, space, empty, line = upright[order], space[order], empty[order], line[order]

    # a character begins a new word where the one before it on its line is white space or an empty glyph, or where
    # it steps back, leaves a gap wider than the tolerance, or leaves the line (`_cut_words`)
    gap = x_tolerance if x_tolerance_ratio is None else x_tolerance_ratio * size[:-1]
    cut_upright = (x0[1:] < x0[:-1]) | (x0[1:] > x1[:-1] + gap) | (numpy.abs(top[1:] - top[:-1]) > Y_TOLERANCE)
    cut_turned = (top[1:] < top[:-1]) | (top[1:] > bottom[:-1] + Y_TOLERANCE) | (numpy.abs(x0[1:] - x0[:-1]) > gap)
    member = ~space  # characters of some word: an empty glyph is a word of its own
    joins = member & ~empty
    start = numpy.ones(n, dtype=bool)
    start[1:] = (line[1:] != line[:-1]) | ~joins[:-1] | empty[1:] | numpy.where(upright[1:], cut_upright, cut_turned)
    in_words = numpy.flatnonzero(member)
    if not len(in_words):
        return WordColumns([], [], [], [], [], [], [], [], [])
    firsts = numpy.flatnonzero(start[in_words])
    first_chars = in_words[firsts]
    ends = numpy.append(firsts[1:], len(in_words))
    word_texts = []
    member_texts = [texts[index] for index in order[in_words].tolist()]
    for begin, end in zip(firsts.tolist(), ends.tolist(), strict=True):
        if end - begin == 1:
            text = member_texts[begin]
            word_texts.append(LIGATURES.get(text, text))
            continue
        text = "".join(member_texts[begin:end])
        if not text.isascii():  # the ligatures are not ASCII: expanded here
            text = "".join([LIGATURES.get(c, c) for c in member_texts[begin:end]])
        word_texts.append(text)
    return WordColumns(
        text=word_texts,
        x0=numpy.minimum.reduceat(x0[in_words], firsts).tolist(),
        top=numpy.minimum.reduceat(top[in_words], firsts).tolist(),
        x1=numpy.maximum.reduceat(x1[in_words], firsts).tolist(),
        bottom=numpy.maximum.reduceat(bottom[in_words], firsts).tolist(),
        fontname=fonts[order[first_chars]].tolist(),
        size=size[first_chars].tolist(),
        upright=upright[first_chars].tolist(),
        last_char=order[in_words[ends - 1]].tolist(),
    )
