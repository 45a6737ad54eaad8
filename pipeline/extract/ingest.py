"""Ingest: read a PDF with pdfium (pypdfium2) in one pass over its pages.

Each page's characters, rule pieces and images are read once (see `pdfium_page`), its words and table regions
taken from them with pdfplumber's word extractor and table finder, and the page is released, so a long PDF runs in
bounded memory. Anything that makes a file unusable becomes a `DocumentError` with a short, specific reason.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from io import BytesIO
from operator import itemgetter
from pathlib import Path

import pdfplumber
import pypdfium2
from pdfminer.encodingdb import name2unicode
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import CFFFont, Type1FontHeaderParser, getdict
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSEOF
from pdfplumber.page import ALL_ATTRS, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.config import models_dir
from pipeline.corpus import doc_id_for, file_sha256
from pipeline.extract import tables
from pipeline.extract.pdfium_page import read_page as read_pdfium_page
from pipeline.extract.structure.conventions import default_config
from pipeline.extract.structure.repair import (
    UNMAPPED,
    GlyphRepair,
    general_vocabulary,
    is_unmapped,
    mark_unmapped,
)
from pipeline.extract.words import extract_words as words_of_chars
from pipeline.extract.words import word_columns
from pipeline.records import DocumentError, PageContent, PdfContent, PdfPart, RawTable, Word

# pdfminer (asked why a file pdfium cannot open is unusable, and reading pages pdfium cannot decode) warns about
# every odd colour space and font; none of it is actionable for a user.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

CID_PATTERN = re.compile(r"\(cid:\d+\)")

# Latin-1's signs and accented letters (U+00A0-U+00FF): what a wrong Unicode map of a maths font gives its Greek
# letters and symbols (`GlyphNames.correct_contradicted`); a page without one needs no font read for it.
LATIN1_SIGNS_AND_LETTERS = range(0xA0, 0x100)


LATIN1_ANYWHERE = re.compile(f"[{chr(LATIN1_SIGNS_AND_LETTERS.start)}-{chr(LATIN1_SIGNS_AND_LETTERS.stop - 1)}]")


def has_latin1_sign_or_letter(chars: list[dict]) -> bool:
    """Whether a character's text starts with a Latin-1 sign or letter. Most pages have none: the page's text,
    joined and searched once, says so without a step per character; only a page where it finds one is asked
    character by character (a decoded ligature's text may hold one past its first letter)."""
    if not LATIN1_ANYWHERE.search("".join(map(itemgetter("text"), chars))):
        return False
    return any(
        LATIN1_SIGNS_AND_LETTERS.start <= ord(char["text"][0]) < LATIN1_SIGNS_AND_LETTERS.stop
        for char in chars
        if char["text"]
    )


@dataclass(frozen=True)
class Budget:
    """Per-document limits a user can set; None means no limit."""

    max_pages: int | None = None
    max_seconds: float | None = None


def check_pdf_header(path: Path) -> None:
    """Reject files that are not PDFs before the PDF library produces a cryptic error about them."""
    size = path.stat().st_size
    if size == 0:
        raise DocumentError("empty file (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        shown = head[:8].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise DocumentError(f"not a PDF (file starts with '{shown}')")


def open_document(path: Path) -> pypdfium2.PdfDocument:
    """The document opened with pdfium, which also reads files with a broken cross-reference table; a file it
    cannot open raises DocumentError with the reason."""
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        # pdfium's error code is its last error, which an earlier document may have left: ask pdfminer instead
        raise DocumentError(diagnose_unreadable(path)) from error
    if len(document) == 0:
        document.close()
        raise DocumentError("PDF has no pages")
    return document


def diagnose_unreadable(path: Path) -> str:
    """Why pdfium cannot open a file: pdfminer, a slower but more talkative parser, names the problem."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            if next(iter(PDFPage.create_pages(document)), None) is None:
                return "PDF has no pages"
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return "encrypted (password required)"
    except RecursionError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser error is the file's damage, described to the user
        return f"damaged or truncated PDF: {error or type(error).__name__}"
    return "damaged or truncated PDF: the PDF library cannot open it"


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while one page is read. A page makes a dict per character (thousands), which
    set off a young-generation collection every 700 and, kept alive until the page is done, are walked again by each
    one and promoted to be walked by the older generations' collections: about a fourteenth of ingest's time (CPU,
    the benchmark corpus). The page's objects are freed by reference counting when it closes; the few in reference
    cycles (pdfplumber's page views) wait for the first collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_pdf(
    path: Path, budget: Budget = Budget(), sha256: str | None = None, pages: tuple[int, int] | None = None
) -> PdfContent:
    """Read every page's words and table regions, or only pages (first, last), 1-based and inclusive.

    Raises DocumentError for unusable files. The text-layer check needs the whole document, so a part read alone
    skips it and `join_parts` runs it.
    """
    path = Path(path)
    check_pdf_header(path)
    sha256 = sha256 or file_sha256(path)
    started = time.monotonic()
    document = open_document(path)
    glyph_names = GlyphNames(path)
    try:
        n_pages = len(document)
        if budget.max_pages is not None and n_pages > budget.max_pages:
            raise DocumentError(
                f"{n_pages} pages exceeds the page budget of {budget.max_pages} (--max-pages)", status="skipped"
            )
        metadata_title = title_from_metadata(str(document.get_metadata_dict(skip_empty=True).get("Title") or ""))
        first, last = pages or (1, n_pages)
        read = []
        for number in range(first, min(last, n_pages) + 1):
            with collection_paused():
                try:
                    page = read_pdfium_page(document, number - 1)
                except pypdfium2.PdfiumError as error:
                    raise DocumentError(f"damaged or truncated PDF: page {number}: {error}") from error
                if page.unmapped_glyphs:
                    glyph_names.decode(page)
                if has_latin1_sign_or_letter(page.chars):
                    glyph_names.correct_contradicted(page)
                read.append(read_page(page))
                page.close()  # release the page's objects: only its records are kept
            elapsed = time.monotonic() - started
            if budget.max_seconds is not None and elapsed > budget.max_seconds:
                raise DocumentError(
                    f"time budget of {budget.max_seconds:g} s exceeded at page {number} of {n_pages} (--max-seconds)"
                )
    finally:
        document.close()
        glyph_names.close()

    content = PdfContent(
        doc_id=doc_id_for(sha256),
        path=str(path),
        sha256=sha256,
        n_pages=n_pages,
        metadata_title=metadata_title,
        pages=read,
    )
    if pages is None:
        check_text_layer(content)
        repair_glyphs(content)
    return content


# What typesetting and word-processing tools leave in the Title field when the author set none: a file name
# ("6802810.dvi", "Microsoft Word - draft.docx") or a placeholder ("untitled").
PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled\d*|microsoft word - .*|.*\.(?:dvi|pdf|docx?|tex|rtf|indd|qxd|ps|eps))$", re.IGNORECASE
)


def title_from_metadata(title: str) -> str:
    """The PDF metadata's title, or "" where it holds a file name or a placeholder rather than a title."""
    title = title.strip()
    return "" if PLACEHOLDER_TITLE.match(title) else title


def count_pages(path: Path) -> int | None:
    """The page count, to split long PDFs into parts; None when the file cannot be opened (reading says why)."""
    try:
        document = pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
    try:
        return len(document) or None
    finally:
        document.close()


def join_parts(parts: list[PdfPart]) -> PdfContent:
    """One document from the parts read in parallel; the first unreadable part fails the whole document."""
    parts = sorted(parts, key=lambda part: part.first)
    for part in parts:
        if part.content is None:
            raise DocumentError(part.error, status=part.status)
    first = parts[0].content
    content = PdfContent(
        doc_id=first.doc_id,
        path=first.path,
        sha256=first.sha256,
        n_pages=first.n_pages,
        metadata_title=first.metadata_title,
        pages=[page for part in parts for page in part.content.pages],
    )
    covered = content.pages[-1].number if content.pages else 0
    if covered < content.n_pages:  # the page tree's /Count, which the parts were cut from, was short
        content.pages += read_pdf(Path(first.path), sha256=first.sha256, pages=(covered + 1, content.n_pages)).pages
    if [page.number for page in content.pages] != list(range(1, content.n_pages + 1)):
        raise RuntimeError(f"parts cover pages {[(part.first, part.last) for part in parts]}, not the document")
    check_text_layer(content)
    repair_glyphs(content)
    return content


def repair_glyphs(content: PdfContent) -> None:
    """Glyphs without Unicode (ligatures a font maps to NUL, private-use symbols) come out of each page as the
    UNMAPPED marker; with the whole document's words known, each is resolved to the ligature that makes a word, or
    dropped, in the words and the table cells alike, so no control character reaches any output."""
    texts = [word.text for page in content.pages for word in page.words]
    cells = [cell for page in content.pages for table in page.raw_tables for row in table.rows for cell in row if cell]
    content.metadata_title = mark_unmapped(content.metadata_title).replace(UNMAPPED, "")
    if not any(UNMAPPED in text for text in texts + cells):
        return
    repair = GlyphRepair(texts, general_vocabulary(default_config().vocabulary_package))
    repair.first_pass(texts + cells)
    for page in content.pages:
        page.words = [
            replace(word, text=repair.repair(word.text)) if UNMAPPED in word.text else word for word in page.words
        ]
        page.words = [word for word in page.words if word.text.strip()]
        for table in page.raw_tables:
            for reading in (table, table.spaced_reading):
                if reading is not None:
                    reading.rows = [[repair.repair(cell) if cell else cell for cell in row] for row in reading.rows]


# ---------------------------------------------------------------- pdfminer, for pages pdfium cannot decode

# Text render modes that paint nothing: 3 (invisible, as OCR layers and hidden copies are drawn) and 7 (clip only).
INVISIBLE_RENDER_MODES = (3, 7)


class VisibilityAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, which also marks characters a reader never sees: drawn in an invisible render
    mode, or covered by an opaque image painted after them. pdfminer passes neither fact on to its characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._chars: list[LTChar] = []

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        start = len(self.cur_item._objs)
        super().render_string(textstate, seq, ncs, graphicstate)
        drawn = [obj for obj in self.cur_item._objs[start:] if isinstance(obj, LTChar)]
        if textstate.render in INVISIBLE_RENDER_MODES:
            for char in drawn:
                char.hidden = True
        self._chars.extend(drawn)

    def render_image(self, name, stream) -> None:
        super().render_image(name, stream)
        if any(stream.get(key) for key in ("SMask", "Mask", "ImageMask")):
            return  # see-through: a stencil or an image with transparency covers nothing for sure
        x0, y0, x1, y1 = self.cur_item.bbox
        if (x1 - x0) < 20 or (y1 - y0) < 20:
            return
        for char in self._chars:
            cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
            if x0 < cx < x1 and y0 < cy < y1:
                char.hidden = True


class CharFastPage(pdfplumber.page.Page):
    """A pdfplumber page that turns pdfminer's characters into pdfplumber's char dicts with less overhead.

    pdfplumber resolves every attribute of every character through a generic recursive walk, which is about a
    fifth of the reading time of a text-heavy page. Character attributes are plain numbers, strings and tuples of
    numbers, so this builds the same dict (same keys, values and types; tests/test_ingest_fastpage.py compares it
    with stock pdfplumber on real PDFs) directly. Every other object goes through pdfplumber unchanged.
    """

    @classmethod
    def of(cls, page: pdfplumber.page.Page) -> CharFastPage:
        return cls(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)

    @property
    def layout(self):
        """pdfplumber's layout, read through the device that marks hidden characters (`hidden` in their dicts)."""
        if hasattr(self, "_layout"):
            return self._layout
        device = VisibilityAggregator(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
        try:
            PDFPageInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
        except Exception as error:
            raise PdfminerException(error) from error
        self._layout = device.get_result()
        return self._layout

    def process_object(self, obj):
        if type(obj) is not LTChar or isinstance(getattr(obj, "fontname", ""), bytes):
            attr = super().process_object(obj)
            if getattr(obj, "hidden", False):
                attr["hidden"] = True
            return attr
        attr = {}
        for key, value in obj.__dict__.items():
            if key not in ALL_ATTRS:
                continue
            plain = value is None or type(value) in _PLAIN_TYPES
            if not plain and type(value) is tuple:
                plain = all(type(item) in _PLAIN_TYPES for item in value)
            attr[key] = value if plain else resolve_all(value)
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for colour_space in ("ncs", "scs"):
            if hasattr(obj, colour_space):
                attr[colour_space] = _decoded_name(getattr(obj, colour_space).name)
        text = obj.get_text()
        attr["text"] = unicodedata.normalize(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
        state = obj.graphicstate
        attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
        attr["non_stroking_color"] = state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
        # pdfminer places objects relative to the MediaBox; pdfplumber shifts them back (its issue #1181).
        mediabox_x0, mediabox_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mediabox_top
        attr["bottom"] = (self.height - attr["y0"]) + mediabox_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if getattr(obj, "hidden", False):
            attr["hidden"] = True  # only on hidden characters, so every other dict stays pdfplumber's own
        if mediabox_x0 != 0:
            attr["x0"] = attr["x0"] + mediabox_x0
            attr["x1"] = attr["x1"] + mediabox_x0
        return attr


_PLAIN_TYPES = (str, int, float, bool)


@lru_cache(maxsize=256)
def _decoded_name(name: str | bytes) -> str:
    """A colour space's name as pdfplumber decodes it; a page has a handful, decoded once instead of per char."""
    return resolve_and_decode(name)


# TeX's text encodings put letters, digits and most punctuation at their ASCII codes; their control slots hold
# ligatures, dashes and quotes. OT1 (Computer Modern) also moves a few ASCII slots: "{" is the en dash there.
TEX_T1_SLOTS = {
    0x10: "\u201c",
    0x11: "\u201d",
    0x15: "\u2013",
    0x16: "\u2014",
    0x1B: "ff",
    0x1C: "fi",
    0x1D: "fl",
    0x1E: "ffi",
    0x1F: "ffl",
}
TEX_OT1_SLOTS = {
    0x0B: "ff",
    0x0C: "fi",
    0x0D: "fl",
    0x0E: "ffi",
    0x0F: "ffl",
    0x10: "\u0131",
    0x11: "\u0237",
    0x22: "\u201d",
    0x5C: "\u201c",
    0x7B: "\u2013",
    0x7C: "\u2014",
}


@lru_cache(maxsize=1)
def _glyph_name_data() -> dict:
    return json.loads((models_dir() / "structure" / "glyph_names.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=4096)
def glyph_text(name: str) -> str | None:
    """The text a glyph name stands for: the Adobe Glyph List's Unicode (and uniXXXX names), else TeX's maths names
    (models/structure/glyph_names.json), a size variant read as its base glyph ("summationtext" as "summation"); ""
    for a piece of a tall delimiter or a wide accent (it is no character); None for a name not known."""
    data = _glyph_name_data()
    for candidate in (name, *(name[: -len(s)] for s in data["size_suffixes"] if name.endswith(s) and name != s)):
        if candidate in data["names"]:
            return data["names"][candidate]
        try:
            text = name2unicode(candidate)
        except (KeyError, ValueError):
            continue
        if text and not any(is_unmapped(ch) for ch in text):
            return text
    if any(name.endswith(suffix) and name != suffix for suffix in data["piece_suffixes"]):
        return ""
    return None


def font_glyph_names(spec: dict) -> dict[int, str]:
    """Code -> glyph name of a simple font: the names of its encoding's /Differences, over its embedded program's
    own encoding where the font gives no base encoding (a Type 1 program's, FontFile, or a compact one's,
    FontFile3, CFF). pdfminer reads a name the Adobe Glyph List lacks as the base encoding's letter at its code,
    and a CFF program's encoding as the standard encoding: a maths font's big sum at 80 came out as "P", its
    radical at 112 as "p". Empty where no name is known (a named encoding, whose names pdfminer reads)."""
    encoding = resolve1(spec.get("Encoding"))
    names = {}
    if encoding is None or (isinstance(encoding, dict) and "BaseEncoding" not in encoding):
        names = _program_glyph_names(spec)
    if isinstance(encoding, dict):
        code = None
        for item in resolve1(encoding.get("Differences")) or []:
            item = resolve1(item)
            if isinstance(item, int):
                code = item
            elif code is not None and hasattr(item, "name"):
                name = item.name
                names[code] = name.decode("latin-1") if isinstance(name, bytes) else name
                code += 1
    return names


def _program_glyph_names(spec: dict) -> dict[int, str]:
    descriptor = resolve1(spec.get("FontDescriptor")) or {}
    try:
        if "FontFile" in descriptor:
            stream = resolve1(descriptor["FontFile"])
            data = stream.get_data()[: int(resolve1(stream.get("Length1", 0))) or None]
            parser = Type1FontHeaderParser(BytesIO(data))
            names = {}
            while True:
                try:
                    code, name = parser.nextobject()
                except PSEOF:
                    break
                if isinstance(code, int) and isinstance(name, str):
                    names[code] = name
            return names
        if "FontFile3" in descriptor:
            return _cff_encoding(resolve1(descriptor["FontFile3"]).get_data())
    except Exception:  # noqa: BLE001 - a program we cannot read: the glyphs stay as pdfium and pdfminer give them
        return {}
    return {}


def _cff_encoding(data: bytes) -> dict[int, str]:
    """Code -> glyph name of a CFF font program's own encoding (Adobe TN 5176: the top DICT's charset and encoding
    offsets); empty for the predefined standard and expert encodings, which the font's glyph names do not need.

    Written here on pdfminer's INDEX and DICT readers because pdfminer's `CFFFont` pairs a format-0 encoding's codes
    with glyphs by position (wrong names for TeX maths fonts), and fontTools, which reads CFF right, is no dependency
    of ours for this one table."""
    stream = BytesIO(data)
    stream.seek(data[2])  # header size
    CFFFont.INDEX(stream)  # names
    top = getdict(CFFFont.INDEX(stream)[0])
    strings = CFFFont.INDEX(stream)
    charset_at, encoding_at, charstrings_at = (int(top.get(op, [0])[0]) for op in (15, 16, 17))
    if encoding_at <= 1 or charset_at <= 2 or not charstrings_at:
        return {}
    stream.seek(charstrings_at)
    n_glyphs = len(CFFFont.INDEX(stream))

    def name(sid: int) -> str:
        standard = CFFFont.STANDARD_STRINGS
        text = standard[sid] if sid < len(standard) else strings[sid - len(standard)]
        return text.decode("latin-1") if isinstance(text, bytes) else text

    sids = [0]  # glyph 0 is .notdef
    fmt = data[charset_at]
    at = charset_at + 1
    while len(sids) < n_glyphs:
        if fmt == 0:
            sids.append(int.from_bytes(data[at : at + 2], "big"))
            at += 2
        elif fmt in (1, 2):
            first = int.from_bytes(data[at : at + 2], "big")
            width = 1 if fmt == 1 else 2
            left = int.from_bytes(data[at + 2 : at + 2 + width], "big")
            sids.extend(range(first, first + left + 1))
            at += 2 + width
        else:
            return {}
    codes: dict[int, str] = {}
    fmt = data[encoding_at]
    at = encoding_at + 1
    if fmt & 0x7F == 0:
        count = data[at]
        for glyph, code in enumerate(data[at + 1 : at + 1 + count], start=1):
            if glyph < len(sids):
                codes[code] = name(sids[glyph])
        at += 1 + count
    elif fmt & 0x7F == 1:
        ranges, glyph = data[at], 1
        for index in range(ranges):
            first, left = data[at + 1 + 2 * index], data[at + 2 + 2 * index]
            for code in range(first, first + left + 1):
                if glyph < len(sids):
                    codes[code] = name(sids[glyph])
                glyph += 1
        at += 1 + 2 * ranges
    else:
        return {}
    if fmt & 0x80:  # supplements: more codes for glyphs already encoded
        for index in range(data[at]):
            entry = at + 1 + 3 * index
            codes[data[entry]] = name(int.from_bytes(data[entry + 1 : entry + 3], "big"))
    return codes


def _is_unnamed_glyph(char: dict) -> bool:
    """A glyph without Unicode from a font without a name (TeX's bitmap fonts; see `GlyphNames`)."""
    return "unmapped_code" in char and not char["fontname"] and is_unmapped(char["text"])


def _unnamed_glyph_words(page: pdfplumber.page.Page) -> list[str]:
    """The words the page's unnamed glyphs make read at their codes as ASCII: only their own words, any other
    character (a space among them) separating words."""
    as_codes = "".join(
        chr(code) if _is_unnamed_glyph(char) and 0x20 < (code := char["unmapped_code"]) < 0x7F else " "
        for char in page.chars
    )
    return re.findall(r"[a-z]+", as_codes.lower())


class GlyphNames:
    """Unicode for glyphs pdfium has none for, from their font's own encoding: pdfminer decodes glyph names ("T_h"
    -> "Th", "fi") of a font's /Differences, which pdfium does not expose. Only the page's font dictionaries are
    parsed, never its content; the document is opened on the first such glyph. A glyph still without Unicode (a
    composite font without a ToUnicode map) keeps the UNMAPPED marker, which glyph repair resolves or drops.

    TeX's bitmap fonts (Type 3, as dvips and pdfTeX embed PK fonts) have no name, no ToUnicode map and glyph names
    that only number their slots ("/a65"): their codes are those of a TeX text encoding, so where the page's
    unnamed glyphs, read at their codes, make running English (function words among their words), they are read so
    (`_read_as_tex_text`), the control slots by the encoding the page uses (OT1 or T1 ligatures)."""

    def __init__(self, path: Path):
        self.path = path
        self.document = None
        self.pages = None
        # page number -> font name (no subset prefix) -> the font, made on first need (`_font`)
        self.fonts: dict[int, dict[str, _FontEntry]] = {}
        self.failed = False
        self.tex_text: bool | None = None  # do unnamed glyphs read as TeX text at their codes? None: not judged yet
        self.builtin: dict[int, dict[int, str]] = {}  # id of a font dictionary -> code -> glyph name
        self.names_past_latin1: dict[int, bool] = {}  # id of a font dictionary -> does a glyph name read past Latin-1
        self.contradicted: dict[int, dict[str, str]] = {}  # id of a font -> see `_named_instead`

    def decode(self, page: pdfplumber.page.Page) -> None:
        """Give every unmapped character of a pdfium page the text its font's encoding names, where it names one."""
        fonts = self._fonts(page.page_number)
        pieces = []
        for char in page.chars:
            code = char.get("unmapped_code")
            entry = fonts.get(_base_font_name(char["fontname"])) if code is not None else None
            font = self._font(entry) if entry is not None else None
            if font is None:
                continue
            name = self._builtin_names(entry.spec).get(code)
            if name is not None:
                # the font's own name for the glyph decides, known or not: pdfminer's guess for such a font is the
                # standard encoding's letter at the code
                text = glyph_text(name)
                if text == "":
                    pieces.append(char)
                elif text:
                    char["text"] = text
                continue
            try:
                text = font.to_unichr(code)
            except Exception:  # noqa: BLE001 - pdfminer's PDFUnicodeNotDefined and kin: the glyph stays unmapped
                continue
            if text and not any(is_unmapped(ch) for ch in text):
                char["text"] = text
        if pieces:  # pieces of tall delimiters and wide accents: drawing, no text
            dropped = {id(char) for char in pieces}
            page.chars[:] = [char for char in page.chars if id(char) not in dropped]
        self._read_as_tex_text(page)

    def correct_contradicted(self, page: pdfplumber.page.Page) -> None:
        """Give a glyph the text its font names it by where the font's Unicode map contradicts the name with a
        Latin-1 sign or letter: Ghostscript, re-embedding TeX's maths fonts, writes maps that give CMMI's γ, α, ν
        and CMSY's ⊤ as "µ", "³", "¿" and "¦" (the glyph's Greek or maths code point cut to a Latin-1 byte), while
        the font's /Differences still name them "gamma", "alpha", "nu", "latticetop". pdfium reads the map and
        never the names; the map is trusted wherever it agrees with the name or the name says nothing (an unknown
        name, a Latin text glyph, a compatibility equal such as the micro sign for "mu")."""
        fonts = self._fonts(page.page_number)
        # font name -> its corrections, worked out once per page (not once per Latin-1 character: a text font's
        # glyph names were read through each time to learn it has none past Latin-1)
        corrections_of: dict[str, dict[str, str]] = {}
        for char in page.chars:
            text = char["text"]
            if len(text) != 1 or ord(text) not in LATIN1_SIGNS_AND_LETTERS or "unmapped_code" in char:
                continue
            fontname = char["fontname"]
            corrections = corrections_of.get(fontname)
            if corrections is None:
                entry = fonts.get(_base_font_name(fontname))
                corrections = corrections_of[fontname] = self._named_instead(entry) if entry is not None else {}
            if corrections:
                char["text"] = corrections.get(text, text)

    def _named_instead(self, entry: _FontEntry) -> dict[str, str]:
        """Latin-1 text of the font's Unicode map -> the text of its glyph's name, for the codes where the two
        contradict each other (see `correct_contradicted`); only a text the map gives one code, so it tells the
        glyph. A font none of whose glyph names reads as a character past Latin-1 (most text fonts, and every
        composite font, which names no glyph) can contradict nothing: it is not parsed for its map."""
        names = self._builtin_names(entry.spec)
        past_latin1 = self.names_past_latin1.get(id(entry.spec))
        if past_latin1 is None:  # (fonts shared by pages are read once)
            past_latin1 = self.names_past_latin1[id(entry.spec)] = any(_names_past_latin1(names))
        if not past_latin1:
            return {}
        font = self._font(entry)
        corrections = self.contradicted.get(id(font))
        if corrections is not None:
            return corrections
        corrections = self.contradicted[id(font)] = {}
        unicode_map = getattr(font, "unicode_map", None)
        mapped = getattr(unicode_map, "cid2unichr", None)
        if not mapped:
            return corrections
        codes_of: dict[str, list[int]] = {}
        for code, text in mapped.items():
            codes_of.setdefault(text, []).append(code)
        for text, codes in codes_of.items():
            if len(text) != 1 or ord(text) not in LATIN1_SIGNS_AND_LETTERS or len(codes) != 1:
                continue
            name = names.get(codes[0])
            named = glyph_text(name) if name else None
            if (
                named
                and len(named) == 1
                and ord(named) > 0xFF
                and unicodedata.normalize("NFKC", named) != unicodedata.normalize("NFKC", text)
            ):
                corrections[text] = named
        return corrections

    def _builtin_names(self, spec: dict) -> dict[int, str]:
        names = self.builtin.get(id(spec))
        if names is None:
            names = self.builtin[id(spec)] = font_glyph_names(spec)
        return names

    def _font(self, entry: _FontEntry):
        """The page font's pdfminer font, parsed on first need (its Unicode map, widths and encoding: most of
        what reading a page's fonts costs, and most fonts are never asked for); None where pdfminer cannot parse
        it (its glyphs stay as pdfium reads them)."""
        if entry.font is None and not entry.failed:
            try:
                # a font the pages share is parsed once: the manager keeps it by its object number
                entry.font = self.manager.get_font(entry.objid, entry.spec)
            except RecursionError:
                raise
            except Exception:  # noqa: BLE001 - pdfium's reading stands, the glyphs marked for repair
                entry.failed = True
        return entry.font

    def _read_as_tex_text(self, page: pdfplumber.page.Page) -> None:
        unnamed = [char for char in page.chars if _is_unnamed_glyph(char)]
        if not unnamed:
            return
        codes = [char["unmapped_code"] for char in unnamed]
        if self.tex_text is None:
            self.tex_text = self._judge_tex_text(page)
        if not self.tex_text:
            return
        # OT1 puts its ligatures at 0x0B-0x0F, T1 at 0x1B-0x1F: the page's own glyphs tell which it uses
        ot1 = sum(0x0B <= c <= 0x0F for c in codes) > sum(0x15 <= c <= 0x1F for c in codes)
        slots = TEX_OT1_SLOTS if ot1 else TEX_T1_SLOTS
        for char, code in zip(unnamed, codes, strict=True):
            if code in slots:
                char["text"] = slots[code]
            elif 0x20 < code < 0x7F:
                char["text"] = chr(code)

    def _judge_tex_text(self, page: pdfplumber.page.Page) -> bool:
        """Whether the document's unnamed glyphs, read at their codes, make running English: judged once per
        document on their words from its first page on, until enough are read. One page does not tell: a first page
        of a title and a table of contents has few function words, and a part of the document read alone (`read_pdf`'s
        `pages`) must judge as the whole does."""
        check = default_config()  # models/structure/layout.json: tex_text_check
        words: list[str] = []
        document = open_document(self.path)
        try:
            for index in range(len(document)):
                if index + 1 == page.page_number:
                    words += _unnamed_glyph_words(page)
                else:
                    try:
                        other = read_pdfium_page(document, index)
                    except pypdfium2.PdfiumError:
                        break
                    words += _unnamed_glyph_words(other)
                    other.close()
                if len(words) >= check.tex_judged_words:
                    break
        finally:
            document.close()
        if len(words) < check.tex_min_words:
            return False
        share = sum(word in check.tex_function_words for word in words) / len(words)
        return share >= check.tex_min_function_word_share

    def _fonts(self, number: int) -> dict[str, _FontEntry]:
        if number in self.fonts or self.failed:
            return self.fonts.get(number, {})
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdftypes import resolve1

        try:
            if self.document is None:
                self.handle = self.path.open("rb")
                self.document = PDFDocument(PDFParser(self.handle))
                self.pages = PDFPage.create_pages(self.document)
                self.manager = PDFResourceManager()
                self.seen = 0
            while self.seen < number:
                page = next(self.pages)
                self.seen += 1
                fonts = {}
                for reference in (resolve1(resolve1(page.resources or {}).get("Font")) or {}).values():
                    spec = resolve1(reference)
                    name = getattr(resolve1(spec.get("BaseFont")), "name", None)
                    if isinstance(name, bytes):
                        name = name.decode("latin-1")
                    if name and _base_font_name(name) not in fonts:
                        fonts[_base_font_name(name)] = _FontEntry(getattr(reference, "objid", None), spec)
                self.fonts[self.seen] = fonts
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001 - pdfium's reading stands, the glyphs marked for repair
            self.failed = True
        return self.fonts.get(number, {})

    def close(self) -> None:
        if self.document is not None:
            self.handle.close()


@dataclass
class _FontEntry:
    """A font of a page's resources: its object number and dictionary, and the pdfminer font once made."""

    objid: int | None
    spec: dict
    font: object = None
    failed: bool = False


def _names_past_latin1(names: dict[int, str]) -> Iterator[bool]:
    """Per glyph name, whether it reads as one character past Latin-1 (what `_named_instead` corrects to)."""
    for name in names.values():
        named = glyph_text(name)
        yield bool(named) and len(named) == 1 and ord(named) > 0xFF


def _base_font_name(name: str) -> str:
    """A font name without its subset prefix ("ABCDEF+Times-Roman" -> "Times-Roman"): pdfium drops it for some
    fonts, pdfminer never."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def visible_part(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """The page without characters a reader does not see: drawn invisible or under an image, or off the page.

    A page whose text is all invisible is an OCR layer over a scan: that text is the page's content and stays.
    """
    chars = page.chars
    left, top, right, bottom = page.bbox
    # twice the page box, to compare the centres' doubled coordinates (one pass, no division per character)
    left2, top2, right2, bottom2 = 2 * left, 2 * top, 2 * right, 2 * bottom

    def off_page(char: dict) -> bool:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        return not (left <= cx <= right and top <= cy <= bottom)

    counted = getattr(page, "char_visibility", None)  # a pdfium page counts them as it reads its characters
    if counted is not None:
        hidden, any_off_page = counted
    else:
        hidden, any_off_page = 0, False
        for char in chars:
            if "hidden" in char and char["hidden"]:
                hidden += 1
            if not any_off_page and not (
                left2 <= char["x0"] + char["x1"] <= right2 and top2 <= char["top"] + char["bottom"] <= bottom2
            ):
                any_off_page = off_page(char)  # asked again as the filter asks it, so both agree to the last bit
    if not any_off_page and not (0 < hidden < len(chars)):
        return page
    drop_hidden = hidden < len(chars)
    return page.filter(
        lambda obj: obj.get("object_type") != "char" or not ((drop_hidden and obj.get("hidden")) or off_page(obj))
    )


# The word extractor's settings (pdfplumber's names): characters closer than this share of the font size are one
# word (the fixed 3 pt default glues the words of tightly set PDFs together).
X_TOLERANCE_RATIO = 0.15


def extract_words(chars: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(word, its characters) for a page's characters in text-stream order: the words pdfplumber's word extractor
    gives with `x_tolerance_ratio=X_TOLERANCE_RATIO, extra_attrs=["fontname", "size", "upright"]` (see `words`)."""
    return words_of_chars(chars, x_tolerance_ratio=X_TOLERANCE_RATIO)


def read_page(page: pdfplumber.page.Page) -> PageContent:
    page = visible_part(page)
    chars = page.chars
    # the reader's arrays of the characters, where they still describe them (nothing hidden or dropped)
    columns = word_columns(chars, x_tolerance_ratio=X_TOLERANCE_RATIO, columns=getattr(page, "char_columns", None))
    last = len(chars) - 1
    words = [
        Word(
            # a glyph without Unicode, resolved once the whole document is read
            text=text if text.isprintable() and UNMAPPED not in text else mark_unmapped(text),
            x0=x0,
            top=top,
            x1=x1,
            bottom=bottom,
            fontname=str(fontname),
            size=round(size, 2),
            upright=upright,
            # a white-space character follows the word's last character in the text stream
            space_after=end < last and chars[end + 1]["text"].isspace(),
        )
        for text, x0, top, x1, bottom, fontname, size, upright, end in columns.rows()
    ]
    page_area = float(page.width * page.height) or 1.0
    image_area = sum(abs((img["x1"] - img["x0"]) * (img["bottom"] - img["top"])) for img in page.images)
    return PageContent(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        rotation=int(page.rotation or 0),
        words=words,
        raw_tables=_marked(tables.find_page_tables(page)),
        image_area_share=min(1.0, image_area / page_area),
        image_boxes=[
            (float(img["x0"]), float(img["top"]), float(img["x1"]), float(img["bottom"])) for img in page.images
        ],
    )


def _marked(raw_tables: list[RawTable]) -> list[RawTable]:
    for table in raw_tables:
        table.rows = [[mark_unmapped(cell) if cell else cell for cell in row] for row in table.rows]
        if table.spaced_reading is not None:
            _marked([table.spaced_reading])
    return raw_tables


def check_text_layer(content: PdfContent) -> None:
    """Scanned PDFs and fonts without Unicode maps give no usable text: say so instead of passing garbage on."""
    words = [w.text for page in content.pages for w in page.words]
    if not words:
        if any(page.image_area_share > 0.3 for page in content.pages):
            raise DocumentError("no text layer; OCR is not supported")
        raise DocumentError("no text found in the PDF")
    text = " ".join(words)
    cid_chars = sum(len(m) for m in CID_PATTERN.findall(text))
    readable = sum(ch.isalnum() for ch in text)  # numbers count: a statistics table is readable text
    if cid_chars > 0.3 * len(text) or readable < 0.3 * len(text):
        raise DocumentError("text layer is unreadable (fonts without Unicode maps); OCR is not supported")
    for page in content.pages:
        if not page.words and page.image_area_share > 0.3:
            content.warnings.append(f"page {page.number}: no text layer (image only), skipped")
