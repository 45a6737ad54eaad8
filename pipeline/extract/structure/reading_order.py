"""Reading order: page words -> row fragments -> regions (columns and spanning zones) -> lines.

Words on one baseline without a wide gap form a fragment; fragments in the top/bottom band that repeat across
pages (digits masked) or are bare page numbers are running heads and go. A recursive cut on whitespace then orders
the rest: a node with a vertical gutter (an x-range no ordinary fragment covers) is cut into columns, and
fragments that cross the gutter (title, abstract, wide figure) split the node into horizontal zones first, so
columns are read top to bottom, left then right, around spanning blocks.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import numpy as np

from pipeline.extract.structure.conventions import (
    SUPERSCRIPT_CITATION,
    LayoutConfig,
    default_config,
    is_monospaced_font,
)
from pipeline.extract.structure.repair import normalize_text
from pipeline.records import PageContent, PdfContent, RawTable, Word

# A PDF may embed one font several times as subsets ("ABCDEF+Times-Roman" on one page, "GHIJKL+Times-Roman" on
# another): one face to the reader, so one face for body style, headings and paragraph breaks.
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
SENTENCE_END = re.compile(r"[.!?:][\"'\u2019\u201d)\]]*\s*$")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


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


def is_prose_region(table: RawTable) -> bool:
    """A table found from whitespace alone whose every column is mostly lines of running prose: two text columns
    (or a paragraph beside a figure) that the table finder took for a grid. Its text is read as text; a real table
    has short cells in at least one column (labels, numbers), even where another holds sentences."""
    if table.ruled or not table.rows:
        return False
    columns = max(len(row) for row in table.rows)
    if columns < 1:
        return False
    for column in range(columns):
        cells = [row[column] for row in table.rows if column < len(row) and row[column] and row[column].strip()]
        if len(cells) < 6:
            return False
        prose = 0
        for cell in cells:
            words = cell.split()
            letters = [ch for ch in cell if ch.isalpha()]
            lower = bool(letters) and sum(ch.islower() for ch in letters) >= 0.75 * len(letters)
            # a line of a sentence, not a list of names or values set apart by commas
            if len(words) >= 6 and lower and cell.count(",") < 0.25 * len(words):
                prose += 1
        if prose < 0.6 * len(cells):
            return False
    return True


def page_words(page: PageContent) -> list[Word]:
    """Upright words outside table regions, with their text normalised."""
    boxes = [t.bbox for t in page.raw_tables if not is_prose_region(t)]
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
        font = SUBSET_PREFIX.sub("", word.fontname)
        if text != word.text or font != word.fontname:
            word = replace(word, text=text, fontname=font)
        kept.append(word)
    return attach_drop_caps(kept)


def attach_drop_caps(words: list[Word]) -> list[Word]:
    """A drop cap (a paragraph's first letter set two or more lines high) joins the word it begins on the first
    line beside it, in that line's size: left as it is, its height pulls the lines it spans into one row, whose words
    then interleave, and the word stays broken ("A cinetobacter")."""
    if len(words) < 20:
        return words
    sizes = sorted(w.size for w in words)
    body = sizes[len(sizes) // 2]
    caps = [
        w
        for w in words
        if len(w.text) <= 2
        and w.text.isalpha()
        and w.text[0].isupper()
        and w.size >= 2.0 * body
        and w.bottom - w.top >= 1.8 * body
    ]
    if not caps:
        return words
    dropped: set[int] = set()
    replaced: dict[int, Word] = {}
    for cap in caps:
        beside = [
            w
            for w in words
            if w is not cap
            and abs(w.size - body) <= 0.25 * body
            and cap.top - 0.5 * body <= w.top <= cap.top + body
            and cap.x1 - 1 <= w.x0 <= cap.x1 + 1.5 * body
        ]
        if not beside:
            continue
        first = min(beside, key=lambda w: (w.top, w.x0))
        if id(first) in replaced:
            continue
        dropped.add(id(cap))
        if cap.space_after or (first.text[:1].isupper() and not first.text.isupper()):
            # a word of its own ("A recent study"): in the line's size, just before the line's first word
            replaced[id(cap)] = replace(cap, top=first.top, bottom=first.bottom, size=first.size, x1=first.x0 - 1)
            dropped.discard(id(cap))
        else:  # the first letter of the word beside it ("A|cinetobacter", "T|HE" in small capitals)
            replaced[id(first)] = replace(first, text=cap.text + first.text, x0=cap.x0)
    return [replaced.get(id(w), w) for w in words if id(w) not in dropped]


def placeholders(page: PageContent) -> list[Fragment]:
    """Table regions and placed figures as empty fragments, so text is read around them."""
    boxes = [t.bbox for t in page.raw_tables if not is_prose_region(t)]
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
    sizes = sorted(w.size for w in words)
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        text_size = word.size >= 0.9 * usual  # text in the page's usual size, not the scripts of a formula
        centre = (word.top + word.bottom) / 2
        half = max(0.5, (word.bottom - word.top) / 2)
        active = [i for i in active if word.top - extents[i][2] < 3 * max(half, extents[i][1]) + 2]
        best = None
        for i in active:
            row_centre, row_half, _ = extents[i]
            if (
                (abs(row_centre - centre) < max(row_half, half) * 0.7 or _script_of(row_centre, row_half, centre, half))
                and not (text_size and _second_line(rows[i], row_half, centre, half))
                and (best is None or abs(row_centre - centre) < abs(extents[best][0] - centre))
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


def _second_line(row: list[Word], row_half: float, centre: float, half: float) -> bool:
    """The row, set by a line in large type, already holds a line of words of this word's size: small text level
    with a large line (body text in the column beside a title) fits within its height line after line, but only
    one line of it can be that line's, and the next is a line of its own, not read into the same row word by word.
    Scripts of a formula are one or two marks, not a line of three words or more."""
    if row_half < 1.4 * half:
        return False
    others = [
        other
        for other in row
        if abs((other.bottom - other.top) / 2 - half) <= 0.15 * half
        and abs((other.top + other.bottom) / 2 - centre) >= 0.7 * half
    ]
    return len(others) >= 3


def _script_of(row_centre: float, row_half: float, centre: float, half: float) -> bool:
    """One of the two is a super- or subscript of the other: clearly smaller, and most of its height within the
    other's. A raised citation marker sorts before its word (its top is higher) and may sit too far off the word's
    centre for the centre test, which would give it a row of its own and then a line of its own size."""
    small, large = sorted(((half, centre), (row_half, row_centre)))
    if small[0] > 0.85 * large[0]:
        return False
    overlap = min(small[1] + small[0], large[1] + large[0]) - max(small[1] - small[0], large[1] - large[0])
    return overlap >= 0.6 * 2 * small[0]


def _is_label(words: list[Word], caption_pattern: re.Pattern | None) -> bool:
    """The words are a caption label alone ("Fig. 2", "Table 1 |"), which some layouts set apart from the text."""
    if caption_pattern is None or len(words) > 3:
        return False
    text = " ".join(w.text for w in words)
    match = caption_pattern.match(text)
    return bool(match) and len(text[match.end() :].strip(" .:|—–-")) == 0


def column_cuts(rows: list[list[Word]]) -> list[float]:
    """x positions of gutters narrower than the gap that ends a fragment: strips of the page that at most a few
    rows cross (a title, a wide figure) while many rows have words on both sides. Text set in narrow columns with
    a tight gutter would otherwise run from one column into the other on every line."""
    if len(rows) < 12:
        return []
    words = [w for row in rows for w in row]
    sizes = sorted(w.size for w in words)
    size = max(4.0, sizes[len(sizes) // 2])
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    n = int(right - left) + 2
    covered = np.zeros(n + 1, dtype=np.int32)  # rows whose words cover each x
    for row in rows:
        marks = np.zeros(n + 1, dtype=np.int8)
        for w in row:
            marks[max(0, int(w.x0 - left)) : min(n, int(w.x1 - left) + 1)] = 1
        covered += marks
    sparse = covered <= max(1, len(rows) // 8)
    cuts = []
    start = None
    for x in range(n + 1):
        if x < n and sparse[x]:
            start = x if start is None else start
            continue
        if start is None:
            continue
        g0, g1 = left + start, left + x
        start = None
        if g1 - g0 < 0.5 * size or g1 - g0 >= 0.9 * size or min(g0 - left, right - g1) < 0.2 * (right - left):
            continue  # a wider gutter already ends the fragments; a strip near the margin is no gutter
        mid = (g0 + g1) / 2
        both = sum(1 for row in rows if any(w.x1 <= mid for w in row) and any(w.x0 >= mid for w in row))
        if both >= 0.3 * len(rows):
            cuts.append(mid)
    return cuts


def _row_centre(row: list[Word]) -> float:
    return sorted((w.top + w.bottom) / 2 for w in row)[len(row) // 2]


def _stretched_space(
    gap: tuple[float, float], size: float, centre: float, rows: list[tuple[float, list[Word]]], config: LayoutConfig
) -> bool:
    """A gap a justified line has stretched (a loose line, the wider space after a full stop), not whitespace
    between two blocks: the lines of the same size right above and right below it (those that have text near it)
    have ink across most of it. A gutter, or the space between a label and its value, is blank on the lines around
    it too; a stretched space never is, since the next line's words fall elsewhere."""
    a, b = gap
    if b - a >= config.stretched_space_max * size:
        return False
    sides = 0
    for above in (True, False):
        near = [
            w
            for row_centre, row in rows
            if 0.5 * size < (centre - row_centre if above else row_centre - centre) < 1.8 * size
            for w in row
            if abs(w.size - size) <= 0.15 * size and w.x1 > a - 2 * size and w.x0 < b + 2 * size
        ]
        if not near:
            continue  # a paragraph's first or last line, or a line under a heading of another size
        covered = np.zeros(int(b - a) + 1, dtype=bool)
        for w in near:
            covered[max(0, int(w.x0 - a)) : max(0, int(w.x1 - a) + 1)] = True
        if (
            covered.mean() < config.stretched_space_ink
            or _longest_blank(covered) >= config.stretched_space_blank * size
        ):
            return False  # (a blank strip an em wide on the line around: a gutter, the next column's indent past it)
        sides += 1
    return sides > 0


def _longest_blank(covered: np.ndarray) -> int:
    """The longest run of False in `covered` (points of a gap no word of a line around it inks)."""
    longest = run = 0
    for inked in covered:
        run = 0 if inked else run + 1
        longest = max(longest, run)
    return longest


def _overprinted(previous: Word, word: Word) -> bool:
    """Two level words of one size that overlap by half an em or more: one line run into another, as an overfull
    line of one column runs into the gutter and under the first word of the column beside it. One reading run
    never overlaps itself so (kerning and slanted faces overlap by a small fraction of that)."""
    size = max(previous.size, word.size)
    return (
        abs(previous.size - word.size) <= 0.15 * size
        and abs(previous.bottom - word.bottom) <= 0.25 * size
        and previous.x1 - word.x0 >= 0.5 * size
    )


def column_edges(rows: list[list[Word]]) -> list[float]:
    """x positions where many rows start text after a wide gap: the left edges of columns beside other text (the
    second column of a page, a side column). Text set right up to such an edge from the left (an overfull code line,
    a caption's last word before the other column's heading number) meets the other column there, not its own line."""
    starts: Counter = Counter()
    for row in rows:
        ordered = sorted(row, key=lambda w: w.x0)
        for before, word in zip(ordered, ordered[1:], strict=False):
            if word.x0 - before.x1 > 0.9 * max(word.size, before.size, 4.0):
                starts[round(word.x0)] += 1
    least = max(5, len(rows) // 10)
    return [float(x) for x, n in starts.items() if n + starts.get(x - 1, 0) + starts.get(x + 1, 0) >= least]


def _runs_onto_edge(previous: Word, word: Word, edges: list[float]) -> bool:
    """The word starts on a column's left edge, right after a word of another size that stops short of it: two
    columns' lines meeting with almost no gap (an overfull code line in small print, a caption's last word before
    the heading number set at the other column's edge). Inline code or maths in a line of text keeps the text's
    size, and a script or a bracket beside a formula's letter is one or two marks, so neither cuts a line where
    it happens to start level with some edge."""
    if word.x0 < previous.x1 or abs(previous.size - word.size) < 0.15 * max(word.size, previous.size):
        return False
    if len(previous.text) < 3 or len(word.text) < 3:
        return False
    return _starts_at_edge(word, edges)


def _starts_at_edge(word: Word, edges: list[float]) -> bool:
    """The word starts on one of the page's column left edges."""
    return any(abs(word.x0 - edge) <= 1.0 for edge in edges)


def _past_gutter_in_another_size(previous: Word, word: Word, edges: list[float]) -> bool:
    """The word starts on a column's left edge, in another size than the word before it, after a gap wider than a
    word space of the smaller of the two: the next column's line begins there (a section number in large type set
    level with the last words of a line of the column beside it). The gap that ends a fragment is measured in the
    larger size, and a large number's own size stretches that past a narrow gutter."""
    size = max(previous.size, word.size, 4.0)
    if abs(previous.size - word.size) < 0.15 * size:
        return False
    return word.x0 - previous.x1 > 0.9 * max(4.0, min(previous.size, word.size)) and _starts_at_edge(word, edges)


WIDER_SPACE_AFTER = (".", ":", ";", "!", "?")  # TeX widens the space after these beyond the line's other spaces
LEADING_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|[IVX]{1,5}\.?|[A-Z]\.)$")  # "3", "2.1.", "IV."


def _evenly_stretched(row: list[Word], config: LayoutConfig) -> bool:
    """Every space of the row (sorted by x) stretched alike: a justified line, however wide its spaces. Between two
    blocks or columns the gaps differ (a word space here, a gutter there); a justified line's spaces are equal but
    after a stop, and after a leading section number, which is set apart by a space of its own."""
    if len(row) < config.even_stretch_gaps + 1:
        return False
    size = max(4.0, statistics.median(w.size for w in row))
    if any(abs(w.size - size) > 0.15 * size for w in row):
        return False
    start = 1 if LEADING_NUMBER.match(row[0].text) else 0
    words = row[start:]
    if not all(sum(ch.isalpha() for ch in w.text) >= 2 for w in words):
        return False  # (words of letters: not a row of table cells or figure labels)
    if len({w.fontname for w in row}) > 1:
        return False  # a heading is set in one face; a line mixing faces ("Keywords:" in bold) keeps the ink test
    if any(is_monospaced_font(w.fontname, config) for w in row):
        return False  # a typewriter line's spaces are never stretched: R's "   user  system elapsed" is aligned
    gaps = [right.x0 - left.x1 for left, right in zip(row, row[1:], strict=False)]
    if max(gaps) >= config.even_stretch_max * size or min(gaps) <= 0:
        return False
    even = [gap for left, gap in zip(words, gaps[start:], strict=False) if not left.text.endswith(WIDER_SPACE_AFTER)]
    return (
        len(even) >= config.even_stretch_gaps
        and max(even) > 0.9 * size  # (only a row with wide spaces needs the rule)
        and max(even) - min(even) <= config.even_stretch_spread * size
    )


def _justified_runs(row: list[Word], config: LayoutConfig) -> dict[int, int]:
    """The words of the row (sorted by x) that lie in an evenly stretched run, by id, with the run's index: the row
    is cut into runs where a gap is too wide for any stretched space or the size changes (a line of the column
    beside it is on the same row)."""
    runs: list[list[Word]] = [[row[0]]]
    for left, word in zip(row, row[1:], strict=False):
        size = max(4.0, left.size, word.size)
        if word.x0 - left.x1 >= config.even_stretch_max * size or abs(word.size - left.size) > 0.15 * size:
            runs.append([word])
        else:
            runs[-1].append(word)
    return {id(word): index for index, run in enumerate(runs) if _evenly_stretched(run, config) for word in run}


def fragments_of(
    words: list[Word], caption_pattern: re.Pattern | None = None, config: LayoutConfig | None = None
) -> list[Fragment]:
    config = config or default_config()
    fragments = []
    rows = rows_of(words)
    cuts = column_cuts(rows)
    edges = column_edges(rows)
    centred = sorted(((_row_centre(row), row) for row in rows), key=lambda r: r[0])
    centres = [centre for centre, _ in centred]
    for centre, row in centred:
        row.sort(key=lambda w: w.x0)
        reach = 2.5 * max(4.0, max(w.size for w in row))
        # the rows within reach of this one, by bisection of the sorted centres (a page has ~100 rows)
        nearby = centred[bisect_right(centres, centre - reach) : bisect_left(centres, centre + reach)]
        current = [row[0]]
        justified = _justified_runs(row, config)
        for word in row[1:]:
            gap = word.x0 - current[-1].x1
            size = max(word.size, current[-1].size, 4.0)
            at_gutter = any(current[-1].x1 <= cut <= word.x0 for cut in cuts)
            run = justified.get(id(word))
            in_a_justified_line = run is not None and run == justified.get(id(current[-1]))
            wide = gap > 0.9 * size and not (gap < 3 * size and _is_label(current, caption_pattern))
            wide = wide and not in_a_justified_line
            if wide and abs(word.size - current[-1].size) <= 0.15 * size:
                wide = not _stretched_space((current[-1].x1, word.x0), size, centre, nearby, config)
            if (
                at_gutter
                or wide
                or _overprinted(current[-1], word)
                or _runs_onto_edge(current[-1], word, edges)
                or _past_gutter_in_another_size(current[-1], word, edges)
            ):
                fragments.append(_make_fragment(current))
                current = [word]
            else:
                current.append(word)
        fragments.append(_make_fragment(current))
    return fragments


def _header_key(fragment: Fragment, config: LayoutConfig) -> str:
    # the weight of its main face is part of the key: a running line is set in one face on every page, while a
    # title in bold at the head of the first page may come back as the others' running foot in the regular face
    weights: Counter = Counter()
    for word in fragment.words:
        name = word.fontname.lower().split("+")[-1]
        weights[any(marker in name for marker in config.bold_font_markers)] += len(word.text)
    bold = "bold:" if weights.most_common(1)[0][0] else ""
    return bold + re.sub(r"\s+", "", re.sub(r"\d+", "#", fragment.text.lower()))


def remove_running_lines(pages: list[tuple[PageContent, list[Fragment]]], config: LayoutConfig) -> int:
    """Drop fragments in the top/bottom band that repeat across pages or are page numbers; returns the count."""
    bands: list[list[Fragment]] = []
    pages_with_key: dict[str, set[int]] = defaultdict(set)
    sizes = sorted(f.size for _page, fragments in pages for f in fragments if f.words)
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    for page, fragments in pages:
        top, bottom = page.height * config.header_band_share, page.height * (1 - config.header_band_share)
        # a line of words reaching into the band: a running head set low in a wide top margin (JSS sets it at 9% of
        # the page, its baseline past 10%) is no less a running head, repetition over pages decides. It is set no
        # larger than the document's usual text (its title, printed large on the first page, may be the running head
        # of the others); a bare number must lie inside the band (a reference list's entry numbers near the foot of
        # the page repeat as "#" too)
        band = [
            f
            for f in fragments
            if f.bottom < top
            or f.top > bottom
            or (
                (f.top < top or f.bottom > bottom)
                and sum(ch.isalpha() for ch in f.text) >= 3
                and f.size <= 1.15 * usual
            )
        ]
        bands.append(band)
        for fragment in band:
            pages_with_key[_header_key(fragment, config)].add(page.number)
    min_pages = 2 if len(pages) <= 3 else config.header_min_pages
    removed = 0
    for (_page, fragments), band in zip(pages, bands, strict=True):
        drop = {
            id(f)
            for f in band
            if len(pages_with_key[_header_key(f, config)]) >= min_pages or PAGE_NUMBER.match(f.text.strip())
        }
        # the page number set apart on a running head's line goes with it, inside the band or not
        heads = [f for f in band if id(f) in drop and sum(ch.isalpha() for ch in f.text) >= 3]
        drop.update(
            id(f)
            for f in fragments
            if PAGE_NUMBER.match(f.text.strip())
            and any(abs(f.center_y - head.center_y) < 0.5 * max(f.size, head.size) for head in heads)
        )
        if drop:
            fragments[:] = [f for f in fragments if id(f) not in drop]
            removed += len(drop)
    return removed + _remove_outer_page_numbers(pages, min_pages)


def _remove_outer_page_numbers(pages: list[tuple[PageContent, list[Fragment]]], min_pages: int) -> int:
    """Drop the bare page numbers set outside the header band: a number alone on the lowest (or highest) row of its
    page whose value runs with the page index (value minus index the same on `min_pages` pages or more). LaTeX's plain
    page style on A4 sets the folio at 88% of the page, above the band, where a kept number read as a paragraph cut
    every sentence running over the page break and, centred in a two-column page's gutter, hid the gutter."""
    candidates: list[tuple[str, int, list[Fragment], Fragment]] = []
    for page, fragments in pages:
        text_fragments = [f for f in fragments if f.words]
        if len(text_fragments) < 2:
            continue
        lowest = max(text_fragments, key=lambda f: f.bottom)
        highest = min(text_fragments, key=lambda f: f.top)
        for edge, fragment in (("foot", lowest), ("head", highest)):
            text = fragment.text.strip()
            alone = not any(
                f is not fragment and abs(f.center_y - fragment.center_y) < 0.5 * max(f.size, fragment.size)
                for f in text_fragments
            )
            if text.isdigit() and len(text) <= 4 and alone:
                candidates.append((edge, int(text) - page.number, fragments, fragment))
    runs = Counter((edge, offset) for edge, offset, _fragments, _fragment in candidates)
    removed = 0
    for edge, offset, fragments, fragment in candidates:
        if runs[(edge, offset)] >= min_pages and any(f is fragment for f in fragments):
            fragments[:] = [f for f in fragments if f is not fragment]
            removed += 1
    return removed


def remove_line_numbers(
    fragments: list[Fragment], margins: set[int] | None = None, found: set[int] | None = None
) -> int:
    """Drop line numbers printed in the margin (preprints, manuscripts under review): a column of at least eight
    bare integers sharing one right edge, counting up down the page, wholly beside the text. Given the right edges
    (`margins`, in 3-point steps) of the columns found so on other pages of the document, two such numbers suffice
    (a page mostly taken by a figure numbers only its few lines of text). The right edges of the columns dropped
    here are added to `found`; returns the count of numbers dropped."""
    numbers = [f for f in fragments if len(f.words) == 1 and f.text.isdigit()]
    text = [f for f in fragments if not (len(f.words) == 1 and f.text.isdigit())]
    if len(numbers) < (2 if margins else 8) or not text:
        return 0
    text_left, text_right = min(f.x0 for f in text), max(f.x1 for f in text)
    columns: dict[int, list[Fragment]] = defaultdict(list)
    for fragment in numbers:
        columns[round(fragment.x1 / 3)].append(fragment)
    drop: set[int] = set()
    for edge, column in columns.items():
        known = margins is not None and any(abs(edge - m) <= 1 for m in margins)
        if len(column) < (2 if known else 8):
            continue
        column.sort(key=lambda f: f.top)
        values = [int(f.text) for f in column]
        counting_up = sum(b > a for a, b in zip(values, values[1:], strict=False)) >= 0.9 * (len(values) - 1)
        beside = all(f.x1 <= text_left + 1 for f in column) or all(f.x0 >= text_right - 1 for f in column)
        if counting_up and beside:
            drop.update(id(f) for f in column)
            if found is not None:
                found.add(edge)
    if drop:
        fragments[:] = [f for f in fragments if id(f) not in drop]
    return len(drop)


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
    # as narrow as the tightest gutter `column_cuts` finds: fragments never bridge a gutter, so a narrow empty strip
    # between substantial text on both sides is one
    min_gap = max(3.0, 0.5 * sizes[len(sizes) // 2])
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
            start_x, start = start, None
            if g1 - g0 < min_gap or g0 <= left + 1 or g1 >= right - 1:
                continue
            g0, g1 = _clearest_part(coverage, start_x, x, left, min_gap) or (g0, g1)
            mid = (g0 + g1) / 2
            left_side = [f for f in narrow if (f.x0 + f.x1) / 2 < mid]
            right_side = [f for f in narrow if (f.x0 + f.x1) / 2 > mid]
            if _column_like(left_side, height) and _column_like(right_side, height):
                gutters.append((g0, g1))
    return gutters


def _clearest_part(
    coverage: np.ndarray, start: int, end: int, left: float, min_gap: float
) -> tuple[float, float] | None:
    """The widest run of the strip [start, end) that the fewest fragments cross, when it is a gutter's width itself:
    a strip may take in the ends of a few long lines of one column (the tolerance of `_gutters`), and its middle
    would then fall inside that column, where those lines cross it with the other column beside them."""
    strip = coverage[start:end]
    least = strip.min()
    if least == strip.max():
        return None
    best: tuple[int, int] | None = None
    run_start = None
    for i in range(len(strip) + 1):
        if i < len(strip) and strip[i] == least:
            run_start = i if run_start is None else run_start
            continue
        if run_start is not None and (best is None or i - run_start > best[1] - best[0]):
            best = (run_start, i)
        run_start = None
    if best is None or best[1] - best[0] < min_gap:
        return None
    return left + start + best[0], left + start + best[1]


def _crosses(fragment: Fragment, strip: tuple[float, float]) -> bool:
    """The fragment runs from one side of the strip to the other (see `_crossing_strip`)."""
    return fragment.x0 < strip[0] and fragment.x1 > strip[1]


def _crossing_strip(gutter: tuple[float, float], fragments: list[Fragment]) -> tuple[float, float]:
    """What a line must run across to cross the gutter: the whole strip between two columns of running text (lines
    of twelve ems or more on each side), whose lines may run into the strip from either side (an overfull line, a
    code line set up to the other column's edge) and still belong to their column; elsewhere (the columns of a
    program's printed output, labels beside a plot) the strip's middle, as names and numbers of varying length end
    anywhere in it."""
    sizes = sorted(f.size for f in fragments if not f.placeholder) or [10.0]
    long = 12 * sizes[len(sizes) // 2]
    left = sum(1 for f in fragments if f.x1 <= gutter[1] and f.width >= long)
    right = sum(1 for f in fragments if f.x0 >= gutter[0] and f.width >= long)
    if min(left, right) >= 5:
        return gutter
    mid = (gutter[0] + gutter[1]) / 2
    return (mid, mid)


def _crossed_beside_text(gutter: tuple[float, float], fragments: list[Fragment]) -> bool:
    """Lines run across the strip with other text beside them at their height: the strip is whitespace inside a
    column (a side column's edge, short lines, a label beside a paragraph), not a gutter. What truly spans the
    columns (a title, an abstract, a wide figure) has nothing beside it."""
    crossing = [f for f in fragments if _crosses(f, gutter) and not f.placeholder]
    if not crossing:
        return False
    others = [f for f in fragments if not _crosses(f, gutter) and not f.placeholder]
    beside = 0
    for f in crossing:
        height = max(1.0, f.bottom - f.top)
        if any(min(f.bottom, o.bottom) - max(f.top, o.top) > 0.3 * min(height, o.bottom - o.top) for o in others):
            beside += 1
    return beside > max(2, 0.2 * len(crossing))


def _short_lines_among_running_ones(gutter: tuple[float, float], fragments: list[Fragment]) -> bool:
    """A strip that lines of text run across, with fewer than three lines on one side of it or far more lines across
    it than beside it: short lines side by side among full ones (a loosely set note whose first line holds a name
    and an address far apart; the aligned wide spaces of two loosely justified lines), not columns. Real columns
    only two lines deep are found with the page's gutter, where the spanning lines are cut away first."""
    mid = (gutter[0] + gutter[1]) / 2
    text = [f for f in fragments if not f.placeholder and sum(len(w.text) for w in f.words) >= 3]
    crossing = sum(1 for f in text if _crosses(f, gutter))
    if not crossing:
        return False
    left_lines = sum(1 for f in text if f.x1 <= mid)
    right_lines = sum(1 for f in text if f.x0 >= mid)
    return min(left_lines, right_lines) < 3 or crossing > 2 * (left_lines + right_lines)


def _column_like(side: list[Fragment], height: float) -> bool:
    """Enough text, in lines of some width: not a column of reference numbers or bullets. Scraps are left out of the
    usual width (a sub- or superscript, a symbol set apart: under three characters or in smaller print): on a page
    of equations they outnumber the lines of text."""
    if not side:
        return False
    total = sum(f.bottom - f.top for f in side)
    sizes = sorted(f.size for f in side)
    size = sizes[len(sizes) // 2]
    lines = [f for f in side if sum(len(w.text) for w in f.words) >= 3 and f.size >= 0.85 * size] or side
    widths = sorted(f.width for f in lines)
    return total >= max(15.0, 0.10 * height) and widths[len(widths) // 2] >= 4 * size


def reading_order(fragments: list[Fragment], depth: int = 0) -> list[list[Fragment]]:
    """Fragments grouped into regions (columns or spanning zones) in reading order."""
    if len(fragments) < 4 or depth > 6:
        return [fragments] if fragments else []
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    # a column may be wider than half the node (a narrow side column next to it): retry with a looser limit
    for wide in (0.55, 0.75):
        # each gutter with the strip a line must run across to cross it
        gutters = [
            (g, strip)
            for g in _gutters(fragments, left, right, wide)
            for strip in [_crossing_strip(g, fragments)]
            if not _crossed_beside_text(strip, fragments) and not _short_lines_among_running_ones(strip, fragments)
        ]
        if gutters:
            break
    else:
        return _horizontal_slabs(fragments, depth)

    # cut at one gutter per level, the cleanest (fewest fragments across it, then widest); the others are found
    # again inside the parts, so a panel spanning two of three columns only splits those two
    def crossing(strip: tuple[float, float]) -> int:
        return sum(1 for f in fragments if _crosses(f, strip))

    best, best_strip = min(gutters, key=lambda pair: (crossing(pair[1]), pair[0][0] - pair[0][1]))
    mids = [(best[0] + best[1]) / 2]

    def spans(f: Fragment) -> bool:
        return _crosses(f, best_strip) and not _overfull(f, mids[0], fragments)

    if any(spans(f) for f in fragments):
        regions: list[list[Fragment]] = []
        zone: list[Fragment] = []
        band: list[Fragment] = []
        for f in sorted(fragments, key=lambda f: (f.center_y, f.x0)):
            if spans(f) or (band and not zone and _last_line_of(f, band[-1], fragments)):
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


def _last_line_of(fragment: Fragment, above: Fragment, fragments: list[Fragment]) -> bool:
    """A short line set right under a spanning line, from its left edge, with nothing beside it, ending a sentence: the
    last line of a full-width paragraph, which stops short of the gutter. A gutter found between a figure's
    side-by-side panels on a one-column page would otherwise make it a zone of its own and cut the paragraph's last
    sentence off. (A line ending without a stop, a date or a name under a spanning line, is left to the zones.)"""
    if fragment.placeholder or above.placeholder or not SENTENCE_END.search(fragment.text):
        return False
    size = max(fragment.size, above.size)
    under = -0.3 * size <= fragment.top - above.bottom <= 0.6 * size and abs(fragment.x0 - above.x0) <= size
    if not under:
        return False
    height = max(1.0, fragment.bottom - fragment.top)
    return not any(
        other is not fragment
        and other is not above
        and min(fragment.bottom, other.bottom) - max(fragment.top, other.top) > 0.3 * height
        for other in fragments
    )


def _overfull(fragment: Fragment, mid: float, fragments: list[Fragment]) -> bool:
    """A line of one column run on through the gutter (an overfull line, a long code word or link) up to or under the
    first word of the other column's line level with it: what truly spans the columns (a title, a wide figure) has
    no text beside it, and cutting the columns into zones at this one line would read the columns' lines above it
    across each other. It stays with the column that holds most of it."""
    if fragment.placeholder:
        return False
    left_side = (fragment.x0 + fragment.x1) / 2 < mid
    height = max(1.0, fragment.bottom - fragment.top)
    for other in fragments:
        if other is fragment or other.placeholder or other.x0 < mid < other.x1:
            continue
        # beyond the gutter and reached: the line runs up to or under the other column's line (cells of a table or
        # program output crossing a whitespace strip stop short of their neighbours)
        if left_side:
            reached = other.x0 >= mid and fragment.x1 >= other.x0 - 0.3 * fragment.size
        else:
            reached = other.x1 <= mid and fragment.x0 <= other.x1 + 0.3 * fragment.size
        overlap = min(fragment.bottom, other.bottom) - max(fragment.top, other.top)
        if reached and overlap > 0.5 * min(height, other.bottom - other.top):
            return True
    return False


def _horizontal_slabs(fragments: list[Fragment], depth: int) -> list[list[Fragment]]:
    """A node without a gutter cut at its full-width blank bands (a blank line or more), each slab ordered on its own:
    a figure whose labels cross the gutter above two columns of text hides the gutter from the whole page, so the
    columns below it would be read line across line. Where no slab has columns of its own, the node stays whole."""
    text = [f for f in fragments if not f.placeholder]
    if len(text) < 8:
        return [fragments]
    sizes = sorted(f.size for f in text)
    blank = max(4.0, sizes[len(sizes) // 2])
    slabs: list[list[Fragment]] = []
    bottom = None
    for fragment in sorted(fragments, key=lambda f: (f.top, f.x0)):
        if bottom is None or fragment.top - bottom >= blank:
            slabs.append([])
        slabs[-1].append(fragment)
        bottom = fragment.bottom if bottom is None else max(bottom, fragment.bottom)
    if len(slabs) < 2:
        return [fragments]
    ordered = [reading_order(slab, depth + 1) for slab in slabs]
    if all(len(regions) <= 1 for regions in ordered):
        return [fragments]
    return [region for regions in ordered for region in regions]


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
    """Words joined with spaces where the text layer has one or the glyphs leave a gap; numeric superscripts become
    [n] markers."""
    parts: list[str] = []
    previous: Word | None = None
    for word in _superscript_runs(words, size, baseline):
        text = word.text
        superscript = word.size < 0.85 * size and word.bottom < baseline - 0.2 * size
        if superscript and SUPERSCRIPT_CITATION.match(text) and parts:
            before = "".join(parts).rstrip()
            last_token = before.split(" ")[-1] if before else ""
            after_number = bool(before) and before[-1].isdigit() and "," not in text  # a number list is no exponent
            is_exponent = not before or after_number or last_token.lower().strip("(") in config.exponent_units
            if before and not previous.space_after and word.x0 - previous.x1 < 0.12 * size:
                # set apart from the word it touches, as printed: a citation as a [n] marker, an exponent as ^n
                # ("10^6", "cm^2"), never glued into a number or word that is not there ("106", "translation1")
                parts.append("^" + text if is_exponent else "[" + text.replace("-", "–") + "]")
                previous = word
                continue
            if not is_exponent:
                parts.append("[" + text.replace("-", "–") + "]")
                previous = word
                continue
        if previous is not None:
            gap = word.x0 - previous.x1
            # a space character in the text layer is a word boundary however tightly it is set (glyph boxes of a
            # wide or slanted face may even overlap); without one, only a visible gap is
            if gap > 0.12 * max(size, 1.0) or previous.space_after:
                parts.append(" ")
        parts.append(text)
        previous = word
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _superscript_runs(words: list[Word], size: float, baseline: float) -> list[Word]:
    """Touching raised words of small print as one word: a marker "3–5" or "21,104" may come as several words
    (the dash or comma in another font), which one by one are no citation."""
    merged: list[Word] = []
    for word in words:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and _raised(previous, size, baseline)
            and _raised(word, size, baseline)
            and not previous.space_after
            and word.x0 - previous.x1 < 0.12 * size
        ):
            merged[-1] = replace(previous, text=previous.text + word.text, x1=max(previous.x1, word.x1))
        else:
            merged.append(word)
    return merged


def _raised(word: Word, size: float, baseline: float) -> bool:
    return word.size < 0.85 * size and word.bottom < baseline - 0.2 * size


def make_line(fragments: list[Fragment], page: int, region: int, config: LayoutConfig) -> Line:
    words = sorted((w for f in fragments for w in f.words), key=lambda w: w.x0)
    sizes: Counter = Counter()
    for fragment in fragments:
        sizes[fragment.size] += sum(len(w.text) for w in fragment.words)
    size = sizes.most_common(1)[0][0]  # the size most of the line's characters are set in, not its superscripts'
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


def _same_line(row: list[Fragment], fragment: Fragment, config: LayoutConfig) -> bool:
    """On the row's baseline, and either in the row's size or close beside it: a margin note in small print level
    with a body line (a received date, an editor's name) is a line of its own, not the end of the body line."""
    # the row is set by its line of text, not by a script that happened to open it (a raised mark sorts first)
    first = max(row, key=lambda f: (f.size, f.width))
    if abs(first.center_y - fragment.center_y) >= 0.5 * max(first.size, fragment.size):
        return False
    if abs(first.size - fragment.size) <= 1.0:
        return True
    gap = min(max(fragment.x0 - f.x1, f.x0 - fragment.x1) for f in row)
    if gap < 1.0 * max(first.size, fragment.size):
        return True
    # a code listing's line number, set small in the listing's margin, opens its line however far the code is
    # indented (a line number beside prose is a manuscript's margin numbering, which stays apart)
    number, text = (fragment, row[0]) if fragment.x1 <= row[0].x0 else (row[0], fragment)
    return (
        len(row) == 1
        and number.text.isdigit()
        and len(number.text) <= 4
        and number.size < text.size
        and number.x1 <= text.x0 < number.x1 + 6 * text.size
        and _monospaced(text, config)
    )


def _monospaced(fragment: Fragment, config: LayoutConfig) -> bool:
    """Most of the fragment's characters are set in a monospaced face (code)."""
    total = sum(len(w.text) for w in fragment.words)
    mono = sum(len(w.text) for w in fragment.words if is_monospaced_font(w.fontname, config))
    return mono >= 0.8 * total


def region_lines(region: list[Fragment], page: int, index: int, config: LayoutConfig) -> list[Line]:
    rows: list[list[Fragment]] = []
    for f in sorted((f for f in region if not f.placeholder), key=lambda f: (f.center_y, f.x0)):
        row = next((row for row in reversed(rows[-3:]) if _same_line(row, f, config)), None)
        if row is not None:
            row.append(f)
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


def document_lines(pdf: PdfContent, config: LayoutConfig) -> list[Line]:
    """Every page's text lines in reading order, running headers/footers and margin line numbers removed."""
    pages = [(page, fragments_of(page_words(page), config.caption_pattern, config)) for page in pdf.pages]
    remove_running_lines(pages, config)
    margins: set[int] = set()
    for _page, fragments in pages:
        remove_line_numbers(fragments, found=margins)
    if margins:  # the pages with too few numbered lines to show the column on their own
        for _page, fragments in pages:
            remove_line_numbers(fragments, margins)
    lines: list[Line] = []
    region_index = 0
    for page, fragments in pages:
        for region in reading_order(fragments + placeholders(page)):
            lines.extend(region_lines(region, page.number, region_index, config))
            region_index += 1
    return lines
