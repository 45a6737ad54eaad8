"""Shared fixtures. Prefect's environment is set here, before any test module imports prefect, and numpy's BLAS
kernels are named as the CLI names them, before any test module imports numpy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline.config import choose_blas_kernel

choose_blas_kernel()

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"
# Real, openly licensed PDFs kept in the repository (sources and licences in gold/README.md and
# tests/data/SOURCES.md). Tests use the dev split of the gold set and tests/data, never the held-out split.
DEV_PDFS = ROOT / "gold" / "dev"
TEST_DATA = Path(__file__).resolve().parent / "data"
GOLD = Path(__file__).resolve().parent / "gold"


def real_pdf(name: str) -> Path:
    """A real PDF of the repository by file name (dev split or tests/data)."""
    for folder in (DEV_PDFS, TEST_DATA):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{name} is neither in {DEV_PDFS} nor in {TEST_DATA}")


_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="reviewminer-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
from pipeline.orchestration.prefect_env import configure_prefect  # noqa: E402

configure_prefect(_PREFECT_HOME)


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for every flow test (starting one costs about 10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


CLI = [sys.executable, "-m", "pipeline.cli"]


@pytest.fixture(scope="session")
def cli(prefect_harness):
    """Run `reviewminer ARGS` in a subprocess, as a user would, against the session's Prefect server (given as
    PREFECT_API_URL, as README shows for a server of one's own). Without it every run boots a private server,
    seconds of CPU each time; the tests of that server's lifecycle (test_faults, the killed runs) start the CLI
    without this fixture."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}

    def run(*args, timeout: float = 600, cwd: Path | None = None) -> subprocess.CompletedProcess:
        command = [*CLI, *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)

    return run


@pytest.fixture(scope="session")
def seed_result():
    """The seed review through every stage, in plain Python (no Prefect)."""
    from pipeline.corpus import file_sha256
    from pipeline.extract.document import process_document

    result = process_document(SEED_PDF, file_sha256(SEED_PDF))
    assert result.status == "ok", result.error
    return result


@pytest.fixture(scope="session")
def seed_run(prefect_harness, tmp_path_factory):
    """A real flow run over corpus/ (the seed review); returns (output folder, run record)."""
    from pipeline.orchestration.flow import run_corpus

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED_PDF, corpus / "seed_review.pdf")
    out = tmp_path_factory.mktemp("out")
    record = run_corpus(corpus=str(corpus), out=str(out))
    return out, record, corpus


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
