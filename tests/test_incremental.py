"""Incremental reruns through the real flow: unchanged work is reused, new/changed/removed PDFs are handled.

A rerun that processes nothing runs as the CLI runs it (plan_run, then finish_run, no Prefect); when the datasets
were built from exactly its inputs it must leave them untouched, and republish as soon as anything they depend on
changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict

import pandas as pd
import pytest

from pipeline.config import Settings
from pipeline.orchestration.runs import finish_run, plan_run
from pipeline.outputs.curation import DecisionStore
from pipeline.outputs.datasets import STATE_DIR

import pdf_factory

pytestmark = pytest.mark.e2e

ULTRA = "The advantage of ultrafiltration is that it is simple and fast. However, its yield is low."
PRECIP = "Precipitation is economical. However, its disadvantage is the low purity of the isolated vesicles."
ELECTRO = "Electroporation has the advantage of high loading efficiency, but it causes exosome aggregation."


@pytest.fixture
def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf_factory.text_pdf(corpus / "a.pdf", [ULTRA], title="Paper A")
    pdf_factory.text_pdf(corpus / "b.pdf", [PRECIP], title="Paper B")
    return corpus, tmp_path / "out"


def run(corpus, out):
    from pipeline.orchestration.flow import run_corpus

    return run_corpus(corpus=str(corpus), out=str(out))


def documents(out) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet")


def test_unchanged_rerun_reuses_everything_and_keeps_ids(prefect_harness, small_corpus):
    corpus, out = small_corpus
    first = run(corpus, out)
    assert sorted(first["documents_added"]) == sorted(documents(out)["doc_id"])
    claims_before = pd.read_parquet(out / "claims.parquet")
    cache_files = {p: p.stat().st_mtime_ns for p in (out / STATE_DIR / "cache").rglob("*.parquet")}

    second = run(corpus, out)
    assert sorted(second["documents_reused"]) == sorted(documents(out)["doc_id"])
    assert second["documents_added"] == [] and second["claims_added"] == 0 and second["claims_removed"] == 0
    assert {p: p.stat().st_mtime_ns for p in cache_files} == cache_files, "no document was extracted again"
    claims_after = pd.read_parquet(out / "claims.parquet")
    assert claims_after["claim_id"].tolist() == claims_before["claim_id"].tolist()
    # The datasets are still the first run's (the manifest says so): their `action` describes that run.
    assert set(documents(out)["action"]) == {"added"}
    assert second["datasets_run_id"] == first["run_id"] != second["run_id"]


def test_new_changed_and_removed_pdfs(prefect_harness, small_corpus):
    corpus, out = small_corpus
    run(corpus, out)
    old = documents(out).set_index("path")
    old_b = old.loc[str(corpus / "b.pdf"), "doc_id"]

    pdf_factory.text_pdf(corpus / "c.pdf", [ELECTRO], title="Paper C")  # new
    pdf_factory.text_pdf(corpus / "b.pdf", [PRECIP, "Precipitation needs no special equipment."])  # changed
    (corpus / "a.pdf").unlink()  # removed
    record = run(corpus, out)

    now = documents(out).set_index("path")
    assert sorted(now.index) == [str(corpus / "b.pdf"), str(corpus / "c.pdf")]
    assert now.loc[str(corpus / "c.pdf"), "action"] == "added"
    assert now.loc[str(corpus / "b.pdf"), "action"] == "changed"
    assert now.loc[str(corpus / "b.pdf"), "doc_id"] != old_b
    assert record["documents_removed"] == [old.loc[str(corpus / "a.pdf"), "doc_id"]]
    assert record["documents_changed"] == [now.loc[str(corpus / "b.pdf"), "doc_id"]]
    claims = pd.read_parquet(out / "claims.parquet")
    assert set(claims["doc_id"]) <= set(now["doc_id"]), "rows of removed and replaced documents are dropped"
    assert old_b not in set(pd.read_parquet(out / "sentences.parquet")["doc_id"])
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run_id"] == record["run_id"]
    assert len(list((out / STATE_DIR / "runs").glob("*.json"))) == 2


def test_claim_ids_are_the_same_from_a_fresh_output_folder(prefect_harness, small_corpus, tmp_path):
    corpus, out = small_corpus
    run(corpus, out)
    other = tmp_path / "fresh"
    run(corpus, other)
    first = pd.read_parquet(out / "claims.parquet").sort_values("claim_id")
    second = pd.read_parquet(other / "claims.parquet").sort_values("claim_id")
    assert len(first) > 0
    assert first["claim_id"].tolist() == second["claim_id"].tolist()
    assert first["object"].tolist() == second["object"].tolist()


def test_run_writes_a_markdown_artifact(prefect_harness, small_corpus):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    corpus, out = small_corpus
    record = run(corpus, out)

    async def latest():
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["reviewminer-run"]))
            )
            return found

    artifacts = asyncio.run(latest())
    assert any(record["run_id"] in (a.data or "") for a in artifacts)


def test_same_content_under_two_names_is_one_document(prefect_harness, small_corpus):
    corpus, out = small_corpus
    shutil.copy(corpus / "a.pdf", corpus / "a copy.pdf")
    run(corpus, out)
    frame = documents(out)
    assert len(frame) == 2
    row = frame[frame["paths"].str.contains("a copy.pdf", regex=False)].iloc[0]
    assert sorted(row["paths"].split(";")) == sorted([str(corpus / "a copy.pdf"), str(corpus / "a.pdf")])


# ---------------------------------------------------------------- reruns that process nothing


@pytest.fixture(scope="module")
def processed(prefect_harness, tmp_path_factory):
    """Two small PDFs run once through the flow: (corpus, out) to copy, so no test extracts them again."""
    root = tmp_path_factory.mktemp("processed")
    corpus = root / "corpus"
    corpus.mkdir()
    pdf_factory.text_pdf(corpus / "a.pdf", [ULTRA], title="Paper A")
    pdf_factory.text_pdf(corpus / "b.pdf", [PRECIP, ELECTRO], title="Paper B")
    run(corpus, root / "out")
    return corpus, root / "out"


@pytest.fixture
def published(processed, tmp_path):
    """A copy of `processed` whose datasets were last written by a rerun over this very corpus folder."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(processed[0], corpus)
    shutil.copytree(processed[1], out)
    plan, record = rerun(corpus, out)  # new paths: a full publish, from the cache
    assert record["datasets_run_id"] == record["run_id"]
    return corpus, out


