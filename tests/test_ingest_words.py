"""Ingest's and the table finder's word builder must give exactly the words pdfplumber's word extractor gives on the
same characters (it replaced it for speed): same words in the same order, same boxes, fonts, sizes and directions,
same characters in each. Checked on pages of upright prose, turned table text, ligatures and a statistics sheet."""

from __future__ import annotations

from collections import Counter

import pypdfium2
import pytest
from pdfplumber.utils import extract_words as pdfplumber_extract_words

from pipeline.extract.ingest import X_TOLERANCE_RATIO, extract_words, visible_part
from pipeline.extract.pdfium_page import read_page
from pipeline.extract.tables.captions import rejoined_pieces
from pipeline.extract.tables.layout import (
    UPRIGHT,
    WORD_GAP,
    char_frame,
    frame_chars,
    framed_page,
    line_box,
    text_lines,
)
from pipeline.extract.words import extract_words as words_of_chars
from pipeline.extract.words import word_columns

from conftest import SEED_PDF, real_pdf

# (PDF, 0-based pages): the seed's prose (every glyph its own text object), a journal page whose table is set
# turned by 90 degrees (non-upright characters), a LaTeX paper (ligatures, small caps), the rotated statistics
# sheet, and the Lamiaceae review whose font draws "Th" as a glyph without Unicode.
PAGES = [
    (SEED_PDF, (0, 3)),
    (real_pdf("emm2023_eprs1_review_rotated_table.pdf"), (2, 8)),
    (real_pdf("peerjcs2017_vespa_multipage_table.pdf"), (0, 9)),
    (real_pdf("robust_rotated_table_nics_usgov.pdf"), (0,)),
    (real_pdf("uritu2018_lamiaceae_pain_review_rotated.pdf"), (1, 16)),
]


def pdfplumbers_words(page) -> list[dict]:
    return page.extract_words(
        keep_blank_chars=False,
        use_text_flow=False,
        x_tolerance_ratio=X_TOLERANCE_RATIO,
        extra_attrs=["fontname", "size", "upright"],
        return_chars=True,
    )


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_words_equal_pdfplumbers_word_extractor(pdf_path, indexes):
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        upright_seen = set()
        for index in indexes:
            page = visible_part(read_page(document, index))
            expected = pdfplumbers_words(page)
            got = extract_words(page.chars)
            assert len(expected) > 50
            assert len(got) == len(expected)
            for want, (word, chars) in zip(expected, got, strict=True):
                for key in ("text", "x0", "top", "x1", "bottom", "fontname", "size", "upright"):
                    assert word[key] == want[key], (index, key, want["text"])
                assert [id(c) for c in chars] == [id(c) for c in want["chars"]]
                upright_seen.add(word["upright"])
        if "rotated" in pdf_path.stem:
            assert False in upright_seen  # turned text was among the words compared
    finally:
        document.close()


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_word_columns_equal_the_word_builders_words(pdf_path, indexes):
    """Ingest's words on arrays (`word_columns`) are the word builder's (`extract_words`, compared with pdfplumber's
    above), word for word and value for value, each ending at the same character; upright and turned pages."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        on_arrays = 0
        for index in indexes:
            page = visible_part(read_page(document, index))
            chars, reader_columns = page.chars, getattr(page, "char_columns", None)  # (None once filtered)
            on_arrays += reader_columns is not None and reader_columns.describes(chars)
            position = {id(char): at for at, char in enumerate(chars)}
            expected = [
                (w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["fontname"], w["size"], w["upright"])
                + (position[id(word_chars[-1])],)
                for w, word_chars in extract_words(chars)
            ]
            # from the reader's arrays (where nothing was hidden) and from the dicts
            for columns in (
                word_columns(chars, x_tolerance_ratio=X_TOLERANCE_RATIO, columns=reader_columns),
                word_columns(chars, x_tolerance_ratio=X_TOLERANCE_RATIO),
            ):
                got = list(columns.rows())
                assert len(expected) > 50
                assert got == expected, index
        assert on_arrays  # the reader's arrays were read on some page
    finally:
        document.close()


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_table_finders_words_equal_pdfplumbers(pdf_path, indexes):
    """The table finder's words (a fixed 1.5 pt gap, words running across font changes, pdfplumber's full record)
    equal pdfplumber's `extract_words(chars, x_tolerance=1.5, return_chars=True)`, record for record and key for
    key, on the page's characters (turned ones among them) and on the turned ones moved into their reading frame."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for index in indexes:
            chars = visible_part(read_page(document, index)).chars
            turned = [c for c in chars if not c["upright"]]
            framed = frame_chars(turned, char_frame(turned[0])) if turned else []
            for some in (chars, framed):
                expected = pdfplumber_extract_words(some, x_tolerance=WORD_GAP, return_chars=True)
                got = words_of_chars(some, x_tolerance=WORD_GAP, by_font=False, full_records=True)
                assert len(got) == len(expected)
                assert len(expected) > 50 or some is framed
                for want, (word, word_chars) in zip(expected, got, strict=True):
                    assert list(word.items()) == [(k, v) for k, v in want.items() if k != "chars"], (index, want)
                    assert [id(c) for c in word_chars] == [id(c) for c in want["chars"]]
    finally:
        document.close()


