"""Block typing: lines -> blocks at paragraph breaks (extra spacing, first-line indent, short last line, style
change) -> title, headings (size/weight/numbering ranked into levels), captions, footnotes and paragraphs;
paragraphs interrupted by a column, page, figure or caption are joined."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from pipeline.extract.structure.conventions import (
    BRACKET_CITATION,
    EMAIL,
    LINK,
    NUMBERED_HEADING,
    TERMINAL,
    LayoutConfig,
    is_monospaced_font,
)
from pipeline.extract.structure.reading_order import Line
from pipeline.records import PdfContent, Word


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


def is_running_text(line: Line) -> bool:
    """A line of running prose: most of its column's width, several words, mostly lower-case letters. Reference
    lists (initials, years, page ranges), table rows and figure labels fall short of it."""
    compact = line.text.replace(" ", "")
    lower = sum(ch.islower() for ch in compact) / max(1, len(compact))
    full_width = line.x1 - line.x0 >= 0.75 * max(1.0, line.right - line.left)
    return full_width and lower >= 0.75 and len(line.text.split()) >= 5


def typography_of(lines: list[Line]) -> Typography:
    """The body style is the one most of the running prose is set in, not the most characters overall: a long
    reference list, small-print methods or tables outside detected regions can outweigh the body font."""
    styles: Counter = Counter()
    prose: Counter = Counter()
    prose_pages: dict[tuple[str, float], set[int]] = {}
    for line in lines:
        style = (line.font, round(line.size, 1))
        styles[style] += len(line.text)
        if is_running_text(line):
            prose[style] += len(line.text)
            prose_pages.setdefault(style, set()).add(line.page)
    (font, size), most = (prose or styles).most_common(1)[0]
    if prose:
        # main text is never set smaller than the other running prose (methods, legends, reference lists in small
        # print): a larger style with a good share of the prose, spread over pages, is the body even when a long
        # small-print section outweighs it
        spread = len(prose_pages[(font, size)])
        larger = [
            style
            for style, count in prose.items()
            if style[1] >= size + 0.5 and count >= 0.3 * most and len(prose_pages[style]) >= max(2, 0.5 * spread)
        ]
        if larger:
            font, size = max(larger, key=lambda style: (prose[style], style[1]))
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.region == b.region and abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and b.top > a.top
    ]
    gaps = [g for g in gaps if -2 < g < 3 * size]
    line_gap = statistics.median(gaps) if gaps else 0.3 * size
    return Typography(body_font=font, body_size=size, line_gap=line_gap)


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
    if short and LINK.fullmatch(prev.text.strip()) and line.text[:1].isupper():
        return True  # a link displayed on a line of its own ("... pages are at: / https://... / They provide ...")
    if line.font != prev.font and line.uniform and prev.uniform and (short or _closes_sentence(prev.text)):
        return True
    if config.caption_pattern.match(line.text) and line.first_font != typo.body_font:
        return True
    return False


# a capital initial with its stop: an abbreviated genus ("A. lwoffii") or a first name, whose word follows
ENDS_IN_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")


def _closes_sentence(text: str) -> bool:
    """The line ends a sentence: a stop, but not the stop of an initial, whose name goes on on the next line (often
    in another face: an italic species name, so the change of face there opens no paragraph)."""
    text = text.rstrip()
    return bool(TERMINAL.search(text)) and not ENDS_IN_INITIAL.search(text)


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


def _heading_key(block: Block, typo: Typography, config: LayoutConfig) -> tuple[float, int]:
    return (round(block.size * 2) / 2, typo.weight(block.font, config))


def _in_latin_letters(token: str) -> bool:
    """A word of two or more letters, all Latin (a symbol such as "∂θi" is none)."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def set_in_its_own_face(line: Line, typo: Typography, config: LayoutConfig) -> bool:
    """A line set in one face, or in a bolder or larger face than the body's with a few names in faces of their own
    (a species in the bold italic, a command in the typewriter face, a package in its demi face: "A. lwoffii and
    A. baumannii possess ...", "2.1. Switching from .C to Rcpp") and no word in the body's face, as headings are. A
    paragraph's line with a run-in lead or emphasis keeps most of its words in the body's face; a theorem's italic
    or a code line is neither bolder nor larger. A section number set in a face of its own (LaTeX classes set
    "3.1.1." upright before an italic title) does not count against the face of the words after it."""
    if line.uniform or _uniform_after_number(line):
        return True
    if line.font == typo.body_font or line.font_share < 0.5:
        return False
    if typo.weight(line.font, config) <= typo.weight(typo.body_font, config) and line.size < typo.body_size + 0.5:
        return False
    tokens = line.text.split()
    if sum(_in_latin_letters(token) for token in tokens) < 0.6 * len(tokens):
        return False  # a displayed formula in math faces (Greek, operators), not words in faces of their own
    total = sum(len(word.text) for word in line.words)
    in_body_face = sum(len(word.text) for word in line.words if word.fontname == typo.body_font)
    return in_body_face <= 0.1 * total


# a heading's number as one word of its own: "3.1.1.", "2", "IV.", "II.2." (REVTeX 4.2's lower levels under a roman
# section), "A.1" (an appendix's); a letter "A." alone is as often an initial
SECTION_NUMBER_WORD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|[IVX]{1,5}\.|(?:[IVX]{1,5}|[A-Z])(?:\.\d{1,2}){1,4}\.?)$"
)


def _uniform_after_number(line: Line) -> bool:
    """The line opens with a section number, and the words after it are all in one face."""
    if len(line.words) < 2 or not SECTION_NUMBER_WORD.match(line.words[0].text):
        return False
    fonts: Counter = Counter()
    for word in line.words[1:]:
        if word.size >= 0.85 * line.size:
            fonts[word.fontname] += len(word.text)
    return bool(fonts) and fonts.most_common(1)[0][1] >= 0.85 * sum(fonts.values())


# a plain word, with the stop or comma that may follow it ("A.", "meropenem,"); code ("rma(yi,", "<-") is none
PLAIN_WORD = re.compile(r"[A-Za-z][a-z]*[.,;:]?")


def _written_as_a_sentence(words: list[str]) -> bool:
    """Plain words mostly in lower case: a sentence, not a list of names (capitalised one by one) or code."""
    plain = [word for word in words if PLAIN_WORD.fullmatch(word)]
    return len(plain) >= 0.8 * len(words) and sum(word[:1].islower() for word in plain) >= 0.6 * len(plain)


