"""Corpus: find the PDFs under a folder, hash them, and group identical files into one document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


class CorpusError(Exception):
    """The corpus itself is unusable (missing folder, no PDFs): a user mistake, reported in one line."""


@dataclass
class CorpusDocument:
    sha256: str
    paths: list[Path] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.sha256)

    @property
    def path(self) -> Path:
        return self.paths[0]


def file_sha256(path: Path) -> str:
    """The content hash that identifies a document (kept here so hashing a corpus imports no PDF library)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def doc_id_for(sha256: str) -> str:
    """The contract's doc_id: the first 16 hex digits of the sha256."""
    return sha256[:16]


def list_pdfs(corpus: Path) -> list[Path]:
    """The PDF files under `corpus` (recursively, by extension), sorted; a single PDF file is its own corpus."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise CorpusError(f"corpus folder does not exist: {corpus}")
    if corpus.is_file():
        files = [corpus]
    else:
        files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    if not files:
        raise CorpusError(f"no PDF files found under {corpus}")
    return files


def scan_corpus(corpus: Path) -> list[CorpusDocument]:
    """Unique documents under `corpus`, ordered by first path; files with the same content are one document."""
    files = list_pdfs(corpus)
    by_hash: dict[str, CorpusDocument] = {}
    for path in files:
        digest = file_sha256(path)
        by_hash.setdefault(digest, CorpusDocument(sha256=digest)).paths.append(path)
    return list(by_hash.values())
