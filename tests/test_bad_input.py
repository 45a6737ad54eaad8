"""Bad input and faults: every bad file gets a specific status, the rest is processed, nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock

from pipeline.extract import ingest
from pipeline.records import DocumentError

import pdf_factory
from conftest import SEED_PDF, real_pdf

SCANNED = real_pdf("robust_scanned_no_textlayer_docling.pdf")
LONG = real_pdf("deep_review_biomed_long122p.pdf")
CLI = [sys.executable, "-m", "pipeline.cli"]


# ---------------------------------------------------------------- ingest, one file at a time


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: pdf_factory.empty_file(d / "empty.pdf"), "empty file (0 bytes)"),
        (lambda d: pdf_factory.not_a_pdf(d / "notes.pdf"), "not a PDF"),
        (lambda d: pdf_factory.encrypted_pdf(d / "locked.pdf", SEED_PDF), "encrypted (password required)"),
        (lambda d: pdf_factory.zero_page_pdf(d / "zero.pdf"), "PDF has no pages"),
        (lambda d: pdf_factory.truncated_pdf(d / "cut.pdf", SEED_PDF), "damaged or truncated PDF"),
        (lambda d: pdf_factory.cid_font_pdf(d / "cid.pdf"), "fonts without Unicode maps"),
        (lambda d: SCANNED, "no text layer; OCR is not supported"),
    ],
    ids=["zero-byte", "not-a-pdf", "encrypted", "zero-pages", "truncated", "no-unicode-map", "scanned"],
)
def test_unusable_file_gets_a_specific_reason(tmp_path, make, expected):
    path = make(tmp_path)
    with pytest.raises(DocumentError) as raised:
        ingest.read_pdf(path)
    assert expected in raised.value.reason
    assert raised.value.status == "failed"


def test_a_broken_cross_reference_table_is_read_as_far_as_pdfium_can(tmp_path):
    import re

    path = pdf_factory.text_pdf(tmp_path / "xref.pdf", ["Ultrafiltration is simple, but its yield is low."])
    data = path.read_bytes()
    # every object's offset in the table wrong, and the startxref pointer too: the reader must rebuild the table
    broken = re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data)
    broken = re.sub(rb"startxref\n\d+", b"startxref\n7", broken)
    assert broken != data
    path.write_bytes(broken)
    content = ingest.read_pdf(path)
    words = [word.text for page in content.pages for word in page.words]
    assert "Ultrafiltration" in words and "yield" in words


def test_page_budget_skips_a_long_pdf_without_reading_it():
    with pytest.raises(DocumentError) as raised:
        ingest.read_pdf(LONG, ingest.Budget(max_pages=50))
    assert raised.value.status == "skipped"
    assert "122 pages exceeds the page budget of 50" in raised.value.reason


def test_time_budget_stops_a_long_pdf():
    with pytest.raises(DocumentError) as raised:
        ingest.read_pdf(LONG, ingest.Budget(max_seconds=1))
    assert raised.value.reason.startswith("time budget of 1 s exceeded at page")


# ---------------------------------------------------------------- the CLI over a messy corpus


@pytest.fixture(scope="module")
def messy_run(tmp_path_factory, cli):
    corpus = tmp_path_factory.mktemp("messy")
    shutil.copy(SEED_PDF, corpus / "seed review (copy) ü.pdf")
    shutil.copy(SEED_PDF, corpus / "duplicate of seed.pdf")
    pdf_factory.empty_file(corpus / "empty.pdf")
    pdf_factory.not_a_pdf(corpus / "notes.pdf")
    pdf_factory.encrypted_pdf(corpus / "locked.pdf", SEED_PDF)
    pdf_factory.truncated_pdf(corpus / "cut.pdf", SEED_PDF)
    pdf_factory.cid_font_pdf(corpus / "cid.pdf")
    pdf_factory.zero_page_pdf(corpus / "zero.pdf")
    shutil.copy(SCANNED, corpus / "scanned.pdf")
    shutil.copy(LONG, corpus / "long.pdf")
    os.symlink(corpus / "moved away.pdf", corpus / "link.pdf")  # a dangling link
    os.mkfifo(corpus / "pipe.pdf")  # opening it would block the run for ever
    out = tmp_path_factory.mktemp("messy-out")
    # On two worker processes, as a user with a large corpus would run it: a bad file fails in its worker alone.
    result = cli("run", str(corpus), "--out", str(out), "--max-pages", "60", "--workers", "2", "--no-progress")
    return corpus, out, result


def test_messy_corpus_reports_every_bad_file_and_processes_the_rest(messy_run):
    corpus, out, result = messy_run
    assert result.returncode == 1, result.stderr
    documents = pd.read_parquet(out / "documents.parquet")
    by_name = {Path(p).name: row for row in documents.itertuples() for p in row.paths.split(";")}
    assert by_name["seed review (copy) ü.pdf"].status == "ok"
    expected = {
        "empty.pdf": ("failed", "empty file (0 bytes)"),
        "notes.pdf": ("failed", "not a PDF"),
        "locked.pdf": ("failed", "encrypted"),
        "cut.pdf": ("failed", "damaged or truncated PDF"),
        "cid.pdf": ("failed", "fonts without Unicode maps"),
        "zero.pdf": ("failed", "PDF has no pages"),
        "scanned.pdf": ("failed", "no text layer; OCR is not supported"),
        "long.pdf": ("skipped", "exceeds the page budget of 60"),
    }
    for name, (status, reason) in expected.items():
        assert by_name[name].status == status, name
        assert reason in by_name[name].error, (name, by_name[name].error)
    claims = pd.read_parquet(out / "claims.parquet")
    assert set(claims["doc_id"]) == {by_name["seed review (copy) ü.pdf"].doc_id}, "garbage text gave no claims"


def test_duplicate_files_are_one_document_with_both_paths(messy_run):
    _, out, _ = messy_run
    documents = pd.read_parquet(out / "documents.parquet")
    seed = documents[documents["status"] == "ok"]
    assert len(seed) == 1
    assert sorted(Path(p).name for p in seed.iloc[0]["paths"].split(";")) == [
        "duplicate of seed.pdf",
        "seed review (copy) ü.pdf",
    ]


def test_cli_prints_one_line_per_failure_and_no_traceback(messy_run):
    _, _, result = messy_run
    failure_lines = [line for line in result.stderr.splitlines() if line.startswith(("FAILED:", "SKIPPED:"))]
    assert len(failure_lines) == 8, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "1 ok, 7 failed, 1 skipped" in result.stdout


def test_entries_that_are_not_files_are_reported_not_read(messy_run):
    corpus, out, result = messy_run
    assert f"NOT READ: {corpus / 'link.pdf'}: dangling symbolic link to {corpus / 'moved away.pdf'}" in result.stderr
    assert f"NOT READ: {corpus / 'pipe.pdf'}: a named pipe, not a file" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert {Path(e["path"]).name: e["reason"] for e in manifest["unusable_entries"]} == {
        "link.pdf": f"dangling symbolic link to {corpus / 'moved away.pdf'}",
        "pipe.pdf": "a named pipe, not a file",
    }


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory) -> Path:
    """Two text pages of the seed and a scanned page: a document that is ok but loses a page."""
    return pdf_factory.joined_pdf(tmp_path_factory.mktemp("mixed") / "mixed.pdf", [(SEED_PDF, [0, 1]), (SCANNED, [0])])


def test_a_page_without_text_is_a_warning_of_an_ok_document_in_the_run(tmp_path, mixed_pdf, cli):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(mixed_pdf, corpus / "mixed.pdf")
    result = cli("run", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress")
    assert result.returncode == 0, result.stderr
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert documents["status"].tolist() == ["ok"]
    assert json.loads(documents["warnings"].iloc[0]) == ["page 3: no text layer (image only), skipped"]
    assert f"WARNING: {corpus / 'mixed.pdf'}: page 3: no text layer (image only), skipped" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [Path(w["path"]).name for w in manifest["warnings"]] == ["mixed.pdf"]


def test_a_claim_reader_failing_on_one_sentence_costs_that_sentence_not_the_paper(mixed_pdf, monkeypatch):
    from pipeline.extract import document
    from pipeline.extract.claims import from_text

    read_sentence = from_text.sentence_claims

    def fails_on_saliva(context, discourse, cues):
        if "saliva" in context.sent.text.lower():
            raise IndexError("a reader's bug")
        return read_sentence(context, discourse, cues)

    monkeypatch.setattr(from_text, "sentence_claims", fails_on_saliva)
    result = document.process_document(mixed_pdf, "0" * 64)
    assert result.status == "ok", result.error
    skipped = [w for w in result.warnings if "claims of one sentence skipped (IndexError: a reader's bug)" in w]
    assert skipped and all(w.startswith(("page 1:", "page 2:")) for w in skipped), result.warnings
    assert result.claims, "the other sentences' claims are kept"
    prose = [e.text.lower() for c in result.claims for e in c.evidence if e.source == "text"]
    assert prose and not any("saliva" in text for text in prose)


def test_missing_corpus_and_empty_corpus_are_usage_errors(tmp_path, cli):
    missing = cli("run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"error: corpus folder does not exist: {tmp_path / 'nowhere'}"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("no pdfs here")
    empty = cli("run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert empty.returncode == 2
    assert "no PDF files found under" in empty.stderr and "Traceback" not in empty.stderr


def test_unwritable_output_folder_is_a_clear_error(tmp_path, cli):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = cli("run", str(SEED_PDF), "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot write to output folder {blocker / 'out'}")
    assert "Traceback" not in result.stderr


def test_second_run_on_a_busy_output_folder_refuses(tmp_path, cli):
    out = tmp_path / "out"
    (out / ".reviewminer").mkdir(parents=True)
    with FileLock(str(out / ".reviewminer" / "run.lock")):
        result = cli("run", str(SEED_PDF), "--out", str(out))
    assert result.returncode == 2
    assert "another reviewminer run is writing to" in result.stderr


def test_full_disk_is_a_clear_error_and_keeps_nothing_half_written(tmp_path, cli):
    out = tmp_path / "tiny"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small tmpfs to simulate a full disk: {mounted.stderr!r}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        small = pdf_factory.text_pdf(tmp_path / "small.pdf", ["Ultrafiltration is simple, but its yield is low."])
        result = cli("run", str(small), "--out", str(out), "--no-progress")
        assert result.returncode == 2, result.stderr
        assert "No space left on device" in result.stderr
        assert not list(out.glob("*.parquet")), "no dataset may be left half-written"
    finally:
        subprocess.run(["umount", str(out)], check=False)


# ---------------------------------------------------------------- killed in the middle of a write


def test_kill_during_atomic_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "claims.parquet"
    pd.DataFrame({"claim_id": ["a", "b"]}).to_parquet(target)
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from pipeline.outputs.datasets import atomic_write\n"
        "def slow(tmp):\n"
        "    with open(tmp, 'wb') as h:\n"
        "        h.write(b'PAR1 half written'); h.flush(); print('writing', flush=True); time.sleep(60)\n"
        f"atomic_write(Path({str(target)!r}), slow)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert pd.read_parquet(target)["claim_id"].tolist() == ["a", "b"]


def test_files_written_together_replace_their_targets_only_at_the_end(tmp_path):
    """A publish's files reach the disk together: until the block ends every target is the previous file, and a
    block that fails replaces none of them and leaves no temporary file."""
    from pipeline.outputs.datasets import atomic_write, write_csv, written_together

    claims, table = tmp_path / "claims.csv", tmp_path / "tables" / "doc" / "t1.csv"
    write_csv(pd.DataFrame({"claim_id": ["old"]}), claims)
    with written_together():
        write_csv(pd.DataFrame({"claim_id": ["new"]}), claims)
        atomic_write(table, lambda tmp: Path(tmp).write_text("a,b\n1,2\n"))
        assert pd.read_csv(claims)["claim_id"].tolist() == ["old"] and not table.exists()
    assert pd.read_csv(claims)["claim_id"].tolist() == ["new"] and table.read_text() == "a,b\n1,2\n"

    with pytest.raises(OSError), written_together():
        write_csv(pd.DataFrame({"claim_id": ["newer"]}), claims)
        raise OSError("disk full")
    assert pd.read_csv(claims)["claim_id"].tolist() == ["new"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["claims.csv", "t1.csv"]


def test_run_killed_at_any_moment_leaves_readable_datasets(seed_run, tmp_path, cli):
    """SIGKILL a rerun after a changed corpus at several moments; the datasets stay readable each time."""
    out_before, _, _ = seed_run
    out = tmp_path / "out"
    shutil.copytree(out_before, out, ignore=shutil.ignore_patterns("prefect"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf_factory.text_pdf(corpus / "small.pdf", ["Ultrafiltration is simple, but its yield is low."])
    shutil.copy(SEED_PDF, corpus / "seed_review.pdf")
    for delay in (3.0, 8.0, 14.0):
        # A new session, so the kill takes the run's Prefect server with it, as a killed job would.
        child = subprocess.Popen(
            [*CLI, "run", str(corpus), "--out", str(out), "--no-progress"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        for name in ("documents", "claims", "tables", "entities", "sentences"):
            frame = pd.read_parquet(out / f"{name}.parquet")
            assert "doc_id" in frame.columns
        assert "claim_id" in pd.read_csv(out / "claims.csv").columns
    finished = cli("run", str(corpus), "--out", str(out), "--no-progress")
    assert finished.returncode == 0, finished.stderr
    assert len(pd.read_parquet(out / "documents.parquet")) == 2
