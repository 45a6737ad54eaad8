"""Structure: turn page words into an ordered document of passages with sections.

Everything is derived from layout and typography, never from one paper's wording:

1. words -> row fragments (words on one baseline, no wide gap) with superscripts and ligatures normalised;
2. running headers/footers and page numbers: fragments in the top/bottom band whose text (digits masked)
   repeats on several pages, or that are bare page numbers;
3. reading order: a recursive cut on whitespace. A node with a vertical gutter (an x-range no ordinary fragment
   covers) is cut into columns; fragments that cross the gutter (title, abstract, wide figure) split the node into
   horizontal zones first, so columns are read top to bottom, left then right, around spanning blocks;
4. lines -> blocks at paragraph breaks (extra spacing, first-line indent, short last line, style change);
5. blocks -> title, headings (size/weight/numbering ranked into levels), captions, footnotes, references,
   abbreviations, paragraphs; paragraphs interrupted by a column, page, figure or caption are joined;
6. text repair: end-of-line hyphenation decided with the document's own vocabulary plus a general English word
   list (the spaCy package's string table), ligatures and odd Unicode normalised, citation markers expanded.
"""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.config import models_dir
from pipeline.records import BBox, Citation, PageContent, Passage, PdfContent, Reference, StructuredDocument, Word

CONFIG_PATH = models_dir() / "structure" / "layout.json"

# Unicode that PDFs emit for plain text: ligatures, odd hyphens and spaces, zero-width marks, superscript digits.
CHAR_MAP = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00b9": "1",
        "\u00b2": "2",
        "\u00b3": "3",
        "\u2070": "0",
        "\u2074": "4",
        "\u2075": "5",
        "\u2076": "6",
        "\u2077": "7",
        "\u2078": "8",
        "\u2079": "9",
    }
)
CID = re.compile(r"\(cid:\d+\)")
SOFT_HYPHEN = "\u00ad"
TERMINAL = re.compile(r"[.!?:][\"'”’)\]]*$")
CITATION_BODY = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"
BRACKET_CITATION = re.compile(r"\[\s*(" + CITATION_BODY + r")\s*\]")
SUPERSCRIPT_CITATION = re.compile(r"^\d{1,4}(?:[-–—,]\d{1,4})*$")
NUMBERED_HEADING = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2}){0,4})\.?|([IVX]{1,5})\.)\s+\S")
REFERENCE_START = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.|(\d{1,4})\s)\s*(?=\S)")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
WORD_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


# ---------------------------------------------------------------- configuration and vocabulary


@dataclass(frozen=True)
class LayoutConfig:
    vocabulary_package: str
    reference_headings: frozenset[str]
    abbreviation_headings: frozenset[str]
    top_level_sections: frozenset[str]
    caption_pattern: re.Pattern
    bold_font_markers: tuple[str, ...]
    medium_font_markers: tuple[str, ...]
    exponent_units: frozenset[str]
    header_band_share: float
    header_min_pages: int


def load_config(path: Path = CONFIG_PATH) -> LayoutConfig:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    labels = sorted(data["caption_labels"], key=len, reverse=True)
    label_alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    caption = re.compile(
        r"^(?:" + label_alternatives + r")\.?\s*(S?\d{1,3}[A-Za-z]?|[IVX]{1,5})\b(\s*[.:|—–-])?", re.IGNORECASE
    )
    return LayoutConfig(
        vocabulary_package=data["vocabulary_package"],
        reference_headings=frozenset(data["reference_headings"]),
        abbreviation_headings=frozenset(data["abbreviation_headings"]),
        top_level_sections=frozenset(data["top_level_sections"]),
        caption_pattern=caption,
        bold_font_markers=tuple(data["bold_font_markers"]),
        medium_font_markers=tuple(data["medium_font_markers"]),
        exponent_units=frozenset(data["exponent_units"]),
        header_band_share=float(data["header_band_share"]),
        header_min_pages=int(data["header_min_pages"]),
    )


@lru_cache(maxsize=1)
def default_config() -> LayoutConfig:
    return load_config()


