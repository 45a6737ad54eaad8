"""Document assembly: the ordered, typed blocks of a PDF become passages with section paths, references,
abbreviations, citations and page breaks (`build_document`)."""

from __future__ import annotations

import itertools
import re

from pipeline.extract.structure.blocks import (
    PAGE_AT_END,
    Block,
    build_blocks,
    checked_title,
    classify_blocks,
    clean_heading,
    is_running_text,
    join_continuations,
    run_in_heading,
    section_name,
    typography_of,
    unspaced_text,
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

# A keyword list is front matter only where front matter is printed (a search strategy's "Keywords:" in the
# methods of a review is prose of its section).
FRONT_MATTER_PAGES = 2
# "2.8. References": a subsection of the body that talks about references (an author guide, a methods section), not
# the reference list, which is a section of its own ("References", "7. References")
SUBSECTION_NUMBER = re.compile(r"^\s*\d+\.\d+")


def opens_reference_list(heading: str, config: LayoutConfig) -> bool:
    """A heading that opens the reference list: named so, neither a numbered subsection ("2.3 References to
    data", prose about them) nor followed by a page number."""
    return (
        section_name(heading) in config.reference_headings
        and not SUBSECTION_NUMBER.match(heading)
        and not PAGE_AT_END.search(heading)  # "References 5": a table of contents' entry
    )


def keyword_label(text: str, lead: str | None, config: LayoutConfig) -> str | None:
    """The label of a keyword list that opens `text` ("Keywords:", "KEYWORDS" in a face of its own, "Index terms—"),
    with the punctuation and space after it; None when the text opens with none."""
    names = sorted(config.keyword_headings, key=len, reverse=True)
    pattern = r"^\s*(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in names) + r")\b\s*([:.—–-]?)\s*"
    match = re.match(pattern, text, re.IGNORECASE)
    if match is None or not (match.group(1) or (lead and section_name(lead) in config.keyword_headings)):
        return None  # a sentence that happens to begin with "Keywords" is prose
    return text[: match.end()]


# a note's closing stop, after any closing quote or bracket
CLOSING_STOP = re.compile(r"[.!?][\"'”’)\]]*$")


def written_as_sentences(text: str, min_words: int = 8) -> bool:
    """Running prose rather than a list of names, places or labels: `min_words` or more words, few tokens that are
    numbers or symbols, mostly lower-case letters (names and affiliations are capitalised word by word), closing with
    a stop."""
    tokens = text.split()
    words = [token for token in tokens if sum(ch.isalpha() for ch in token) >= 2]
    letters = [ch for ch in text if ch.isalpha()]
    lower = sum(ch.islower() for ch in letters) / max(1, len(letters))
    return (
        len(words) >= min_words
        and len(words) >= 0.6 * len(tokens)
        and lower >= 0.75
        and bool(CLOSING_STOP.search(text.rstrip()))
    )


# a year, volume or pages as reference lists print them: "(2015)", "(2015a)", ", 2015." or ". 2015;", Vancouver's
# "2009;28:1", "14(7)", "pp. 12"
REFERENCE_MARK = re.compile(
    r"\((?:1[89]|20)\d\d[a-z]?\)|[,.]\s(?:1[89]|20)\d\d[a-z]?[.;,:)]|\b(?:1[89]|20)\d\d[a-z]?;\s?\d"
    r"|\b\d{1,4}\(\d{1,4}\)|\bpp?\.\s?\d"
)


# a list entry's opening: a short term and its separator ("h: average ...", "Pr = Prandtl number")
LIST_TERM = re.compile(r"^\S{1,20}?\s*[:=\u2013\u2014]\s")


def running_prose(block: Block) -> bool:
    """A paragraph of running prose, not an entry of a nomenclature or abbreviation list: two or more lines of
    running text, and a first line that opens with no term set apart (by a separator, or by a gap of the list's
    second column). A list under "Nomenclature" read on past its end took the next section's text for entries
    (and dropped the lines that parsed as none) where the next heading was not found."""
    if len(block.lines) < 2 or sum(is_running_text(line) for line in block.lines) < 2:
        return False
    first = block.lines[0]
    words = [word for word in first.words if word.text.strip()]
    gaps = [right.x0 - left.x1 for left, right in itertools.pairwise(words)]
    return not LIST_TERM.match(first.text) and max(gaps, default=0.0) < 0.8 * first.size