def _looks_like_heading(block: Block, typo: Typography, config: LayoutConfig) -> bool:
    text = block.raw_text
    words = text.split()
    if len(block.lines) > 4 or not words or len(words) > 25 or sum(ch.isalpha() for ch in text) < 3:
        return False
    if text.rstrip().endswith((",", ";")):
        return False
    # commas list names (authors, affiliations: words capitalised one by one); a heading written as a sentence has
    # its commas among words in lower case ("A. baumannii readily evolved resistance to meropenem, ciprofloxacin,
    # and gentamicin, but ...")
    if text.count(",") > 2 and not _written_as_a_sentence(words):
        return False
    if text[0].islower() and (len(block.lines) > 1 or typo.weight(block.font, config) == 0):
        return False  # a lower-case start is only a heading in a bold small-caps face
    if config.caption_pattern.match(text) or BRACKET_CITATION.search(text):
        return False
    size = block.size
    if not all(set_in_its_own_face(line, typo, config) for line in block.lines):
        return False
    different_font = block.font != typo.body_font
    if size >= typo.body_size + 0.5:
        return True
    if size < typo.body_size - 0.3 or not different_font:
        return False
    if typo.weight(block.font, config) > typo.weight(typo.body_font, config):
        return not text.endswith(".") or bool(NUMBERED_HEADING.match(text))
    return len(block.lines) <= 2 and len(words) <= 12 and not text.endswith(".")


# a capital after a small letter inside a word: a small-caps face whose small capitals come out lower case
SMALL_CAPS_WORD = re.compile(r"[a-z][A-Z]|^[A-Z][a-z]*[A-Z]")


LETTER_SPACED_RUN = 4  # this many one-letter words in a row: a word set letter-spaced, not initials or symbols
LETTER_SPACED = re.compile(rf"(?:^|\s)(?:[^\W\d_]\s){{{LETTER_SPACED_RUN - 1},}}[^\W\d_](?=\s|$)")


def unspaced_text(line: Line) -> str:
    """The line's text with letter-spaced words joined ("S e m i n a r a r b e i t" -> "Seminararbeit"), as
    display titles and small-caps headings are set: in a run of one-letter words, the gaps between the letters of a
    word are the run's narrowest, and a word ends where a gap is clearly wider (half again its median)."""
    words = line.words
    if not LETTER_SPACED.search(line.text):
        return line.text  # (a logo's kerned letters, "LATEX", are one word of the line's text)
    pieces: list[list[Word]] = []  # runs of one-letter words, or one longer word each
    for word in words:
        single = len(word.text) == 1 and word.text.isalpha()
        if single and pieces and len(pieces[-1][-1].text) == 1 and pieces[-1][-1].text.isalpha():
            pieces[-1].append(word)
        else:
            pieces.append([word])
    texts: list[str] = []
    for run in pieces:
        if len(run) < LETTER_SPACED_RUN:
            texts.extend(word.text for word in run)
            continue
        gaps = [right.x0 - left.x1 for left, right in zip(run, run[1:], strict=False)]
        narrow = statistics.median(gaps)
        if narrow < 0.1 * line.size:  # set close: separate letters (symbols, initials), not a spaced word
            texts.extend(word.text for word in run)
            continue
        word = run[0].text
        for gap, letter in zip(gaps, run[1:], strict=True):
            if gap > 1.5 * narrow + 0.1 * line.size:
                texts.append(word)
                word = ""
            word += letter.text
        texts.append(word)
    return " ".join(texts)


def clean_heading(text: str) -> str:
    """One-spaced; a heading set in small caps ("WhAT IS AlReAdy knoWn") in capitals, as printed."""
    text = re.sub(r"\s+", " ", text).strip()
    words = [w for w in text.split() if sum(ch.isalpha() for ch in w) >= 2]
    mixed = [w for w in words if SMALL_CAPS_WORD.search(w) and not w.isupper()]
    if len(mixed) >= 2 and len(mixed) >= 0.4 * len(words):
        return text.upper()
    return text


def section_name(text: str) -> str:
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", text.strip())
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_title(
    blocks: list[Block], typo: Typography, metadata_title: str = "", config: LayoutConfig | None = None
) -> list[Block]:
    """The title: the first page's largest text, as the run of vertically adjacent blocks in one face with the
    most characters (a label such as "Review Article" set as large stays out; a title the reading order cut into
    several regions comes back whole). Where the metadata's title is printed on the first page in a larger face
    than the body, that text wins over a larger journal name or cover line. Where nothing is set large (physics
    and astronomy classes set the title in bold at 1.0–1.2× the body), the first bold line of words before the
    body text is the title."""
    if not blocks:
        return []
    first_page = min(line.page for line in blocks[0].lines)
    page_blocks = [b for b in blocks if b.lines[0].page == first_page and sum(ch.isalpha() for ch in b.raw_text) >= 2]
    # (a paper or manuscript number set large above the title, "AIECE2021-0003", is an identifier, no title: every
    # word of it holds a digit)
    candidates = [
        b
        for b in page_blocks
        if b.size >= 1.25 * typo.body_size and not all(any(ch.isdigit() for ch in w) for w in b.raw_text.split())
    ]
    if not candidates and config is not None:
        return _bold_opening(page_blocks, typo, config)
    metadata = _key(metadata_title) if len(metadata_title.split()) >= 3 else ""
    printed_metadata = [
        b
        for b in page_blocks
        if metadata
        and b.size >= typo.body_size + 1
        and len(_key(b.raw_text)) >= 15
        and metadata[:20] in _key(b.raw_text)
    ]
    if printed_metadata:
        candidates = [b for b in page_blocks if abs(b.size - printed_metadata[0].size) < 0.5]
    if not candidates:
        return []
    biggest = max(b.size for b in candidates)
    largest = sorted((b for b in candidates if b.size >= biggest - 0.5), key=lambda b: b.lines[0].top)
    runs: list[list[Block]] = []
    for block in largest:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and _same_face_or_weight(previous.font, block.font, typo, config)
            and block.lines[0].top - previous.lines[-1].bottom <= 1.2 * block.size
        ):
            runs[-1].append(block)
        else:
            runs.append([block])
    if printed_metadata:
        runs = [run for run in runs if any(b is printed_metadata[0] for b in run)]
    best = max(runs, key=lambda run: sum(len(b.raw_text) for b in run))
    return best if sum(len(b.raw_text) for b in best) >= 10 else []


def _same_face_or_weight(font: str, other: str, typo: Typography, config: LayoutConfig | None) -> bool:
    """Two lines of one title: the same face, or a face of the same weight (a journal or species name set in the
    italic of the title's bold face on its second line)."""
    if font == other:
        return True
    return config is not None and typo.weight(font, config) == typo.weight(other, config)


