"""Datasets: turn document results into the output contract's tables and write them atomically.

Each processed document's frames are kept in a cache folder keyed by content hash and pipeline configuration;
the published datasets are always rebuilt from the cached frames of the documents currently in the corpus, so
an unchanged document costs a Parquet read, a changed one replaces its rows and a removed one drops out.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.records import Claim, DocumentResult

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = "1.3"
STATE_DIR = ".reviewminer"
PER_DOCUMENT_TABLES = ("passages", "sentences", "tables", "table_index", "claims", "entities")
CSV_TABLES = ("documents", "claims", "table_index", "comparison", "methods")

COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "string",
        "path": "string",
        "paths": "string",
        "sha256": "string",
        "title": "string",
        "n_pages": "Int64",
        "status": "string",
        "error": "string",
        "warnings": "string",
        "n_tables": "Int64",
        "n_claims": "Int64",
        "n_entities": "Int64",
        "seconds": "float64",
        "action": "string",
        "pipeline_version": "string",
    },
    "passages": {
        "doc_id": "string",
        "passage_id": "Int64",
        "kind": "string",
        "section_path": "string",
        "page": "Int64",
        "x0": "float64",
        "top": "float64",
        "x1": "float64",
        "bottom": "float64",
        "char_start": "Int64",
        "text": "string",
        "citations": "string",
    },
    "sentences": {
        "doc_id": "string",
        "sentence_id": "Int64",
        "passage_id": "Int64",
        "passage_kind": "string",
        "page": "Int64",
        "section_path": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
    },
    "tables": {
        "doc_id": "string",
        "table_id": "string",
        "number": "string",
        "caption": "string",
        "page": "Int64",
        "row": "Int64",
        "col": "Int64",
        "is_header": "boolean",
        "is_spanned": "boolean",
        "text": "string",
        "x0": "float64",
        "top": "float64",
        "x1": "float64",
        "bottom": "float64",
    },
    "table_index": {
        "doc_id": "string",
        "table_id": "string",
        "number": "string",
        "caption": "string",
        "pages": "string",
        "n_rows": "Int64",
        "n_cols": "Int64",
        "header": "string",
        "notes": "string",
    },
    "claims": {
        "claim_id": "string",
        "doc_id": "string",
        "subject": "string",
        "subject_norm": "string",
        "relation": "string",
        "object": "string",
        "object_norm": "string",
        "aspect": "string",
        "direction": "string",
        "magnitude": "string",
        "comparator": "string",
        "hedged": "boolean",
        "negated": "boolean",
        "source": "string",
        "page": "Int64",
        "section_path": "string",
        "sentence_id": "Int64",
        "table_id": "string",
        "row": "Int64",
        "col": "Int64",
        "evidence": "string",
        "evidences": "string",
        "cue": "string",
    },
    "entities": {
        "doc_id": "string",
        "text": "string",
        "label": "string",
        "norm": "string",
        "page": "Int64",
        "sentence_id": "Int64",
        "start": "Int64",
        "end": "Int64",
        "source": "string",
    },
}


def typed_frame(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """A frame with the contract's columns and dtypes, whatever rows (possibly none) it is given."""
    import pandas as pd  # imported on use: a rerun over an unchanged corpus must start fast, without pandas

    columns = COLUMNS[name]
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return frame.astype(columns)


def claim_id(doc_id: str, claim: Claim) -> str:
    """Stable id: the same document and the same normalized triple give the same id on every run."""
    key = "|".join([doc_id, claim.relation, claim.subject_norm or claim.subject, claim.object_norm or claim.object])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _bbox_columns(bbox) -> dict[str, float | None]:
    x0, top, x1, bottom = bbox if bbox else (None, None, None, None)
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}


def claim_rows(result: DocumentResult) -> list[dict]:
    """One row per distinct claim; claims with the same id (same triple) are merged, evidences pooled."""
    rows: dict[str, dict] = {}
    for claim in result.claims:
        cid = claim_id(result.doc_id, claim)
        evidences = [asdict(e) for e in claim.evidence]
        if cid in rows:
            rows[cid]["_evidences"].extend(evidences)
            continue
        rows[cid] = {
            "claim_id": cid,
            "doc_id": result.doc_id,
            "subject": claim.subject,
            "subject_norm": claim.subject_norm,
            "relation": claim.relation,
            "object": claim.object,
            "object_norm": claim.object_norm,
            "aspect": claim.aspect,
            "direction": claim.direction,
            "magnitude": claim.magnitude,
            "comparator": claim.comparator,
            "hedged": claim.hedged,
            "negated": claim.negated,
            "cue": claim.cue,
            "_evidences": evidences,
        }
    for row in rows.values():
        evidences = row.pop("_evidences")
        first = evidences[0] if evidences else {}
        row.update(
            source="+".join(sorted({e["source"] for e in evidences})) or None,
            page=first.get("page"),
            section_path=first.get("section_path"),
            sentence_id=first.get("sentence_id"),
            table_id=first.get("table_id"),
            row=first.get("row"),
            col=first.get("col"),
            evidence=first.get("text"),
            evidences=json.dumps(evidences, ensure_ascii=False),
        )
    return list(rows.values())


