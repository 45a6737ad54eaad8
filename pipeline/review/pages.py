"""PDF pages as images with a claim's evidence highlighted (pdfplumber renders and draws the boxes).

Table evidence has its cell's box from tables.parquet. Sentence evidence is found on the page by aligning the
sentence's words with the page's words (difflib), because the extracted sentence rarely equals the page text
exactly (repaired hyphenation, ligatures, reading order across columns); each matched line gets its own box.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypeVar

import pdfplumber

from pipeline.isolation import Limits, run_isolated

logging.getLogger("pdfminer").setLevel(logging.ERROR)

Box = tuple[float, float, float, float]
T = TypeVar("T")
RESOLUTION = 110
# However large the page (a PDF may declare a 200-inch square one), its image has at most this many pixels: the
# resolution drops to fit. 4 megapixels are 16 MB as a bitmap, a 2000 x 2000 image.
# Reading and rendering a page happens in a forked child under these limits, so that no PDF (a content stream
# that inflates to gigabytes, an image of 20000 x 20000 pixels, a page of millions of operators) can take the
# app's memory or keep a request waiting; it also keeps pdfium, which is not thread-safe, out of the app's threads.
RENDER_LIMITS = Limits(seconds=30, memory_mb=400)
MAX_PIXELS = 4_000_000
HIGHLIGHT_FILL = (255, 214, 0, 90)
HIGHLIGHT_STROKE = (214, 40, 40, 255)
_WORD = re.compile(r"\W+", re.UNICODE)


@dataclass
class PageImage:
    png: bytes
    width: float  # page size in PDF points, to place the highlight in the browser
    height: float
    boxes: list[Box] = field(default_factory=list)
    page: int = 0  # the page shown (a sentence may be found on the page after its passage's first)


def normal_token(word: str) -> str:
    return _WORD.sub("", unicodedata.normalize("NFKC", word).lower())


def sentence_boxes(words: list[dict], sentence: str) -> list[Box]:
    """Boxes (one per line) of the page words that spell `sentence`; [] when it cannot be found."""
    return line_boxes(sentence_words(words, sentence))


def sentence_words(words: list[dict], sentence: str) -> list[dict]:
    """The page words that spell (most of) `sentence`; [] when it cannot be found.

    Page words come line by line across columns, so a first alignment may borrow a word from the other column
    at a line break; aligning again within the region found (usually one column) gives the clean match.
    """
    first = _align(words, sentence)
    if not first:
        return []
    margin = 2.5 * max(w["bottom"] - w["top"] for w in first)
    x0, x1 = min(w["x0"] for w in first) - 2, max(w["x1"] for w in first) + 2
    top, bottom = min(w["top"] for w in first) - margin, max(w["bottom"] for w in first) + margin
    region = [w for w in words if w["x0"] >= x0 and w["x1"] <= x1 and w["top"] >= top and w["bottom"] <= bottom]
    second = _align(region, sentence)
    return second if len(second) >= len(first) else first


def _align(words: list[dict], sentence: str) -> list[dict]:
    page_tokens = [(normal_token(w["text"]), w) for w in words]
    page_tokens = [(t, w) for t, w in page_tokens if t]
    wanted = [t for t in (normal_token(w) for w in sentence.split()) if t]
    if not wanted or not page_tokens:
        return []
    matcher = SequenceMatcher(None, [t for t, _ in page_tokens], wanted, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return []
    best = max(blocks, key=lambda b: b.size)
    if best.size < min(3, len(wanted)):
        return []  # a word or two in common is chance, not the sentence
    # Lines of the other column interleave with the sentence's lines, so allow gaps, but not far from the best run.
    reach = 4 * len(wanted) + 20
    near = [b for b in blocks if best.a - reach <= b.a <= best.a + best.size + reach]
    matched = [page_tokens[b.a + i][1] for b in near for i in range(b.size)]
    lines = line_groups(matched)
    kept = [max(lines, key=len)]
    # Grow line by line from the fullest line: a line of 3+ matched words is the sentence wherever it is (it may
    # go on in the next column); a shorter one only where it touches what is kept, since a word or two ("and",
    # "Exosomes" starting the other column's line) match anywhere.
    changed = True
    while changed:
        changed = False
        kept_words = [w for line in kept for w in line]
        for line in lines:
            if any(line is k for k in kept):
                continue
            if len(line) >= 3 or all(_touches(w, kept_words) for w in line):
                kept.append(line)
                changed = True
    return [w for line in kept for w in line]


def _touches(word: dict, kept: list[dict]) -> bool:
    """On a kept word's line or the next/previous one, within the kept words' horizontal extent."""
    left, right = min(w["x0"] for w in kept) - 15, max(w["x1"] for w in kept) + 15
    if word["x1"] < left or word["x0"] > right:
        return False
    height = max(word["bottom"] - word["top"], 1.0)
    return any(abs(word["top"] - w["top"]) <= 2.2 * height for w in kept)


def line_groups(words: list[dict]) -> list[list[dict]]:
    """Words grouped by line (a line's words share their vertical extent and follow each other closely)."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines:
            last = line[-1]
            if abs(last["top"] - word["top"]) < 2.5 and -1 < word["x0"] - last["x1"] < 40:
                line.append(word)
                break
        else:
            lines.append([word])
    return lines


def line_boxes(words: list[dict]) -> list[Box]:
    """One box per line of `words`."""
    boxes = []
    for line in line_groups(words):
        x0, top = min(w["x0"] for w in line), min(w["top"] for w in line)
        boxes.append((x0, top, max(w["x1"] for w in line), max(w["bottom"] for w in line)))
    return boxes


def _pad(box: Box, by: float = 1.5) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def render_page(
    pdf: Path, page_number: int, boxes: list[Box] | None = None, sentence: str | None = None, area: Box | None = None
) -> PageImage:
    """Render page `page_number` (1-based) with `boxes` highlighted; a `sentence` is searched for first.

    The sentence is searched within `area` (its passage) first, then on the whole page, then on the next page:
    a sentence's page is where its passage starts, and a passage may run onto the next page. The work runs in a
    child process under RENDER_LIMITS; a page that breaks them raises DocumentError with the reason.
    """
    version = (str(pdf), Path(pdf).stat().st_mtime_ns)
    rendered = run_isolated(
        lambda: _render_page(pdf, version, page_number, list(boxes or []), sentence, area), RENDER_LIMITS
    )
    if rendered is None:
        raise IndexError(f"page {page_number} is not in the document")
    image, words_read = rendered
    for number, words in words_read.items():  # the child's parsing serves the next claims from the same page
        _WORDS.get((*version, number), lambda words=words: words)
    return image


def _render_page(
    pdf: Path, version: tuple, page_number: int, boxes: list[Box], sentence: str | None, area: Box | None
) -> tuple[PageImage, dict[int, list[dict]]] | None:
    """The page image and the words of the pages parsed to find the sentence; None if there is no such page."""
    words_read: dict[int, list[dict]] = {}

    def words_of(number: int) -> list[dict]:
        def parse() -> list[dict]:
            words_read[number] = extract_page_words(document, number)
            return words_read[number]

        return _WORDS.get((*version, number), parse)

    with pdfplumber.open(pdf) as document:
        if not 1 <= page_number <= len(document.pages):
            return None
        if sentence:
            page_number, found = locate_sentence(document, page_number, sentence, area, words_of=words_of)
            boxes += found
        page = document.pages[page_number - 1]
        try:
            image = page.to_image(resolution=capped_resolution(float(page.width), float(page.height)))
            if boxes:
                image.draw_rects([_pad(b) for b in boxes], fill=HIGHLIGHT_FILL, stroke=HIGHLIGHT_STROKE, stroke_width=2)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            page_image = PageImage(buffer.getvalue(), float(page.width), float(page.height), boxes, page_number)
            return page_image, words_read
        finally:
            page.close()


def capped_resolution(width: float, height: float, max_pixels: int = MAX_PIXELS) -> float:
    """RESOLUTION (dpi), or less for a page (size in points) whose image would have more than `max_pixels`."""
    inches = max(width, 1.0) * max(height, 1.0) / 72**2
    return min(RESOLUTION, (max_pixels / inches) ** 0.5)


def extract_page_words(document, number: int) -> list[dict]:
    page = document.pages[number - 1]
    try:
        return page.extract_words()
    finally:
        page.close()


def locate_sentence(
    document, page_number: int, sentence: str, area: Box | None, words_of: Callable[[int], list[dict]] | None = None
) -> tuple[int, list[Box]]:
    """(page, line boxes) where `sentence` is best found, starting at `page_number`; the page itself if nowhere.

    `words_of(number)` gives a page's words (the app passes a cache: parsing a page is the expensive part).
    """
    words_of = words_of or (lambda number: extract_page_words(document, number))
    n_wanted = max(len([t for t in (normal_token(w) for w in sentence.split()) if t]), 1)
    best: tuple[float, int, list[dict]] = (0.0, page_number, [])
    for number in range(page_number, min(page_number + 2, len(document.pages) + 1)):
        words = words_of(number)
        attempts = [words]
        if area and number == page_number:
            x0, top, x1, bottom = _pad(area, 3)
            inside = [w for w in words if w["x0"] >= x0 and w["x1"] <= x1 and w["top"] >= top and w["bottom"] <= bottom]
            attempts.insert(0, inside)
        for candidate in attempts:
            matched = sentence_words(candidate, sentence)
            if len(matched) / n_wanted > best[0]:
                best = (len(matched) / n_wanted, number, matched)
            if best[0] >= 0.6:
                return best[1], line_boxes(best[2])
    return best[1], line_boxes(best[2])


class LruCache:
    """The last few results of an expensive call (parsing or rasterising a page costs 0.1-1 s).

    At most `size` results and, when `weigh` tells a result's size in bytes, at most `max_bytes` of them."""

    def __init__(self, size: int = 48, max_bytes: int | None = None, weigh: Callable[[object], int] | None = None):
        self.size = size
        self.max_bytes = max_bytes
        self._weigh = weigh or (lambda value: 0)
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._bytes += self._weigh(value)
            while len(self._items) > self.size or (self.max_bytes is not None and self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= self._weigh(dropped)
        return value

    @property
    def n_bytes(self) -> int:
        return self._bytes


_WORDS = LruCache(size=24)  # words of recently searched pages: claims come in runs from the same page
