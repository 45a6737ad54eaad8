"""The same flow on a process pool and on an existing Dask cluster gives the datasets of a single-process run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import pdf_factory
from conftest import SEED_PDF

pytestmark = pytest.mark.e2e

# Columns that legitimately differ between runs: timings and the paths of the temporary folders.
VOLATILE = {"seconds", "path", "paths", "action"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel-corpus")
    shutil.copy(SEED_PDF, folder / "seed.pdf")
    pdf_factory.text_pdf(folder / "a.pdf", ["The advantage of ultrafiltration is that it is simple and fast."])
    pdf_factory.text_pdf(folder / "b.pdf", ["Precipitation is economical, but its purity is low."])
    return folder


def datasets(out) -> dict[str, pd.DataFrame]:
    frames = {}
    for name in ("documents", "claims", "tables", "entities", "sentences", "passages"):
        frame = pd.read_parquet(out / f"{name}.parquet")
        frame = frame.drop(columns=[c for c in VOLATILE if c in frame.columns])
        frames[name] = frame.sort_values(list(frame.columns[:3])).reset_index(drop=True)
    return frames


@pytest.fixture(scope="module")
def single_process(prefect_harness, corpus, tmp_path_factory):
    from pipeline.orchestration.flow import make_task_runner, run_corpus

    out = tmp_path_factory.mktemp("single")
    run_corpus.with_options(task_runner=make_task_runner(workers=1))(corpus=str(corpus), out=str(out))
    return datasets(out)


def test_dask_cluster_with_two_workers_gives_the_same_datasets(single_process, corpus, tmp_path):
    from distributed import LocalCluster

    from pipeline.orchestration.flow import make_task_runner, run_corpus

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        runner = make_task_runner(dask_address=cluster.scheduler_address)
        record = run_corpus.with_options(task_runner=runner)(corpus=str(corpus), out=str(out))
        assert record["counts"]["ok"] == 3
    distributed = datasets(out)
    for name, frame in single_process.items():
        pd.testing.assert_frame_equal(distributed[name], frame, obj=name)


def test_process_pool_reading_long_pdfs_in_parts_gives_the_same_datasets(single_process, corpus, tmp_path, monkeypatch):
    from prefect.client.orchestration import get_client

    from pipeline.orchestration.flow import make_task_runner, run_corpus

    # Parts of at least 4 pages: the 10-page seed is read as two parts by the two worker processes, then joined.
    monkeypatch.setenv("REVIEWMINER_PART_PAGES", "4")
    out = tmp_path / "pool"
    flow_run = run_corpus.with_options(task_runner=make_task_runner(workers=2))(
        corpus=str(corpus), out=str(out), return_state=True
    )
    pooled = datasets(out)
    for name, frame in single_process.items():
        pd.testing.assert_frame_equal(pooled[name], frame, obj=name)

    async def task_run_names():
        async with get_client() as client:
            from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

            runs = await client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.state_details.flow_run_id]))
            )
            return sorted(run.name for run in runs)

    import asyncio

    names = asyncio.run(task_run_names())
    seed_id = single_process["documents"].loc[lambda d: d["n_pages"] == 10, "doc_id"].item()
    assert [n for n in names if n.startswith("read-")] == [
        f"read-{seed_id}-pages-1-5",
        f"read-{seed_id}-pages-6-10",
    ]
    assert sum(n.startswith("process-") for n in names) == 3

    # the run is observable where Prefect users look: its log lines are in Prefect's API
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()

    async def flow_run_logs():
        async with get_client() as client:
            from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

            logs = await client.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run.state_details.flow_run_id]))
            )
            return [log.message for log in logs]

    messages = asyncio.run(flow_run_logs())
    assert any("3 documents under" in m and "3 to extract" in m for m in messages), messages
    assert any("3 ok, 0 failed, 0 skipped" in m for m in messages), messages


def test_long_pdfs_are_split_into_parts_only_when_workers_are_free():
    from pipeline.orchestration.flow import page_ranges

    assert page_ranges(122, slots=1) == []
    assert page_ranges(30, slots=2) == []  # shorter than two parts: read by the document task
    assert page_ranges(122, slots=2) == [(1, 61), (62, 122)]  # one part per worker
    parts = page_ranges(122, slots=8)
    assert parts[0][0] == 1 and parts[-1][1] == 122
    assert all(b[0] == a[1] + 1 for a, b in zip(parts, parts[1:], strict=False))  # contiguous, no page twice
    assert len(parts) == 5 and min(last - first + 1 for first, last in parts) >= 24  # never shorter than 24 pages
    assert page_ranges(50, slots=4) == [(1, 25), (26, 50)]


def test_a_part_that_cannot_be_read_fails_its_document_with_the_reason(tmp_path):
    from pipeline.corpus import file_sha256
    from pipeline.extract.document import process_document, read_part

    good = read_part(SEED_PDF, file_sha256(SEED_PDF), 1, 5)
    assert good.status == "ok" and [p.number for p in good.content.pages] == [1, 2, 3, 4, 5]
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(SEED_PDF.read_bytes()[:4000])
    bad = read_part(truncated, file_sha256(truncated), 6, 10)
    assert bad.content is None and bad.status == "failed" and "damaged or truncated" in bad.error
    result = process_document(SEED_PDF, file_sha256(SEED_PDF), parts=[good, bad])
    assert result.status == "failed" and result.error == bad.error


def test_page_count_comes_from_the_page_tree_and_short_counts_lose_no_page(tmp_path):
    from pipeline.corpus import file_sha256
    from pipeline.extract.document import read_part
    from pipeline.extract.ingest import count_pages, join_parts

    assert count_pages(SEED_PDF) == 10
    (tmp_path / "notes.pdf").write_text("not a PDF")
    assert count_pages(tmp_path / "notes.pdf") is None  # then the document is read whole and reports why
    # Parts cut from a page tree whose /Count says 7 for 10 pages: the joined document still has every page.
    sha = file_sha256(SEED_PDF)
    joined = join_parts([read_part(SEED_PDF, sha, 5, 7), read_part(SEED_PDF, sha, 1, 4)])
    assert [page.number for page in joined.pages] == list(range(1, 11))


def test_pool_workers_are_forked_with_the_pipeline_already_loaded(prefect_harness):
    import os

    from prefect import flow, task

    from pipeline.orchestration.pool import PreloadedProcessPoolTaskRunner

    @task
    def describe_worker() -> dict:
        import gc
        import multiprocessing
        import sys

        from pipeline.extract.claims.properties import load_tagger
        from pipeline.extract.nlp import _cached_pipeline

        return {
            "warmed_up": load_tagger.cache_info().currsize,  # the claims stage's own tagger, loaded by the warm-up
            "pid": os.getpid(),
            "forked": multiprocessing.parent_process() is not None,
            "preloaded": "pipeline.orchestration.preload" in sys.modules,
            "pipelines_loaded": _cached_pipeline.cache_info().currsize,  # before this worker ran any document
            "frozen_objects": gc.get_freeze_count(),
        }

    @flow(task_runner=PreloadedProcessPoolTaskRunner(max_workers=2))
    def probe() -> list[dict]:
        return [future.result() for future in [describe_worker.submit() for _ in range(2)]]

    workers = probe()
    assert all(w["pid"] != os.getpid() and w["forked"] and w["preloaded"] for w in workers)
    assert all(w["pipelines_loaded"] == 1 and w["frozen_objects"] > 100_000 for w in workers)
    assert all(w["warmed_up"] == 1 for w in workers)


def test_the_warm_up_page_takes_every_stages_lazy_path():
    """The built-in page the workers run before their first fork is read, and gives sentences, entities, a ruled
    table and claims from the text and from the table (whose cells need the property splitter's tagger)."""
    from pipeline.corpus import file_sha256
    from pipeline.extract.claims.properties import load_tagger
    from pipeline.extract.document import process_document
    from pipeline.extract.warm_up import warm_up_pdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm.pdf"
        path.write_bytes(warm_up_pdf())
        result = process_document(path, file_sha256(path))
    assert result.status == "ok", result.error
    assert len(result.sentences) >= 4 and result.entities and len(result.tables) == 1
    sources = {evidence.source for claim in result.claims for evidence in claim.evidence}
    assert {"table", "text"} <= sources, sources
    assert load_tagger.cache_info().currsize == 1