def cites_like_a_reference(text: str) -> bool:
    """Text with a reference list's years, volumes or pages, one in 40 words or more often: entries, not prose
    about them."""
    return len(REFERENCE_MARK.findall(text)) * 40 >= len(text.split())


def notes_typed(drafts: list[tuple[str, str, list[Line], str]]) -> list[tuple[str, str, list[Line], str]]:
    """Footnotes written as sentences become notes; so does a short sentence among notes of its page (a table's
    notes run "*Adjusted for centre.", "†Weight measured before birth.", each too short to tell from a label)."""
    kinds = ["note" if kind == "footnote" and written_as_sentences(text) else kind for kind, _, _, text in drafts]
    changed = True
    while changed:
        changed = False
        for index, (_, _, lines, text) in enumerate(drafts):
            if kinds[index] != "footnote" or not written_as_sentences(text, min_words=3):
                continue
            neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(drafts)]
            if any(kinds[i] == "note" and drafts[i][2][0].page == lines[0].page for i in neighbours):
                kinds[index] = "note"
                changed = True
    return [(kinds[i], path, lines, text) for i, (_, path, lines, text) in enumerate(drafts)]


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
    reference_line_block: dict[int, Block] = {}  # the block each line of reference_lines came from

    def flush_unnumbered_references(path: str) -> None:
        # in a section with fewer reference marks than a list has (an author guide's "Bibliography" that talks
        # about references before, or without, its list), a block written as sentences with no mark is prose; in an
        # author-year list, whose entries' titles may be blocks of their own, every block is part of an entry
        first = len(references)  # entries are numbered in order across the prose between them

        def add_unnumbered(lines: list[Line]) -> None:
            entries = split_references(lines, numbered=False)
            add_entries(path, [(len(references) - first + n, entry) for n, entry in entries])

        if cites_like_a_reference(" ".join(line.text for line in reference_lines)):
            add_unnumbered(reference_lines)
            reference_lines.clear()
            return
        entry_lines: list[Line] = []
        for _, group in itertools.groupby(reference_lines, key=lambda line: id(reference_line_block[id(line)])):
            lines_of_block = list(group)
            text = join_lines([line.text for line in lines_of_block], vocabulary)
            if written_as_sentences(re.sub(r":$", ".", text.rstrip())) and not cites_like_a_reference(text):
                add_unnumbered(entry_lines)
                entry_lines.clear()
                drafts.append((reference_line_block[id(lines_of_block[0])].kind, path, lines_of_block, text))
            else:
                entry_lines.extend(lines_of_block)
        add_unnumbered(entry_lines)
        reference_lines.clear()

    def add_entries(path: str, entries: list[tuple[int, list[Line]]]) -> None:
        for number, entry_lines in entries:
            text = join_lines([line.text for line in entry_lines], vocabulary)
            references.append(Reference(number=number, text=text, page=entry_lines[0].page))
            drafts.append(("reference", path, entry_lines, text))

    def flush_references(path: str) -> None:
        entries = split_references(reference_lines)
        if entries and reference_number(entries[0][1][0]) is None:
            flush_unnumbered_references(path)  # no numbered entry: an author-year list, or no list at all
            return
        first_entry_line = entries[0][1][0] if entries else None
        # prose before the first numbered entry is no reference (a section that talks about references, an author
        # guide's "Bibliography"): it keeps the kind of its block instead of being dropped with no entry to join
        leading = list(itertools.takewhile(lambda line: line is not first_entry_line, reference_lines))
        if leading and cites_like_a_reference(" ".join(line.text for line in leading)):
            # entries with a reference list's years before the first "number": an author-year list in which a
            # line opening with a number (a volume, a page) was taken for a numbered entry
            entries, leading = split_references(reference_lines, numbered=False), []
        for block_lines in itertools.groupby(leading, key=lambda line: id(reference_line_block[id(line)])):
            lines_of_block = list(block_lines[1])
            text = join_lines([line.text for line in lines_of_block], vocabulary)
            # (a sentence that introduces a display ends in a colon); an entry of an author-year list before a
            # stray number taken for the first entry's stays out
            if written_as_sentences(re.sub(r":$", ".", text.rstrip())) and not cites_like_a_reference(text):
                drafts.append((reference_line_block[id(lines_of_block[0])].kind, path, lines_of_block, text))
        add_entries(path, entries)
        reference_lines.clear()

    has_reference_heading = any(b.kind == "heading" and opens_reference_list(b.raw_text, config) for b in blocks)
    listed_references = set() if has_reference_heading else headingless_reference_blocks(blocks)
    if not cites_like_a_reference(" ".join(blocks[i].raw_text for i in sorted(listed_references))):
        listed_references = set()  # a numbered list of remarks or steps, written without years or volumes
    keyword_list: list[str] | None = None  # the parts of a keyword list while it may go on

    def close_keyword_list() -> None:
        # a keyword list is front matter, not a section: one metadata passage (its label and items), and it closes
        # the front matter, so the text after it leaves the abstract's sections (a body that opens without a heading)
        kind, path, list_lines, label = drafts[-1]
        drafts[-1] = (kind, path, list_lines, f"{label.rstrip(':.—– ')}: " + " ".join(keyword_list))
        while stack and (stack[-1][2] or section_name(stack[-1][1]) in config.front_matter_sections):
            stack.pop()

    for index, block in enumerate(blocks):
        if keyword_list is not None:
            text = join_lines([line.text for line in block.lines], vocabulary)
            if (
                block.kind in ("paragraph", "heading", "footnote")
                and len(block.lines) <= 3
                and block.lines[0].page == drafts[-1][2][-1].page
                and (not keyword_list or keyword_list[-1].rstrip().endswith((",", ";")))
            ):
                keyword_list.append(text)  # the items under the label, or a list going on past a , or ;
                drafts[-1][2].extend(block.lines)
                continue
            if keyword_list:
                close_keyword_list()
            else:
                drafts.pop()  # a label with nothing under it is no keyword list
            keyword_list = None
        if section_kind == "references" and block.kind == "heading" and reference_number(block.lines[0]) is not None:
            block.kind = "paragraph"  # a numbered entry whose title is set in bold, not a section
        if index in listed_references:
            reference_lines.extend(block.lines)
            reference_line_block.update((id(line), block) for line in block.lines)
            continue
        if reference_lines and section_kind != "references" and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h, _ in stack))
        if block.kind == "heading" and reference_lines and index > max(listed_references, default=-1):
            flush_references(" > ".join(h for _, h, _ in stack))
        if block.kind == "heading":
            heading = clean_heading(join_lines([unspaced_text(line) for line in block.lines], vocabulary))
            if (
                section_name(heading) in config.keyword_headings
                and not section_kind
                and block.lines[0].page <= FRONT_MATTER_PAGES
            ):
                keyword_list = []
                drafts.append(("metadata", " > ".join(h for _, h, _ in stack), list(block.lines), heading))
                continue
            if section_kind and block.level > section_level:
                pass  # a sub-heading inside references or abbreviations keeps the section
            else:
                name = section_name(heading)
                section_kind = (
                    "references"
                    if opens_reference_list(heading, config)
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
            title = checked_title(
                join_lines([unspaced_text(line) for line in block.lines], vocabulary), pdf.metadata_title
            )
            drafts.append(("title", "", block.lines, title))
            continue
        if section_kind == "references" and block.kind != "caption":
            reference_lines.extend(block.lines)
            reference_line_block.update((id(line), block) for line in block.lines)
            continue
        if section_kind == "abbreviations" and block.kind == "paragraph" and running_prose(block):
            section_kind = ""  # the list has ended: the text of the next section, under a heading not found
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
        label = keyword_label(text, lead, config) if block.lines[0].page <= FRONT_MATTER_PAGES else None
        if label:
            drafts.append(("metadata", path, list(block.lines), label))  # a keyword list after its label
            keyword_list = [text[len(label) :]]
            continue
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

    if keyword_list:
        close_keyword_list()
    if reference_lines:
        flush_references(" > ".join(h for _, h, _ in stack))
    # small print written as sentences is a note, which the NLP stage reads (footnotes that carry the argument,
    # a table's notes, back-matter statements); author lists, affiliations and labels stay footnotes
    drafts = notes_typed(drafts)
    references = first_entry_per_number(references)
    max_reference = max((r.number for r in references), default=None)
    passages: list[Passage] = []
    offset = 0
    for kind, path, passage_lines, text in drafts:
        if not text:
            continue
        citations = find_citations(text, max_reference) if kind in ("paragraph", "caption", "footnote", "note") else []
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
