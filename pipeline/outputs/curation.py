"""Curation: curator decisions kept in OUT/decisions.sqlite, keyed by claim_id, applied on every write.

A decision says what a curator made of one extracted claim: `accepted`, `rejected`, `edited` (the triple
corrected) or back to `pending`. Decisions live in SQLite beside the datasets, never in the datasets alone, so a
rerun of the pipeline (which rebuilds claims.parquet from scratch) cannot lose them: `apply_decisions` joins
them back onto the fresh claims by claim_id. A decision whose claim is no longer extracted is kept and reported
in OUT/orphaned_decisions.csv; it applies again as soon as the claim comes back.

Columns added to the claims:
  review_status                 pending / accepted / rejected / edited
  reviewer, reviewed_at         who decided, when (ISO 8601, UTC)
  review_comment                the curator's note
  subject_reviewed, relation_reviewed, object_reviewed
                                the triple the curator stands behind: the extracted values when accepted, the
                                corrected ones when edited, empty when rejected or pending.

Every change is written in one transaction together with a row of the `history` table (who, when, old and new
decision as JSON): curators' work is the most expensive data we hold.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from pipeline.outputs.datasets import STATE_DIR, atomic_write, write_csv, write_parquet

# pandas is imported where frames are built: a rerun that finds nothing changed only needs
# `decisions_fingerprint`, and must start fast.
if TYPE_CHECKING:
    import pandas as pd

DATABASE_NAME = "decisions.sqlite"
ORPHANS_NAME = "orphaned_decisions.csv"
STATUSES = ("pending", "accepted", "rejected", "edited")
RELATIONS = ("advantage", "disadvantage", "effect")
SCHEMA_VERSION = 1

REVIEW_COLUMNS: dict[str, str] = {
    "review_status": "string",
    "reviewer": "string",
    "reviewed_at": "string",
    "review_comment": "string",
    "subject_reviewed": "string",
    "relation_reviewed": "string",
    "object_reviewed": "string",
}
# What a decision remembers of its claim, so an orphaned decision still says what it was about.
SNAPSHOT_COLUMNS = ("doc_id", "subject", "relation", "object", "evidence")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    claim_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'edited')),
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    subject_reviewed TEXT,
    relation_reviewed TEXT,
    object_reviewed TEXT,
    doc_id TEXT,
    subject TEXT,
    relation TEXT,
    object TEXT,
    evidence TEXT
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    old TEXT,
    new TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_claim ON history (claim_id);
"""


class DecisionsUnreadable(Exception):
    """OUT/decisions.sqlite cannot be read (damaged, not a database): it is left as it is, a copy kept beside it."""


class DecisionError(ValueError):
    """A decision that cannot be recorded as given (unknown status, missing reviewer, empty edit...)."""


@dataclass
class Decision:
    claim_id: str
    status: str
    reviewer: str
    reviewed_at: str
    comment: str = ""
    subject_reviewed: str | None = None
    relation_reviewed: str | None = None
    object_reviewed: str | None = None
    doc_id: str | None = None
    subject: str | None = None
    relation: str | None = None
    object: str | None = None
    evidence: str | None = None


DECISION_FIELDS = tuple(Decision.__dataclass_fields__)


def database_path(out_dir: Path) -> Path:
    return Path(out_dir) / DATABASE_NAME


def run_lock(out_dir: Path) -> FileLock:
    """The lock a pipeline run holds on the output folder (see pipeline/orchestration/flow.py)."""
    (Path(out_dir) / STATE_DIR).mkdir(parents=True, exist_ok=True)
    return FileLock(str(Path(out_dir) / STATE_DIR / "run.lock"))


# ---------------------------------------------------------------- the store


