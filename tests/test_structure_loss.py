"""Body text that used to be lost, by class, on real PDFs of the repository (see benchmarks/text_loss.py): each
test reads one or two pages and checks that the text reaches the prose, once and in order."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.extract.ingest import read_pdf
from pipeline.extract.nlp import PROSE_KINDS
from pipeline.extract.structure import build_document
from pipeline.records import StructuredDocument

from conftest import ROOT

PAPERS = ROOT / "benchmarks" / "papers"


@lru_cache(maxsize=8)
def _document(path: Path, first: int, last: int) -> StructuredDocument:
    return build_document(read_pdf(path, pages=(first, last)))


def _prose(path: Path, first: int, last: int | None = None) -> str:
    document = _document(path, first, last or first)
    return " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)


def test_two_text_columns_the_table_finder_took_for_a_grid_are_read_as_prose():
    """Two columns of prose under a figure, aligned line by line, came out as a 17x2 whitespace table, and the
    words in its box were kept out of the text."""
    prose = _prose(PAPERS / "asmejour2022_asme_journal_template.pdf", 2)
    assert "Two column tables and figures will always float to the top of a later page." in prose
    assert "A bibliography field @online{.. is included for citation of online sources" in prose
