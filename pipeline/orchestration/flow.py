"""The Prefect flow: process the corpus's new or changed PDFs in parallel, then publish the datasets.

Import this module only after `pipeline.orchestration.prefect_env.configure_prefect` has set Prefect's environment.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.states import Failed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from tqdm import tqdm

from pipeline.config import Settings
from pipeline.corpus import CorpusDocument
from pipeline.extract.document import DEFAULT_MEMORY_MB, process_document_isolated, read_part_isolated, work_limits
from pipeline.extract.ingest import count_pages
from pipeline.isolation import Limits, describe_failure, die_with_parent
from pipeline.orchestration.pool import PreloadedProcessPoolTaskRunner
from pipeline.orchestration.runs import DocumentsFailed, RunPlan, failures_that_count, finish_run, output_lock, plan_run
from pipeline.outputs import curation
from pipeline.outputs.datasets import DocumentCache
from pipeline.records import PdfPart

# A PDF of at least twice this many pages is read in parts when several workers are free, so that one long review
# does not keep one worker busy while the others wait at the end of the run. Parts are never shorter.
PART_PAGES = 24


# Prefect's own caching is off: the output cache (DocumentCache) already skips unchanged documents, and Prefect's
# default policy would hash every task's inputs.
@task(name="read-pages", task_run_name="read-{doc_id}-pages-{first}-{last}", cache_policy=NO_CACHE)
def read_part_task(
    path: str, sha256: str, doc_id: str, settings: Settings, first: int, last: int, limits: Limits
) -> bytes:
    """Read pages first..last of one long PDF, isolated; returns the pickled `PdfPart` (see `pack_part`)."""
    _worker_dies_with_run()
    return pack_part(read_part_isolated(Path(path), sha256, first, last, settings, limits))


def pack_part(part: PdfPart) -> bytes:
    """A part travels between tasks pickled: Prefect walks every object inside task parameters and results
    (about 1 s per 20 pages of words, in the flow's process, while the workers wait); bytes it passes as one value.
    """
    return pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)


@task(name="process-document", task_run_name="process-{doc_id}", cache_policy=NO_CACHE)
def process_document_task(
    path: str,
    sha256: str,
    doc_id: str,
    settings: Settings,
    out_dir: str,
    key: str,
    limits: Limits,
    debug: bool = False,
    packed_parts: list[bytes] | None = None,
) -> dict:
    """Extract one document, isolated (from its pages read in parts, if given), and keep its frames in the cache."""
    _worker_dies_with_run()
    parts = [pickle.loads(packed) for packed in packed_parts or []]  # our own task's output, never user data
    result = process_document_isolated(Path(path), sha256, settings, limits, debug=debug, parts=parts or None)
    summary = DocumentCache(Path(out_dir), key).store(result)
    # through Prefect's run logger, so the run's logs show in the Prefect UI
    logger = get_run_logger()
    if result.status == "ok":
        logger.info("%s: %d pages, %d tables, %d claims", path, result.n_pages, len(result.tables), len(result.claims))
    else:
        logger.warning("%s: %s: %s", path, result.status, result.error.splitlines()[0] if result.error else "")
    return summary


def _worker_dies_with_run() -> None:
    """A pool worker (forked from the forkserver, which dies with the run) must not outlive it either."""
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        die_with_parent()


def failed_summary(document: CorpusDocument, out_dir: Path, key: str, error: BaseException) -> dict:
    """The cache entry of a document whose task itself failed (its worker lost, say): failed, with the reason."""
    from pipeline.records import DocumentResult

    result = DocumentResult(document.doc_id, str(document.path), document.sha256, "failed")
    result.error = describe_failure(error)
    return DocumentCache(out_dir, key).store(result)


def page_ranges(n_pages: int | None, slots: int, part_pages: int | None = None) -> list[tuple[int, int]]:
    """The parts a PDF is read in: none (the document task reads it) unless it is long and workers are free.

    One part per worker, no more: each part opens the PDF and parses its fonts again (about 1 s on a 122-page
    review), and the other documents keep the workers busy while the long one's last stages run.
    REVIEWMINER_PART_PAGES overrides the shortest part (the tests split a short PDF with it).
    """
    part_pages = part_pages or int(os.environ.get("REVIEWMINER_PART_PAGES", PART_PAGES))
    if slots < 2 or not n_pages or n_pages < 2 * part_pages:
        return []
    n_parts = min(slots, n_pages // part_pages)
    bounds = [round(i * n_pages / n_parts) for i in range(n_parts + 1)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(n_parts)]


def task_slots(runner: TaskRunner) -> int:
    """How many tasks the runner executes at once: a Dask cluster's threads, or a pool's workers."""
    client = getattr(runner, "client", None)  # prefect-dask's runner, once started
    if client is not None:
        return max(1, sum(client.nthreads().values()))
    return max(1, int(getattr(runner, "_max_workers", 1)))  # Prefect's pool runners keep their size here


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
        return PreloadedProcessPoolTaskRunner(max_workers=workers)
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
    max_memory_mb: int | None = None,
    fail_on: str = "new",
):
    """Process every new or changed PDF under `corpus` and write the datasets to `out`; returns the run record.

    Each document's work runs isolated, under `max_seconds` and `max_memory_mb` (default: REVIEWMINER_MAX_MEMORY_MB,
    else 4096 MB beyond what its worker holds). The flow run ends Failed, with the record as its data, when the
    exit policy `fail_on` (new/any/never; see `runs.FAIL_ON`) counts a failed document, as the CLI's exit code 1
    (called directly, the flow then raises `DocumentsFailed`, which carries the record).
    """
    settings = Settings(max_pages=max_pages, max_seconds=max_seconds, spacy_model=spacy_model)
    memory_mb = max_memory_mb or int(os.environ.get("REVIEWMINER_MAX_MEMORY_MB", DEFAULT_MEMORY_MB))
    out_dir = Path(out)
    logger = get_run_logger()
    with output_lock(out_dir, wait_seconds):
        plan = plan_run(Path(corpus), out_dir, settings)
        logger.info("%d documents under %s, %d to extract", len(plan.documents), corpus, len(plan.to_process))
        slots = task_slots(FlowRunContext.get().task_runner)
        run_tasks(plan, slots, debug, progress, work_limits(settings, memory_mb))
        record = finish_run(plan)
    counts = record.counts
    logger.info(
        "%d ok, %d failed, %d skipped; %d tables, %d claims -> %s",
        counts["ok"],
        counts["failed"],
        counts["skipped"],
        counts["tables"],
        counts["claims"],
        out,
    )
    create_markdown_artifact(
        key="reviewminer-run",
        markdown=plan.report_markdown,
        description="ReviewMiner run summary",
    )
    failing = failures_that_count(asdict(record), fail_on)
    damaged = curation.database_problem(out_dir)  # the datasets were written with every claim pending
    if damaged:
        logger.error(damaged)
    if failing or damaged:
        message = damaged or f"{len(failing)} documents failed or skipped (--fail-on {fail_on})"
        return Failed(message=message, data=DocumentsFailed(message, asdict(record)))
    return asdict(record)


@dataclass
class _Job:
    """One task to submit: a part of a long PDF, or a whole document (waiting for its parts, if any)."""

    document: CorpusDocument
    pages: tuple[int, int] | None = None  # a part; None for the document task
    parts_left: int = 0  # parts of this document still being read (document jobs only)
    parts: list[bytes] = field(default_factory=list)  # the parts read so far, packed


def run_tasks(plan: RunPlan, slots: int, debug: bool, progress: bool, limits: Limits) -> None:
    """Run the plan's documents as tasks, at most `slots` at a time, and put their summaries into the plan.

    Submitting only as many tasks as can run lets the flow choose what runs next: parts of long PDFs first, then a
    document whose parts are all read (its remaining stages are the run's critical path), then the largest
    documents first. Without this the document task of a long PDF would queue behind every other document.
    """
    settings = plan.settings
    out_dir, key = str(plan.out_dir), plan.record.config_key
    # Page counts order and split the work when tasks run side by side, and measure the progress bar.
    counted = slots > 1 or progress
    sized = [(document, count_pages(document.path) if counted else None) for document in plan.to_process]
    pages_of = {document.doc_id: n_pages or 0 for document, n_pages in sized}
    sized.sort(key=lambda item: (item[1] or 0, item[0].path.stat().st_size), reverse=True)
    waiting: dict[str, _Job] = {}  # documents whose parts are being read
    part_jobs: list[_Job] = []
    document_jobs: list[_Job] = []
    for document, n_pages in sized:
        too_long = settings.max_pages is not None and (n_pages or 0) > settings.max_pages  # skipped, not read
        ranges = [] if too_long else page_ranges(n_pages, slots)
        if ranges:
            waiting[document.doc_id] = _Job(document, parts_left=len(ranges))
            part_jobs += [_Job(document, pages=pages) for pages in ranges]
        else:
            document_jobs.append(_Job(document))
    queue = part_jobs + document_jobs

    def submit(job: _Job) -> PrefectFuture:
        document = job.document
        if job.pages:
            return read_part_task.submit(
                str(document.path), document.sha256, document.doc_id, settings, job.pages[0], job.pages[1], limits
            )
        return process_document_task.submit(
            str(document.path),
            document.sha256,
            document.doc_id,
            settings,
            out_dir,
            key,
            limits,
            debug,
            job.parts or None,
        )

    running: dict[PrefectFuture, _Job] = {}
    with tqdm(
        total=sum(pages_of.values()),
        desc=f"{len(plan.to_process)} of {len(plan.documents)} documents to read",
        unit="page",
        disable=not progress,
        file=sys.stderr,
    ) as bar:
        while queue or running:
            while queue and len(running) < slots:
                job = queue.pop(0)
                running[submit(job)] = job
            future = next(as_completed(list(running)))
            job = running.pop(future)
            if job.pages:
                document_job = waiting[job.document.doc_id]
                document_job.parts.append(_part_result(future, job))
                document_job.parts_left -= 1
                bar.update(job.pages[1] - job.pages[0] + 1)
                if document_job.parts_left == 0:
                    queue.insert(0, waiting.pop(job.document.doc_id))
            else:
                plan.summaries[job.document.doc_id] = _document_result(future, job, plan)
                if not job.parts:  # a document read in parts was counted part by part
                    bar.update(pages_of[job.document.doc_id])


def _part_result(future: PrefectFuture, job: _Job) -> bytes:
    """The part's pages, or, if its task failed outside the isolated work (a lost worker), the failure."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - one document's part never stops the run
        first, last = job.pages
        return pack_part(PdfPart(first, last, None, 0.0, status="failed", error=describe_failure(error)))


def _document_result(future: PrefectFuture, job: _Job, plan: RunPlan) -> dict:
    """The document's summary, or a failed one if its task failed outside the isolated work. A full disk or an
    unwritable output folder still stops the run: every other document would fail the same way."""
    try:
        return future.result()
    except OSError:
        raise
    except Exception as error:  # noqa: BLE001 - one document never stops the run
        return failed_summary(job.document, plan.out_dir, plan.record.config_key, error)
