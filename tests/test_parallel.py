"""The same flow on a process pool and on an existing Dask cluster gives the datasets of a single-process run."""

from __future__ import annotations

import shutil

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
    from pipeline.flow import make_task_runner, run_corpus

    out = tmp_path_factory.mktemp("single")
    run_corpus.with_options(task_runner=make_task_runner(workers=1))(corpus=str(corpus), out=str(out))
    return datasets(out)


def test_dask_cluster_with_two_workers_gives_the_same_datasets(single_process, corpus, tmp_path):
    from distributed import LocalCluster

    from pipeline.flow import make_task_runner, run_corpus

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        runner = make_task_runner(dask_address=cluster.scheduler_address)
        record = run_corpus.with_options(task_runner=runner)(corpus=str(corpus), out=str(out))
        assert record["counts"]["ok"] == 3
    distributed = datasets(out)
    for name, frame in single_process.items():
        pd.testing.assert_frame_equal(distributed[name], frame, obj=name)


def test_process_pool_gives_the_same_datasets(single_process, corpus, tmp_path):
    from pipeline.flow import make_task_runner, run_corpus

    out = tmp_path / "pool"
    run_corpus.with_options(task_runner=make_task_runner(workers=2))(corpus=str(corpus), out=str(out))
    pooled = datasets(out)
    for name, frame in single_process.items():
        pd.testing.assert_frame_equal(pooled[name], frame, obj=name)
