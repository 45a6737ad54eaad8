"""Structure: turn page words into an ordered document of passages with sections.

First version: lines grouped into blocks by vertical gaps, two columns split at the page middle; the document
structure issue replaces this with a layout-driven reader.
"""

from __future__ import annotations

import re

from pipeline.records import PageContent, Passage, PdfContent, StructuredDocument, Word

CAPTION_START = re.compile(r"^(Table|Fig\.?|Figure)\s+S?\d+", re.IGNORECASE)


def _inside(word: Word, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return word.x0 >= x0 - 1 and word.x1 <= x1 + 1 and word.top >= top - 1 and word.bottom <= bottom + 1


def _lines(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _page_passages(page: PageContent) -> list[tuple[str, list[Word]]]:
    words = [w for w in page.words if not any(_inside(w, t.bbox) for t in page.raw_tables)]
    middle = page.width / 2
    left = [w for w in words if w.x1 <= middle + 5]
    right = [w for w in words if w.x1 > middle + 5]
    blocks = []
    for column in (left, right):
        block: list[list[Word]] = []
        for line in _lines(column):
            if block and line[0].top - block[-1][0].bottom > 4:
                blocks.append(block)
                block = []
            block.append(line)
        if block:
            blocks.append(block)
    return [(" ".join(w.text for line in b for w in line), [w for line in b for w in line]) for b in blocks]


def build_document(pdf: PdfContent) -> StructuredDocument:
    passages = []
    offset = 0
    for page in pdf.pages:
        for text, words in _page_passages(page):
            text = re.sub(r"(\w)- (\w)", r"\1\2", text)
            kind = "caption" if CAPTION_START.match(text) else "paragraph"
            bbox = (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
                    max(w.bottom for w in words))
            passages.append(Passage(passage_id=len(passages), kind=kind, section_path="", page=page.number,
                                    bbox=bbox, text=text, char_start=offset))
            offset += len(text) + 2
    return StructuredDocument(doc_id=pdf.doc_id, title=pdf.metadata_title, passages=passages)
