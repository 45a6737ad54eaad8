"""Typed records passed between the pipeline stages.

Stages never hand each other pdfplumber or pandas objects: each one returns these records, so every stage can
be tested on its own with plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

DocumentStatus = Literal["ok", "failed", "skipped"]
# metadata: DOI/URL, copyright and licence, correspondence and e-mail, received/accepted dates;
# figure_text: words and numbers printed inside a figure (axis labels, tick values)
# code: a listing, commands or program output set in a monospaced face apart from the prose
# footnote: small print apart from the text (author lists, affiliations, labels); note: such small print written as
# sentences (a footnote, a table's notes, back-matter statements), read by the NLP stage as captions are;
# contents: a table of contents (its heading and entries), neither sections nor prose
PassageKind = Literal[
    "title",
    "heading",
    "paragraph",
    "caption",
    "reference",
    "abbreviation",
    "footnote",
    "note",
    "metadata",
    "figure_text",
    "code",
    "contents",
]
Relation = Literal["advantage", "disadvantage", "effect"]
Direction = Literal["increase", "decrease", "none"]


class DocumentError(Exception):
    """A document that cannot be processed; `reason` is the short, specific text shown to the user."""

    def __init__(self, reason: str, status: DocumentStatus = "failed"):
        super().__init__(reason)
        self.reason = reason
        self.status = status


# ---------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Word:
    """One word as pdfplumber sees it, with the typography the structure stage needs."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str
    size: float
    upright: bool = True
    space_after: bool = False  # the text layer has a space character after the word (however narrow it is set)


@dataclass
class RawTable:
    """A table region found on one page, before captions, headers and page continuations are resolved.

    `rows` holds the cell texts as pdfplumber reads them (None where a merged cell covers the slot);
    `cell_bboxes` the matching boxes.
    """

    page: int
    bbox: BBox
    rows: list[list[str | None]]
    cell_bboxes: list[list[BBox | None]]
    strategy: str  # which detection strategy found it ("lines", "text", ...)
    # Added by the tables stage (all defaulted):
    span_origin: list[list[tuple[int, int] | None]] = field(default_factory=list)  # slot -> merged cell's origin
    n_header_rows: int = 1
    caption: str = ""  # caption found on the page next to the region ("Table 1 ..."), "" when none
    number: str | None = None  # the caption's table number
    notes: str = ""  # footnotes printed under the table
    continued: bool = False  # a "(continued)" mark on the caption or under the table
    rotation: int = 0  # degrees the page is turned clockwise to read the table upright
    ruled: bool = True  # found from drawn rules (False: whitespace columns under a caption)
    rows_spaced: bool = False  # rows of a body without row rules told apart by extra space between them
    # The same region read with rows told apart by space, when only one wider gap shows it here: the reading a part
    # continued from a previous page whose rows were spaced takes (`assemble_tables`).
    spaced_reading: RawTable | None = None


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    rotation: int
    words: list[Word]
    raw_tables: list[RawTable] = field(default_factory=list)
    image_area_share: float = 0.0  # share of the page covered by images, to tell scanned pages apart
    image_boxes: list[BBox] = field(default_factory=list)  # placed images (figures), for reading order


@dataclass
class PdfContent:
    doc_id: str
    path: str
    sha256: str
    n_pages: int
    metadata_title: str
    pages: list[PageContent]
    warnings: list[str] = field(default_factory=list)


@dataclass
class PdfPart:
    """Pages `first`..`last` of one PDF, read by one task: a long PDF is read in parts on several workers.

    A part that cannot be read carries the reason instead of pages, so the document reports it like any other
    unusable file.
    """

    first: int  # 1-based, inclusive
    last: int
    content: PdfContent | None
    seconds: float
    status: DocumentStatus = "ok"
    error: str = ""


# ---------------------------------------------------------------- structure


@dataclass
class Citation:
    marker: str  # as printed, e.g. "[53–55]"
    numbers: list[int]  # expanded reference numbers, e.g. [53, 54, 55]
    start: int  # character offsets in the passage text
    end: int