@lru_cache(maxsize=4)
def general_vocabulary(package: str) -> frozenset[str]:
    """Lower-cased words from an installed spaCy package's string table; empty when the package is missing."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        for strings_file in Path(root).glob("**/vocab/strings.json"):
            strings = json.loads(strings_file.read_text(encoding="utf-8"))
            return frozenset(s.lower() for s in strings if s.isalpha())
    return frozenset()


def normalize_text(text: str) -> str:
    return CID.sub("", text.translate(CHAR_MAP))


# ---------------------------------------------------------------- fragments: words on one row


@dataclass
class Fragment:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # size of the row's main (largest-share) words
    placeholder: bool = False  # a table or figure area: takes part in the reading order, holds no text

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _make_fragment(words: list[Word]) -> Fragment:
    sizes = Counter()
    for word in words:
        sizes[word.size] += len(word.text)
    main_size = sizes.most_common(1)[0][0]
    main = [w for w in words if abs(w.size - main_size) < 0.6] or words
    return Fragment(
        words=words,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in main),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in main),
        size=main_size,
    )


def page_words(page: PageContent) -> list[Word]:
    """Upright words outside table regions, with their text normalised."""
    boxes = [t.bbox for t in page.raw_tables]
    kept = []
    for word in page.words:
        if not word.upright:
            continue  # rotated margin notes and rotated tables are not running text
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes):
            continue
        text = normalize_text(word.text).strip()
        if not text:
            continue
        if text != word.text:
            word = Word(text, word.x0, word.top, word.x1, word.bottom, word.fontname, word.size, word.upright)
        kept.append(word)
    return kept


def placeholders(page: PageContent) -> list[Fragment]:
    """Table regions and placed figures as empty fragments, so text is read around them."""
    boxes = [t.bbox for t in page.raw_tables]
    page_area = page.width * page.height
    for x0, top, x1, bottom in page.image_boxes:
        x0, top, x1, bottom = max(0.0, x0), max(0.0, top), min(page.width, x1), min(page.height, bottom)
        if x1 - x0 >= 30 and bottom - top >= 30 and (x1 - x0) * (bottom - top) < 0.8 * page_area:
            boxes.append((x0, top, x1, bottom))
    return [Fragment([], b[0], b[1], b[2], b[3], 0.0, placeholder=True) for b in boxes]


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Group words whose vertical centres fall within one another's line; a sweep over words sorted by top."""
    rows: list[list[Word]] = []
    extents: list[tuple[float, float, float]] = []  # centre, half-height of the row's largest word, last top
    active: list[int] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (word.top + word.bottom) / 2
        half = max(0.5, (word.bottom - word.top) / 2)
        active = [i for i in active if word.top - extents[i][2] < 3 * max(half, extents[i][1]) + 2]
        best = None
        for i in active:
            row_centre, row_half, _ = extents[i]
            if abs(row_centre - centre) < max(row_half, half) * 0.7 and (
                best is None or abs(row_centre - centre) < abs(extents[best][0] - centre)
            ):
                best = i
        if best is None:
            rows.append([word])
            extents.append((centre, half, word.top))
            active.append(len(rows) - 1)
        else:
            rows[best].append(word)
            row_centre, row_half, _ = extents[best]
            if half > row_half:  # the row is defined by its largest words, not by superscripts
                extents[best] = (centre, half, word.top)
            else:
                extents[best] = (row_centre, row_half, word.top)
    return rows


def fragments_of(words: list[Word]) -> list[Fragment]:
    fragments = []
    for row in rows_of(words):
        row.sort(key=lambda w: w.x0)
        current = [row[0]]
        for word in row[1:]:
            gap = word.x0 - current[-1].x1
            if gap > 0.9 * max(word.size, current[-1].size, 4.0):
                fragments.append(_make_fragment(current))
                current = [word]
            else:
                current.append(word)
        fragments.append(_make_fragment(current))
    return fragments


# ---------------------------------------------------------------- running headers and footers


def _header_key(fragment: Fragment) -> str:
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", fragment.text.lower()))


def remove_running_lines(pages: list[tuple[PageContent, list[Fragment]]], config: LayoutConfig) -> int:
    """Drop fragments in the top/bottom band that repeat across pages or are page numbers; returns the count."""
    bands: list[list[Fragment]] = []
    pages_with_key: dict[str, set[int]] = defaultdict(set)
    for page, fragments in pages:
        band = [
            f
            for f in fragments
            if f.bottom < page.height * config.header_band_share or f.top > page.height * (1 - config.header_band_share)
        ]
        bands.append(band)
        for fragment in band:
            pages_with_key[_header_key(fragment)].add(page.number)
    min_pages = 2 if len(pages) <= 3 else config.header_min_pages
    removed = 0
    for (_page, fragments), band in zip(pages, bands, strict=True):
        drop = {
            id(f) for f in band if len(pages_with_key[_header_key(f)]) >= min_pages or PAGE_NUMBER.match(f.text.strip())
        }
        if drop:
            fragments[:] = [f for f in fragments if id(f) not in drop]
            removed += len(drop)
    return removed


# ---------------------------------------------------------------- reading order


