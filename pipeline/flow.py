"""The Prefect flow: process the corpus's new or changed PDFs in parallel, then publish the datasets.

Import this module only after `pipeline.prefect_env.configure_prefect` has set Prefect's environment.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from tqdm import tqdm

from pipeline.config import Settings
from pipeline.datasets import DocumentCache
from pipeline.process import process_document
from pipeline.runs import finish_run, output_lock, plan_run


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
    with output_lock(out_dir, wait_seconds):
        plan = plan_run(Path(corpus), out_dir, settings)
        futures = {
            document.doc_id: process_document_task.submit(
                str(document.path),
                document.sha256,
                document.doc_id,
                settings,
                str(out_dir),
                plan.record.config_key,
                debug,
            )
            # Largest files first, so a long PDF does not start last and keep one worker busy alone at the end.
            for document in sorted(plan.to_process, key=lambda d: d.path.stat().st_size, reverse=True)
        }
        with tqdm(
            total=len(plan.documents),
            initial=len(plan.documents) - len(futures),
            desc="documents",
            unit="doc",
            disable=not progress,
            file=sys.stderr,
        ) as bar:
            doc_of = {id(future): doc_id for doc_id, future in futures.items()}
            for future in as_completed(list(futures.values())):
                plan.summaries[doc_of[id(future)]] = future.result()
                bar.update(1)
        record = finish_run(plan)
    create_markdown_artifact(
        key="reviewminer-run",
        markdown=plan.report_markdown,
        description="ReviewMiner run summary",
    )
    return asdict(record)