@dataclass
class Passage:
    passage_id: int
    kind: PassageKind
    section_path: str  # e.g. "Introduction > Hypoxic preconditioning"
    page: int
    bbox: BBox
    text: str
    citations: list[Citation] = field(default_factory=list)
    char_start: int = 0  # offset of this passage in StructuredDocument.text
    page_breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page) where a page begins

    def page_at(self, offset: int) -> int:
        """The page on which the character at `offset` (in this passage's text) is printed."""
        page = self.page
        for start, next_page in self.page_breaks:
            if offset >= start:
                page = next_page
        return page


@dataclass
class Reference:
    number: int
    text: str
    page: int


@dataclass
class StructuredDocument:
    doc_id: str
    title: str
    passages: list[Passage]
    references: list[Reference] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)  # short form -> long form

    @property
    def text(self) -> str:
        """The whole document text, passages joined by blank lines (offsets match Passage.char_start)."""
        return "\n\n".join(p.text for p in self.passages)


# ---------------------------------------------------------------- tables


@dataclass
class TableCell:
    row: int
    col: int
    text: str
    is_header: bool
    page: int
    bbox: BBox | None = None
    is_spanned: bool = False  # text carried from a merged cell that covers this slot


@dataclass
class Table:
    table_id: str  # e.g. "t1"; stable for a document
    number: str | None  # as printed in the caption ("1", "S2"), None when uncaptioned
    caption: str
    pages: list[int]
    cells: list[TableCell]
    n_header_rows: int = 1
    notes: str = ""

    @property
    def n_rows(self) -> int:
        return 1 + max((c.row for c in self.cells), default=-1)

    @property
    def n_cols(self) -> int:
        return 1 + max((c.col for c in self.cells), default=-1)

    def grid(self) -> list[list[str]]:
        grid = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell.text
        return grid

    def header(self) -> list[str]:
        """One label per column: header rows joined top to bottom."""
        labels = ["" for _ in range(self.n_cols)]
        for cell in self.cells:
            if cell.is_header and cell.text and cell.text not in labels[cell.col]:
                labels[cell.col] = f"{labels[cell.col]} {cell.text}".strip()
        return labels


# ---------------------------------------------------------------- nlp


@dataclass
class Sentence:
    sentence_id: int
    passage_id: int
    page: int
    section_path: str
    start: int  # character offsets into StructuredDocument.text
    end: int
    text: str


@dataclass
class EntityMention:
    text: str
    label: str
    norm: str
    page: int
    sentence_id: int
    start: int  # character offsets into StructuredDocument.text
    end: int
    source: str  # "ruler", "ner", "abbreviation"


# ---------------------------------------------------------------- claims


@dataclass
class Evidence:
    source: Literal["table", "text"]
    text: str  # the sentence, or the table cell
    page: int
    section_path: str = ""
    sentence_id: int | None = None
    table_id: str | None = None
    row: int | None = None
    col: int | None = None
    char_start: int | None = None  # offsets of the evidence in StructuredDocument.text, when it is prose
    char_end: int | None = None


@dataclass
class Claim:
    subject: str
    relation: Relation
    object: str
    evidence: list[Evidence]
    subject_norm: str = ""
    object_norm: str = ""
    aspect: str = ""
    direction: Direction | None = None
    magnitude: str = ""
    comparator: str = ""
    hedged: bool = False
    negated: bool = False
    cue: str = ""  # the pattern or column that produced the claim, for debugging and evaluation


# ---------------------------------------------------------------- one document's result


@dataclass
class DocumentResult:
    doc_id: str
    path: str
    sha256: str
    status: DocumentStatus
    error: str = ""
    # what an ok document lost on the way (an image-only page, a sentence a claim reader failed on), for the
    # documents table: one reader's bug costs its sentence, not the paper
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    n_pages: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    structure: StructuredDocument | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
