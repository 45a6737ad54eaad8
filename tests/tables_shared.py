"""Parsed PDFs shared by the table test modules, so each PDF is read once per test session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.ingest import read_pdf
from pipeline.records import PdfContent

ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"


def parsed(path: Path = SEED_PDF) -> PdfContent:
    return _parsed(Path(path).resolve())


@lru_cache(maxsize=8)
def _parsed(path: Path) -> PdfContent:
    return read_pdf(path)