def _bold_opening(page_blocks: list[Block], typo: Typography, config: LayoutConfig) -> list[Block]:
    """The first bold block of three or more words at or above the body size, before the first paragraph of body
    prose, with the bold lines of its size right under it (a title over two lines in two faces); a numbered or named
    section heading ("1. Introduction", "Abstract") is not a title."""
    for index, block in enumerate(page_blocks):
        if block.size >= typo.body_size - 0.1 and sum(is_running_text(line) for line in block.lines) >= 2:
            return []  # the body began: the page has no title set apart
        if (
            typo.weight(block.font, config) == 2
            and block.size >= typo.body_size - 0.1
            and len(block.raw_text.split()) >= 3
            and not NUMBERED_HEADING.match(block.raw_text)
            and section_name(block.raw_text) not in config.top_level_sections
        ):
            title = [block]
            for following in page_blocks[index + 1 :]:
                previous = title[-1]
                if (
                    typo.weight(following.font, config) != 2
                    or abs(following.size - block.size) > 0.3
                    or not 0 <= following.lines[0].top - previous.lines[-1].bottom <= 1.2 * block.size
                    or NUMBERED_HEADING.match(following.raw_text)
                ):
                    break
                title.append(following)
            return title
    return []


# a footnote mark after a word of a title (\thanks): typographic symbols, or a raised number, which the line
# reader writes as a citation "[1]"; "[18F]FDG" and "[3H]" start a word and stay
TITLE_FOOTNOTE_SYMBOLS = "\u2217\u22c6\u2020\u2021\u00a7\u00b6"  # ∗ ⋆ † ‡ § ¶
TITLE_FOOTNOTE_MARK = re.compile(
    rf"(?<=\w)(?:[{TITLE_FOOTNOTE_SYMBOLS}]+(?:,[{TITLE_FOOTNOTE_SYMBOLS}]+)*|\[\d{{1,2}}(?:[,–-]\d{{1,2}})*\](?=\s|$))"
)


def checked_title(title: str, metadata_title: str) -> str:
    """The printed title, checked against the PDF's metadata: printed text before the metadata's title (a badge
    such as "open access") goes; a printed title the layout cut short is completed from the metadata; where they
    disagree (metadata holding a file name, a journal name) or the metadata is the shorter, the printed one. A
    title's footnote marks go: symbols (∗, †, ‡) wherever they follow a word, a raised number (read as "[1]") after
    a word, an ASCII "*" at the end (inside a title it may be a name: "A* search")."""
    title = TITLE_FOOTNOTE_MARK.sub("", title).rstrip(" *\u2217\u2020\u2021\u00a7\u00b6")
    if len(metadata_title.split()) < 3:
        return title
    kept = [i for i, ch in enumerate(title) if ch.isalnum()]  # index in `title` of each character of its key
    printed = "".join(title[i].lower() for i in kept)
    metadata = re.sub(r"[^a-z0-9]", "", metadata_title.lower())
    if not printed or not metadata:
        return title
    if printed in metadata and len(printed) < len(metadata):
        return re.sub(r"\s+", " ", metadata_title).strip()
    start = printed.find(metadata)
    if start > 0:
        return title[kept[start] :].strip()
    return title


def classify_blocks(blocks: list[Block], typo: Typography, pdf: PdfContent, config: LayoutConfig) -> None:
    title_blocks = find_title(blocks, typo, pdf.metadata_title, config)
    title = title_blocks[0] if title_blocks else None
    if title is not None:  # one title block, in the place of the first
        for block in title_blocks[1:]:
            title.lines.extend(block.lines)
        blocks[:] = [b for b in blocks if not any(b is other for other in title_blocks[1:])]
    previous: Block | None = None
    last_caption: Block | None = None  # the latest caption of the page, whose tail a region of text may follow
    body_seen = False  # running text in the body's size has been read
    for block in blocks:
        text = block.raw_text
        if block is title:
            block.kind = "title"
        elif is_code(block, typo, config) and not is_metadata(text, config):  # a DOI or URL line set in \url's face
            block.kind = "code"
        elif config.caption_pattern.match(text) and _is_caption(block, typo, config):
            block.kind = "caption"
        elif _looks_like_heading(block, typo, config):
            block.kind = "heading"
        elif is_metadata(text, config):
            block.kind = "metadata"
        elif is_figure_text(text):
            block.kind = "figure_text"
        elif last_caption is not None and _continues_caption(last_caption, block):
            # (the caption's own tail, though regions of the column beside it were read in between)
            last_caption.lines.extend(block.lines)
            block.lines = []
            continue
        elif previous is not None and _continues_paragraph(previous, block):
            if previous.kind == "caption":  # a caption's lines set apart from it (a region cut through a figure)
                previous.lines.extend(block.lines)
                block.lines = []
                continue
            block.kind = "paragraph"
        elif abs(block.size - typo.body_size) > 0.6 and len(block.lines) <= 3:
            block.kind = "paragraph" if _section_text_in_own_size(previous, block, body_seen) else "footnote"
        elif block.size > typo.body_size + 0.6 and not all(is_running_text(line) for line in block.lines[:-1]):
            block.kind = "footnote"  # large print that is not running prose (a pull quote, a banner)
        else:
            block.kind = "paragraph"
        body_seen = body_seen or (
            block.kind == "paragraph"
            and abs(block.size - typo.body_size) <= 0.6
            and len(block.lines) >= 2
            and any(is_running_text(line) for line in block.lines)  # not an author line set in the body's size
        )
        previous = block
        if block.kind == "caption":
            last_caption = block
    blocks[:] = [block for block in blocks if block.lines]  # less the caption lines joined to their caption
    # title-sized blocks next to the title (a title broken by the layout) belong to it
    if title is not None:
        for block in blocks:
            # (only a title set larger than the body: one in the body's size has headings of its size)
            if (
                block is not title
                and block.kind == "heading"
                and abs(block.size - title.size) < 0.5
                and title.size > typo.body_size + 0.5
            ):
                if block.lines[0].page == title.lines[0].page:
                    block.kind = "footnote"
    _type_text_above_figure_captions(blocks, typo, config)
    for previous, block, following in zip([None, *blocks[:-1]], blocks, [*blocks[1:], None], strict=True):
        if (
            block.kind in ("footnote", "paragraph")
            and following is not None
            and _is_local_heading(previous, block, following, config)
        ):
            block.kind = "heading"
    for block in _small_face_subheadings(blocks, typo, config):
        block.kind = "heading"
    for block in _lower_case_heads_in_heading_style(blocks, typo, config):
        block.kind = "heading"
    for block in _displayed_formula_pieces(blocks, typo, config):
        block.kind = "figure_text"
    for block in _figure_labels_read_as_headings(blocks, typo):
        block.kind = "figure_text"
    for block in table_of_contents(blocks, config):
        block.kind = "contents"
    _assign_levels(blocks, typo, config)


