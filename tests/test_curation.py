"""Curator decisions: stored in SQLite with history, applied to the claims on every write, never lost on a rerun."""

from __future__ import annotations

import sqlite3
import threading

import pandas as pd
import pytest

from pipeline.outputs.curation import (
    ORPHANS_NAME,
    REVIEW_COLUMNS,
    DecisionError,
    DecisionStore,
    apply_decisions,
    database_path,
    export_decisions,
    rewrite_claims,
    run_lock,
)
from pipeline.outputs.datasets import typed_frame, write_csv, write_parquet


def claim(claim_id: str, subject: str, relation: str, obj: str) -> dict:
    return {
        "claim_id": claim_id,
        "doc_id": "d0c",
        "subject": subject,
        "subject_norm": subject.lower(),
        "relation": relation,
        "object": obj,
        "object_norm": obj.lower(),
        "source": "table",
        "page": 4,
        "evidence": f"{obj} (cell)",
    }


CLAIMS = [
    claim("c1", "Ultracentrifugation", "advantage", "no risk of contamination"),
    claim("c2", "Ultracentrifugation", "disadvantage", "Consumes time"),
    claim("c3", "Precipitation", "advantage", "Economical"),
]


@pytest.fixture
def claims() -> pd.DataFrame:
    return typed_frame("claims", CLAIMS)


def by_id(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["claim_id"]: row for row in frame.to_dict("records")}


def test_without_decisions_every_claim_is_pending_and_no_database_appears(tmp_path, claims):
    applied = apply_decisions(claims, tmp_path)
    assert list(applied["review_status"]) == ["pending"] * 3
    assert set(REVIEW_COLUMNS) <= set(applied.columns)
    assert list(applied.columns[: len(claims.columns)]) == list(claims.columns)
    assert not database_path(tmp_path).exists()
    assert pd.read_csv(tmp_path / ORPHANS_NAME).empty


def test_accept_reject_edit_are_applied_beside_the_extracted_values(tmp_path, claims):
    store = DecisionStore(tmp_path)
    store.record(CLAIMS[0], "accepted", reviewer="Ann")
    store.record(CLAIMS[1], "rejected", reviewer="Ann", comment="not a disadvantage here")
    store.record(CLAIMS[2], "edited", reviewer="Bob", object="economical (low cost)", relation="advantage")

    rows = by_id(apply_decisions(claims, tmp_path))
    assert rows["c1"]["review_status"] == "accepted" and rows["c1"]["reviewer"] == "Ann"
    assert rows["c1"]["object_reviewed"] == "no risk of contamination"  # accepted: the extracted triple stands
    assert rows["c2"]["review_status"] == "rejected"
    assert rows["c2"]["review_comment"] == "not a disadvantage here"
    assert pd.isna(rows["c2"]["object_reviewed"])
    assert rows["c3"]["review_status"] == "edited"
    assert rows["c3"]["object"] == "Economical"  # the extracted value is kept...
    assert rows["c3"]["object_reviewed"] == "economical (low cost)"  # ...and the correction sits beside it
    assert rows["c3"]["subject_reviewed"] == "Precipitation"
    assert rows["c3"]["reviewed_at"].startswith("20")


def test_applying_twice_gives_the_same_frame(tmp_path, claims):
    DecisionStore(tmp_path).record(CLAIMS[0], "accepted", reviewer="Ann")
    once = apply_decisions(claims, tmp_path)
    twice = apply_decisions(once, tmp_path)
    pd.testing.assert_frame_equal(once, twice)


def test_every_change_is_kept_in_the_history(tmp_path):
    store = DecisionStore(tmp_path)
    store.record(CLAIMS[0], "accepted", reviewer="Ann")
    store.record(CLAIMS[0], "edited", reviewer="Bob", subject="Differential ultracentrifugation")
    store.record(CLAIMS[0], "pending", reviewer="Cy")
    history = store.history("c1")
    assert [(h["reviewer"], h["new"]["status"]) for h in history] == [
        ("Ann", "accepted"),
        ("Bob", "edited"),
        ("Cy", "pending"),
    ]
    assert history[0]["old"] is None
    assert history[1]["old"]["status"] == "accepted" and history[1]["old"]["reviewer"] == "Ann"
    assert history[2]["old"]["subject_reviewed"] == "Differential ultracentrifugation"
    assert store.get("c1").status == "pending"


def test_a_vanished_claim_keeps_its_decision_as_orphan_and_gets_it_back(tmp_path, claims):
    DecisionStore(tmp_path).record(CLAIMS[1], "rejected", reviewer="Ann", comment="wrong column")
    without_c2 = claims[claims["claim_id"] != "c2"]

    applied = apply_decisions(without_c2, tmp_path)
    assert (applied["review_status"] == "pending").all()
    orphans = pd.read_csv(tmp_path / ORPHANS_NAME)
    assert orphans["claim_id"].tolist() == ["c2"]
    assert orphans.iloc[0]["status"] == "rejected" and orphans.iloc[0]["object"] == "Consumes time"

    back = by_id(apply_decisions(claims, tmp_path))
    assert back["c2"]["review_status"] == "rejected"
    assert pd.read_csv(tmp_path / ORPHANS_NAME).empty