class DecisionStore:
    """Decisions and their history in OUT/decisions.sqlite; one short connection per operation."""

    def __init__(self, out_dir: Path):
        self.path = database_path(out_dir)

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection with the schema in place; raises DecisionsUnreadable (touching nothing) if the file is
        damaged. Before a write, the database is copied to OUT/.reviewminer/decisions.backup.sqlite."""
        if not write and not self.path.exists():
            # Reading must not create a database in a folder nobody has reviewed yet.
            connection = sqlite3.connect(":memory:")
        else:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.row_factory = sqlite3.Row
        try:
            try:
                if write and self.path.stat().st_size:
                    self._back_up(connection)
                connection.executescript(_SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as error:
                raise self._unreadable(error) from None
            yield connection
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.IntegrityError | sqlite3.OperationalError):  # busy, locked: not damage
                raise
            raise self._unreadable(error) from None
        finally:
            connection.close()

    def _back_up(self, connection: sqlite3.Connection) -> None:
        """A consistent copy of the decisions as they are before this write (SQLite's online backup)."""
        backup_path = self.path.parent / STATE_DIR / "decisions.backup.sqlite"
        backup_path.parent.mkdir(parents=True, exist_ok=True)
        backup = sqlite3.connect(backup_path)
        try:
            connection.backup(backup)
        finally:
            backup.close()

    def _unreadable(self, error: sqlite3.DatabaseError) -> DecisionsUnreadable:
        """Keep a copy of the damaged file (once per content) and say which file, what, and where the copy is."""
        import shutil

        stat = self.path.stat()
        copy = self.path.with_name(f"{self.path.name}.damaged-{stat.st_size}-{int(stat.st_mtime)}")
        if not copy.exists():
            shutil.copy2(self.path, copy)
        return DecisionsUnreadable(
            f"curator decisions database {self.path} is unreadable ({error}); it was left as it is and copied to"
            f" {copy.name}: restore it from {self.path.parent / STATE_DIR / 'decisions.backup.sqlite'} or move it"
            " away to start afresh"
        )

    def decisions(self) -> dict[str, Decision]:
        with self._connect() as connection:
            rows = connection.execute("SELECT * FROM decisions").fetchall()
        return {row["claim_id"]: Decision(**{k: row[k] for k in DECISION_FIELDS}) for row in rows}

    def get(self, claim_id: str) -> Decision | None:
        with self._connect() as connection:
            row = connection.execute("SELECT * FROM decisions WHERE claim_id = ?", (claim_id,)).fetchone()
        return Decision(**{k: row[k] for k in DECISION_FIELDS}) if row else None

    def history(self, claim_id: str | None = None) -> list[dict]:
        query, parameters = "SELECT * FROM history ORDER BY id", ()
        if claim_id is not None:
            query, parameters = "SELECT * FROM history WHERE claim_id = ? ORDER BY id", (claim_id,)
        with self._connect() as connection:
            rows = connection.execute(query, parameters).fetchall()
        return [
            {**dict(row), "old": json.loads(row["old"]) if row["old"] else None, "new": json.loads(row["new"])}
            for row in rows
        ]

    def record(
        self,
        claim: dict,
        status: str,
        reviewer: str,
        comment: str = "",
        subject: str | None = None,
        relation: str | None = None,
        object: str | None = None,
    ) -> Decision:
        """Record (or change) the decision on `claim` (a claims row as a dict) in one transaction."""
        decision = make_decision(claim, status, reviewer, comment, subject, relation, object)
        with self._connect(write=True) as connection:
            # IMMEDIATE takes the write lock before reading the old value, so two curators cannot interleave.
            connection.execute("BEGIN IMMEDIATE")
            try:
                old = connection.execute("SELECT * FROM decisions WHERE claim_id = ?", (decision.claim_id,)).fetchone()
                values = asdict(decision)
                connection.execute(
                    f"INSERT OR REPLACE INTO decisions ({', '.join(DECISION_FIELDS)}) "
                    f"VALUES ({', '.join('?' for _ in DECISION_FIELDS)})",
                    [values[k] for k in DECISION_FIELDS],
                )
                connection.execute(
                    "INSERT INTO history (claim_id, changed_at, reviewer, old, new) VALUES (?, ?, ?, ?, ?)",
                    (
                        decision.claim_id,
                        decision.reviewed_at,
                        decision.reviewer,
                        json.dumps(dict(old), ensure_ascii=False) if old else None,
                        json.dumps(values, ensure_ascii=False),
                    ),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return decision


def _clean(value: object) -> str | None:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def make_decision(
    claim: dict,
    status: str,
    reviewer: str,
    comment: str = "",
    subject: str | None = None,
    relation: str | None = None,
    object: str | None = None,
) -> Decision:
    """Validate a curator's input against the claim and turn it into a Decision."""
    reviewer = _clean(reviewer) or ""
    if status not in STATUSES:
        raise DecisionError(f"unknown review status {status!r}; expected one of {', '.join(STATUSES)}")
    if not reviewer:
        raise DecisionError("a decision needs the reviewer's name")
    extracted = {k: _clean(claim.get(k)) for k in ("subject", "relation", "object")}
    reviewed: dict[str, str | None] = {"subject": None, "relation": None, "object": None}
    if status == "accepted":
        reviewed = dict(extracted)
    elif status == "edited":
        edits = {"subject": _clean(subject), "relation": _clean(relation), "object": _clean(object)}
        reviewed = {k: edits[k] or extracted[k] for k in reviewed}
        if not reviewed["subject"] or not reviewed["object"]:
            raise DecisionError("an edited claim needs a subject and an object")
        if reviewed["relation"] not in RELATIONS and reviewed["relation"] != extracted["relation"]:
            raise DecisionError(f"unknown relation {reviewed['relation']!r}; expected one of {', '.join(RELATIONS)}")
        if reviewed == extracted:
            status = "accepted"  # an "edit" that changes nothing is an acceptance
    snapshot = {k: _clean(claim.get(k)) for k in SNAPSHOT_COLUMNS}
    return Decision(
        claim_id=str(claim["claim_id"]),
        status=status,
        reviewer=reviewer,
        reviewed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        comment=_clean(comment) or "",
        subject_reviewed=reviewed["subject"],
        relation_reviewed=reviewed["relation"],
        object_reviewed=reviewed["object"],
        **snapshot,
    )


def decisions_fingerprint(out_dir: Path) -> str:
    """A hash of every stored decision: equal hashes, equal review columns and orphans in the datasets.

    Read with sqlite3 alone (no pandas, no schema creation), so a rerun can tell cheaply whether a curator decided
    anything since the datasets were written. The history table is left out: it changes nothing published.
    """
    path = database_path(out_dir)
    if not path.exists():
        return "no decisions"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            query = f"SELECT {', '.join(DECISION_FIELDS)} FROM decisions ORDER BY claim_id"
            rows = connection.execute(query).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return f"unreadable {uuid.uuid4()}"  # never equal to a recorded one: the next publish finds out
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- applying decisions to the datasets


def merge_decisions(claims: pd.DataFrame, decisions: dict[str, Decision]) -> pd.DataFrame:
    """The claims with the review columns filled from `decisions` (earlier review columns are replaced)."""
    import pandas as pd

    claims = claims.drop(columns=[c for c in REVIEW_COLUMNS if c in claims.columns]).reset_index(drop=True)
    found = [decisions.get(cid) for cid in claims["claim_id"]]
    review = pd.DataFrame(
        {
            "review_status": [d.status if d else "pending" for d in found],
            "reviewer": [d.reviewer if d else None for d in found],
            "reviewed_at": [d.reviewed_at if d else None for d in found],
            "review_comment": [(d.comment or None) if d else None for d in found],
            "subject_reviewed": [d.subject_reviewed if d else None for d in found],
            "relation_reviewed": [d.relation_reviewed if d else None for d in found],
            "object_reviewed": [d.object_reviewed if d else None for d in found],
        },
        index=claims.index,
    ).astype(REVIEW_COLUMNS)
    return pd.concat([claims, review], axis=1)


def decisions_frame(decisions: list[Decision]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([asdict(d) for d in decisions], columns=list(DECISION_FIELDS)).astype("string")


def orphaned(claims: pd.DataFrame, decisions: dict[str, Decision]) -> list[Decision]:
    """Decisions whose claim the current datasets no longer hold."""
    present = set(claims["claim_id"])
    return sorted((d for cid, d in decisions.items() if cid not in present), key=lambda d: d.claim_id)


def apply_decisions(claims: pd.DataFrame, out_dir: Path) -> pd.DataFrame:
    """Join the stored decisions onto freshly extracted claims and list orphaned ones in OUT/orphaned_decisions.csv.

    Called by publish on every dataset write (inside the run lock), and by the review app after each decision.
    """
    try:
        decisions = DecisionStore(out_dir).decisions()
    except DecisionsUnreadable:
        # The datasets are still written (all claims pending); the run reports the damaged file (see
        # `database_problem`), and the orphans listed last time stay as they are.
        return merge_decisions(claims, {})
    write_csv(decisions_frame(orphaned(claims, decisions)), Path(out_dir) / ORPHANS_NAME)
    return merge_decisions(claims, decisions)


def database_problem(out_dir: Path) -> str | None:
    """Why OUT/decisions.sqlite cannot be read, in one line, or None when it can (or does not exist)."""
    if not database_path(out_dir).exists():
        return None
    try:
        DecisionStore(out_dir).decisions()
    except DecisionsUnreadable as error:
        return str(error)
    return None


def rewrite_claims(out_dir: Path, timeout: float = 10) -> bool:
    """Re-apply every decision to OUT/claims.parquet and .csv now, under the run lock.

    Returns False when a pipeline run held the lock for `timeout` seconds (-1: wait as long as it takes): the
    decisions are safe in SQLite and that run's publish, or the next rewrite, applies them. Lock objects are
    per call, so two threads of one process exclude each other as two processes do.
    """
    import pandas as pd

    out_dir = Path(out_dir)
    try:
        with run_lock(out_dir).acquire(timeout=timeout):
            path = out_dir / "claims.parquet"
            if not path.exists():
                return True
            claims = apply_decisions(pd.read_parquet(path), out_dir)
            write_parquet(claims, path)
            write_csv(claims, out_dir / "claims.csv")
    except Timeout:
        return False
    return True


def decisions_table(out_dir: Path, include_history: bool = False) -> pd.DataFrame:
    """Every decision (orphaned ones too) as a frame; with include_history, the change log instead."""
    import pandas as pd

    store = DecisionStore(out_dir)
    if not include_history:
        return decisions_frame(sorted(store.decisions().values(), key=lambda d: (d.reviewed_at, d.claim_id)))
    frame = pd.DataFrame(store.history(), columns=["id", "claim_id", "changed_at", "reviewer", "old", "new"])
    frame["old"] = frame["old"].map(lambda v: json.dumps(v, ensure_ascii=False) if v else "")
    frame["new"] = frame["new"].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def export_decisions(out_dir: Path, path: Path, include_history: bool = False) -> Path:
    """Write every decision (or, with include_history, every change) as CSV to `path`."""
    frame = decisions_table(out_dir, include_history)
    atomic_write(Path(path), lambda tmp: frame.to_csv(tmp, index=False))
    return Path(path)
