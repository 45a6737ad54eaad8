"""Body-text recall without gold: how much of a PDF's own text layer reaches the NLP stage as prose.

The reference is every run of eight words (a shingle) of the PDF's text as pypdfium2 reads it (content-stream
order, independent of our ingest), normalized, except shingles printed on two or more pages (running heads,
footers, licence lines) and the text after the last "References"-like heading (the reference list is not body
text). Recall is the share of reference shingles found, in order, in the document's sentences; `any_passage` the
share found in any passage, so `recall < any_passage` means body text was typed as something other than prose.
Captions and table text are references too, so a document's ceiling is a little below 1.0.

One departure from the shared script's idea: pypdfium2 marks a glyph it cannot map to Unicode (a ligature without a
ToUnicode entry, say) with U+FFFE, and deleting the mark leaves "denition" in the reference, which a correctly
repaired "definition" never matches. Shingles that touch such a glyph are left out of the reference instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHINGLE = 8
BACK_MATTER = re.compile(r"^\s*(references|bibliography|literature cited|references and notes)\s*$", re.I | re.M)
DASHES = re.compile(r"\s*[\u2010\u2011\u2012\u2013\u2014\u2212-]\s*")
UNMAPPED = "\ufffe"  # pypdfium2's mark for a glyph with no Unicode


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


def page_texts(pdf: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def reference_shingles(pages: list[str]) -> list[str]:
    cut: tuple[int, int] | None = None  # (page, offset) of the last reference-list heading
    for index, text in enumerate(pages):
        for match in BACK_MATTER.finditer(text):
            cut = (index, match.start())
    per_page = []
    for index, text in enumerate(pages):
        if cut and index > cut[0]:
            text = ""
        elif cut and index == cut[0]:
            text = text[: cut[1]]
        per_page.append([s for s in shingles(normalized_words(text, keep_unmapped=True)) if UNMAPPED not in s])
    pages_of: dict[str, set[int]] = defaultdict(set)
    for index, page_shingles in enumerate(per_page):
        for shingle in page_shingles:
            pages_of[shingle].add(index)
    return [s for page_shingles in per_page for s in page_shingles if len(pages_of[s]) < 2]


def text_recall(pdf: Path, sentences: Iterable[str], passages: Iterable[str]) -> TextRecall:
    reference = reference_shingles(page_texts(pdf))

    def found(texts: Iterable[str]) -> set[str]:
        return set(shingles([w for text in texts for w in normalized_words(text)]))

    in_sentences, in_passages = found(sentences), found(passages)
    total = max(1, len(reference))
    return TextRecall(
        reference_shingles=len(reference),
        recall=sum(s in in_sentences for s in reference) / total,
        any_passage=sum(s in in_passages for s in reference) / total,
    )