# a table of contents' line: an entry's text, then the page it is on (arabic or roman), after dot leaders or a gap
CONTENTS_LINE = re.compile(r"\S.*?(?:\s|\.)(?:\d{1,4}|[ivxlc]{1,6})")
PAGE_AT_END = re.compile(r"\s+(?:\d{1,4}|[ivxlc]{1,6})$")  # a page number after a heading: a contents entry
CONTENTS_PAGES = 2  # a table of contents starts on one of the first pages


def table_of_contents(blocks: list[Block], config: LayoutConfig) -> list[Block]:
    """The blocks of a table of contents: its heading ("Contents", models/structure/layout.json) on one of the first
    pages, then, in the heading's column, the blocks whose lines end in the page they point to (an entry wrapped
    over two lines ends on its second) or that repeat a heading printed further on, until the body starts in that
    column; blocks of the column beside it read in between are left as they are. Its entries would otherwise be
    section headings ("2 Rarefaction 2") or, where one is named "References", open the reference list on page 1."""
    for index, heading in enumerate(blocks):
        if (
            heading.kind != "heading"
            or heading.lines[0].page > CONTENTS_PAGES
            or section_name(heading.raw_text) not in config.contents_headings
        ):
            continue
        headings = [(i, _entry_key(b.raw_text)) for i, b in enumerate(blocks) if b.kind == "heading"]
        found = [heading]
        left, right = heading.lines[0].x0, max(line.right for line in heading.lines)  # the heading's column
        for position in range(index + 1, len(blocks)):
            block = blocks[position]
            if block.lines[0].page > heading.lines[0].page + 1:
                break
            if block.lines[0].page == heading.lines[0].page and (block.lines[0].x1 < left or block.lines[0].x0 > right):
                continue  # the column beside the table of contents
            if block.kind in ("footnote", "metadata"):
                continue  # the page's foot
            if not (
                _contents_entries(block) or (block.kind == "heading" and _printed_later(block, position, headings))
            ):
                break
            found.append(block)
        return found if len(found) >= 3 else []
    return []


def _entry_key(text: str) -> str:
    """A heading as a table of contents lists it: no page number, no section number (which the reading order may
    set apart from either)."""
    return section_name(PAGE_AT_END.sub("", text))


def _printed_later(block: Block, position: int, headings: list[tuple[int, str]]) -> bool:
    """A heading printed again after `position`: the same words, in any order (a two-line heading may come back
    with its lines' words interleaved), or its first part where the later one wraps into two blocks."""
    words = set(_entry_key(block.raw_text).split())
    for i, key in headings:
        later = set(key.split())
        if i > position and later and later <= words and len(later) >= min(2, len(words), len(words) / 2):
            return True
    return False


def _contents_entries(block: Block) -> bool:
    """Lines that end in page numbers, at least every other one and the last (entries wrapped over two lines)."""
    ending = [bool(CONTENTS_LINE.fullmatch(line.text.strip())) for line in block.lines]
    return ending[-1] and 2 * sum(ending) >= len(ending)


# caption labels of figures, whose caption is set below the figure (a table's caption is above the table)
FIGURE_LABEL = re.compile(r"^(?:fig(?:ure)?s?|scheme|chart|plate|extended data fig(?:ure)?)\b", re.IGNORECASE)


def _type_text_above_figure_captions(blocks: list[Block], typo: Typography, config: LayoutConfig) -> None:
    """Text in smaller print than the body between a figure's caption and the body text above it, in the caption's
    column, is the figure's own (axis labels, legends, flow-chart boxes): a drawn figure has no image box to keep
    it out of the reading order, and its labels may read like words ("Control group 1 week 4 weeks")."""
    for index, caption in enumerate(blocks):
        if caption.kind != "caption" or not FIGURE_LABEL.match(caption.raw_text):
            continue
        first = caption.lines[0]
        for block in reversed(blocks[:index]):
            line = block.lines[-1]
            if line.page != first.page or line.bottom > first.top + 1:
                break
            if line.x1 < first.x0 or line.x0 > first.x1 + 0.05 * (first.x1 - first.x0):
                continue  # another column
            if block.kind not in ("paragraph", "footnote", "figure_text") or block.size >= typo.body_size - 0.3:
                break  # body text (or a heading, another caption): the figure ends there
            block.kind = "figure_text"


def _section_text_in_own_size(previous: Block | None, block: Block, body_seen: bool) -> bool:
    """A short block of running prose in another size than the body that is a section's text, not a note: it sits
    right under a heading (an abstract or summary set small or large), or on the first page before any body text
    (an abstract or lead paragraph without a heading, under the author block). Notes sit under the text they
    annotate."""
    first = block.lines[0]
    if not is_running_text(first) or len(block.raw_text.split()) < 12:
        return False
    if previous is not None and previous.kind == "heading":
        return True
    return not body_seen and first.page == 1 and bool(TERMINAL.search(block.raw_text.rstrip()))


def _continues_paragraph(previous: Block, block: Block) -> bool:
    """A few lines right below a paragraph in its face and size that carry on its sentence (it ends without a stop,
    they begin in lower case): its last lines, which the layout set apart (a short last line of a full-width
    abstract falls in the column zone below it), not a footnote in small print."""
    last, first = previous.lines[-1], block.lines[0]
    return (
        previous.kind in ("paragraph", "caption")
        and len(previous.lines) >= 2
        and first.page == last.page
        and first.font == last.font
        and abs(first.size - last.size) < 0.3
        and 0 <= first.top - last.bottom <= 1.5 * last.size
        and abs(first.x0 - min(line.x0 for line in previous.lines)) <= last.size
        and first.text[:1].islower()
        and not TERMINAL.search(last.text.rstrip())
    )


