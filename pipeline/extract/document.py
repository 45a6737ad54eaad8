"""One document through every stage, as plain Python (the Prefect flow wraps this in a task)."""

from __future__ import annotations

import time
import traceback
from contextlib import contextmanager
from pathlib import Path

from pipeline.config import Settings
from pipeline.corpus import doc_id_for
from pipeline.extract import ingest, nlp, structure, tables
from pipeline.extract.claims import extract_claims
from pipeline.isolation import Limits, describe_failure, run_isolated
from pipeline.records import DocumentError, DocumentResult, PdfPart

# Memory a document's work may take beyond what its worker already holds, unless told otherwise (--max-memory).
DEFAULT_MEMORY_MB = 4096


def work_limits(settings: Settings, memory_mb: int | None = DEFAULT_MEMORY_MB) -> Limits:
    """The hard limits on one task of a document (the whole document, or one part read in parallel)."""
    return Limits(seconds=settings.max_seconds, memory_mb=memory_mb)


@contextmanager
def _timed(timings: dict[str, float], stage: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def read_part(path: Path, sha256: str, first: int, last: int, settings: Settings | None = None) -> PdfPart:
    """Read pages first..last of a long PDF (one task of a parallel read); a failure is returned, not raised."""
    settings = settings or Settings()
    started = time.perf_counter()
    budget = ingest.Budget(settings.max_pages, settings.max_seconds)
    try:
        content = ingest.read_pdf(Path(path), budget, sha256=sha256, pages=(first, last))
    except Exception as error:  # noqa: BLE001 - a part that cannot be read fails its document, never the run
        status = error.status if isinstance(error, DocumentError) else "failed"
        return PdfPart(first, last, None, time.perf_counter() - started, status=status, error=describe_failure(error))
    return PdfPart(first, last, content, time.perf_counter() - started)


def read_part_isolated(path: Path, sha256: str, first: int, last: int, settings: Settings, limits: Limits) -> PdfPart:
    """`read_part` in a child process under hard limits: a crash or a broken limit is the part's failure."""
    started = time.perf_counter()
    try:
        return run_isolated(lambda: read_part(path, sha256, first, last, settings), limits)
    except DocumentError as error:
        return PdfPart(first, last, None, time.perf_counter() - started, status=error.status, error=error.reason)


def process_document_isolated(
    path: Path,
    sha256: str,
    settings: Settings,
    limits: Limits,
    debug: bool = False,
    parts: list[PdfPart] | None = None,
) -> DocumentResult:
    """`process_document` in a child process under hard limits (see `isolation`): never raises for a document."""
    started = time.perf_counter()
    try:
        return run_isolated(lambda: process_document(path, sha256, settings, debug, parts), limits)
    except DocumentError as error:
        result = DocumentResult(doc_id=doc_id_for(sha256), path=str(path), sha256=sha256, status=error.status)
        result.error = error.reason
        result.seconds = time.perf_counter() - started + sum(part.seconds for part in parts or [])
        return result


def process_document(
    path: Path,
    sha256: str,
    settings: Settings | None = None,
    debug: bool = False,
    parts: list[PdfPart] | None = None,
) -> DocumentResult:
    """Run ingest → structure → tables → nlp → claims. Never raises for a bad document: the result says why.

    `parts` are the document's pages already read in parallel (see `read_part`); without them it reads the PDF.
    """
    settings = settings or Settings()
    path = Path(path)
    result = DocumentResult(doc_id=doc_id_for(sha256), path=str(path), sha256=sha256, status="ok")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        with _timed(timings, "ingest"):
            if parts:
                pdf = ingest.join_parts(parts)
            else:
                pdf = ingest.read_pdf(path, ingest.Budget(settings.max_pages, settings.max_seconds), sha256=sha256)
        result.n_pages = pdf.n_pages
        result.warnings.extend(pdf.warnings)
        with _timed(timings, "structure"):
            document = structure.build_document(pdf)
        result.structure = document
        result.title = document.title or pdf.metadata_title
        with _timed(timings, "tables"):
            result.tables = tables.assemble_tables(pdf, document.passages)
        del pdf  # the page words are no longer needed; free them before the NLP stage
        with _timed(timings, "nlp"):
            annotated = nlp.annotate(nlp.load_pipeline(settings.spacy_model), document)
        result.sentences = annotated.sentences
        result.entities = annotated.entities
        with _timed(timings, "claims"):
            result.claims = extract_claims(result.doc_id, result.tables, annotated, warnings=result.warnings)
    except DocumentError as error:
        result.status = error.status
        result.error = error.reason
    except Exception as error:  # a bug or an unforeseen PDF quirk must not stop the other documents
        result.status = "failed"
        result.error = describe_failure(error)
        if debug:
            result.error += "\n" + traceback.format_exc()
    # The parts' reading counts as this document's ingest work, wherever it ran.
    read_elsewhere = sum(part.seconds for part in parts or [])
    timings["ingest"] = timings.get("ingest", 0.0) + read_elsewhere
    result.stage_seconds = timings
    result.seconds = time.perf_counter() - started + read_elsewhere
    return result
