"""Body-text recall without gold: how much of a PDF's own text layer reaches the NLP stage as prose.

The reference is every run of eight words (a shingle) of the PDF's text as pypdfium2 reads it (content-stream
order, independent of our ingest), normalized, except shingles printed on two or more pages (running heads,
footers, licence lines) and the text after the last "References"-like heading (the reference list is not body
text). Recall is the share of reference shingles found, in order, in the document's sentences; `any_passage` the
share found in any passage, so `recall < any_passage` means body text was typed as something other than prose.
Captions and table text are references too, so a document's ceiling is a little below 1.0.

One departure from the shared script's idea: pypdfium2 marks a glyph it cannot map to Unicode (a ligature without a
ToUnicode entry, say) with U+FFFE, and deleting the mark leaves "denition" in the reference, which a correctly
repaired "definition" never matches. Shingles that touch such a glyph are left out of the reference instead; so are
those through a glyph pdfium flags as wrongly mapped (a "Th" ligature read as "+", leaving "+e" for "The").

(Printable ASCII characters of an unnamed font without a map, TeX's bitmap fonts, are kept: their codes are their text.)

A second one: the text layer glues a superscript to the word before it ("translation1,2", "10^6" as "106"), so the
reference would hold a token no reader sees and no correct text can match. A run of raised, smaller digits (set
at most 0.85 of the size of the character before it, its baseline raised by 0.15 of that size or more: a
citation marker, an exponent) is read as a word of its own, as printed.

A third: what a reader does not take for body text is left out as the running heads are: margin line numbers
(the text layer starts each numbered line with its number, so no shingle of those lines could be matched by a
correct text) and a reference list set without a heading (numbered entries 1, 2, 3 ... with years, after the
text). `printed=False` gives the shared script's reference exactly.

A fourth: a line printed on three or more pages (two in a document of up to three), digits aside, is a running head or
footer and is taken out of each page's text before shingling. The shared script leaves out only the shingles wholly
inside such a line; the seven that run from a running head into the page's first words of body text are printed on
that page alone, so they stayed in the reference and a text that (rightly) drops the running head could not match
them, while one that read the head into the body did.

A fifth: a bare page number (the first or last line of its page, a number whose value minus the page's index is the
same on three or more pages) is a running foot without a letter, which the fourth rule cannot take: left in, the
shingles from a page's last words into its folio ("... below shuffles the indices 6") could only be matched by a
text that reads the page number as body text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHINGLE = 8
BACK_MATTER = re.compile(r"^\s*(references|bibliography|literature cited|references and notes)\s*$", re.I | re.M)
DASHES = re.compile(r"\s*[\u2010\u2011\u2012\u2013\u2014\u2212-]\s*")
UNMAPPED = "\ufffe"  # pypdfium2's mark for a glyph with no Unicode
SUPERSCRIPT_RUN = re.compile(r"^[0-9,\u2010-\u2014\u2212-]*[0-9][0-9,\u2010-\u2014\u2212-]*$")


@dataclass(frozen=True)
class TextRecall:
    reference_shingles: int
    recall: float
    any_passage: float


def normalized_words(text: str, keep_unmapped: bool = False) -> list[str]:
    """Lower-case words of letters and digits; with `keep_unmapped`, a word holding an unmappable glyph keeps its
    U+FFFE mark (so the shingles around it can be left out)."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\ufffe\s*", UNMAPPED if keep_unmapped else "", text).replace("\x02", "").replace("\xad", "")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text).lower()
    text = DASHES.sub("", text)
    return re.sub(r"[^0-9a-z\ufffe]+", " ", text).split()


