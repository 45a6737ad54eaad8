"""The worker processes of `--workers N`: Prefect's process pool, with workers that start with the pipeline loaded.

Prefect's pool spawns bare interpreters: each worker spends about 3 s importing Prefect and the pipeline, then 2 s
loading spaCy at its first document, while the run waits. Here the workers are forked from a multiprocessing
forkserver that has already imported the flow and loaded the spaCy pipeline, once, before any task is submitted;
`start_forkserver` can start it while the Prefect server boots. A fork starts in milliseconds and shares the
loaded pipeline's memory with its siblings until they write to it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from contextlib import contextmanager
from typing import Any

from prefect import task_runners
from prefect.task_runners import ProcessPoolTaskRunner

# Imported by the forkserver before its first fork (see pipeline/orchestration/preload.py).
PRELOAD = ["pipeline.orchestration.preload"]
FORKSERVER_AVAILABLE = "forkserver" in multiprocessing.get_all_start_methods()  # not on Windows


def start_forkserver() -> None:
    """Start the process the workers are forked from (no-op if running); it loads the pipeline in the background.

    The forkserver keeps the environment of this moment, so Prefect's settings (PREFECT_API_URL) must be set first.
    """
    if not FORKSERVER_AVAILABLE:
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    multiprocessing.forkserver.ensure_running()


class PreloadedProcessPoolTaskRunner(ProcessPoolTaskRunner):
    """Prefect's ProcessPoolTaskRunner whose workers are forked from the preloaded forkserver, not spawned."""

    def __enter__(self):
        if not FORKSERVER_AVAILABLE:
            return super().__enter__()  # spawned, as Prefect does
        # Prefect also enters the flow's runner around every task inside a worker, where it submits nothing: only
        # the flow's own process needs the forkserver (a worker would otherwise start and preload one of its own).
        if multiprocessing.parent_process() is None:
            start_forkserver()
        with _forkserver_instead_of_spawn():
            return super().__enter__()


class _ForkserverMultiprocessing:
    """Stands in for the `multiprocessing` module inside Prefect's runner while it builds its executor.

    Prefect asks for a "spawn" context and has no option for another; everything else passes through. Should a
    later Prefect build its pool differently, the workers are simply spawned, as before.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(multiprocessing, name)

    @staticmethod
    def get_context(method: str | None = None):
        return multiprocessing.get_context("forkserver")


@contextmanager
def _forkserver_instead_of_spawn():
    original = task_runners.multiprocessing
    task_runners.multiprocessing = _ForkserverMultiprocessing()
    try:
        yield
    finally:
        task_runners.multiprocessing = original