def _gutters(fragments: list[Fragment], left: float, right: float, wide: float) -> list[tuple[float, float]]:
    """Vertical whitespace strips with substantial text on both sides; fragments wider than `wide` (a share of
    the node's width) are left out, as they may span the columns."""
    width = right - left
    if width <= 0 or len(fragments) < 4:
        return []
    narrow = [f for f in fragments if f.width < wide * width and not f.placeholder]
    if len(narrow) < 4:
        return []
    n = int(width) + 2
    coverage = np.zeros(n + 1, dtype=np.int32)
    for f in narrow:
        coverage[max(0, int(f.x0 - left))] += 1
        coverage[min(n, int(f.x1 - left) + 1)] -= 1
    coverage = np.cumsum(coverage)[:n]
    tolerance = len(narrow) // 10  # a few short lines may cross (a boxed panel); they are read as spanning
    empty = coverage <= tolerance
    sizes = sorted(f.size for f in narrow)
    min_gap = max(5.0, 0.8 * sizes[len(sizes) // 2])
    height = max(f.bottom for f in fragments) - min(f.top for f in fragments)
    gutters = []
    start = None
    for x in range(n + 1):
        if x < n and empty[x]:
            if start is None:
                start = x
            continue
        if start is not None:
            g0, g1 = left + start, left + x
            start = None
            if g1 - g0 < min_gap or g0 <= left + 1 or g1 >= right - 1:
                continue
            mid = (g0 + g1) / 2
            left_side = [f for f in narrow if (f.x0 + f.x1) / 2 < mid]
            right_side = [f for f in narrow if (f.x0 + f.x1) / 2 > mid]
            if _column_like(left_side, height) and _column_like(right_side, height):
                gutters.append((g0, g1))
    return gutters


def _column_like(side: list[Fragment], height: float) -> bool:
    """Enough text, in lines of some width: not a column of reference numbers or bullets."""
    if not side:
        return False
    total = sum(f.bottom - f.top for f in side)
    widths = sorted(f.width for f in side)
    sizes = sorted(f.size for f in side)
    return total >= max(15.0, 0.15 * height) and widths[len(widths) // 2] >= 4 * sizes[len(sizes) // 2]


def reading_order(fragments: list[Fragment], depth: int = 0) -> list[list[Fragment]]:
    """Fragments grouped into regions (columns or spanning zones) in reading order."""
    if len(fragments) < 4 or depth > 6:
        return [fragments] if fragments else []
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    # a column may be wider than half the node (a narrow side column next to it): retry with a looser limit
    for wide in (0.55, 0.75):
        gutters = _gutters(fragments, left, right, wide)
        if gutters:
            break
    else:
        return [fragments]

    # cut at one gutter per level, the cleanest (fewest fragments across it, then widest); the others are found
    # again inside the parts, so a panel spanning two of three columns only splits those two
    def crossing(gutter: tuple[float, float]) -> int:
        mid = (gutter[0] + gutter[1]) / 2
        return sum(1 for f in fragments if f.x0 < mid < f.x1)

    best = min(gutters, key=lambda g: (crossing(g), g[0] - g[1]))
    mids = [(best[0] + best[1]) / 2]

    def spans(f: Fragment) -> bool:
        return any(f.x0 < m < f.x1 for m in mids)

    if any(spans(f) for f in fragments):
        regions: list[list[Fragment]] = []
        zone: list[Fragment] = []
        band: list[Fragment] = []
        for f in sorted(fragments, key=lambda f: (f.center_y, f.x0)):
            if spans(f):
                if zone:
                    regions.extend(reading_order(zone, depth + 1))
                    zone = []
                band.append(f)
            else:
                if band:
                    regions.append(band)
                    band = []
                zone.append(f)
        if zone:
            regions.extend(reading_order(zone, depth + 1))
        if band:
            regions.append(band)
        return regions
    columns: list[list[Fragment]] = [[] for _ in range(len(mids) + 1)]
    for f in fragments:
        centre = (f.x0 + f.x1) / 2
        columns[sum(centre > m for m in mids)].append(f)
    regions = []
    for column in columns:
        regions.extend(reading_order(column, depth + 1))
    return regions


# ---------------------------------------------------------------- lines


@dataclass
class Line:
    page: int
    region: int  # global index of the reading-order region the line belongs to
    words: list[Word]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str  # font of most of the line's characters
    font_share: float  # share of characters in that font
    first_font: str
    left: float = 0.0  # the region's usual left edge and right edge
    right: float = 0.0

    @property
    def uniform(self) -> bool:
        return self.font_share >= 0.85


def _line_text(words: list[Word], size: float, baseline: float, config: LayoutConfig) -> str:
    """Words joined with spaces, except glyph runs that touch; numeric superscripts become [n] markers."""
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        text = word.text
        superscript = word.size < 0.85 * size and word.bottom < baseline - 0.2 * size
        if superscript and SUPERSCRIPT_CITATION.match(text) and parts:
            before = parts[-1].rstrip()
            last_token = before.split(" ")[-1] if before else ""
            is_exponent = not before or before[-1].isdigit() or last_token.lower().strip("(") in config.exponent_units
            if not is_exponent:
                parts.append("[" + text.replace("-", "–") + "]")
                previous = word
                continue
        if previous is not None:
            gap = word.x0 - previous.x1
            if gap > 0.12 * max(size, 1.0):
                parts.append(" ")
        parts.append(text)
        previous = word
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def make_line(fragments: list[Fragment], page: int, region: int, config: LayoutConfig) -> Line:
    words = sorted((w for f in fragments for w in f.words), key=lambda w: w.x0)
    main = max(fragments, key=lambda f: len(f.words))
    size = main.size
    baseline = max(f.bottom for f in fragments)
    fonts: Counter = Counter()
    for word in words:
        if word.size >= 0.85 * size:
            fonts[word.fontname] += len(word.text)
    font, count = fonts.most_common(1)[0] if fonts else (words[0].fontname, 1)
    total = sum(fonts.values()) or 1
    return Line(
        page=page,
        region=region,
        words=words,
        text=_line_text(words, size, baseline, config),
        x0=min(f.x0 for f in fragments),
        top=min(f.top for f in fragments),
        x1=max(f.x1 for f in fragments),
        bottom=baseline,
        size=size,
        font=font,
        font_share=count / total,
        first_font=words[0].fontname,
    )


def region_lines(region: list[Fragment], page: int, index: int, config: LayoutConfig) -> list[Line]:
    rows: list[list[Fragment]] = []
    for f in sorted((f for f in region if not f.placeholder), key=lambda f: (f.center_y, f.x0)):
        if rows and abs(rows[-1][0].center_y - f.center_y) < 0.5 * max(rows[-1][0].size, f.size):
            rows[-1].append(f)
        else:
            rows.append([f])
    lines = [make_line(row, page, index, config) for row in rows]
    lines = [line for line in lines if line.text]
    if lines:
        lefts = Counter(round(line.x0) for line in lines)
        left = min(x for x, c in lefts.items() if c == max(lefts.values()))
        rights = sorted(line.x1 for line in lines)
        right = rights[int(0.9 * (len(rights) - 1))]
        for line in lines:
            line.left, line.right = left, right
    return lines


# ---------------------------------------------------------------- typography summary


@dataclass
class Typography:
    body_font: str
    body_size: float
    line_gap: float  # usual whitespace between consecutive body lines

    def weight(self, font: str, config: LayoutConfig) -> int:
        name = font.lower().split("+")[-1]
        if any(marker in name for marker in config.bold_font_markers):
            return 2
        if any(marker in name for marker in config.medium_font_markers):
            return 1
        return 0


def typography_of(lines: list[Line]) -> Typography:
    styles: Counter = Counter()
    for line in lines:
        styles[(line.font, round(line.size, 1))] += len(line.text)
    (font, size), _ = styles.most_common(1)[0]
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.region == b.region and abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and b.top > a.top
    ]
    gaps = [g for g in gaps if -2 < g < 3 * size]
    line_gap = statistics.median(gaps) if gaps else 0.3 * size
    return Typography(body_font=font, body_size=size, line_gap=line_gap)


# ---------------------------------------------------------------- blocks


@dataclass
class Block:
    lines: list[Line]
    kind: str = "paragraph"
    level: int = 0
    text: str = ""

    @property
    def size(self) -> float:
        sizes: Counter = Counter()
        for line in self.lines:
            sizes[round(line.size, 1)] += len(line.text)
        return sizes.most_common(1)[0][0]

    @property
    def font(self) -> str:
        fonts: Counter = Counter()
        for line in self.lines:
            fonts[line.font] += len(line.text)
        return fonts.most_common(1)[0][0]

    @property
    def raw_text(self) -> str:
        return " ".join(line.text for line in self.lines)


def _starts_paragraph(prev: Line, line: Line, typo: Typography, config: LayoutConfig) -> bool:
    size = max(line.size, prev.size)
    if abs(line.size - prev.size) > 0.4:
        return True
    if line.top - prev.bottom > typo.line_gap + 0.35 * size:
        return True
    if line.top < prev.top - 0.5 * size:  # text above the previous line: a new flow inside the region
        return True
    indented = line.left + 0.5 * size < line.x0 < line.left + 4 * size
    if indented and prev.x0 <= line.left + 0.3 * size and not line.text[:1].islower():
        return True
    short = prev.x1 < prev.right - 1.5 * size
    if short and TERMINAL.search(prev.text):
        return True
    if line.font != prev.font and line.uniform and prev.uniform and (short or TERMINAL.search(prev.text)):
        return True
    if config.caption_pattern.match(line.text) and line.first_font != typo.body_font:
        return True
    return False


def build_blocks(lines: list[Line], typo: Typography, config: LayoutConfig) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if (
            blocks
            and blocks[-1].lines[-1].region == line.region
            and not _starts_paragraph(blocks[-1].lines[-1], line, typo, config)
        ):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line]))
    return blocks