def _continues_caption(caption: Block, block: Block) -> bool:
    """A few lines right under a caption, at its line spacing and within its width, that carry on its sentence (the
    caption stops without a stop, or they begin in lower case): its last line, which a change of face or a centred
    short line set apart ("Figure 1. Magnetization as a / function of applied field."), not a note in small print.
    A caption of one line counts too, and its label's bold face is no other face: `_continues_paragraph` asks for
    two lines in one face at one left edge, which centred captions and bold labels lack."""
    if caption.kind != "caption":
        return False
    last, first = caption.lines[-1], block.lines[0]
    size = max(1.0, last.size)
    left = min(line.x0 for line in caption.lines)
    right = max(line.x1 for line in caption.lines)
    ends_open = not TERMINAL.search(last.text.rstrip())
    return (
        first.page == last.page
        and len(block.lines) <= 3
        and abs(first.size - last.size) < 0.5
        and 0 <= first.top - last.bottom <= 0.8 * size
        and first.x0 >= left - size
        and first.x1 <= right + size
        and (ends_open or first.text[:1].islower())
    )


def run_in_heading(block: Block, typo: Typography, config: LayoutConfig) -> str | None:
    """A lead-in that opens a paragraph in a face of its own ("Results:", "Background.", "Study design."): its
    text, else None. A bolder face may end in a colon or a full stop; any other face (font names may say nothing
    of weight) must end in a colon."""
    line = block.lines[0]
    words = line.words
    if not words or words[0].fontname == line.font:
        return None
    lead = []
    for word in words:
        if word.fontname != words[0].fontname:
            break
        lead.append(word)
    if len(lead) == len(words) or len(lead) > config.run_in_heading_max_words:
        return None
    text = " ".join(word.text for word in lead).strip()
    if not text[:1].isupper():
        return None
    bolder = typo.weight(words[0].fontname, config) > typo.weight(line.font, config)
    if text.endswith(":") or (bolder and text.endswith(".") and not text.endswith("..")):
        return text
    # a bold label in capitals needs no stop ("IMPORTANCE", "KEYWORDS" set beside the text's first line)
    capitals = sum(ch.isalpha() for ch in text) >= 4 and text.isupper() and len(lead) <= 3
    return text if bolder and (capitals or section_name(text) in config.top_level_sections) else None


def _monospaced(font: str, config: LayoutConfig) -> bool:
    return is_monospaced_font(font, config)


def is_code(block: Block, typo: Typography, config: LayoutConfig) -> bool:
    """A code listing, commands or program output: nearly all its characters in a monospaced face, in a document
    whose body is not. Set apart from the prose in a face of its own, it read as a heading (a short listing) or as
    prose; code named inside a sentence leaves most of the block in the body's face."""
    if _monospaced(typo.body_font, config):
        return False
    total = monospaced = 0
    for line in block.lines:
        for word in line.words:
            total += len(word.text)
            monospaced += len(word.text) if _monospaced(word.fontname, config) else 0
    return total > 0 and monospaced >= 0.8 * total


def is_metadata(text: str, config: LayoutConfig) -> bool:
    """Front and back matter that is no prose: a block opening with a metadata cue (DOI, licence, correspondence,
    dates), a short block with an e-mail address (affiliations and correspondence), or a short one mostly link."""
    if config.metadata_pattern.match(text):
        return True
    if len(text) <= 1500 and EMAIL.search(text):
        # a sentence that gives an address ("feel free to ask a question to a mailing list, e.g. r-help@...") is
        # prose; affiliations and correspondence lines are capitalised word by word
        # (a sentence ends; an author's note runs on to a link; a correspondence cue inside marks a note's address)
        closed = bool(TERMINAL.search(text.rstrip())) and not config.correspondence_pattern.search(text)
        return not (closed and _sentence_around(LINK.sub(" ", EMAIL.sub(" ", text))))
    if len(text) > 250 or sum(len(link) for link in LINK.findall(text)) < 0.3 * len(text):
        return False
    # a sentence that gives a link ("... is available at http://...") is prose
    return not _sentence_around(LINK.sub(" ", text))


def _sentence_around(rest: str) -> bool:
    """The words besides a link or address read as a sentence: eight or more, mostly in lower case (a journal's
    citation line or an affiliation is capitalised word by word)."""
    words = [w.lstrip("(“\"'") for w in rest.split() if sum(ch.isalpha() for ch in w) >= 2]
    return len(words) >= 8 and sum(w[:1].islower() for w in words) >= 0.5 * len(words)


def is_figure_text(text: str) -> bool:
    """Words and numbers printed inside a figure: mostly tick values, single letters and short labels, few words of
    prose. Table text outside a detected table region reads the same way and is no prose either."""
    tokens = text.split()
    if len(tokens) < 6:
        return False
    words = sum(1 for token in tokens if sum(ch.isalpha() for ch in token) >= 3)
    return words < 0.4 * len(tokens)


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


# a heading's numbering: "2.1", "II.", "A." (REVTeX's second level), "II.2." (REVTeX 4.2's), "A.1" (an appendix's)
SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|(?:[IVX]{1,5}|[A-Z])(?:\.|(?:\.\d{1,2}){1,4}\.?))\s+")