@pytest.mark.parametrize(
    ("status", "fields", "message"),
    [
        ("approved", {}, "unknown review status"),
        ("accepted", {"reviewer": "  "}, "reviewer"),
        ("edited", {"subject": " ", "object": ""}, None),  # blanks mean "keep the extracted value": allowed
        ("edited", {"relation": "causes"}, "unknown relation"),
    ],
)
def test_invalid_decisions_are_refused_and_nothing_is_written(tmp_path, status, fields, message):
    store = DecisionStore(tmp_path)
    arguments = {"reviewer": "Ann", **fields}
    if message is None:
        # An edit left blank changes nothing: it is recorded as an acceptance.
        assert store.record(CLAIMS[0], status, **arguments).status == "accepted"
        return
    with pytest.raises(DecisionError, match=message):
        store.record(CLAIMS[0], status, **arguments)
    assert store.decisions() == {} and store.history() == []


def test_a_failed_write_rolls_back_the_decision_and_its_history(tmp_path):
    store = DecisionStore(tmp_path)
    store.record(CLAIMS[0], "accepted", reviewer="Ann")
    # Make the history insert fail inside the transaction: the decision change must not survive alone.
    with sqlite3.connect(database_path(tmp_path)) as connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON history WHEN NEW.reviewer = 'Mallory' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with pytest.raises(sqlite3.IntegrityError):
        store.record(CLAIMS[0], "rejected", reviewer="Mallory")
    assert store.get("c1").status == "accepted" and store.get("c1").reviewer == "Ann"
    assert len(store.history()) == 1


def test_export_writes_every_decision_and_the_history(tmp_path):
    store = DecisionStore(tmp_path)
    store.record(CLAIMS[0], "accepted", reviewer="Ann")
    store.record(CLAIMS[2], "edited", reviewer="Bob", object="cheap")
    store.record(CLAIMS[2], "rejected", reviewer="Bob")

    decisions = pd.read_csv(export_decisions(tmp_path, tmp_path / "export" / "decisions.csv"))
    assert sorted(decisions["claim_id"]) == ["c1", "c3"]
    assert {"status", "reviewer", "reviewed_at", "comment", "subject_reviewed", "object_reviewed"} <= set(
        decisions.columns
    )
    history = pd.read_csv(export_decisions(tmp_path, tmp_path / "history.csv", include_history=True))
    assert len(history) == 3 and history["claim_id"].tolist() == ["c1", "c3", "c3"]


def test_rewrite_waits_for_a_running_pipeline_then_updates_parquet_and_csv(tmp_path, claims):
    write_parquet(apply_decisions(claims, tmp_path), tmp_path / "claims.parquet")
    write_csv(apply_decisions(claims, tmp_path), tmp_path / "claims.csv")
    DecisionStore(tmp_path).record(CLAIMS[0], "accepted", reviewer="Ann")

    pipeline_lock = run_lock(tmp_path)
    with pipeline_lock:
        assert rewrite_claims(tmp_path, timeout=0) is False  # a run holds the folder: nothing rewritten
        assert (pd.read_parquet(tmp_path / "claims.parquet")["review_status"] == "pending").all()
    assert rewrite_claims(tmp_path, timeout=0) is True
    for frame in (pd.read_parquet(tmp_path / "claims.parquet"), pd.read_csv(tmp_path / "claims.csv")):
        assert by_id(frame)["c1"]["review_status"] == "accepted"
        assert by_id(frame)["c2"]["review_status"] == "pending"


def test_concurrent_curators_lose_no_change(tmp_path):
    store = DecisionStore(tmp_path)
    store.record(CLAIMS[0], "accepted", reviewer="setup")  # the database exists before the threads race

    def curate(name: str) -> None:
        for i in range(15):
            DecisionStore(tmp_path).record(CLAIMS[i % 3], "rejected" if i % 2 else "accepted", reviewer=name)

    threads = [threading.Thread(target=curate, args=(name,)) for name in ("Ann", "Bob", "Cy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    history = store.history()
    assert len(history) == 1 + 3 * 15
    # Each change's "old" is exactly the previous change's "new" for that claim: no write slipped in between.
    last: dict[str, dict] = {}
    for change in history:
        if change["claim_id"] in last:
            assert change["old"] == last[change["claim_id"]]
        last[change["claim_id"]] = change["new"]
    assert {cid: d.reviewer for cid, d in store.decisions().items()} == {
        cid: new["reviewer"] for cid, new in last.items()
    }