# ---------------------------------------------------------------- block kinds


def _heading_key(block: Block, typo: Typography, config: LayoutConfig) -> tuple[float, int]:
    return (round(block.size * 2) / 2, typo.weight(block.font, config))


def _looks_like_heading(block: Block, typo: Typography, config: LayoutConfig) -> bool:
    text = block.raw_text
    words = text.split()
    if len(block.lines) > 4 or not words or len(words) > 25 or sum(ch.isalpha() for ch in text) < 3:
        return False
    if text.count(",") > 2 or text.rstrip().endswith((",", ";")):
        return False
    if text[0].islower() and (len(block.lines) > 1 or typo.weight(block.font, config) == 0):
        return False  # a lower-case start is only a heading in a bold small-caps face
    if config.caption_pattern.match(text) or BRACKET_CITATION.search(text):
        return False
    size = block.size
    uniform = all(line.uniform for line in block.lines)
    if not uniform:
        return False
    different_font = block.font != typo.body_font
    if size >= typo.body_size + 0.5:
        return True
    if size < typo.body_size - 0.3 or not different_font:
        return False
    if typo.weight(block.font, config) > typo.weight(typo.body_font, config):
        return not text.endswith(".") or bool(NUMBERED_HEADING.match(text))
    return len(block.lines) <= 2 and len(words) <= 12 and not text.endswith(".")