def _small_face_subheadings(blocks: list[Block], typo: Typography, config: LayoutConfig) -> list[Block]:
    """Subheadings set no larger than the body, in a face of their own (an italic or sans line a little smaller than
    the text, as BMC and Springer set their third level, REVTeX its numbered heads in small bold capitals): a
    one-line, unpunctuated, capitalised block right above a body paragraph, at its left edge or centred over it.
    Too small for a heading by size, they were read as footnotes in the middle of the text. The face must head at
    least two sections, so that a lone label above a paragraph (a figure's or a box's) is not taken for one. A line
    of such a face right above another heading (a section's title over its first subsection's, "II. FORMATTING" over
    "II.1. Preprint options") is one too."""
    candidates: dict[tuple[str, float], list[Block]] = {}
    over_a_heading: list[tuple[Block, Block]] = []  # (a line in a face of its own, the block right under it)
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if block.kind not in ("footnote", "paragraph") or following is None or len(block.lines) != 1:
            continue
        line, next_line = block.lines[0], following.lines[0]
        text = block.raw_text.strip()
        numbering = SECTION_NUMBER.match(text)
        words = text[numbering.end() :].split() if numbering else text.split()
        letters = [ch for ch in " ".join(words) if ch.isalpha()]
        # a capitalised first word ("Data analysis") or a line in capitals ("MATH AND EQUATIONS", or with a name in
        # lower case: "OPTIONS FOR asmeconf.cls"), not a symbol
        in_capitals = sum(ch.isupper() for ch in letters) >= max(4, 0.6 * len(letters))
        worded = bool(words) and (sum(ch.islower() for ch in words[0]) >= 2 or (in_capitals and words[0].isupper()))
        if not (
            set_in_its_own_face(line, typo, config)
            and 1 <= len(words) <= 10
            and words[0][:1].isupper()
            and worded
            and not TERMINAL.search(text)
            and not config.caption_pattern.match(text)
            # a subsection about references ("3. References" in an author guide) would end the body text here: the
            # reference list's own heading is left to the heading rules proper
            and section_name(text) not in config.reference_headings
            and block.font != typo.body_font
            and typo.body_size - 1.5 <= block.size <= typo.body_size + 0.3
        ):
            continue
        paragraph_left = min(other.x0 for other in following.lines[:3])
        paragraph_right = max(other.x1 for other in following.lines[:3])
        close_below = next_line.page == line.page and 0 <= next_line.top - line.bottom <= 2 * typo.body_size
        if close_below and len(following.lines) == 1 and following.kind in ("footnote", "paragraph", "heading"):
            over_a_heading.append((block, following))
        body_below = (
            following.kind == "paragraph"
            and abs(following.size - typo.body_size) <= 0.6
            and next_line.page == line.page
            and 0 <= next_line.top - line.bottom <= 2 * typo.body_size
            # at the paragraph's left edge or centred over it: its lines' extent, not its first line's, which
            # classes indent by up to two ems (ASME's by 18 pt, also under a one-line paragraph)
            and (
                abs(paragraph_left - line.x0) <= 1.5 * typo.body_size
                or 0 <= next_line.x0 - line.x0 <= 2 * typo.body_size
                or (
                    line.x0 > paragraph_left
                    and line.x1 < paragraph_right
                    and abs((line.x0 + line.x1) / 2 - (paragraph_left + paragraph_right) / 2) <= typo.body_size
                )
            )
            and (any(is_running_text(other) for other in following.lines[:2]) or _one_sentence(following))
        )
        if body_below:
            candidates.setdefault((block.font, round(block.size, 1)), []).append(block)
    found = [block for group in candidates.values() if len(group) >= 2 for block in group]
    heading_faces = {(block.font, round(block.size, 1)) for block in found}
    # (walked from the page's end, so that a chain of three levels is found from its lowest)
    for block, following in reversed(over_a_heading):
        under_is_heading = following.kind == "heading" or any(following is other for other in found)
        if under_is_heading and (block.font, round(block.size, 1)) in heading_faces:
            found.append(block)
    return found


def _one_sentence(block: Block) -> bool:
    """A one-line paragraph that is a sentence ("Provide a brief conclusion."): words mostly in lower case, a stop."""
    text = block.raw_text.strip()
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(block.lines) == 1
        and len(text.split()) >= 4
        and text.endswith(".")
        and sum(ch.islower() for ch in letters) >= 0.75 * max(1, len(letters))
    )


def _lower_case_heads_in_heading_style(blocks: list[Block], typo: Typography, config: LayoutConfig) -> list[Block]:
    """Headings that open with a lower-case letter because they name a function, package or gene ("svdPca",
    "mRNA decay"), set in the very face and size of the document's other headings, larger than the body: a lone
    unpunctuated line right above a body paragraph at its left edge. A lower-case start keeps them from the heading
    rules (it is the mark of a sentence's continuation), so they were read as notes in the middle of the text; the
    heading style seen on at least two headings of the document is the evidence instead."""
    heading_styles = Counter((b.font, round(b.size, 1)) for b in blocks if b.kind == "heading")
    found: list[Block] = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if block.kind not in ("footnote", "paragraph") or following is None or len(block.lines) != 1:
            continue
        line, next_line = block.lines[0], following.lines[0]
        text = block.raw_text.strip()
        if not (
            text[:1].islower()
            and 1 <= len(text.split()) <= 6
            and not TERMINAL.search(text)
            and not any(mark in text for mark in ",;:")
            and block.size >= typo.body_size + 0.5
            and heading_styles[(block.font, round(block.size, 1))] >= 2
        ):
            continue
        if (
            following.kind == "paragraph"
            and abs(following.size - typo.body_size) <= 0.6
            and next_line.page == line.page
            and 0 <= next_line.top - line.bottom <= 2 * typo.body_size
            and abs(next_line.x0 - line.x0) <= 1.5 * typo.body_size
            and is_running_text(next_line)
        ):
            found.append(block)
    return found


# a relation or big operator of a formula ("SSX =", "i∈Oj", "∑"); not < and >, which code prompts ("R>") and
# p-values in headings carry
MATH_RELATION = re.compile(r"[=≤≥≈≠≡∝∈∉⊂⊆∑∏∫]")
LETTER_RUN = re.compile(r"[^\W\d_]{3}")


def _formula_like(text: str) -> bool:
    """A piece of a displayed formula: a relation sign with at most one plain word ("SSX = (xij)", "NRMSEPk ="; a
    heading with a formula in it, "A subsection with math, ai = √β", is written in words), or no token holding
    three letters in a row (a lone exponent "2", an index "j", "oj s2x"; a name such as "svdPca" is a word)."""
    tokens = text.split()
    plain_words = [token for token in tokens if PLAIN_WORD.fullmatch(token) and len(token.rstrip(".,;:")) >= 3]
    if MATH_RELATION.search(text) and len(plain_words) < 2:
        return True
    return not any(LETTER_RUN.search(token) for token in tokens)


def _displayed_formula_pieces(blocks: list[Block], typo: Typography, config: LayoutConfig) -> list[Block]:
    """The pieces of a displayed formula between body paragraphs (its main line, its exponents and indices set
    smaller): one or two short lines of symbols with body text below them on the page, in their column. Set apart
    in math faces, the main line read as a heading (a new section "SSX = (xij)") and the small pieces as footnotes;
    but a footnote sits under the text at the page foot, and a heading is written in words. A formula is no prose:
    it is typed as the figure text is (the text layer of a displayed equation reads as such)."""
    body_lines = [
        line
        for block in blocks
        if block.kind == "paragraph" and abs(block.size - typo.body_size) <= 0.6
        for line in block.lines
        if is_running_text(line)
    ]
    found: list[Block] = []
    for block in blocks:
        if block.kind not in ("footnote", "heading") or len(block.lines) > 2 or len(block.raw_text.split()) > 8:
            continue
        if is_code(block, typo, config):
            continue  # (a command line, "R> plot(x)", is the code rule's)
        last = block.lines[-1]
        if block.kind == "footnote" and block.size < typo.body_size - 0.3:
            # small print set level with a line of body text, inside it: an inline fraction's numerator or
            # denominator ("is √(nObs/(nObs−1)) when"); a footnote stands under the text, never beside it
            if any(_level_beside(line, last, typo.body_size) for line in body_lines):
                found.append(block)
                continue
        if not _formula_like(block.raw_text):
            continue
        if block.kind == "heading" and block.size > typo.body_size + 0.5:
            continue  # a formula's main line is set in the body's size; a larger heading is one ("5 to do")
        if any(
            line.page == last.page and line.top >= last.bottom and line.x0 < last.x1 and line.x1 > last.x0
            for line in body_lines
        ):
            found.append(block)
    return found