def document_frames(result: DocumentResult) -> dict[str, pd.DataFrame]:
    """The per-document tables of the output contract (everything but `documents`)."""
    doc_id = result.doc_id
    passages = result.structure.passages if result.structure else []
    # each sentence's passage kind, so a reader can keep body paragraphs apart from captions, code and lists
    kind_of = {p.passage_id: p.kind for p in passages}
    frames = {
        "passages": typed_frame(
            "passages",
            (
                {
                    "doc_id": doc_id,
                    "passage_id": p.passage_id,
                    "kind": p.kind,
                    "section_path": p.section_path,
                    "page": p.page,
                    **_bbox_columns(p.bbox),
                    "char_start": p.char_start,
                    "text": p.text,
                    "citations": json.dumps(sorted({n for c in p.citations for n in c.numbers})) if p.citations else "",
                }
                for p in passages
            ),
        ),
        "sentences": typed_frame(
            "sentences",
            ({"doc_id": doc_id, **asdict(s), "passage_kind": kind_of.get(s.passage_id, "")} for s in result.sentences),
        ),
        "tables": typed_frame(
            "tables",
            (
                {
                    "doc_id": doc_id,
                    "table_id": t.table_id,
                    "number": t.number,
                    "caption": t.caption,
                    "page": c.page,
                    "row": c.row,
                    "col": c.col,
                    "is_header": c.is_header,
                    "is_spanned": c.is_spanned,
                    "text": c.text,
                    **_bbox_columns(c.bbox),
                }
                for t in result.tables
                for c in t.cells
            ),
        ),
        "table_index": typed_frame(
            "table_index",
            (
                {
                    "doc_id": doc_id,
                    "table_id": t.table_id,
                    "number": t.number,
                    "caption": t.caption,
                    "pages": ",".join(str(p) for p in t.pages),
                    "n_rows": t.n_rows,
                    "n_cols": t.n_cols,
                    "header": json.dumps(t.header(), ensure_ascii=False),
                    "notes": t.notes,
                }
                for t in result.tables
            ),
        ),
        "claims": typed_frame("claims", claim_rows(result)),
        "entities": typed_frame(
            "entities",
            (
                {
                    "doc_id": doc_id,
                    "text": e.text,
                    "label": e.label,
                    "norm": e.norm,
                    "page": e.page,
                    "sentence_id": e.sentence_id,
                    "start": e.start,
                    "end": e.end,
                    "source": e.source,
                }
                for e in result.entities
            ),
        ),
    }
    return frames


# ---------------------------------------------------------------- atomic writes


_UMASK = os.umask(0)
os.umask(_UMASK)


# Inside `written_together`: the files written so far, (temporary, target), to be made durable and renamed at once.
_TOGETHER: ContextVar[list[tuple[str, Path]] | None] = ContextVar("written_together", default=None)


def atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, fsync it, then rename over the target.

    A reader sees the old file or the new one, never a half-written one; a killed run leaves the old one.
    Inside `written_together` the fsync and the rename wait for the end of the block.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600 files; datasets are for other tools to read
    together = _TOGETHER.get()
    try:
        write(temporary)
        if together is not None:
            together.append((temporary, path))
            return
        _fsync(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def written_together() -> Iterator[None]:
    """The files `atomic_write` writes in this block reach the disk together: their fsyncs run concurrently at the
    end (the disk commits them in a few journal flushes, not one per file), then each is renamed over its target in
    the order written. Until then every target is the previous file, and if the block fails none is replaced.

    The files must not be read back inside the block (they are not in place yet).
    """
    pending: list[tuple[str, Path]] = []
    token = _TOGETHER.set(pending)
    try:
        yield
    except BaseException:
        for temporary, _ in pending:
            Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        _TOGETHER.reset(token)
    try:
        if pending:
            with ThreadPoolExecutor(max_workers=min(16, len(pending))) as pool:
                list(pool.map(_fsync, [temporary for temporary, _ in pending]))
        for temporary, path in pending:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in pending:
            Path(temporary).unlink(missing_ok=True)
        raise


def _fsync(path: str) -> None:
    with open(path, "rb") as written:
        os.fsync(written.fileno())


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))


