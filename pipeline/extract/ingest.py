"""Ingest: read a PDF with pdfplumber in one pass over its pages.

Each page is parsed once; its words (with font and size) and its table regions are taken from that one parsed
page, which is then closed so a long PDF runs in bounded memory. Anything that makes a file unusable becomes a
`DocumentError` with a short, specific reason.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.corpus import doc_id_for, file_sha256
from pipeline.extract import tables
from pipeline.records import DocumentError, PageContent, PdfContent, PdfPart, Word

# pdfminer warns about every odd colour space and font; none of it is actionable for a user.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

CID_PATTERN = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class Budget:
    """Per-document limits a user can set; None means no limit."""

    max_pages: int | None = None
    max_seconds: float | None = None


def check_pdf_header(path: Path) -> None:
    """Reject files that are not PDFs before pdfminer produces a cryptic error about them."""
    size = path.stat().st_size
    if size == 0:
        raise DocumentError("empty file (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        shown = head[:8].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise DocumentError(f"not a PDF (file starts with '{shown}')")


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
    try:
        with pdfplumber.open(path) as pdf:
            n_pages = len(pdf.pages)
            if n_pages == 0:
                raise DocumentError("PDF has no pages")
            if budget.max_pages is not None and n_pages > budget.max_pages:
                raise DocumentError(
                    f"{n_pages} pages exceeds the page budget of {budget.max_pages} (--max-pages)", status="skipped"
                )
            metadata_title = str((pdf.metadata or {}).get("Title") or "").strip()
            first, last = pages or (1, n_pages)
            read = []
            for page in pdf.pages[first - 1 : last]:
                page = CharFastPage.of(page)
                read.append(read_page(page))
                # Release the parsed objects: without this pdfplumber keeps every page in memory.
                page.close()
                elapsed = time.monotonic() - started
                if budget.max_seconds is not None and elapsed > budget.max_seconds:
                    raise DocumentError(
                        f"time budget of {budget.max_seconds:g} s exceeded at page {page.page_number} of {n_pages}"
                        " (--max-seconds)"
                    )
    except DocumentError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise DocumentError("encrypted (password required)") from error
    except PdfminerException as error:
        raise DocumentError(describe_pdfminer_error(error.args[0] if error.args else error)) from error
    except (PDFSyntaxError, PSException) as error:
        raise DocumentError(f"damaged or truncated PDF: {error}") from error

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
    return content


def count_pages(path: Path) -> int | None:
    """The page count, to split long PDFs into parts; None when the file cannot be opened (reading says why).

    Read from the page tree's /Count with pdfminer alone: pdfplumber.open resolves much more (up to 0.5 s on a
    long PDF), and the flow counts every new PDF before its first task starts.
    """
    try:
        with Path(path).open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            count = resolve1(resolve1(document.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) and count > 0 else None
    except Exception:
        return None


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
    return content


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

    def process_object(self, obj):
        if type(obj) is not LTChar or isinstance(getattr(obj, "fontname", ""), bytes):
            return super().process_object(obj)
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
        if mediabox_x0 != 0:
            attr["x0"] = attr["x0"] + mediabox_x0
            attr["x1"] = attr["x1"] + mediabox_x0
        return attr


_PLAIN_TYPES = (str, int, float, bool)


@lru_cache(maxsize=256)
def _decoded_name(name: str | bytes) -> str:
    """A colour space's name as pdfplumber decodes it; a page has a handful, decoded once instead of per char."""
    return resolve_and_decode(name)


def describe_pdfminer_error(error: object) -> str:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "encrypted (password required)"
    name = type(error).__name__
    detail = str(error) or name
    return f"damaged or truncated PDF: {detail}"


def read_page(page: pdfplumber.page.Page) -> PageContent:
    words = [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            fontname=str(w.get("fontname", "")),
            size=round(float(w.get("size", 0.0)), 2),
            upright=bool(w.get("upright", True)),
        )
        for w in page.extract_words(
            # A gap relative to the font size: the fixed 3 pt default glues words of tightly set PDFs together.
            keep_blank_chars=False,
            use_text_flow=False,
            x_tolerance_ratio=0.15,
            extra_attrs=["fontname", "size", "upright"],
        )
    ]
    page_area = float(page.width * page.height) or 1.0
    image_area = sum(abs((img["x1"] - img["x0"]) * (img["bottom"] - img["top"])) for img in page.images)
    return PageContent(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        rotation=int(page.rotation or 0),
        words=words,
        raw_tables=tables.find_page_tables(page),
        image_area_share=min(1.0, image_area / page_area),
        image_boxes=[
            (float(img["x0"]), float(img["top"]), float(img["x1"]), float(img["bottom"])) for img in page.images
        ],
    )


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
