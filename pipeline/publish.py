"""Publish: rebuild the output folder's datasets from the cached documents of this run, plus its manifest.

Every file is replaced atomically; the manifest is written last, so a manifest always describes datasets that
were completely written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import curation
from pipeline.compare import build_comparison, build_methods
from pipeline.corpus import CorpusDocument
from pipeline.datasets import (
    COLUMNS,
    CSV_TABLES,
    PER_DOCUMENT_TABLES,
    SCHEMA_VERSION,
    DocumentCache,
    typed_frame,
    write_csv,
    write_json,
    write_parquet,
)
from pipeline.export import export_bioc


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
    schema_version: str = SCHEMA_VERSION


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    # Empty frames are dropped first: pandas would otherwise turn typed columns into `object`.
    frames = [f for f in frames if len(f)]
    if not frames:
        return typed_frame(name, [])
    return pd.concat(frames, ignore_index=True).astype(COLUMNS[name])


def _previous(out_dir: Path, name: str) -> pd.DataFrame | None:
    path = out_dir / f"{name}.parquet"
    try:
        return pd.read_parquet(path) if path.exists() else None
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
    previous_documents = _previous(out_dir, "documents")
    previous_claims = _previous(out_dir, "claims")

    frames = {"documents": document_rows(documents, summaries, actions, record.versions.get("reviewminer", ""))}
    ok_ids = [d.doc_id for d in documents if summaries[d.doc_id]["status"] == "ok"]
    for name in PER_DOCUMENT_TABLES:
        frames[name] = _concat(name, [cache.load_frame(doc_id, name) for doc_id in ok_ids])
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
    record.failures = [
        {
            "doc_id": d.doc_id,
            "path": str(d.path),
            "status": summaries[d.doc_id]["status"],
            "error": summaries[d.doc_id].get("error", ""),
        }
        for d in documents
        if summaries[d.doc_id]["status"] != "ok"
    ]
    return frames


def write_table_csvs(out_dir: Path, cells: pd.DataFrame) -> None:
    """tables/<doc_id>/<table_id>.csv: each table as a reader sees it, its header row(s) as the column names."""
    root = out_dir / "tables"
    wanted: set[Path] = set()
    for (doc_id, table_id), table in cells.groupby(["doc_id", "table_id"], sort=True):
        n_cols = int(table["col"].max()) + 1
        grid = table.pivot_table(index="row", columns="col", values="text", aggfunc="first").sort_index()
        grid = grid.reindex(columns=range(n_cols)).fillna("")
        header_rows = sorted(set(table.loc[table["is_header"].fillna(False).astype(bool), "row"]))
        grid.columns = _column_names(grid.loc[header_rows] if header_rows else None, n_cols)
        path = root / str(doc_id) / f"{table_id}.csv"
        wanted.add(path)
        write_csv(grid.drop(index=header_rows).reset_index(drop=True), path)
    # Tables of removed or changed documents must not linger beside the current ones.
    if root.exists():
        for stale in root.glob("*/*.csv"):
            if stale not in wanted:
                stale.unlink()


def _column_names(header: pd.DataFrame | None, n_cols: int) -> list[str]:
    """Header rows joined top to bottom per column (a spanning header's text once), unique and never empty."""
    names: list[str] = []
    for col in range(n_cols):
        parts: list[str] = []
        for text in header[col].tolist() if header is not None else []:
            if text and text not in parts:
                parts.append(str(text))
        name = " ".join(parts) or f"column_{col + 1}"
        names.append(name if name not in names else f"{name} ({col + 1})")
    return names


def write_manifest(out_dir: Path, record: RunRecord) -> None:
    data = record.__dict__.copy()
    write_json(data, out_dir / ".reviewminer" / "runs" / f"{record.run_id}.json")
    write_json(data, out_dir / "manifest.json")


def read_manifest(out_dir: Path) -> dict | None:
    path = Path(out_dir) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
