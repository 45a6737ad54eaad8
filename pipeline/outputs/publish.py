"""Publish: rebuild the output folder's datasets from the cached documents of this run.

Every file is replaced atomically; `orchestration/runs.py` writes the manifest after the datasets, so a manifest
always describes datasets that were completely written, and the published state (`manifest.py`) after all of them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from pipeline.corpus import CorpusDocument
from pipeline.outputs import curation
from pipeline.outputs.compare import build_comparison, build_methods
from pipeline.outputs.datasets import (
    COLUMNS,
    CSV_TABLES,
    PER_DOCUMENT_TABLES,
    DocumentCache,
    atomic_write,
    typed_frame,
    write_csv,
    write_parquet,
)
from pipeline.outputs.export import BIOC_FILE, export_bioc
from pipeline.outputs.manifest import (  # noqa: F401  (re-exported)
    RunRecord,
    read_manifest,
    run_failures,
    run_warnings,
    write_manifest,
)

DATASETS = ("documents", *PER_DOCUMENT_TABLES, "comparison", "methods")


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    # Empty frames are dropped first: pandas would otherwise turn typed columns into `object`.
    frames = [f for f in frames if len(f)]
    if not frames:
        return typed_frame(name, [])
    return pd.concat(frames, ignore_index=True).astype(COLUMNS[name])


def _previous(out_dir: Path, name: str, columns: list[str]) -> pd.DataFrame | None:
    path = out_dir / f"{name}.parquet"
    try:
        return pd.read_parquet(path, columns=columns) if path.exists() else None
    except Exception:  # an unreadable earlier file is replaced, not trusted
        return None


def document_rows(
    documents: list[CorpusDocument], summaries: dict[str, dict], actions: dict[str, str], pipeline_version: str
) -> pd.DataFrame:
    rows = []
    for document in documents:
        summary = summaries[document.doc_id]
        rows.append(
            {
                "doc_id": document.doc_id,
                "path": str(document.path),
                "paths": ";".join(str(p) for p in document.paths),
                "sha256": document.sha256,
                "title": summary.get("title", ""),
                "n_pages": summary.get("n_pages", 0),
                "status": summary["status"],
                "error": summary.get("error", ""),
                "warnings": json.dumps(summary.get("warnings", []), ensure_ascii=False),
                "n_tables": summary.get("n_tables", 0),
                "n_claims": summary.get("n_claims", 0),
                "n_entities": summary.get("n_entities", 0),
                "seconds": summary.get("seconds", 0.0),
                "action": actions[document.doc_id],
                "pipeline_version": pipeline_version,
            }
        )
    return typed_frame("documents", rows)


def publish(
    out_dir: Path,
    documents: list[CorpusDocument],
    summaries: dict[str, dict],
    actions: dict[str, str],
    cache: DocumentCache,
    record: RunRecord,
) -> dict[str, pd.DataFrame]:
    """Write every dataset for the documents of this run and return the frames written."""
    out_dir = Path(out_dir)
    previous_documents = _previous(out_dir, "documents", ["doc_id", "paths"])
    previous_claims = _previous(out_dir, "claims", ["claim_id"])

    frames = {"documents": document_rows(documents, summaries, actions, record.versions.get("reviewminer", ""))}
    ok_ids = [d.doc_id for d in documents if summaries[d.doc_id]["status"] == "ok"]
    for name in PER_DOCUMENT_TABLES:
        frames[name] = _concat(name, [cache.load_frame(doc_id, name, typed=False) for doc_id in ok_ids])
    frames["claims"] = curation.apply_decisions(frames["claims"], out_dir)
    frames["comparison"] = build_comparison(frames["claims"], frames["documents"])
    frames["methods"] = build_methods(frames["claims"], frames["entities"], frames["documents"])

    for name, frame in frames.items():
        write_parquet(frame, out_dir / f"{name}.parquet")
        if name in CSV_TABLES:
            write_csv(frame, out_dir / f"{name}.csv")
    write_table_csvs(out_dir, frames["tables"])
    export_bioc(out_dir, frames)

    record.counts = {
        status: int((frames["documents"]["status"] == status).sum()) for status in ("ok", "failed", "skipped")
    }
    record.counts.update(
        documents=len(documents),
        tables=len(frames["table_index"]),
        claims=len(frames["claims"]),
        entities=len(frames["entities"]),
    )
    if previous_documents is not None:
        # Removed: gone from the corpus under every path. An old version of a changed file was replaced instead.
        current_ids = {d.doc_id for d in documents}
        current_paths = {str(p) for d in documents for p in d.paths}
        record.documents_removed = sorted(
            row.doc_id
            for row in previous_documents.itertuples()
            if row.doc_id not in current_ids and not set(str(row.paths or "").split(";")) & current_paths
        )
    old_ids = set(previous_claims["claim_id"]) if previous_claims is not None else set()
    new_ids = set(frames["claims"]["claim_id"])
    record.claims_added = len(new_ids - old_ids)
    record.claims_removed = len(old_ids - new_ids)
    record.failures = run_failures(documents, summaries)
    record.warnings = run_warnings(documents, summaries)
    return frames


def write_table_csvs(out_dir: Path, cells: pd.DataFrame) -> list[Path]:
    """tables/<doc_id>/<table_id>.csv: each table as a reader sees it, its header row(s) as the column names.

    Returns the files written. Built from plain rows: a pandas pivot per table cost more than the rest of it.
    """
    root = out_dir / "tables"
    tables: dict[tuple[str, str], list[tuple]] = {}
    columns = [cells[name].tolist() for name in ("doc_id", "table_id", "row", "col", "is_header", "text")]
    for doc_id, table_id, *cell in zip(*columns, strict=True):
        tables.setdefault((str(doc_id), str(table_id)), []).append(tuple(cell))
    written: list[Path] = []
    for (doc_id, table_id), table in sorted(tables.items()):
        path = root / doc_id / f"{table_id}.csv"
        _write_rows(_table_grid(table), path)
        written.append(path)
    # Tables of removed or changed documents must not linger beside the current ones.
    if root.exists():
        for stale in set(root.glob("*/*.csv")) - set(written):
            stale.unlink()
    return written


def _table_grid(cells: list[tuple]) -> list[list[str]]:
    """The column names, then the body rows of one table, from its (row, col, is_header, text) cells.

    Rows keep their order and only rows holding some text appear; a missing cell is "" and the first text of a
    slot wins (what a pivot of the cells gave).
    """
    grid: dict[int, dict[int, str]] = {}
    n_cols = int(max(col for _, col, _, _ in cells)) + 1
    header_rows = set()
    for row, col, is_header, text in cells:
        if pd.notna(is_header) and is_header:
            header_rows.add(int(row))
        if text is not None and text is not pd.NA:
            grid.setdefault(int(row), {}).setdefault(int(col), str(text))
    rows = {row: [values.get(col, "") for col in range(n_cols)] for row, values in sorted(grid.items())}
    header = [rows[row] for row in sorted(header_rows) if row in rows]
    names = _column_names(header, n_cols)
    return [names] + [values for row, values in rows.items() if row not in header_rows]


def _write_rows(rows: list[list[str]], path: Path) -> None:
    """CSV as pandas writes it (minimal quoting, "\\n" line ends), without building a frame."""

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    atomic_write(path, write)


def _column_names(header: list[list[str]], n_cols: int) -> list[str]:
    """Header rows joined top to bottom per column (a spanning header's text once), unique and never empty."""
    names: list[str] = []
    for col in range(n_cols):
        parts: list[str] = []
        for text in (row[col] for row in header):
            if text and text not in parts:
                parts.append(str(text))
        name = " ".join(parts) or f"column_{col + 1}"
        names.append(name if name not in names else f"{name} ({col + 1})")
    return names


def published_files(out_dir: Path) -> list[str]:
    """Every file a publish writes (relative to OUT) that is there now; the manifest is not one of them."""
    from pipeline.outputs.curation import ORPHANS_NAME
    from pipeline.outputs.datapackage import PACKAGE_FILE
    from pipeline.outputs.report import REPORT_FILE

    names = [f"{name}.parquet" for name in DATASETS] + [f"{name}.csv" for name in CSV_TABLES]
    names += [BIOC_FILE, REPORT_FILE, PACKAGE_FILE, ORPHANS_NAME]
    names += sorted(p.relative_to(out_dir).as_posix() for p in (Path(out_dir) / "tables").glob("*/*.csv"))
    return [name for name in names if (Path(out_dir) / name).exists()]