def shingles(words: list[str]) -> list[str]:
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def page_texts(pdf: Path, printed: bool = True) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            text = text_page.get_text_range()
            texts.append(as_printed(text_page, text) if printed else text)
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def as_printed(text_page, text: str) -> str:
    """`text` (the text page's whole text) with each run of raised, smaller digits set apart from the words it
    touches by spaces, and each glyph pdfium flags as wrongly mapped marked unmapped (see the module's note)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    char_of = _char_indices(text_page, text)
    if char_of is None:
        return text  # characters and text do not line up: leave the text as pdfium gives it
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()

    def size_and_baseline(position: int) -> tuple[float, float]:
        index = char_of[position]
        pdfium_c.FPDFText_GetMatrix(text_page.raw, index, matrix)
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        size = pdfium_c.FPDFText_GetFontSize(text_page.raw, index) * scale
        pdfium_c.FPDFText_GetCharOrigin(text_page.raw, index, x, y)
        up = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 or 1.0
        return size, (x.value * matrix.c + y.value * matrix.d) / up  # the baseline along the glyph's up direction

    out: list[str] = []
    index = 0
    anchor: tuple[float, float] | None = None  # size and baseline of the last letter or digit on the line
    while index < len(text):
        char = text[index]
        if anchor is not None and not char.isspace():
            run_end = index
            while run_end < len(text) and not text[run_end].isspace():
                size, baseline = size_and_baseline(run_end)
                if size >= 0.85 * anchor[0] or baseline < anchor[1] + 0.15 * anchor[0]:
                    break
                run_end += 1
            if run_end > index and SUPERSCRIPT_RUN.match(text[index:run_end]):
                glued_before = bool(out) and out[-1][-1:].isalnum()
                glued_after = run_end < len(text) and text[run_end].isalnum()
                out.append((" " if glued_before else "") + text[index:run_end] + (" " if glued_after else ""))
                index = run_end
                continue
        if (
            not _blank(char)
            and pdfium_c.FPDFText_HasUnicodeMapError(text_page.raw, char_of[index]) == 1
            and not _tex_bitmap_letter(text_page, char_of[index], char)
        ):
            char = UNMAPPED
        if char.isalnum():
            anchor = size_and_baseline(index)
        elif char in "\r\n":
            anchor = None
        out.append(char)
        index += 1
    return "".join(out)


def _blank(char: str) -> bool:
    """A space or line break of the text. Not Python's `str.isspace`, which also takes the control characters 0x1C to
    0x1F for spaces: a TeX font without a Unicode map (T1 encoding) puts its fi, fl, ffi and ffl ligatures at those
    codes, and read as a space "ﬂat" left "at" in the reference ("nearly at and all genes"), which no repaired text
    holds; such a glyph is unmapped like any other."""
    return char.isspace() and not "\x1c" <= char <= "\x1f"


def _tex_bitmap_letter(text_page, index: int, char: str) -> bool:
    """A printable ASCII character of an unnamed font without Unicode map: TeX's bitmap fonts (Type 3) put their
    text at its ASCII codes, which is what pdfium gives and what a reader sees (the ingest reads them so too)."""
    import pypdfium2.raw as pdfium_c

    if not "!" <= char <= "~":
        return False
    return pdfium_c.FPDFText_GetFontInfo(text_page.raw, index, None, 0, None) <= 1  # the name's length with its NUL


def _char_indices(text_page, text: str) -> list[int] | None:
    """For each character of `text` (the text page's whole text), the index of the text page's character it comes
    from, or None where they cannot be lined up. The two differ where the text has a character outside the Basic
    Multilingual Plane (a maths italic letter: two characters of the page, a surrogate pair) and where the page has
    control characters the text leaves out or marks unmapped (0x02 and 0x03 around hyphens and unmapped glyphs)."""
    import pypdfium2.raw as pdfium_c

    count = text_page.count_chars()
    if len(text) == count:
        return list(range(count))
    indices: list[int] = []
    index = 0
    for char in text:
        while index < count:
            code = pdfium_c.FPDFText_GetUnicode(text_page.raw, index)
            if ord(char) > 0xFFFF and 0xD800 <= code <= 0xDBFF:
                indices.append(index)
                index += 2  # the pair's high and low halves
                break
            if code == ord(char) or (char == UNMAPPED and code < 0x20):
                indices.append(index)
                index += 1
                break
            if code >= 0x20 and code not in (0xFFFE, 0xFFFF) and not char.isspace():
                return None  # a printable character the text does not have: no line-up
            index += 1  # a control character (or a space the text has not) left out of the text
        else:
            return None
    return indices


LINES = re.compile(r"\r\n|\n|\r")
LEADING_INTEGER = re.compile(r"^\s*(\d{1,5})(?:\s+|$)")
ENTRY_START = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})\.?)\s+\S")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def without_line_numbers(text: str) -> str:
    """The page's text with margin line numbers taken off (manuscripts under review, preprints, AASTeX): the text
    layer puts each number at the start of its line, so every shingle of a numbered line would hold a number that no
    reader takes for body text. A line number is a leading integer of a chain of at least eight lines counting up by
    one, most of them on consecutive lines; a numbered list or reference list (one number per entry of several
    lines, a few numbered headings) is no such chain and keeps its numbers."""
    lines = LINES.split(text)
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := LEADING_INTEGER.match(line))]
    # a chain goes on past lines that start with some other integer (the lines of a display equation, "1", "1 + d",
    # are not numbered but start with a digit)
    chains: list[list[tuple[int, int]]] = []
    for line_index, value in numbered:
        going_on = [chain for chain in chains if 1 <= value - chain[-1][1] <= 3]
        if going_on:
            max(going_on, key=len).append((line_index, value))
        else:
            chains.append([(line_index, value)])
    best = max(chains, key=len, default=[])
    if len(best) < 8:
        return text
    adjacent = sum(b[0] - a[0] == 1 and b[1] - a[1] == 1 for a, b in zip(best, best[1:], strict=False))
    if adjacent < 0.7 * (len(best) - 1):
        return text
    # the numbered lines are mostly running prose: a table's numbered rows (a compound or species per row) are not
    prose = 0
    for line_index, _ in best:
        rest = LEADING_INTEGER.sub("", lines[line_index], count=1)
        letters = [ch for ch in rest if ch.isalpha()]
        tokens = rest.split()
        words = sum(token.strip(".,;:()").isalpha() for token in tokens)
        prose += words >= 6 and words >= 0.7 * len(tokens) and sum(ch.islower() for ch in letters) >= 0.8 * len(letters)
    if prose < 0.5 * len(best):
        return text
    for line_index, _ in best:
        lines[line_index] = LEADING_INTEGER.sub("", lines[line_index], count=1)
    return "\n".join(lines)


def numbered_reference_list(pages: list[str]) -> tuple[int, int] | None:
    """(page, offset) where a reference list without a heading starts (BMJ, Scientific Reports, REVTeX set the
    list after the text or a rule, unheaded): entries numbered 1, 2, 3 ... ("1 Author", "1. Author", "[1] Author")
    at line starts, in order, at least six of them, most holding a year. The last such list of the document."""
    found = None
    starts: list[tuple[int, int, int]] = []  # page, offset, number of each line starting with an entry number
    for page_index, text in enumerate(pages):
        for line in re.finditer(r"(?m)^.*$", text):
            match = ENTRY_START.match(line.group(0))
            if match:
                starts.append((page_index, line.start(), int(match.group(1) or match.group(2))))
    for index, (page_index, offset, number) in enumerate(starts):
        if number != 1:
            continue
        entries = [(page_index, offset)]
        expected = 2
        for later_page, later_offset, later_number in starts[index + 1 :]:
            if later_number == expected:
                entries.append((later_page, later_offset))
                expected += 1
        if len(entries) < 6:
            continue
        pieces = []
        for (p0, o0), (p1, o1) in zip(entries, entries[1:], strict=False):
            pieces.append(pages[p0][o0:o1] if p0 == p1 else pages[p0][o0:] + pages[p1][:o1])
        if sum(bool(YEAR.search(piece)) for piece in pieces) >= 0.6 * len(pieces):
            found = (page_index, offset)
    return found


def _running_key(line: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", line.lower()))


def without_running_lines(pages: list[str]) -> list[str]:
    """The pages' text less the lines printed on several pages (digits masked: page numbers, a volume and page range):
    running heads and footers, licence and download stamps. A line must hold a letter and be printed on three or
    more pages (two in a document of up to three), as the structure stage's running lines are."""
    min_pages = 2 if len(pages) <= 3 else 3
    pages_of: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(pages):
        for line in LINES.split(text):
            if any(ch.isalpha() for ch in line):
                pages_of[_running_key(line)].add(index)
    running = {key for key, on in pages_of.items() if len(on) >= min_pages}
    folios = _page_number_lines(pages, min_pages)
    if not running and not folios:
        return pages
    return [
        "\n".join(
            line
            for number, line in enumerate(LINES.split(text))
            if _running_key(line) not in running and (index, number) not in folios
        )
        for index, text in enumerate(pages)
    ]


def _page_number_lines(pages: list[str], min_pages: int) -> set[tuple[int, int]]:
    """(page, line) of each bare page number: the first or last line of its page, a number whose value minus the
    page's index is the same on `min_pages` pages or more (a folio has no letter, so no running line takes it)."""
    candidates: list[tuple[str, int, int, int]] = []
    for index, text in enumerate(pages):
        lines = LINES.split(text)
        filled = [number for number, line in enumerate(lines) if line.strip()]
        for edge, number in (("head", filled[0]), ("foot", filled[-1])) if filled else ():
            value = lines[number].strip()
            if value.isdigit() and len(value) <= 4:
                candidates.append((edge, int(value) - index, index, number))
    runs = Counter((edge, offset) for edge, offset, _index, _number in candidates)
    return {(index, number) for edge, offset, index, number in candidates if runs[(edge, offset)] >= min_pages}


def shingles_per_page(pages: list[str], printed: bool = True) -> list[list[str]]:
    """Each page's 8-word shingles up to the last reference-list heading, none through an unmapped glyph. With
    `printed`, margin line numbers and running lines are taken off and an unheaded numbered reference list ends the
    body text too."""
    if printed:
        pages = without_running_lines([without_line_numbers(text) for text in pages])
    cut: tuple[int, int] | None = None  # (page, offset) of the last reference-list heading
    for index, text in enumerate(pages):
        for match in BACK_MATTER.finditer(text):
            cut = (index, match.start())
    if cut is None and printed:
        cut = numbered_reference_list(pages)
    per_page = []
    for index, text in enumerate(pages):
        if cut and index > cut[0]:
            text = ""
        elif cut and index == cut[0]:
            text = text[: cut[1]]
        per_page.append([s for s in shingles(normalized_words(text, keep_unmapped=True)) if UNMAPPED not in s])
    return per_page


def reference_shingles(pages: list[str], printed: bool = True) -> list[str]:
    per_page = shingles_per_page(pages, printed)
    pages_of: dict[str, set[int]] = defaultdict(set)
    for index, page_shingles in enumerate(per_page):
        for shingle in page_shingles:
            pages_of[shingle].add(index)
    return [s for page_shingles in per_page for s in page_shingles if len(pages_of[s]) < 2]


def text_recall(pdf: Path, sentences: Iterable[str], passages: Iterable[str], printed: bool = True) -> TextRecall:
    reference = reference_shingles(page_texts(pdf, printed), printed)

    def found(texts: Iterable[str]) -> set[str]:
        return set(shingles([w for text in texts for w in normalized_words(text)]))

    in_sentences, in_passages = found(sentences), found(passages)
    total = max(1, len(reference))
    return TextRecall(
        reference_shingles=len(reference),
        recall=sum(s in in_sentences for s in reference) / total,
        any_passage=sum(s in in_passages for s in reference) / total,
    )