def _level_beside(line: Line, piece: Line, size: float) -> bool:
    """A body line level with the piece and within an em and a half of it (the line's words stop short of a fraction's
    wider bar): the piece is set inside that line of text (an inline fraction's numerator or denominator, "is
    √(nObs/(nObs−1)) when"), where no footnote stands."""
    level = min(line.bottom, piece.bottom) - max(line.top, piece.top) > 0.3 * min(
        line.bottom - line.top, piece.bottom - piece.top
    )
    near = piece.x0 - 1.5 * size <= line.x1 and line.x0 <= piece.x1 + 1.5 * size
    return line.page == piece.page and level and near


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
    anchors = [rank_of(b) for b in headings if section_name(b.raw_text) in config.top_level_sections]
    anchor = min(anchors) if anchors else 0
    for block in headings:
        rank = max(0, rank_of(block) - anchor)
        numbered = NUMBERED_HEADING.match(block.raw_text)
        if numbered and numbered.group(1):
            block.level = numbered.group(1).count(".") + 1
        elif numbered and numbered.group(3):  # "II.2.": one level under its section's
            block.level = numbered.group(3).count(".") + 1
        else:
            block.level = rank + 1


# set in the middle of a paragraph without ending it (not a listing: its text is read in its place, between the
# parts of the sentence it stands in, "as follows: ... where")
ASIDE_KINDS = ("caption", "footnote", "metadata", "figure_text")


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
    # a paragraph cut by a column or page end fills its last line; one whose last line stops well short of the
    # column's edge ended there (a keyword list, a heading-like line without a stop), even without a full stop
    last = first.lines[-1]
    ended_short = last.x1 < last.right - 0.25 * max(1.0, last.right - last.left)
    return not TERMINAL.search(end) and not indented and not ended_short


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


def _cut_at_region_end(block: Block, region_last: dict[int, int]) -> bool:
    """The paragraph runs to the end of its region with a full last line and no closing stop: a column or page
    end cut it, so some later region holds the rest."""
    last = block.lines[-1]
    # the edges of the paragraph's widest region: a line alone in a region of its own is full by its own measure
    right = max(line.right for line in block.lines)
    left = min(line.left for line in block.lines)
    full = last.x1 >= right - 0.1 * max(1.0, right - left)
    return (
        block.kind == "paragraph"
        and len(block.lines) >= 2  # a lone line without a stop is as often a label or keyword list
        and region_last.get(last.region) == id(last)
        and full
        and not TERMINAL.search(last.text.rstrip())
    )


def _ended(block: Block) -> bool:
    """The paragraph's last line closes with a stop or stops well short of its column's edge."""
    last = block.lines[-1]
    right = max(line.right for line in block.lines)
    left = min(line.left for line in block.lines)
    return bool(TERMINAL.search(last.text.rstrip())) or last.x1 < right - 0.25 * max(1.0, right - left)


def _right_under(paragraph: Block | None, line: Line) -> bool:
    """The line follows the paragraph's last line in its region, at about the spacing of its lines."""
    if paragraph is None:
        return False
    last = paragraph.lines[-1]
    return (
        last.region == line.region
        and last.page == line.page
        and 0 <= line.top - last.bottom <= 1.0 * max(1.0, last.size)
    )


def _resumes_after_float(paragraph: Block, block: Block) -> bool:
    """A figure or table with its caption set inside a column, in the middle of a paragraph: the paragraph's
    last line above the float, full to the column's edge, runs on into the first line below it on the same page,
    mid-sentence (a lower-case start, or a line ending in a hyphen or comma), so the float is read after the whole
    paragraph. A single line above the float (a running head, a piece of a formula, a label) is no such paragraph."""
    last, first = paragraph.lines[-1], block.lines[0]
    end = last.text.rstrip()
    right = max(line.right for line in paragraph.lines)
    left = min(line.left for line in paragraph.lines)
    return (
        block.kind == "paragraph"
        and len(paragraph.lines) >= 2
        and last.x1 >= right - 0.1 * max(1.0, right - left)
        and first.page == last.page
        and first.top > last.bottom
        and (first.text.lstrip()[:1].islower() or end.endswith(("-", ",")))
    )


def _runs_on_past_inline_pieces(paragraph: Block, block: Block, asides: list[Block]) -> bool:
    """The block's first line is the paragraph's next line, at its line spacing, and all that was read in between
    are pieces of an inline formula set in small type between the two lines (a fraction's denominator, a subscript
    below the line): read as lines of their own, they cut the paragraph there, mid-sentence. A displayed formula
    stands apart from the text by more than a line's spacing, and its own lines (typed as paragraphs, "x = u") are
    no running text."""
    if not asides or any(aside.kind != "figure_text" for aside in asides):
        return False
    last, first = paragraph.lines[-1], block.lines[0]
    if not is_running_text(last):
        return False
    size = max(1.0, last.size)
    if not (last.page == first.page and last.region == first.region and 0 <= first.top - last.bottom <= 0.8 * size):
        return False
    left = min(line.x0 for line in paragraph.lines)
    right = max(line.x1 for line in paragraph.lines)
    return all(
        line.page == last.page
        and line.size < last.size - 0.3
        and line.top >= last.top - 0.5 * size
        and line.bottom <= first.bottom + 0.5 * size
        and line.x0 >= left - size
        and line.x1 <= right + size
        for aside in asides
        for line in aside.lines
    )


