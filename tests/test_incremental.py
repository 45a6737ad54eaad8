"""Incremental reruns through the real flow: unchanged work is reused, new/changed/removed PDFs are handled."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from pipeline.datasets import STATE_DIR

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
    from pipeline.flow import run_corpus

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
    assert set(documents(out)["action"]) == {"unchanged"}


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