def _framed_words_the_long_way(chars: list[dict]) -> list[dict]:
    """The table finder's words as it made them before its shortcuts: pdfplumber's extractor, each word's font by
    a count of its glyphs' fonts, its size the largest rounded glyph size, its core from the glyphs of that size."""
    words = pdfplumber_extract_words(chars, x_tolerance=WORD_GAP, return_chars=True)
    for word in words:
        glyphs = word.pop("chars")
        word["fontname"] = Counter(g.get("fontname", "") for g in glyphs).most_common(1)[0][0]
        word["size"] = max(round(g.get("size", 0.0), 2) for g in glyphs)
        own = [g for g in glyphs if g.get("size", 0.0) >= word["size"] - 0.5]
        word["core_top"], word["core_bottom"] = min(g["top"] for g in own), max(g["bottom"] for g in own)
    return words


def _text_lines_the_long_way(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines[-6:]:
            ref = line[0]
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]):
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _rejoined_pieces_the_long_way(lines: list[list[dict]]) -> list[list[dict]]:
    result = [list(line) for line in lines]
    boxes = [line_box(line) for line in result]
    index = 0
    while index < len(result):
        line, box = result[index], boxes[index]
        size = line[-1].get("size", 9) or 9
        for position, (other, obox) in enumerate(zip(result, boxes, strict=True)):
            overlap = min(box[3], obox[3]) - max(box[1], obox[1])
            if other is not line and 0 <= obox[0] - box[2] < size and overlap > 0.5 * (box[3] - box[1]):
                line.extend(other)
                del result[position], boxes[position]
                boxes[index - 1 if position < index else index] = line_box(line)
                break
        else:
            index += 1
    return result


@pytest.mark.parametrize(("pdf_path", "indexes"), PAGES, ids=lambda v: getattr(v, "stem", None))
def test_framed_words_and_lines_are_the_long_ways(pdf_path, indexes):
    """`framed_page`'s words (font, size and core of each), `text_lines` over them and caption pieces rejoined are
    what the long way gives (superscripts glued to words, words across fonts, tables of many short lines)."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    n_rejoined = 0
    try:
        for index in indexes:
            chars = visible_part(read_page(document, index)).chars
            by_frame: dict = {}
            n_lines = 0
            for char in chars:
                by_frame.setdefault(char_frame(char), []).append(char)
            for frame, frame_chars_ in by_frame.items():
                view = framed_page(frame, frame_chars_, [])
                expected = _framed_words_the_long_way(
                    frame_chars_ if frame == UPRIGHT else frame_chars(frame_chars_, frame)
                )
                assert [list(w.items()) for w in view.words] == [list(w.items()) for w in expected]
                lines = _text_lines_the_long_way(view.words)
                assert [list(map(id, line)) for line in text_lines(view.words, split_columns=False)] == [
                    list(map(id, line)) for line in lines
                ]
                n_lines += len(lines)
                split = text_lines(view.words)
                if any(line[0]["text"].lower() == "table" for line in split):  # caption lines cut in pieces rejoined
                    rejoined = [list(map(id, line)) for line in rejoined_pieces(split)]
                    assert rejoined == [list(map(id, line)) for line in _rejoined_pieces_the_long_way(split)]
                    n_rejoined += 1
            assert n_lines > 5
        assert n_rejoined or "nics" in pdf_path.stem
    finally:
        document.close()
