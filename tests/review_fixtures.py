"""Helpers for the curation and review-app tests: a hostile PDF, a private copy of a run, a live server."""

from __future__ import annotations

import shutil
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

from pdf_factory import write_pdf

SCRIPT_TITLE = "Exosome isolation <script>window.__xss = 'title'</script> review"
SCRIPT_CELL = "High purity <script>window.__xss = 'cell'</script>"
IMG_CELL = "Time consuming <img src=x onerror=\"window.__xss='img'\">"
SCRIPT_SENTENCE = (
    "The main advantage of ultracentrifugation is its high purity <script>window.__xss = 'text'</script>, "
    "but it is time consuming."
)


def _pdf_text(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def write_script_pdf(path: Path) -> Path:
    """A one-page PDF (hand-written, Helvetica, no dependency) whose title, prose and ruled table hold HTML.

    Layout in PDF points, origin bottom-left: a title, a paragraph, "Table 1" and a 3x3 ruled table.
    """
    lines: list[str] = []

    def text(x: float, y: float, size: float, value: str) -> None:
        lines.append(f"BT /F1 {size} Tf {x} {y} Td {_pdf_text(value)} Tj ET")

    text(56, 780, 16, SCRIPT_TITLE)
    text(56, 740, 10, "Introduction")
    prose = [
        "Exosomes are small vesicles released by cells. " + SCRIPT_SENTENCE[:60],
        SCRIPT_SENTENCE[60:] + " Precipitation is simple and cheap.",
    ]
    for i, line in enumerate(prose):
        text(56, 722 - 13 * i, 9, line)
    text(56, 660, 9, "Table 1 Isolation methods of exosomes")
    columns = [40, 150, 360, 555]
    rows = [
        ["Methods", "Advantages", "Disadvantages"],
        ["Ultracentrifugation", SCRIPT_CELL, IMG_CELL],
        ["Precipitation", "Simple operation", "Low purity"],
    ]
    top, height = 650, 24
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text(columns[c] + 4, top - height * r - 16, 7, value)
    for r in range(len(rows) + 1):
        lines.append(f"{columns[0]} {top - height * r} m {columns[-1]} {top - height * r} l S")
    for x in columns:
        lines.append(f"{x} {top} m {x} {top - height * len(rows)} l S")
    stream = "\n".join(lines).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    return write_pdf(path, objects)


def copy_run(seed_run, destination: Path, extra_pdfs: tuple[Path, ...] = ()) -> tuple[Path, Path]:
    """A private copy of the session's seed run (its cache too, so a rerun only processes new PDFs).

    Returns (out, corpus). The session's own folder must stay pristine: other tests expect every claim pending.
    """
    out, _, corpus = seed_run
    corpus_copy, out_copy = destination / "corpus", destination / "out"
    shutil.copytree(corpus, corpus_copy)
    shutil.copytree(out, out_copy, ignore=shutil.ignore_patterns("prefect", "*.lock"))
    for pdf in extra_pdfs:
        shutil.copy(pdf, corpus_copy / pdf.name)
    return out_copy, corpus_copy


def prepare_review_run(seed_run, folder: Path) -> tuple[Path, Path]:
    """A private copy of the seed run plus the hostile PDF, through the real flow (needs prefect_harness).

    Returns (out, corpus); only the hostile PDF is processed, the seed's extraction comes from the copied cache.
    """
    from pipeline.orchestration.flow import run_corpus

    pdf = write_script_pdf(folder / "script_tags.pdf")
    out, corpus = copy_run(seed_run, folder, extra_pdfs=(pdf,))
    record = run_corpus(corpus=str(corpus), out=str(out))
    assert record["counts"]["ok"] == 2, record["failures"]
    return out, corpus


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_app(out: Path):
    """The review app served by uvicorn in a background thread on a free 127.0.0.1 port; yields its URL."""
    import uvicorn

    from pipeline.review import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(out), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.05)
    assert server.started, "the review app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
