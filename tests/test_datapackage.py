"""datapackage.json: describes every output file, and the files on disk validate against it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.outputs import curation
from pipeline.outputs.compare import build_comparison, build_methods
from pipeline.outputs.datapackage import validate_datapackage, write_datapackage
from pipeline.outputs.datasets import COLUMNS, SCHEMA_VERSION, typed_frame, write_csv, write_json, write_parquet
from pipeline.outputs.export import export_bioc
from pipeline.outputs.publish import write_table_csvs
from pipeline.outputs.report import write_report

CSV_TABLES = ("documents", "claims", "table_index", "comparison", "methods")
DOC = "e" * 16
NOT_OUTPUTS = {"datapackage.json", "decisions.sqlite"}  # the description itself, and curation's database


def publish_extras(out: Path, frames: dict[str, pd.DataFrame], record: dict) -> None:
    """What publish does after the contract's files: the derived datasets, report, export, then the package."""
    frames["comparison"] = build_comparison(frames["claims"], frames["documents"])
    frames["methods"] = build_methods(frames["claims"], frames["entities"], frames["documents"])
    for name in ("comparison", "methods"):
        write_parquet(frames[name], out / f"{name}.parquet")
        write_csv(frames[name], out / f"{name}.csv")
    write_report(out, frames, record)
    export_bioc(out, frames)
    write_datapackage(out)


def small_output(out: Path) -> dict[str, pd.DataFrame]:
    """A complete output folder for one small document, written by the project's own writers."""
    frames = {name: typed_frame(name, []) for name in COLUMNS}
    frames["documents"] = typed_frame(
        "documents",
        [{"doc_id": DOC, "path": "a.pdf", "sha256": DOC * 4, "title": "T", "status": "ok", "n_pages": 1}],
    )
    frames["passages"] = typed_frame(
        "passages", [{"doc_id": DOC, "passage_id": 0, "kind": "title", "page": 1, "char_start": 0, "text": "T"}]
    )
    frames["tables"] = typed_frame(
        "tables",
        [
            {"doc_id": DOC, "table_id": "t1", "page": 1, "row": r, "col": c, "text": t, "is_header": r == 0}
            for r, c, t in [(0, 0, "Method"), (0, 1, "Advantages"), (1, 0, "UC"), (1, 1, "pure")]
        ],
    )
    frames["table_index"] = typed_frame(
        "table_index",
        [{"doc_id": DOC, "table_id": "t1", "n_rows": 2, "n_cols": 2, "header": '["Method", "Advantages"]'}],
    )
    evidence = [{"source": "table", "text": "pure", "page": 1, "table_id": "t1", "row": 1, "col": 1}]
    frames["claims"] = typed_frame(
        "claims",
        [
            {
                "claim_id": "c1",
                "doc_id": DOC,
                "subject": "UC",
                "subject_norm": "ultracentrifugation",
                "relation": "advantage",
                "object": "pure",
                "aspect": "purity",
                "hedged": False,
                "source": "table",
                "evidence": "pure",
                "evidences": json.dumps(evidence),
            }
        ],
    )
    frames["claims"] = curation.apply_decisions(frames["claims"], out)  # as publish does
    for name, frame in frames.items():
        write_parquet(frame, out / f"{name}.parquet")
        if name in CSV_TABLES:
            write_csv(frame, out / f"{name}.csv")
    write_table_csvs(out, frames["tables"])
    record = {"run_id": "r", "started_at": "s", "finished_at": "f", "counts": {"ok": 1}, "failures": []}
    write_json(record | {"schema_version": SCHEMA_VERSION}, out / "manifest.json")
    publish_extras(out, frames, record)
    return frames


def described_paths(out: Path) -> set[str]:
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    return {r["path"] for r in package["resources"]}


def output_files(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and ".reviewminer" not in p.parts and p.name not in NOT_OUTPUTS
    }


