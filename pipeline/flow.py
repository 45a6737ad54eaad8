"""The Prefect flow: process the corpus's new or changed PDFs in parallel, then publish the datasets.

Import this module only after `pipeline.prefect_env.configure_prefect` has set Prefect's environment.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from tqdm import tqdm

from pipeline.config import PIPELINE_VERSION, models_fingerprint, package_versions
from pipeline.corpus import CorpusDocument, scan_corpus
from pipeline.datasets import STATE_DIR, DocumentCache
from pipeline.process import Settings, process_document
from pipeline.publish import RunRecord, publish, write_manifest


class RunLockedError(Exception):
    """Another run holds the output folder."""


def config_key(settings: Settings) -> str:
    """Cached extractions are valid for one pipeline version, one models/ content and one set of settings."""
    material = json.dumps([PIPELINE_VERSION, models_fingerprint(), asdict(settings)], sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:12]


@task(name="process-document", task_run_name="process-{doc_id}")
def process_document_task(
    path: str, sha256: str, doc_id: str, settings: Settings, out_dir: str, key: str, debug: bool = False
) -> dict:
    """Extract one document and keep its frames in the cache; returns the document's summary."""
    result = process_document(Path(path), sha256, settings, debug=debug)
    return DocumentCache(Path(out_dir), key).store(result)


def make_task_runner(workers: int | None = None, dask_address: str | None = None) -> TaskRunner:
    """Threads for one worker (no start-up cost), processes for several, or an existing Dask cluster.

    Defaults come from REVIEWMINER_WORKERS / REVIEWMINER_DASK_ADDRESS, which is how a served deployment (whose
    runs load this module afresh) gets its runner.
    """
    workers = workers or int(os.environ.get("REVIEWMINER_WORKERS", "1"))
    dask_address = dask_address or os.environ.get("REVIEWMINER_DASK_ADDRESS") or None
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=1)


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


@flow(name="reviewminer", log_prints=True, task_runner=make_task_runner())
def run_corpus(
    corpus: str,
    out: str,
    max_pages: int | None = None,
    max_seconds: float | None = None,
    spacy_model: str | None = None,
    wait_seconds: float = 0,
    progress: bool = False,
    debug: bool = False,
) -> dict:
    """Process every new or changed PDF under `corpus` and write the datasets to `out`; returns the run record."""
    settings = Settings(max_pages=max_pages, max_seconds=max_seconds, spacy_model=spacy_model)
    out_dir = Path(out)
    (out_dir / STATE_DIR).mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / STATE_DIR / "run.lock"))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise RunLockedError(
            f"another reviewminer run is writing to {out_dir}; wait for it to finish (or pass --wait SECONDS)"
        ) from None
    try:
        return _run_locked(Path(corpus), out_dir, settings, progress, debug)
    finally:
        lock.release()


def _run_locked(corpus: Path, out_dir: Path, settings: Settings, progress: bool, debug: bool) -> dict:
    record = RunRecord(
        run_id=f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}",
        started_at=datetime.now(UTC).isoformat(),
        corpus=str(corpus),
        versions=package_versions(),
    )
    documents = scan_corpus(corpus)
    key = config_key(settings)
    record.config_key = key
    cache = DocumentCache(out_dir, key)
    previous_paths = _previous_paths(out_dir)

    summaries: dict[str, dict] = {}
    actions: dict[str, str] = {}
    futures = {}
    for document in documents:
        actions[document.doc_id] = _action(document, previous_paths)
        cached = cache.load_summary(document.doc_id)
        if cached is not None:
            summaries[document.doc_id] = cached
            record.documents_reused.append(document.doc_id)
            continue
        futures[document.doc_id] = process_document_task.submit(
            str(document.path), document.sha256, document.doc_id, settings, str(out_dir), key, debug
        )
    with tqdm(
        total=len(documents),
        desc="documents",
        unit="doc",
        disable=not progress,
        file=sys.stderr,
        initial=len(documents) - len(futures),
    ) as bar:
        by_future = {id(f): doc_id for doc_id, f in futures.items()}
        for future in as_completed(list(futures.values())):
            summaries[by_future[id(future)]] = future.result()
            bar.update(1)
    record.documents_added = sorted(d for d, a in actions.items() if a == "added")
    record.documents_changed = sorted(d for d, a in actions.items() if a == "changed")
    publish(out_dir, documents, summaries, actions, cache, record)
    record.finished_at = datetime.now(UTC).isoformat()
    write_manifest(out_dir, record)
    create_markdown_artifact(
        key="reviewminer-run", markdown=run_summary_markdown(record), description="ReviewMiner run summary"
    )
    return asdict(record)


def run_summary_markdown(record: RunRecord) -> str:
    processed = record.counts.get("documents", 0) - len(record.documents_reused)
    lines = [
        f"# ReviewMiner run {record.run_id}",
        "",
        "| documents | processed | reused (unchanged) | ok | failed | skipped | removed | claims added "
        "| claims removed |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {record.counts.get('documents', 0)} | {processed} | {len(record.documents_reused)} "
        f"| {record.counts.get('ok', 0)} | {record.counts.get('failed', 0)} | {record.counts.get('skipped', 0)} "
        f"| {len(record.documents_removed)} | {record.claims_added} | {record.claims_removed} |",
    ]
    if record.failures:
        lines += ["", "## Failures", "", "| document | status | reason |", "|---|---|---|"]
        lines += [
            f"| {f['path']} | {f['status']} | {f['error'].splitlines()[0] if f['error'] else ''} |"
            for f in record.failures
        ]
    return "\n".join(lines) + "\n"