def write_json(data: object, path: Path, indent: int | None = 2) -> None:
    """JSON for people to read (indented), or compact with `indent=None` for large machine-read files."""
    separators = (",", ": ") if indent is not None else (",", ":")
    # dumps, not dump: only a one-shot compact encoding uses the C encoder (dump streams through pure Python).
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=False, default=str)

    def dump(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)

    atomic_write(path, dump)


# ---------------------------------------------------------------- per-document cache


class DocumentCache:
    """Per-document frames under OUT/.reviewminer/cache/<doc_id>/<config_key>/."""

    def __init__(self, out_dir: Path, config_key: str):
        self.root = Path(out_dir) / STATE_DIR / "cache"
        self.config_key = config_key

    def folder(self, doc_id: str) -> Path:
        return self.root / doc_id / self.config_key

    def load_summary(self, doc_id: str) -> dict | None:
        """The cached document's summary; None (and the entry removed) when it is missing or damaged, so the
        document is extracted again: an unreadable, truncated or deleted frame file never reaches a publish."""
        folder = self.folder(doc_id)
        summary_path = folder / "summary.json"
        if not summary_path.exists():
            return None
        try:
            summary = json.loads(summary_path.read_text(encoding="utf-8"))
            intact = isinstance(summary, dict) and _frames_intact(folder, summary.get("files"))
        except (OSError, ValueError):
            intact = False
        if not intact:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return summary

    def store(self, result: DocumentResult) -> dict:
        """Write the document's frames into a fresh folder and swap it in whole; returns its summary."""
        frames = document_frames(result) if result.status == "ok" else {}
        summary = {
            "doc_id": result.doc_id,
            "sha256": result.sha256,
            "title": result.title,
            "n_pages": result.n_pages,
            "status": result.status,
            "error": result.error,
            "warnings": result.warnings,
            "seconds": round(result.seconds, 3),
            "stage_seconds": {k: round(v, 4) for k, v in result.stage_seconds.items()},
            "n_tables": len(result.tables),
            "n_claims": len(frames["claims"]) if frames else 0,
            "n_entities": len(result.entities),
            "files": {},  # frame file -> size in bytes, to tell a damaged entry (see load_summary)
        }
        target = self.folder(result.doc_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target.parent))
        try:
            for name, frame in frames.items():
                frame.to_parquet(staging / f"{name}.parquet", index=False)
                summary["files"][f"{name}.parquet"] = (staging / f"{name}.parquet").stat().st_size
            (staging / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
            # Extractions made under another configuration can never be reused once this one is stored.
            for stale in target.parent.iterdir():
                if stale.is_dir() and stale != target and not stale.name.startswith(".staging-"):
                    shutil.rmtree(stale, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return summary

    def load_frame(self, doc_id: str, name: str, typed: bool = True) -> pd.DataFrame:
        """The document's frame; `typed=False` skips the cast to the contract's dtypes (for a caller that casts
        the concatenation of many documents once)."""
        import pandas as pd

        path = self.folder(doc_id) / f"{name}.parquet"
        if not path.exists():
            return typed_frame(name, [])
        frame = pd.read_parquet(path)
        return frame.astype(COLUMNS[name]) if typed else frame


PARQUET_MAGIC = b"PAR1"  # the first and last four bytes of every Parquet file


def _frames_intact(folder: Path, sizes: dict[str, int] | None) -> bool:
    """Every frame file of a cache entry is there, as long as when written, and starts and ends as Parquet does.

    Entries written before sizes were recorded list none: their Parquet files are checked for the markers only."""
    if sizes is None:
        sizes = {path.name: None for path in folder.glob("*.parquet")}
    for name, size in sizes.items():
        path = folder / name
        try:
            if size is not None and path.stat().st_size != size:
                return False
            with path.open("rb") as handle:
                head = handle.read(4)
                handle.seek(-4, os.SEEK_END)
                if head != PARQUET_MAGIC or handle.read(4) != PARQUET_MAGIC:
                    return False
        except OSError:
            return False
    return True
