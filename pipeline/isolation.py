"""One document's work in a child process of its own, with hard limits on its time and memory.

Whatever runs the document (Prefect's thread or process pool, a Dask worker), the work is forked into a child
that does nothing else: an exception of any kind (RecursionError from deeply nested PDF objects, MemoryError), a
crash of a C library (SIGSEGV) or a page that never ends fails this one document with a specific reason, and the
worker that ran it stays healthy for the next document. The limits hold inside a page and in every stage:

- time: the parent kills the child when its deadline passes (the page loop's own budget reports earlier, with the
  page it stopped at, when it gets the chance);
- memory: the child's address space may grow by at most the limit (RLIMIT_AS), so an allocation beyond it raises
  MemoryError inside the child instead of taking the machine's memory.

A child dies with the process that forked it (PR_SET_PDEATHSIG), so a killed run leaves no work running. Where
there is no fork (Windows) the work runs in the calling process, without limits.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pipeline.records import DocumentError

T = TypeVar("T")

FORK_AVAILABLE = hasattr(os, "fork")
_LIVE_CHILDREN: set[int] = set()  # pids of the children of this process that are still working
_CHILD_FAILED = 70  # exit code of a child that could not even report its failure


@dataclass(frozen=True)
class Limits:
    """Hard limits on one document's work (None: no limit)."""

    seconds: float | None = None
    memory_mb: int | None = None

    @property
    def hard_seconds(self) -> float | None:
        """When the child is killed: a little after the budget, so that the page loop's own check (between pages)
        can report first, with the page it stopped at."""
        return self.seconds * 1.25 + 1 if self.seconds else None


def describe_failure(error: BaseException, limits: Limits | None = None) -> str:
    """The short reason shown for an exception raised while processing a document."""
    if isinstance(error, DocumentError):
        return error.reason
    if isinstance(error, RecursionError):
        return "PDF objects nested too deeply to read (RecursionError)"
    if isinstance(error, MemoryError):
        limit = limits.memory_mb if limits and limits.memory_mb else None
        return f"memory limit of {limit} MB exceeded" if limit else "out of memory (MemoryError)"
    return f"internal error: {type(error).__name__}: {error}"


def run_isolated(work: Callable[[], T], limits: Limits) -> T:
    """Return `work()` computed in a child process; raises DocumentError if it raised, crashed or broke a limit.

    `work`'s result travels back pickled through a pipe. A DocumentError raised by `work` comes back as it was.
    """
    if not FORK_AVAILABLE:
        return work()
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():  # Python warns about forking a process with threads: the child uses none
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(work, limits, write_fd)  # never returns
    os.close(write_fd)
    _LIVE_CHILDREN.add(pid)
    started = time.monotonic()
    payload, timed_out = None, True
    try:
        payload, timed_out = _read_until_deadline(read_fd, limits.hard_seconds)
    finally:
        os.close(read_fd)
        wait_status = _reap(pid, kill_now=timed_out)
        _LIVE_CHILDREN.discard(pid)
    if timed_out:
        raise DocumentError(
            f"time budget of {limits.seconds:g} s exceeded; stopped after {time.monotonic() - started:.0f} s"
        )
    if payload is None or not os.WIFEXITED(wait_status) or os.WEXITSTATUS(wait_status) != 0:
        raise DocumentError(_crash_reason(wait_status, limits))
    outcome, value = pickle.loads(payload)  # written by our own child
    if outcome == "error":
        status, reason = value
        raise DocumentError(reason, status=status)
    return value


def kill_live_children() -> None:
    """Stop every isolated document this process is running (on Ctrl-C, before exiting)."""
    for pid in list(_LIVE_CHILDREN):
        _kill(pid)


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to send `sig` to this process when the thread that started it exits (no-op elsewhere)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, sig)
    except (OSError, AttributeError):
        pass


def _child(work: Callable[[], object], limits: Limits, write_fd: int) -> None:
    exit_code = 0
    try:
        die_with_parent()
        faulthandler.disable()  # a crash is reported by the parent, in one line, not as a dump of every thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this child
        _limit_memory(limits.memory_mb)
        try:
            payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # noqa: BLE001 - every failure becomes the document's reason
            status = error.status if isinstance(error, DocumentError) else "failed"
            payload = pickle.dumps(("error", (status, describe_failure(error, limits))))
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - the parent reports the missing answer
        exit_code = _CHILD_FAILED
    finally:
        os._exit(exit_code)  # no atexit handlers, no flushing of the parent's buffers


def _limit_memory(memory_mb: int | None) -> None:
    """Let the address space grow by `memory_mb` beyond what the child shares with its parent at the fork."""
    if not memory_mb:
        return
    import resource

    current = _address_space_bytes()
    if current is None:
        return
    limit = current + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _read_until_deadline(read_fd: int, seconds: float | None) -> tuple[bytes | None, bool]:
    """Read the child's answer (None if it closed the pipe without one); True if its time ran out first."""
    deadline = time.monotonic() + seconds if seconds else None
    chunks: list[bytes] = []
    while True:
        wait = 1.0 if deadline is None else max(0.0, min(1.0, deadline - time.monotonic()))
        ready, _, _ = select.select([read_fd], [], [], wait)
        if ready:
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:  # the child finished writing, or died
                return (b"".join(chunks) or None), False
            chunks.append(chunk)
        elif deadline is not None and time.monotonic() >= deadline:
            return None, True


def _reap(pid: int, kill_now: bool) -> int:
    """Wait for the child to exit (it does, right after writing its answer); kill it if it must stop or lingers."""
    if not kill_now:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                return wait_status
            time.sleep(0.01)
    _kill(pid)
    return os.waitpid(pid, 0)[1]


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _crash_reason(wait_status: int, limits: Limits) -> str:
    if os.WIFSIGNALED(wait_status):
        number = os.WTERMSIG(wait_status)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        if number == signal.SIGABRT and limits.memory_mb:
            # C libraries (pdfium's allocator among them) abort when an allocation fails, e.g. while inflating a
            # stream that decompresses to gigabytes: under RLIMIT_AS that is almost always the limit
            return f"its worker aborted (SIGABRT), most likely at the memory limit of {limits.memory_mb} MB"
        return f"its worker crashed ({name}) while processing it"
    return f"its worker exited (code {os.WEXITSTATUS(wait_status)}) without a result"
