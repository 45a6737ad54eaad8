"""Corpus: find the PDFs under a folder, hash them, and group identical files into one document."""

from __future__ import annotations

import hashlib
import os
import stat
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


@dataclass(frozen=True)
class UnusableEntry:
    """A corpus entry named like a PDF that cannot be read as a file (reported in the run's record, never silent)."""

    path: Path
    reason: str


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
    return scan_entries(corpus)[0]


def scan_entries(corpus: Path) -> tuple[list[Path], list[UnusableEntry]]:
    """The readable PDF files under `corpus`, and the entries named *.pdf that are not regular files (a dangling
    link, a pipe, a device): those are reported, not read, since opening a pipe would block the run."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise CorpusError(f"corpus folder does not exist: {corpus}")
    if corpus.is_file():
        return [corpus], []
    files: list[Path] = []
    unusable: list[UnusableEntry] = []
    for path in sorted(p for p in corpus.rglob("*") if p.suffix.lower() == ".pdf"):
        if path.is_file():
            files.append(path)
        elif not path.is_dir():
            unusable.append(UnusableEntry(path, _not_a_file(path)))
    if not files:
        raise CorpusError(f"no PDF files found under {corpus}")
    return files, unusable


def _not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return f"dangling symbolic link to {os.readlink(path)}"
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "a device or special file, not a regular file"


def scan_corpus(corpus: Path) -> tuple[list[CorpusDocument], list[UnusableEntry]]:
    """Unique documents under `corpus`, ordered by first path (files with the same content are one document), and
    the entries that could not be read: not regular files, or files the system refuses to open."""
    files, unusable = scan_entries(corpus)
    by_hash: dict[str, CorpusDocument] = {}
    for path in files:
        try:
            digest = file_sha256(path)
        except OSError as error:
            unusable.append(UnusableEntry(path, f"cannot be read: {error.strerror or error}"))
            continue
        by_hash.setdefault(digest, CorpusDocument(sha256=digest)).paths.append(path)
    return list(by_hash.values()), unusable