def join_continuations(blocks: list[Block]) -> list[Block]:
    """Merge a paragraph cut by a column or page break, or by a figure or caption set in the middle of it. A box or
    sidebar read between the two parts (its own heading, paragraphs that end short) does not take the rest: a
    lower-case start in a later region goes back to the last paragraph a region end cut off."""
    region_last: dict[int, int] = {}
    for block in blocks:
        for line in block.lines:
            region_last[line.region] = id(line)
    result: list[Block] = []
    open_paragraph: Block | None = None
    cut_offs: list[Block] = []  # paragraphs cut at their region's end that nothing has continued yet, latest last
    float_between = False  # a caption came after the open paragraph: a float set inside its column
    asides: list[Block] = []  # the blocks set aside since the open paragraph
    for block in blocks:
        first = block.lines[0]
        if block.kind == "code" and result and result[-1].kind == "code" and result[-1].lines[-1].page == first.page:
            result[-1].lines.extend(block.lines)  # one listing, whose lines the paragraph breaks had cut apart
            continue
        if block.kind in ASIDE_KINDS and open_paragraph is not None:
            result.append(block)
            asides.append(block)
            float_between = float_between or block.kind == "caption"
            continue
        if (
            open_paragraph is not None
            and block.kind == "paragraph"
            and _runs_on_past_inline_pieces(open_paragraph, block, asides)
            and _can_continue(open_paragraph, block)
        ):
            open_paragraph.lines.extend(block.lines)
            continue
        if (
            block.kind == "paragraph"
            and first.text[:1].islower()
            and (open_paragraph is None or _ended(open_paragraph))
            # text a region end cut off resumes at the top of a region (a column's, or below a float), not right
            # under a paragraph of its own region (a reference entry's link on the line under the entry's first)
            and not _right_under(open_paragraph, first)
        ):
            earlier = next(
                (
                    b
                    for b in reversed(cut_offs)
                    if b is not open_paragraph
                    and b.lines[-1].region != first.region
                    and first.page - b.lines[-1].page <= 1
                    and _can_continue(b, block)
                ),
                None,
            )
            if earlier is not None:
                earlier.lines.extend(block.lines)
                cut_offs.remove(earlier)
                open_paragraph = earlier
                continue
        if open_paragraph is not None and (
            open_paragraph.lines[-1].region != first.region
            or (float_between and _resumes_after_float(open_paragraph, block))
        ):
            if _can_continue(open_paragraph, block):
                open_paragraph.lines.extend(block.lines)
                cut_offs = [b for b in cut_offs if b is not open_paragraph]
                continue
        if result and _continues_heading(result[-1], block):
            result[-1].lines.extend(block.lines)
            continue
        result.append(block)
        open_paragraph = block if block.kind == "paragraph" else None
        float_between = False
        asides = []
        if open_paragraph is not None and _cut_at_region_end(open_paragraph, region_last):
            cut_offs = [*cut_offs[-2:], open_paragraph]
    return _links_rejoined(result)


def _links_rejoined(blocks: list[Block]) -> list[Block]:
    """A link inside a sentence, set in a face of its own on a line of its own, cut its paragraph in three (text,
    a metadata block of the bare link, the rest): the link goes back into the paragraph its sentence runs on from,
    and so does the rest where the sentence runs on past the link (no stop after it, or a lower-case start)."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.kind == "paragraph"
            and block.kind == "metadata"
            and len(block.lines) <= 2
            and block.lines[0].page == previous.lines[-1].page
            and LINK.fullmatch(re.sub(r"\s+", "", block.raw_text).rstrip(".,;)"))
            and not TERMINAL.search(previous.lines[-1].text.rstrip())
        ):
            previous.lines.extend(block.lines)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if (
                following is not None
                and following.kind == "paragraph"
                and following.lines[0].page == block.lines[-1].page
                and (following.lines[0].text[:1].islower() or not TERMINAL.search(block.lines[-1].text.rstrip()))
            ):
                previous.lines.extend(following.lines)
                index += 1
            index += 1
            continue
        result.append(block)
        index += 1
    return result


def _tick_values(block: Block) -> int:
    return sum(1 for token in block.raw_text.split() if any(ch.isdigit() for ch in token) and len(token) <= 8)


def _has_words(block: Block) -> bool:
    """Four words or more (tokens of three letters or more): text, not a stray tick value or legend key typed as a
    paragraph ("2000", "yini*i 1 2 3 4")."""
    return sum(sum(ch.isalpha() for ch in token) >= 3 for token in block.raw_text.split()) >= 4


def _family(font: str) -> str:
    """A font's family, without its subset prefix, weight and style ("Helvetica-Bold" and "Helvetica" are one;
    "Arial-BoldMT" and "ArialMT" too)."""
    name = re.split(r"[-,]", font.split("+")[-1].lower())[0]
    return re.sub(r"(?:ps)?mt$", "", name)


def _figure_labels_read_as_headings(blocks: list[Block], typo: Typography) -> list[Block]:
    """Axis titles, panel names and legend entries of a plot ("2011 Time (weeks)", "Training", "Temperature (K)"):
    short lines set apart in their own face, so typed as headings (a bogus section) or notes. No body paragraph
    follows such a label, only more figure text or the figure's caption; and the drawing area is told by its own
    text: tick values (numbers in the label's block, or in figure text beside it or right above or below it), or
    the label set in the face of the page's figure text, which is not the body's. A real heading above a figure is
    followed by its section's text, and one set in the face and size of a heading that is followed by a body
    paragraph (the document's heading style) is kept."""
    heading_styles = {
        (block.font, round(block.size, 1))
        for block, following in zip(blocks, blocks[1:], strict=False)
        if block.kind == "heading"
        and following.kind == "paragraph"
        and following.lines[0].page == block.lines[0].page
        and _has_words(following)
    }
    figure_blocks = [block for block in blocks if block.kind == "figure_text"]
    reach = 3 * typo.body_size  # how far from a plot's tick values its labels are set
    found: list[Block] = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if block.kind not in ("heading", "footnote") or len(block.lines) > 3 or len(block.raw_text.split()) > 12:
            continue
        if (block.font, round(block.size, 1)) in heading_styles or TERMINAL.search(block.raw_text.rstrip()):
            continue
        first, last = block.lines[0], block.lines[-1]
        if (
            following is None
            or following.lines[0].page != last.page
            or (
                following.kind not in ("figure_text", "caption")
                and (following.kind != "paragraph" or _has_words(following))
            )
        ):
            continue
        x0, x1 = min(line.x0 for line in block.lines), max(line.x1 for line in block.lines)
        ticks_beside = sum(
            _tick_values(figure)
            for figure in figure_blocks
            if any(
                line.page == first.page
                and line.x0 < x1 + reach
                and line.x1 > x0 - reach
                and line.top < last.bottom + reach
                and line.bottom > first.top - reach
                for line in figure.lines
            )
        )
        in_figure_face = block.font != typo.body_font and any(
            figure.lines[0].page == first.page
            and (
                figure.font == block.font
                # a plot drawn by a graphics program keeps its own family (Helvetica, Arial), not the document's,
                # and sets its titles in that family's bold: "Lemming model" over "0 10 20 30"
                or (_family(figure.font) == _family(block.font) != _family(typo.body_font))
            )
            for figure in figure_blocks
        )
        if _tick_values(block) + ticks_beside >= 3 or in_figure_face:
            found.append(block)
    return found