def rerun(corpus, out):
    """What the CLI does when no document needs processing: plan and finish without Prefect."""
    plan = plan_run(corpus, out, Settings())
    assert plan.to_process == [], "every document is in the cache"
    return plan, asdict(finish_run(plan))


def stamps(out) -> dict[str, tuple[int, int, int]]:
    """Every published file (not the manifest, which each run rewrites) → size, mtime, inode."""
    found = {}
    for path in out.rglob("*"):
        if path.is_file() and STATE_DIR not in path.relative_to(out).parts and path.name != "manifest.json":
            status = path.stat()
            found[path.relative_to(out).as_posix()] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def test_unchanged_rerun_rewrites_no_dataset_but_records_the_run(published):
    from pipeline.outputs.report import run_report_markdown

    corpus, out = published
    before = stamps(out)
    assert {"claims.parquet", "claims.csv", "documents.parquet", "report.html", "claims.bioc.json"} <= set(before)
    first = json.loads((out / "manifest.json").read_text())

    plan, record = rerun(corpus, out)

    assert stamps(out) == before, "no published file was written again"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run_id"] == record["run_id"] != first["run_id"]
    assert manifest["datasets_run_id"] == first["run_id"]
    assert manifest["counts"] == first["counts"] and manifest["counts"]["claims"] > 0
    assert sorted(manifest["documents_reused"]) == sorted(documents(out)["doc_id"])
    assert manifest["claims_added"] == manifest["claims_removed"] == 0 and manifest["documents_removed"] == []
    history = sorted(p.stem for p in (out / STATE_DIR / "runs").glob("*.json"))
    assert record["run_id"] in history and first["run_id"] in history
    # The Prefect artifact's summary is this run's, and says what a full rebuild of the same datasets would say.
    frames = {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "claims", "table_index")}
    frames["entities"] = pd.read_parquet(out / "entities.parquet")
    assert plan.report_markdown == run_report_markdown(frames, record)
    assert record["run_id"] in plan.report_markdown


