"""A run over a corpus without the orchestration: plan what needs work, hold the output lock, finish and publish.

The Prefect flow (`flow.py`) executes the plan's documents as tasks; when a plan has nothing to process, the CLI
finishes it here directly and spares the start of a Prefect server.

A run that processed nothing and finds the datasets built from exactly its inputs (same documents, paths and
cached summaries, configuration, versions, publishing code and curator decisions; every published file as the
publish left it) does not rewrite them: it writes only its run record and manifest.json. This module and what it
imports at the top stay free of pandas and the PDF/NLP libraries, so such a rerun takes a fraction of a second;
the publishing modules are imported when a publish is needed.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.config import (
    PIPELINE_VERSION,
    Settings,
    extraction_code_fingerprint,
    models_fingerprint,
    package_versions,
)
from pipeline.corpus import CorpusDocument, scan_corpus
from pipeline.outputs import curation
from pipeline.outputs.datasets import SCHEMA_VERSION, STATE_DIR, DocumentCache, written_together
from pipeline.outputs.manifest import (
    PublishedState,
    RunRecord,
    file_stamps,
    files_intact,
    read_published_state,
    run_failures,
    run_warnings,
    write_manifest,
    write_published_state,
)

# The modules whose code shapes the published files: a change to one republishes even if PIPELINE_VERSION stays.
# The code that writes the datasets: the whole outputs wing (a change there must rebuild published files).
PUBLISHING_CODE = Path(__file__).resolve().parent.parent / "outputs"


# Which failed or skipped documents make a run fail (exit code 1, a Failed Prefect state): `new` ignores those
# that failed with the same bytes in an earlier run (reused from the cache, e.g. a known scanned PDF).
FAIL_ON = ("new", "any", "never")


def failures_that_count(record: dict, fail_on: str = "new") -> list[dict]:
    """The run's failures that fail it under the exit policy `fail_on` (see FAIL_ON)."""
    if fail_on == "never":
        return []
    if fail_on == "any":
        return list(record["failures"])
    known = set(record.get("documents_reused", []))
    return [failure for failure in record["failures"] if failure["doc_id"] not in known]


class DocumentsFailed(Exception):
    """The run finished and published, but documents failed that count under its exit policy; carries the record."""

    def __init__(self, message: str, record: dict):
        super().__init__(message, record)
        self.message = message
        self.record = record

    def __str__(self) -> str:
        return self.message


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
    """Cached extractions are valid for one pipeline version and extraction code, one models/ content and one set of
    settings."""
    material = [PIPELINE_VERSION, extraction_code_fingerprint(), models_fingerprint(), asdict(settings)]
    material = json.dumps(material, sort_keys=True)
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
    state = read_published_state(out_dir)
    if state is not None and (not path.exists() or files_intact(out_dir, {path.name: state.files.get(path.name)})):
        return state.paths
    # Outputs written before the published state existed (or rewritten since by a version without it).
    if not path.exists():
        return {}
    try:
        import pandas as pd

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
    """Hash the corpus and split it into cached documents and documents that need extraction.

    Paths are made absolute: the datasets (and the review app, started from anywhere) name each PDF unambiguously."""
    corpus = Path(corpus).resolve()
    record = RunRecord(
        run_id=f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}",
        started_at=datetime.now(UTC).isoformat(),
        corpus=str(corpus),
        versions=package_versions(),
        config_key=config_key(settings),
    )
    documents, unusable = scan_corpus(corpus)
    record.unusable_entries = [{"path": str(entry.path), "reason": entry.reason} for entry in unusable]
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
    """Publish the datasets for every document of the plan (all summaries must be in) and write the manifest.

    When nothing was processed and the published datasets were built from exactly this plan's inputs, they are
    left as they are and only the run's record is written.
    """
    fingerprint = publish_fingerprint(plan)
    if not plan.to_process:
        state = read_published_state(plan.out_dir)
        if state is not None and state.fingerprint == fingerprint and files_intact(plan.out_dir, state.files):
            return _record_unchanged_run(plan, state)
    return _publish_run(plan, fingerprint)


def publish_fingerprint(plan: RunPlan) -> str:
    """A hash of everything the published datasets depend on (computed before they are built from it)."""
    material = {
        "config_key": plan.record.config_key,
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "versions": plan.record.versions,
        "code": _publishing_code_fingerprint(),
        "documents": [[d.doc_id, [str(p) for p in d.paths], plan.summaries[d.doc_id]] for d in plan.documents],
        "decisions": curation.decisions_fingerprint(plan.out_dir),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _publishing_code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(PUBLISHING_CODE.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _publish_run(plan: RunPlan, fingerprint: str) -> RunRecord:
    """Rebuild every dataset, the report and the data package, then record what they were built from."""
    from pipeline.outputs.datapackage import write_datapackage
    from pipeline.outputs.publish import publish, published_files
    from pipeline.outputs.report import conflicts_of, markdown_details, run_report_markdown, run_summary, write_report

    record = plan.record
    with written_together():  # the datasets, their CSVs and tables, the BioC export: one wait for the disk
        frames = publish(plan.out_dir, plan.documents, plan.summaries, plan.actions, plan.cache, record)
    record.finished_at = datetime.now(UTC).isoformat()
    record.datasets_run_id = record.run_id
    conflicts = conflicts_of(frames)
    write_report(plan.out_dir, frames, asdict(record), conflicts)
    write_manifest(plan.out_dir, record)
    write_datapackage(plan.out_dir)
    plan.report_markdown = run_report_markdown(frames, asdict(record), conflicts)
    state = PublishedState(
        fingerprint=fingerprint,
        run_id=record.run_id,
        paths={str(p): d.doc_id for d in plan.documents for p in d.paths},
        files=file_stamps(plan.out_dir, published_files(plan.out_dir)),
        counts=dict(record.counts),
        markdown_details=markdown_details(frames, run_summary(frames, asdict(record)), conflicts),
    )
    # Written last: a publish cut short leaves the previous state, whose file stamps no longer match.
    write_published_state(plan.out_dir, state)
    return record


def _record_unchanged_run(plan: RunPlan, state: PublishedState) -> RunRecord:
    """The datasets already hold exactly what this run would write: record the run, touch nothing else."""
    from pipeline.outputs.report import markdown_head, record_summary

    record = plan.record
    record.counts = dict(state.counts)
    record.documents_removed = []
    record.claims_added = record.claims_removed = 0
    record.failures = run_failures(plan.documents, plan.summaries)
    record.warnings = run_warnings(plan.documents, plan.summaries)
    record.datasets_run_id = state.run_id
    record.finished_at = datetime.now(UTC).isoformat()
    write_manifest(plan.out_dir, record)
    plan.report_markdown = markdown_head(record_summary(asdict(record))) + "\n" + state.markdown_details + "\n"
    return record
