"""A document's work runs isolated under hard limits: any exception, crash, endless page or runaway memory fails
that document alone, with a specific reason, within its budget."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from pipeline.config import Settings
from pipeline.corpus import file_sha256
from pipeline.extract.document import process_document_isolated, read_part_isolated, work_limits
from pipeline.isolation import Limits, run_isolated
from pipeline.records import DocumentError

import pdf_factory

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")


def _recurse(depth: int = 0) -> int:
    return _recurse(depth + 1)


def _allocate_gigabytes() -> int:
    return len(bytearray(3 * 1024**3))


def _hang() -> None:
    while True:
        time.sleep(0.1)


@pytest.mark.parametrize(
    ("work", "limits", "reason"),
    [
        (_recurse, Limits(), "PDF objects nested too deeply to read (RecursionError)"),
        (_allocate_gigabytes, Limits(memory_mb=300), "memory limit of 300 MB exceeded"),
        (lambda: os.kill(os.getpid(), signal.SIGSEGV), Limits(), "its worker crashed (SIGSEGV) while processing it"),
        (lambda: os._exit(3), Limits(), "its worker exited (code 3) without a result"),
        # the seconds after "stopped after" are the parent's own count, which a loaded machine stretches
        (_hang, Limits(seconds=1), r"time budget of 1 s exceeded; stopped after [1-9]\d* s"),
        (lambda: 1 / 0, Limits(), "internal error: ZeroDivisionError: division by zero"),
    ],
    ids=["recursion", "memory", "segfault", "exit", "hang", "exception"],
)
def test_any_failure_of_the_work_becomes_a_reason(work, limits, reason):
    started = time.monotonic()
    with pytest.raises(DocumentError) as raised:
        run_isolated(work, limits)
    assert re.fullmatch(reason, raised.value.reason) if work is _hang else raised.value.reason == reason
    assert time.monotonic() - started < 10


def test_the_result_and_a_document_error_come_back_as_they_were():
    assert run_isolated(lambda: {"pages": list(range(100_000))}, Limits(seconds=30)) == {"pages": list(range(100_000))}

    def skipped():
        raise DocumentError("too long", status="skipped")

    with pytest.raises(DocumentError) as raised:
        run_isolated(skipped, Limits())
    assert (raised.value.status, raised.value.reason) == ("skipped", "too long")


def test_deeply_nested_metadata_is_read_in_parts(tmp_path):
    # pdfium bounds the nesting depth it parses, so the hostile metadata no longer fails the pages (pdfminer
    # overflowed the stack on it; a RecursionError of any stage is still a failure, see the first test)
    pdf = pdf_factory.nested_metadata_pdf(tmp_path / "nested.pdf")
    settings = Settings()
    part = read_part_isolated(pdf, file_sha256(pdf), 31, 60, settings, work_limits(settings))
    assert (part.status, part.error) == ("ok", "")
    assert [page.number for page in part.content.pages] == list(range(31, 61))
    assert run_isolated(lambda: "still healthy", Limits()) == "still healthy"


def test_max_seconds_ends_a_slow_page_within_its_budget(tmp_path):
    pdf = pdf_factory.slow_page_pdf(tmp_path / "slow.pdf")
    assert pdf.stat().st_size < 300_000
    settings = Settings(max_seconds=5)
    started = time.monotonic()
    result = process_document_isolated(pdf, file_sha256(pdf), settings, work_limits(settings))
    assert time.monotonic() - started < 15
    assert result.status == "failed"
    assert result.error.startswith("time budget of 5 s exceeded")


def test_a_stream_that_inflates_to_gigabytes_fails_at_the_memory_limit(tmp_path):
    # 1.5 MB on disk, 1.5 GB once pdfium inflates the page's content stream: the address-space limit stops it
    pdf = pdf_factory.inflate_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=1500)
    assert pdf.stat().st_size < 2_000_000
    settings = Settings(max_seconds=60)
    result = process_document_isolated(pdf, file_sha256(pdf), settings, work_limits(settings, memory_mb=300))
    assert (result.status, result.error) == (
        "failed",
        "its worker aborted (SIGABRT), most likely at the memory limit of 300 MB",
    )
    assert run_isolated(lambda: "still healthy", Limits(memory_mb=300)) == "still healthy"