def test_a_decision_between_unchanged_runs_is_published_by_the_next_run(published):
    corpus, out = published
    claim = pd.read_parquet(out / "claims.parquet").iloc[0].to_dict()
    assert claim["review_status"] == "pending"
    DecisionStore(out).record(claim, "rejected", "curator", comment="not a claim")  # the review app's first step

    rerun(corpus, out)

    for claims in (pd.read_parquet(out / "claims.parquet"), pd.read_csv(out / "claims.csv")):
        row = claims[claims["claim_id"] == claim["claim_id"]].iloc[0]
        assert row["review_status"] == "rejected" and row["review_comment"] == "not a claim"
    settled = stamps(out)
    rerun(corpus, out)
    assert stamps(out) == settled, "the same decisions do not republish again"


def test_a_deleted_or_truncated_dataset_file_is_rebuilt(published):
    corpus, out = published
    comparison = (out / "comparison.csv").read_bytes()
    table_csv = sorted((out / "tables").glob("*/*.csv"))
    (out / "comparison.csv").unlink()
    with open(out / "claims.parquet", "r+b") as handle:
        handle.truncate(100)

    rerun(corpus, out)

    assert (out / "comparison.csv").read_bytes() == comparison
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert len(pd.read_parquet(out / "claims.parquet")) == counts["claims"] > 0
    assert sorted((out / "tables").glob("*/*.csv")) == table_csv


def test_a_copy_under_a_second_name_and_a_removed_pdf_are_published(published):
    corpus, out = published
    ids = documents(out).set_index("path")["doc_id"]
    a_id, b_id = ids[str(corpus / "a.pdf")], ids[str(corpus / "b.pdf")]
    shutil.copy(corpus / "a.pdf", corpus / "a copy.pdf")

    rerun(corpus, out)

    row = documents(out).set_index("doc_id").loc[a_id]
    assert sorted(row["paths"].split(";")) == sorted([str(corpus / "a copy.pdf"), str(corpus / "a.pdf")])

    (corpus / "b.pdf").unlink()
    _, record = rerun(corpus, out)
    assert record["documents_removed"] == [b_id]
    assert b_id not in set(pd.read_parquet(out / "claims.parquet")["doc_id"])
    _, record = rerun(corpus, out)
    assert record["documents_removed"] == [] and record["datasets_run_id"] != record["run_id"]


def test_a_renamed_pdf_is_published_under_its_new_path(published):
    corpus, out = published
    os.replace(corpus / "a.pdf", corpus / "renamed.pdf")
    rerun(corpus, out)
    assert str(corpus / "renamed.pdf") in set(documents(out)["path"])
    assert str(corpus / "a.pdf") not in set(documents(out)["path"])


def test_outputs_of_a_version_without_the_published_state_are_republished_once(published):
    corpus, out = published
    (out / STATE_DIR / "published.json").unlink()

    _, record = rerun(corpus, out)

    assert record["datasets_run_id"] == record["run_id"]
    assert set(documents(out)["action"]) == {"unchanged"}, "the previous paths come from documents.parquet"
    _, record = rerun(corpus, out)
    assert record["datasets_run_id"] != record["run_id"]


def test_importing_the_run_module_loads_no_heavy_library():
    heavy = ("pandas", "pyarrow", "plotly", "pdfplumber", "spacy", "prefect")
    code = f"import sys, pipeline.orchestration.runs; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
