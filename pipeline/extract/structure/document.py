"""Document assembly: the ordered, typed blocks of a PDF become passages with section paths, references,
abbreviations, citations and page breaks (`build_document`)."""

from __future__ import annotations

import re

from pipeline.extract.structure.blocks import (
    build_blocks,
    checked_title,
    classify_blocks,
    clean_heading,
    join_continuations,
    run_in_heading,
    section_name,
    typography_of,
)
from pipeline.extract.structure.conventions import LayoutConfig, default_config
from pipeline.extract.structure.reading_order import Line, document_lines
from pipeline.extract.structure.references import (
    find_citations,
    first_entry_per_number,
    headingless_reference_blocks,
    parse_abbreviation_lines,
    parse_inline_abbreviations,
    reference_number,
    split_references,
)
from pipeline.extract.structure.repair import Vocabulary, document_vocabulary, general_vocabulary, join_lines
from pipeline.records import BBox, Passage, PdfContent, Reference, StructuredDocument


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
    stack: list[tuple[int, str, bool]] = []  # level, heading, run-in
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
        b.kind == "heading" and section_name(b.raw_text) in config.reference_headings for b in blocks
    )
    listed_references = set() if has_reference_heading else headingless_reference_blocks(blocks)
    for index, block in enumerate(blocks):
        if section_kind == "references" and block.kind == "heading" and reference_number(block.lines[0]) is not None:
            block.kind = "paragraph"  # a numbered entry whose title is set in bold, not a section
        if index in listed_references:
            reference_lines.extend(block.lines)
            continue
        if reference_lines and section_kind != "references" and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h, _ in stack))
        if block.kind == "heading" and reference_lines and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h, _ in stack))
        if block.kind == "heading":
            heading = clean_heading(join_lines([line.text for line in block.lines], vocabulary))
            if section_kind and block.level > section_level:
                pass  # a sub-heading inside references or abbreviations keeps the section
            else:
                name = section_name(heading)
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
            stack.append((block.level, heading, False))
            drafts.append(("heading", " > ".join(h for _, h, _ in stack), block.lines, heading))
            continue
        path = " > ".join(h for _, h, _ in stack)
        if block.kind == "title":
            title = checked_title(join_lines([line.text for line in block.lines], vocabulary), pdf.metadata_title)
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
        lead = run_in_heading(block, typo, config) if block.kind == "paragraph" else None
        if lead and text.startswith(lead) and len(text) > len(lead) + 1:
            # a run-in heading opens its own section one level below the last displayed heading
            level = next((lvl for lvl, _, run_in in reversed(stack) if not run_in), 0) + 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, clean_heading(lead.rstrip(":.—– ")), True))
            path = " > ".join(h for _, h, _ in stack)
            drafts.append(("heading", path, block.lines[:1], stack[-1][1]))
            text = text[len(lead) :].lstrip(":.—– ")  # the stop after a lead-in may be set in the body face
        if re.match(r"^\s*abbreviations?\s*:", text, re.IGNORECASE):
            inline = parse_inline_abbreviations(text)
            if len(inline) >= 2:
                for short, long in inline.items():
                    abbreviations.setdefault(short, long)
                drafts.append(("abbreviation", path, block.lines, text))
                continue
        drafts.append((block.kind, path, block.lines, text))

    if reference_lines:
        flush_references(" > ".join(h for _, h, _ in stack))
    references = first_entry_per_number(references)
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
