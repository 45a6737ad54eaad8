"""A run over a corpus without the orchestration: plan what needs work, hold the output lock, finish and publish.

The Prefect flow (pipeline/flow.py) executes the plan's documents as tasks; when a plan has nothing to process,
the CLI finishes it here directly and spares the start of a Prefect server.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from pipeline.config import PIPELINE_VERSION, Settings, models_fingerprint, package_versions
from pipeline.corpus import CorpusDocument, scan_corpus
from pipeline.datapackage import write_datapackage
from pipeline.datasets import STATE_DIR, DocumentCache
from pipeline.publish import RunRecord, publish, write_manifest
from pipeline.report import run_report_markdown, write_report


class RunLockedError(Exception):
    """Another run holds the output folder."""


@contextmanager
def output_lock(out_dir: Path, wait_seconds: float = 0):
    """One run at a time per output folder: a second one waits up to `wait_seconds`, then refuses."""
    (out_dir / STATE_DIR).mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / STATE_DIR / "run.lock"))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise RunLockedError(
            f"another reviewminer run is writing to {out_dir}; wait for it to finish (or pass --wait SECONDS)"
        ) from None
    try:
        yield
    finally:
        lock.release()


def config_key(settings: Settings) -> str:
    """Cached extractions are valid for one pipeline version, one models/ content and one set of settings."""
    material = json.dumps([PIPELINE_VERSION, models_fingerprint(), asdict(settings)], sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:12]


@dataclass
class RunPlan:
    out_dir: Path
    settings: Settings
    record: RunRecord
    documents: list[CorpusDocument]
    cache: DocumentCache
    actions: dict[str, str]  # doc_id -> added / changed / unchanged
    summaries: dict[str, dict] = field(default_factory=dict)  # filled for reused documents, then by processing
    to_process: list[CorpusDocument] = field(default_factory=list)
    report_markdown: str = ""  # the run report's summary, for the Prefect artifact


def _previous_paths(out_dir: Path) -> dict[str, str]:
    """path → doc_id of the previous run, to tell a changed file from a new one."""
    path = out_dir / "documents.parquet"
    if not path.exists():
        return {}
    try:
        previous = pd.read_parquet(path, columns=["doc_id", "paths"])
    except Exception:
        return {}
    return {p: row.doc_id for row in previous.itertuples() for p in str(row.paths or "").split(";") if p}


def _action(document: CorpusDocument, previous_paths: dict[str, str]) -> str:
    earlier = {previous_paths.get(str(p)) for p in document.paths} - {None}
    if document.doc_id in earlier:
        return "unchanged"
    return "changed" if earlier else "added"


def plan_run(corpus: Path, out_dir: Path, settings: Settings) -> RunPlan:
    """Hash the corpus and split it into cached documents and documents that need extraction."""
    record = RunRecord(
        run_id=f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}",
        started_at=datetime.now(UTC).isoformat(),
        corpus=str(corpus),
        versions=package_versions(),
        config_key=config_key(settings),
    )
    documents = scan_corpus(corpus)
    cache = DocumentCache(out_dir, record.config_key)
    previous_paths = _previous_paths(out_dir)
    plan = RunPlan(out_dir, settings, record, documents, cache, actions={})
    for document in documents:
        plan.actions[document.doc_id] = _action(document, previous_paths)
        cached = cache.load_summary(document.doc_id)
        if cached is None:
            plan.to_process.append(document)
        else:
            plan.summaries[document.doc_id] = cached
            record.documents_reused.append(document.doc_id)
    record.documents_added = sorted(d for d, a in plan.actions.items() if a == "added")
    record.documents_changed = sorted(d for d, a in plan.actions.items() if a == "changed")
    return plan


def finish_run(plan: RunPlan) -> RunRecord:
    """Publish the datasets for every document of the plan (all summaries must be in) and write the manifest."""
    frames = publish(plan.out_dir, plan.documents, plan.summaries, plan.actions, plan.cache, plan.record)
    plan.record.finished_at = datetime.now(UTC).isoformat()
    write_report(plan.out_dir, frames, asdict(plan.record))
    write_manifest(plan.out_dir, plan.record)
    write_datapackage(plan.out_dir)
    plan.report_markdown = run_report_markdown(frames, asdict(plan.record))
    return plan.record