def _clean_heading(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _section_name(text: str) -> str:
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", text.strip())
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


def find_title(blocks: list[Block], typo: Typography, pdf: PdfContent) -> Block | None:
    first_page = [b for b in blocks if b.lines[0].page == min(line.page for line in blocks[0].lines)] if blocks else []
    candidates = [b for b in first_page if b.size >= 1.25 * typo.body_size and len(b.raw_text) >= 10]
    if not candidates:
        return None
    biggest = max(b.size for b in candidates)
    return next(b for b in candidates if b.size == biggest)


def classify_blocks(blocks: list[Block], typo: Typography, pdf: PdfContent, config: LayoutConfig) -> None:
    title = find_title(blocks, typo, pdf)
    for block in blocks:
        text = block.raw_text
        if block is title:
            block.kind = "title"
        elif config.caption_pattern.match(text) and _is_caption(block, typo, config):
            block.kind = "caption"
        elif _looks_like_heading(block, typo, config):
            block.kind = "heading"
        elif abs(block.size - typo.body_size) > 0.6 and (len(block.lines) <= 3 or block.size > typo.body_size):
            block.kind = "footnote"
        else:
            block.kind = "paragraph"
    # title-sized blocks next to the title (a title broken by the layout) belong to it
    if title is not None:
        for block in blocks:
            if block is not title and block.kind == "heading" and abs(block.size - title.size) < 0.5:
                if block.lines[0].page == title.lines[0].page:
                    block.kind = "footnote"
    for previous, block, following in zip([None, *blocks[:-1]], blocks, [*blocks[1:], None], strict=True):
        if (
            block.kind in ("footnote", "paragraph")
            and following is not None
            and _is_local_heading(previous, block, following, config)
        ):
            block.kind = "heading"
    _assign_levels(blocks, typo, config)


def _is_local_heading(previous: Block | None, block: Block, following: Block, config: LayoutConfig) -> bool:
    """Small print has headings too (back matter): a short line in a face of its own above text of its size."""
    line = block.lines[0]
    text = block.raw_text
    return (
        len(block.lines) == 1
        and line.uniform
        and len(text.split()) <= 6
        and text[:1].isupper()
        and not TERMINAL.search(text)
        and not config.caption_pattern.match(text)
        and following.kind in ("footnote", "paragraph")
        and abs(following.size - block.size) < 0.5
        and following.font != block.font
        and (previous is None or previous.font != block.font)
        and following.lines[0].page == line.page
    )


def _is_caption(block: Block, typo: Typography, config: LayoutConfig) -> bool:
    match = config.caption_pattern.match(block.raw_text)
    first = block.lines[0]
    return bool(
        first.first_font != typo.body_font
        or block.size < typo.body_size - 0.3
        or (match and match.group(2))
        or first.first_font != first.font
    )


def _assign_levels(blocks: list[Block], typo: Typography, config: LayoutConfig) -> None:
    headings = [b for b in blocks if b.kind == "heading"]
    keys = sorted({_heading_key(b, typo, config) for b in headings}, reverse=True)
    # sizes within half a point with the same weight are one level
    merged: list[tuple[float, int]] = []
    for key in keys:
        if not any(abs(key[0] - k[0]) <= 0.5 and key[1] == k[1] for k in merged):
            merged.append(key)

    def rank_of(block: Block) -> int:
        key = _heading_key(block, typo, config)
        return next(i for i, k in enumerate(merged) if abs(key[0] - k[0]) <= 0.5 and key[1] == k[1])

    # the face of "Introduction", "Methods", ... is the top level; bigger faces (boxes, panels) are not above it
    anchors = [rank_of(b) for b in headings if _section_name(b.raw_text) in config.top_level_sections]
    anchor = min(anchors) if anchors else 0
    for block in headings:
        rank = max(0, rank_of(block) - anchor)
        numbered = NUMBERED_HEADING.match(block.raw_text)
        if numbered and numbered.group(1):
            block.level = numbered.group(1).count(".") + 1
        else:
            block.level = rank + 1


# ---------------------------------------------------------------- joining across columns and pages


def _can_continue(first: Block, second: Block) -> bool:
    if first.kind != "paragraph" or second.kind != "paragraph":
        return False
    if abs(first.size - second.size) > 0.4:
        return False
    end = first.lines[-1].text.rstrip()
    start_line = second.lines[0]
    start = start_line.text.lstrip()
    if not start:
        return False
    indented = start_line.left + 0.5 * start_line.size < start_line.x0 < start_line.left + 4 * start_line.size
    if start[0].islower() or end.endswith(("-", ",", ";")):
        return True
    return not TERMINAL.search(end) and not indented


def _continues_heading(heading: Block, block: Block) -> bool:
    """A heading broken by a column or page end goes on in the same font at the top of the next region."""
    last, first = heading.lines[-1], block.lines[0]
    return (
        heading.kind == "heading"
        and block.kind in ("heading", "footnote", "paragraph")
        and last.region != first.region
        and first.font == last.font
        and abs(first.size - last.size) < 0.3
        and len(block.lines) <= 2
        and not TERMINAL.search(last.text)
        and not NUMBERED_HEADING.match(first.text)
    )


def join_continuations(blocks: list[Block]) -> list[Block]:
    """Merge a paragraph cut by a column or page break, or by a figure or caption set in the middle of it."""
    result: list[Block] = []
    open_paragraph: Block | None = None
    for block in blocks:
        if block.kind in ("caption", "footnote") and open_paragraph is not None:
            result.append(block)
            continue
        if open_paragraph is not None and open_paragraph.lines[-1].region != block.lines[0].region:
            if _can_continue(open_paragraph, block):
                open_paragraph.lines.extend(block.lines)
                continue
        if result and _continues_heading(result[-1], block):
            result[-1].lines.extend(block.lines)
            continue
        result.append(block)
        open_paragraph = block if block.kind == "paragraph" else None
    return result


def page_breaks(lines: list[Line], text: str) -> list[tuple[int, int]]:
    """(offset in `text`, page) where a passage continued from an earlier page goes on, so each sentence gets the
    page it is printed on. Lines are found in the repaired text by their first word, in order."""
    breaks: list[tuple[int, int]] = []
    cursor = 0
    for previous, line in zip(lines, lines[1:], strict=False):
        first_word = line.text.split(" ", 1)[0].strip()
        found = text.find(first_word, cursor) if first_word else -1
        if found < 0:
            continue  # the word was changed by repair (ligature, hyphenation): keep the earlier page
        cursor = found
        if line.page != previous.page:
            breaks.append((found, line.page))
    return breaks


# ---------------------------------------------------------------- text repair


def document_vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words of the document outside line-end hyphenation points: plain words and hyphenated compounds."""
    plain: set[str] = set()
    hyphenated: set[str] = set()
    previous_hyphen = False
    for line in lines:
        tokens = WORD_TOKEN.findall(line.text)
        ends_hyphen = line.text.endswith(("-", SOFT_HYPHEN))
        if previous_hyphen and tokens:
            tokens = tokens[1:]
        if ends_hyphen and tokens:
            tokens = tokens[:-1]
        for token in tokens:
            low = token.lower()
            if "-" in low:
                hyphenated.add(low)
                plain.update(low.split("-"))
            else:
                plain.add(low)
        previous_hyphen = ends_hyphen
    return plain, hyphenated


@dataclass
class Vocabulary:
    plain: set[str]
    hyphenated: set[str]
    general: frozenset[str]

    def keep_hyphen(self, left: str, right: str) -> bool:
        """Whether 'left-' at a line end and 'right' on the next line form a hyphenated compound."""
        left_piece = re.findall(r"[^\W\d_]+$", left)
        right_piece = re.findall(r"^[^\W\d_]+", right)
        if not left_piece or not right_piece:
            return True  # digits or symbols around the hyphen: "IL-17", "2012-2014", DOIs
        lp, rp = left_piece[0], right_piece[0]
        joined = (lp + rp).lower()
        if joined in self.plain:
            return False
        if f"{lp}-{rp}".lower() in self.hyphenated:
            return True
        if rp[0].isupper() or lp.isupper() or len(lp) == 1:
            return True
        if joined in self.general:
            return False
        left_known = lp.lower() in self.plain or lp.lower() in self.general
        right_known = rp.lower() in self.plain or rp.lower() in self.general
        if left_known and right_known and len(rp) >= 3:
            return True
        if (left_known or right_known) and len(rp) >= 4 and len(lp) >= 4:
            return True  # a word of its own on either side: a compound such as "ischemia-reperfusion"
        return False


def join_lines(lines: list[str], vocabulary: Vocabulary) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        if text.endswith(SOFT_HYPHEN):
            text = text[:-1] + line
        elif text.endswith("-") and len(text) > 1 and text[-2] != " ":
            left = text[:-1].split(" ")[-1]
            text = text + line if vocabulary.keep_hyphen(left, line) else text[:-1] + line
        elif text.endswith(("–", "—", "/")) and len(text) > 1 and text[-2] != " ":
            text = text + line
        else:
            text = text + " " + line
    text = text.replace(SOFT_HYPHEN, "")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- citations, references, abbreviations


def expand_numbers(body: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        bounds = re.split(r"\s*[-–—]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low <= high and high - low <= 200:
                numbers.extend(range(low, high + 1))
            else:
                numbers.extend([low, high])
        elif part.isdigit():
            numbers.append(int(part))
    return numbers


def find_citations(text: str, max_reference: int | None) -> list[Citation]:
    citations = []
    for match in BRACKET_CITATION.finditer(text):
        numbers = expand_numbers(match.group(1))
        if not numbers or (max_reference and max(numbers) > max_reference):
            continue
        citations.append(Citation(marker=match.group(0), numbers=numbers, start=match.start(), end=match.end()))
    return citations


def split_references(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    """Numbered entries ("1.", "[1]", "1 ") in sequence; unnumbered lists split at hanging indents."""
    entries: list[tuple[int, list[Line]]] = []
    expected = None
    for line in lines:
        match = REFERENCE_START.match(line.text)
        number = int(next(g for g in match.groups() if g)) if match else None
        # in sequence; a number or two may be lost to the layout (set apart from its entry)
        if number is not None and (
            expected is None and number <= 3 or expected is not None and expected <= number <= expected + 2
        ):
            entries.append((number, [line]))
            expected = number + 1
        elif entries:
            entries[-1][1].append(line)
    if entries:
        return entries
    # author-year lists: an entry starts at the region's left edge, its continuation lines are indented
    for line in lines:
        if not entries or (line.x0 <= line.left + 0.3 * line.size and TERMINAL.search(entries[-1][1][-1].text)):
            entries.append((len(entries) + 1, [line]))
        else:
            entries[-1][1].append(line)
    return entries


def _reference_number(line: Line) -> int | None:
    match = REFERENCE_START.match(line.text)
    return int(next(g for g in match.groups() if g)) if match else None


def headingless_reference_blocks(blocks: list[Block]) -> set[int]:
    """Indices of blocks that hold the longest list numbered 1, 2, 3, ... (at least five entries) not under a
    heading: journals such as the BMJ print their reference list without one."""
    best: list[int] = []
    i = 0
    while i < len(blocks):
        if blocks[i].kind not in ("paragraph", "footnote") or _reference_number(blocks[i].lines[0]) != 1:
            i += 1
            continue
        expected, run, kept, misses, j = 1, [], [], 0, i
        while j < len(blocks) and blocks[j].kind != "title" and misses <= 3:
            if blocks[j].kind in ("paragraph", "footnote"):
                found = False
                for line in blocks[j].lines:
                    number = _reference_number(line)
                    if number is not None and expected <= number <= expected + 2:  # a number may be lost
                        expected, found = number + 1, True
                run.append(j)
                misses = 0 if found else misses + 1
                if found:
                    kept = list(run)
            j += 1
        if expected - 1 >= 5 and len(kept) > len(best):
            best = kept
        i = max(j - misses, i + 1)
    return set(best)


def parse_abbreviation_lines(lines: list[Line]) -> list[tuple[str, str, Line]]:
    """Two-column lists (short form, gap, long form); a line without the gap continues the long form."""
    pairs: list[tuple[str, str, Line]] = []
    long_starts: list[float] = []
    for line in lines:
        words = [w for w in line.words if w.text.strip()]
        if not words:
            continue
        split = None
        widest = 0.0
        for i in range(1, len(words)):
            gap = words[i].x0 - words[i - 1].x1
            if gap > widest:
                widest, split = gap, i
        typical_long_x = statistics.median(long_starts) if long_starts else None
        if widest >= 0.8 * line.size and split is not None:
            short = " ".join(w.text for w in words[:split])
            long = " ".join(w.text for w in words[split:])
            long_starts.append(words[split].x0)
        elif pairs and typical_long_x is not None and words[0].x0 >= typical_long_x - 2:
            short0, long0, line0 = pairs[-1]
            pairs[-1] = (short0, long0 + " " + line.text, line0)
            continue
        else:
            inline = re.match(r"^(\S{1,20}?)\s*[:,=–—]\s+(.+)$", line.text) or re.match(
                r"^(\S{1,20})\s+(.+)$", line.text
            )
            if not inline:
                continue
            short, long = inline.group(1), inline.group(2)
        short, long = short.strip(" :,;"), long.strip(" ;.")
        if short and long and len(short) <= 25:
            pairs.append((short, long, line))
    return pairs


def parse_inline_abbreviations(text: str) -> dict[str, str]:
    """'Abbreviations: AD, Alzheimer's disease; BBB, blood-brain barrier.' style lists."""
    body = re.sub(r"^\s*(?:list of )?abbreviations?\s*(?:used)?\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    result = {}
    for item in re.split(r"\s*;\s*", body):
        match = re.match(r"^(\S{1,25}?)\s*[,:=]\s+(.+?)\.?$", item)
        if match:
            result[match.group(1)] = match.group(2)
    return result


# ---------------------------------------------------------------- document assembly


def document_lines(pdf: PdfContent, config: LayoutConfig) -> list[Line]:
    """Every page's text lines in reading order, running headers/footers removed."""
    pages = [(page, fragments_of(page_words(page))) for page in pdf.pages]
    remove_running_lines(pages, config)
    lines: list[Line] = []
    region_index = 0
    for page, fragments in pages:
        for region in reading_order(fragments + placeholders(page)):
            lines.extend(region_lines(region, page.number, region_index, config))
            region_index += 1
    return lines


def _bbox(lines: list[Line]) -> BBox:
    page = lines[0].page
    same = [line for line in lines if line.page == page]
    return (min(x.x0 for x in same), min(x.top for x in same), max(x.x1 for x in same), max(x.bottom for x in same))


def build_document(pdf: PdfContent, config: LayoutConfig | None = None) -> StructuredDocument:
    config = config or default_config()
    lines = document_lines(pdf, config)
    if not lines:
        return StructuredDocument(doc_id=pdf.doc_id, title=pdf.metadata_title, passages=[])
    typo = typography_of(lines)
    plain, hyphenated = document_vocabulary(lines)
    vocabulary = Vocabulary(plain, hyphenated, general_vocabulary(config.vocabulary_package))
    blocks = build_blocks(lines, typo, config)
    classify_blocks(blocks, typo, pdf, config)
    blocks = join_continuations(blocks)

    drafts: list[tuple[str, str, list[Line], str]] = []  # kind, section path, lines, text
    references: list[Reference] = []
    abbreviations: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    section_kind = ""  # "references", "abbreviations" or ""
    section_level = 0
    title = ""
    reference_lines: list[Line] = []

    def flush_references(path: str) -> None:
        for number, entry_lines in split_references(reference_lines):
            text = join_lines([line.text for line in entry_lines], vocabulary)
            references.append(Reference(number=number, text=text, page=entry_lines[0].page))
            drafts.append(("reference", path, entry_lines, text))
        reference_lines.clear()

    has_reference_heading = any(
        b.kind == "heading" and _section_name(b.raw_text) in config.reference_headings for b in blocks
    )
    listed_references = set() if has_reference_heading else headingless_reference_blocks(blocks)
    for index, block in enumerate(blocks):
        if section_kind == "references" and block.kind == "heading" and _reference_number(block.lines[0]) is not None:
            block.kind = "paragraph"  # a numbered entry whose title is set in bold, not a section
        if index in listed_references:
            reference_lines.extend(block.lines)
            continue
        if reference_lines and section_kind != "references" and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h in stack))
        if block.kind == "heading" and reference_lines and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h in stack))
        if block.kind == "heading":
            heading = _clean_heading(join_lines([line.text for line in block.lines], vocabulary))
            if section_kind and block.level > section_level:
                pass  # a sub-heading inside references or abbreviations keeps the section
            else:
                name = _section_name(heading)
                section_kind = (
                    "references"
                    if name in config.reference_headings
                    else "abbreviations"
                    if name in config.abbreviation_headings
                    else ""
                )
                section_level = block.level
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, heading))
            drafts.append(("heading", " > ".join(h for _, h in stack), block.lines, heading))
            continue
        path = " > ".join(h for _, h in stack)
        if block.kind == "title":
            title = join_lines([line.text for line in block.lines], vocabulary)
            drafts.append(("title", "", block.lines, title))
            continue
        if section_kind == "references" and block.kind != "caption":
            reference_lines.extend(block.lines)
            continue
        if section_kind == "abbreviations" and block.kind != "caption":
            text = join_lines([line.text for line in block.lines], vocabulary)
            inline = parse_inline_abbreviations(text) if ";" in text else {}
            if len(inline) >= 2:
                abbreviations.update(inline)
                drafts.append(("abbreviation", path, block.lines, text))
                continue
            for short, long, line in parse_abbreviation_lines(block.lines):
                abbreviations.setdefault(short, long)
                drafts.append(("abbreviation", path, [line], f"{short}: {long}"))
            continue
        text = join_lines([line.text for line in block.lines], vocabulary)
        if re.match(r"^\s*abbreviations?\s*:", text, re.IGNORECASE):
            inline = parse_inline_abbreviations(text)
            if len(inline) >= 2:
                for short, long in inline.items():
                    abbreviations.setdefault(short, long)
                drafts.append(("abbreviation", path, block.lines, text))
                continue
        drafts.append((block.kind, path, block.lines, text))

    if reference_lines:
        flush_references(" > ".join(h for _, h in stack))
    references = _renumber_duplicates(references)
    max_reference = max((r.number for r in references), default=None)
    passages: list[Passage] = []
    offset = 0
    for kind, path, passage_lines, text in drafts:
        if not text:
            continue
        citations = find_citations(text, max_reference) if kind in ("paragraph", "caption", "footnote") else []
        passages.append(
            Passage(
                passage_id=len(passages),
                kind=kind,
                section_path=path,
                page=passage_lines[0].page,
                bbox=_bbox(passage_lines),
                text=text,
                citations=citations,
                char_start=offset,
                page_breaks=page_breaks(passage_lines, text),
            )
        )
        offset += len(text) + 2
    return StructuredDocument(
        doc_id=pdf.doc_id,
        title=title or pdf.metadata_title,
        passages=passages,
        references=references,
        abbreviations=abbreviations,
    )


def _renumber_duplicates(references: list[Reference]) -> list[Reference]:
    """Keep the first entry for each number (a second list, e.g. of notes, would otherwise shadow it)."""
    seen: set[int] = set()
    kept = []
    for reference in references:
        if reference.number not in seen:
            seen.add(reference.number)
            kept.append(reference)
    return kept