def test_package_describes_every_file_with_types_and_descriptions(tmp_path):
    small_output(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == SCHEMA_VERSION
    assert package["$schema"].endswith("/datapackage.json")
    assert described_paths(tmp_path) == output_files(tmp_path)
    resources = {r["name"]: r for r in package["resources"]}
    claims = resources["claims"]["schema"]
    fields = {f["name"]: f for f in claims["fields"]}
    assert list(fields)[: len(COLUMNS["claims"])] == list(COLUMNS["claims"])
    assert fields["page"]["type"] == "integer" and fields["hedged"]["type"] == "boolean"
    assert fields["relation"]["constraints"]["enum"] == ["advantage", "disadvantage", "effect"]
    assert claims["primaryKey"] == ["claim_id"]
    assert claims["foreignKeys"][0]["reference"] == {"resource": "documents", "fields": ["doc_id"]}
    assert resources["claims-csv"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "documents-csv"
    assert resources["comparison"]["schema"]["uniqueKeys"] == [["subject_norm", "relation", "aspect"]]
    assert [f["name"] for f in resources["table-" + DOC + "-t1"]["schema"]["fields"]] == ["Method", "Advantages"]
    assert "jsonSchema" in resources["claims-bioc"] and "jsonSchema" in resources["manifest"]
    assert all(f["description"] for r in package["resources"] for f in r.get("schema", {}).get("fields", []))


def test_files_validate_against_the_package(tmp_path):
    small_output(tmp_path)
    assert validate_datapackage(tmp_path) == []


def test_validation_reports_each_kind_of_mismatch(tmp_path):
    small_output(tmp_path)
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    claims["relation"] = pd.Series(["opinion"], dtype="string")
    claims["extra"] = 1
    claims.to_parquet(tmp_path / "claims.parquet", index=False)
    documents = pd.read_csv(tmp_path / "documents.csv", dtype=str)
    documents.loc[0, "n_pages"] = "ten"
    documents.to_csv(tmp_path / "documents.csv", index=False)
    comparison = pd.read_parquet(tmp_path / "comparison.parquet")
    pd.concat([comparison, comparison]).to_parquet(tmp_path / "comparison.parquet", index=False)
    entities = typed_frame("entities", [{"doc_id": "f" * 16, "text": "x", "label": "METHOD", "norm": "x"}])
    entities.to_parquet(tmp_path / "entities.parquet", index=False)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    del manifest["run_id"]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "methods.csv").unlink()

    errors = "\n".join(validate_datapackage(tmp_path))  # frictionless's own wording for the tabular files
    assert 'claims.parquet: There is an extra label "extra" in header' in errors
    assert 'claims.parquet: The cell "opinion" in row at position "2" and field "relation"' in errors
    assert 'documents.csv: Type error in the cell "ten" in row "2" and field "n_pages"' in errors
    assert "comparison.parquet: Row at position 3 is duplicated" in errors
    assert (
        'entities.parquet: Row at position "2" violates the foreign key: for "doc_id": values "ffffffffffffffff"'
        in errors
    )
    assert "manifest.json: (root): 'run_id' is a required property" in errors
    assert "methods.csv: described but missing" in errors


def test_unreadable_package_is_an_error(tmp_path):
    assert validate_datapackage(tmp_path) and "cannot be read" in validate_datapackage(tmp_path)[0]


@pytest.mark.e2e
def test_real_run_output_validates(seed_run, tmp_path):
    """The seed run's folder, plus what publish adds, is fully described and valid."""
    out, record, _ = seed_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(".reviewminer"))
    frames = {
        name: pd.read_parquet(copy / f"{name}.parquet") for name in COLUMNS if (copy / f"{name}.parquet").exists()
    }
    publish_extras(copy, frames, record)
    assert validate_datapackage(copy) == []
    assert described_paths(copy) == output_files(copy)
    assert len(pd.read_parquet(copy / "comparison.parquet")) > 10


def test_validate_command_exit_codes(tmp_path):
    import subprocess
    import sys

    small_output(tmp_path)
    command = [sys.executable, "-m", "pipeline.cli", "validate"]
    ok = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and "every file matches" in ok.stdout, ok.stderr
    (tmp_path / "methods.csv").unlink()
    broken = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert broken.returncode == 1 and "methods.csv: described but missing" in broken.stdout
    missing = subprocess.run([*command, str(tmp_path / "none")], capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "no datapackage.json" in missing.stderr
