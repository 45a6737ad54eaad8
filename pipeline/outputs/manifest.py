"""Run records and the published state: what each run did, and what the datasets in OUT were last built from.

This module imports no pandas on purpose: a rerun over an unchanged corpus reads and writes only these small JSON
files, and must start fast.

- OUT/manifest.json and OUT/.reviewminer/runs/<run_id>.json: one RunRecord per run.
- OUT/.reviewminer/published.json: written after every complete publish. It holds the fingerprint of everything
  the datasets were built from, the size/mtime/inode of every file the publish wrote, the path → doc_id map of
  the published documents and the figures a later run reports when it finds nothing to change.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.corpus import CorpusDocument
from pipeline.outputs.datasets import SCHEMA_VERSION, STATE_DIR, write_json

PUBLISHED_STATE = "published.json"


@dataclass
class RunRecord:
    """What one run did; written as OUT/manifest.json and OUT/.reviewminer/runs/<run_id>.json."""

    run_id: str
    started_at: str
    finished_at: str = ""
    corpus: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    config_key: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    documents_added: list[str] = field(default_factory=list)
    documents_changed: list[str] = field(default_factory=list)
    documents_removed: list[str] = field(default_factory=list)
    documents_reused: list[str] = field(default_factory=list)
    claims_added: int = 0
    claims_removed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    # Documents processed (ok) that lost something on the way: doc_id, path and what (documents' `warnings`).
    warnings: list[dict] = field(default_factory=list)
    # Corpus entries named *.pdf that are not readable files (dangling links, pipes): path and reason.
    unusable_entries: list[dict[str, str]] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION
    # The run whose publish wrote the datasets now in OUT: this run's id, or an earlier one when nothing changed.
    datasets_run_id: str = ""


def write_manifest(out_dir: Path, record: RunRecord) -> None:
    data = record.__dict__.copy()
    write_json(data, Path(out_dir) / STATE_DIR / "runs" / f"{record.run_id}.json")
    write_json(data, Path(out_dir) / "manifest.json")


def read_manifest(out_dir: Path) -> dict | None:
    path = Path(out_dir) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


# ---------------------------------------------------------------- the published state


@dataclass
class PublishedState:
    fingerprint: str
    run_id: str
    paths: dict[str, str]  # every path of every published document → its doc_id
    files: dict[str, list[int]]  # file relative to OUT → [size, mtime_ns, inode] right after the publish
    counts: dict[str, int]
    markdown_details: str = ""  # the run summary's per-paper and conflict sections, for the Prefect artifact


def state_path(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_DIR / PUBLISHED_STATE


def read_published_state(out_dir: Path) -> PublishedState | None:
    """The state of the last complete publish; None when there is none or it cannot be read."""
    try:
        data = json.loads(state_path(out_dir).read_text(encoding="utf-8"))
        return PublishedState(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_published_state(out_dir: Path, state: PublishedState) -> None:
    write_json(state.__dict__, state_path(out_dir))


def file_stamp(path: Path) -> list[int] | None:
    """What tells a file apart from a rewritten, truncated or replaced one, without reading it."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def file_stamps(out_dir: Path, relative_paths: list[str]) -> dict[str, list[int]]:
    stamps = {name: file_stamp(Path(out_dir) / name) for name in relative_paths}
    return {name: stamp for name, stamp in stamps.items() if stamp is not None}


def files_intact(out_dir: Path, stamps: dict[str, list[int]]) -> bool:
    """True when every file of the publish is still there, exactly as the publish left it."""
    return bool(stamps) and all(file_stamp(Path(out_dir) / name) == stamp for name, stamp in stamps.items())


def run_failures(documents: list[CorpusDocument], summaries: dict[str, dict]) -> list[dict[str, str]]:
    """The documents of a run that were not processed (failed or skipped), and why."""
    return [
        {
            "doc_id": d.doc_id,
            "path": str(d.path),
            "status": summaries[d.doc_id]["status"],
            "error": summaries[d.doc_id].get("error", ""),
        }
        for d in documents
        if summaries[d.doc_id]["status"] != "ok"
    ]


def run_warnings(documents: list[CorpusDocument], summaries: dict[str, dict]) -> list[dict]:
    """The ok documents of a run that lost part of their content (an image-only page, a sentence a reader failed on)."""
    return [
        {"doc_id": d.doc_id, "path": str(d.path), "warnings": summaries[d.doc_id]["warnings"]}
        for d in documents
        if summaries[d.doc_id]["status"] == "ok" and summaries[d.doc_id].get("warnings")
    ]
