"""End to end: a real Prefect flow over the seed review writes the output contract's files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e

CONTRACT = {
    "documents": {"doc_id", "path", "sha256", "title", "n_pages", "status", "error"},
    "tables": {"doc_id", "table_id", "caption", "page", "row", "col", "is_header", "text"},
    "claims": {
        "claim_id",
        "doc_id",
        "subject",
        "subject_norm",
        "relation",
        "object",
        "object_norm",
        "source",
        "page",
        "evidence",
        "review_status",
    },
    "entities": {"doc_id", "text", "label", "norm", "page", "sentence_id", "start", "end"},
}


def test_documents_row_is_ok(seed_run):
    out, record, _ = seed_run
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 1
    row = documents.iloc[0]
    assert row["status"] == "ok", row["error"]
    assert row["n_pages"] == 10
    assert len(row["doc_id"]) == 16 and row["sha256"].startswith(row["doc_id"])
    assert "exosome" in row["title"].lower()
    assert record["counts"]["ok"] == 1 and not record["failures"]


def test_contract_files_and_columns(seed_run):
    out, _, _ = seed_run
    for name, required in CONTRACT.items():
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert required <= set(frame.columns), f"{name} lacks {required - set(frame.columns)}"
    for name in ("documents", "claims"):
        assert (out / f"{name}.csv").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["documents"] == 1


def test_table_1_is_extracted_with_its_header(seed_run):
    out, _, _ = seed_run
    index = pd.read_parquet(out / "table_index.parquet")
    table_1 = index[index["number"] == "1"]
    assert len(table_1) == 1
    header = json.loads(table_1.iloc[0]["header"])
    assert header == ["Methods", "Definition", "Advantages", "Disadvantages", "Years", "References"]
    assert table_1.iloc[0]["n_rows"] == 9  # header + 8 methods
    cells = pd.read_parquet(out / "tables.parquet")
    cells = cells[cells["table_id"] == table_1.iloc[0]["table_id"]]
    first_column = cells[(cells["col"] == 0) & ~cells["is_header"]].sort_values("row")["text"].tolist()
    assert first_column[0] == "Ultracentrifugation" and first_column[-1] == "Extraction kit"
    grid = pd.read_csv(out / "tables" / table_1.iloc[0]["doc_id"] / f"{table_1.iloc[0]['table_id']}.csv")
    assert grid.shape == (8, 6)


def test_ultracentrifugation_has_advantages_and_disadvantages(seed_run):
    out, _, _ = seed_run
    claims = pd.read_parquet(out / "claims.parquet")
    uc = claims[
        claims["subject_norm"].str.contains("ultracentrifugation", case=False, na=False)
        & ~claims["subject_norm"].str.contains("ultrafiltration", case=False, na=False)
    ]
    relations = set(uc["relation"])
    assert {"advantage", "disadvantage"} <= relations
    disadvantages = " | ".join(uc[uc["relation"] == "disadvantage"]["object"]).lower()
    assert "time" in disadvantages
    assert (claims["review_status"] == "pending").all()
    assert claims["claim_id"].is_unique
    table_rows = claims[claims["source"].str.contains("table")]
    assert table_rows["page"].notna().all() and table_rows["evidence"].notna().all()


def test_run_writes_comparison_report_interchange_and_a_valid_datapackage(seed_run):
    from pipeline.outputs.datapackage import validate_datapackage

    out, _, _ = seed_run
    for name in (
        "comparison.parquet",
        "comparison.csv",
        "methods.parquet",
        "methods.csv",
        "report.html",
        "claims.bioc.json",
        "claims.pubannotation.json",
        "datapackage.json",
    ):
        assert (out / name).exists(), name
    assert validate_datapackage(out) == []
    comparison = pd.read_parquet(out / "comparison.parquet")
    assert (comparison["subject_norm"].str.contains("ultracentrifugation")).any()
