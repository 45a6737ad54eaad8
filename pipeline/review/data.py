"""What the review app reads from an output folder: claims with their live decisions, documents, evidence places.

Frames are re-read when their file changes (a pipeline run may rewrite them while the app is open). Nothing here
takes a path from a request: PDFs are found through documents.parquet by doc_id.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.outputs.curation import DecisionStore, merge_decisions, orphaned

PAGE_SIZE = 50
SEARCHED_COLUMNS = ("subject", "subject_norm", "object", "object_norm", "evidence", "aspect")


def plain(value: object) -> object:
    """pandas' missing values as None, numpy scalars as Python ones, for templates and JSON."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def row_dict(row: pd.Series) -> dict:
    return {k: plain(v) for k, v in row.items()}


@dataclass(frozen=True)
class Filters:
    doc: str = ""
    relation: str = ""
    aspect: str = ""
    status: str = ""
    q: str = ""

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class Evidence:
    """One piece of evidence of a claim, with where to find it: a table cell's box or a sentence to search."""

    source: str
    text: str
    page: int | None
    table_id: str | None = None
    row: int | None = None
    col: int | None = None
    sentence_id: int | None = None


class OutputFolder:
    def __init__(self, out_dir: Path, corpus: Path | None = None):
        self.out_dir = Path(out_dir)
        self.corpus = Path(corpus).resolve() if corpus else None
        self.store = DecisionStore(self.out_dir)
        self._frames: dict[str, tuple[tuple[int, int], pd.DataFrame]] = {}
        self._lock = threading.Lock()

    def version(self, name: str) -> int:
        """A number that changes whenever OUT/<name>.parquet is rewritten (0 when it is missing)."""
        try:
            return (self.out_dir / f"{name}.parquet").stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def frame(self, name: str) -> pd.DataFrame:
        """OUT/<name>.parquet, re-read only when the file changed."""
        path = self.out_dir / f"{name}.parquet"
        try:
            stat = path.stat()
        except FileNotFoundError:
            return pd.DataFrame()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._frames.get(name)
            if cached and cached[0] == key:
                return cached[1]
        frame = pd.read_parquet(path)
        with self._lock:
            self._frames[name] = (key, frame)
        return frame

    # ------------------------------------------------------------ claims and decisions

    def claims(self) -> pd.DataFrame:
        """Every claim with its decision as stored right now (the parquet file may lag a running pipeline)."""
        claims = self.frame("claims")
        if claims.empty:
            return claims
        return merge_decisions(claims, self.store.decisions())

    def claim(self, claim_id: str) -> dict | None:
        claims = self.frame("claims")
        if claims.empty:
            return None
        found = claims[claims["claim_id"] == claim_id]
        return row_dict(found.iloc[0]) if len(found) else None

    def orphaned_decisions(self) -> list:
        claims = self.frame("claims")
        decisions = self.store.decisions()
        if claims.empty:
            return sorted(decisions.values(), key=lambda d: d.claim_id)
        return orphaned(claims, decisions)

    def documents(self) -> pd.DataFrame:
        return self.frame("documents")

    def document_titles(self) -> dict[str, str]:
        documents = self.documents()
        if documents.empty:
            return {}
        return {
            row.doc_id: (row.title if isinstance(row.title, str) and row.title else Path(str(row.path)).name)
            for row in documents.itertuples()
        }

    def pdf_path(self, doc_id: str) -> Path | None:
        """The PDF of a document, as the pipeline recorded it; None when unknown or gone."""
        documents = self.documents()
        if documents.empty:
            return None
        found = documents[documents["doc_id"] == doc_id]
        if not len(found):
            return None
        row = found.iloc[0]
        recorded = [Path(p) for p in str(row.get("paths") or row["path"]).split(";") if p]
        for path in recorded:
            if not path.is_absolute() and not path.is_file():
                # recorded by an older version, relative to where its run started: most often OUT's parent
                path = self.out_dir.parent / path
            if path.is_file():
                return path
        return self._moved_pdf(doc_id, {path.name for path in recorded})

    def _moved_pdf(self, doc_id: str, names: set[str]) -> Path | None:
        """The document's PDF under --corpus, found by its file name and checked by its content's hash."""
        if self.corpus is None:
            return None
        from pipeline.corpus import doc_id_for, file_sha256

        candidates = [self.corpus] if self.corpus.is_file() else self.corpus.rglob("*.pdf")
        for candidate in candidates:
            if candidate.name in names and candidate.is_file() and doc_id_for(file_sha256(candidate)) == doc_id:
                return candidate
        return None

    # ------------------------------------------------------------ evidence places

    def evidences(self, claim: dict) -> list[Evidence]:
        try:
            items = json.loads(claim.get("evidences") or "[]")
        except json.JSONDecodeError:
            items = []
        if not items and claim.get("evidence"):
            items = [{k: claim.get(k) for k in ("source", "page", "table_id", "row", "col", "sentence_id")}]
            items[0]["text"] = claim["evidence"]
        return [
            Evidence(
                source=str(item.get("source") or ""),
                text=str(item.get("text") or ""),
                page=item.get("page"),
                table_id=item.get("table_id"),
                row=item.get("row"),
                col=item.get("col"),
                sentence_id=item.get("sentence_id"),
            )
            for item in items
        ]

    def cell_box(self, doc_id: str, evidence: Evidence) -> tuple[int, tuple[float, float, float, float]] | None:
        """(page, bbox) of a table evidence's cell, from tables.parquet."""
        cells = self.frame("tables")
        if cells.empty or evidence.table_id is None or evidence.row is None or evidence.col is None:
            return None
        found = cells[
            (cells["doc_id"] == doc_id)
            & (cells["table_id"] == evidence.table_id)
            & (cells["row"] == evidence.row)
            & (cells["col"] == evidence.col)
        ]
        if not len(found):
            return None
        cell = row_dict(found.iloc[0])
        box = (cell.get("x0"), cell.get("top"), cell.get("x1"), cell.get("bottom"))
        if any(v is None for v in box) or cell.get("page") is None:
            return None
        return int(cell["page"]), tuple(float(v) for v in box)

    def sentence_area(self, doc_id: str, evidence: Evidence) -> tuple[float, float, float, float] | None:
        """The box of the passage holding a sentence evidence, when it starts on the evidence's page."""
        if evidence.sentence_id is None:
            return None
        sentences, passages = self.frame("sentences"), self.frame("passages")
        if sentences.empty or passages.empty:
            return None
        sentence = sentences[(sentences["doc_id"] == doc_id) & (sentences["sentence_id"] == evidence.sentence_id)]
        if not len(sentence):
            return None
        passage = passages[(passages["doc_id"] == doc_id) & (passages["passage_id"] == sentence.iloc[0]["passage_id"])]
        if not len(passage):
            return None
        p = row_dict(passage.iloc[0])
        box = (p.get("x0"), p.get("top"), p.get("x1"), p.get("bottom"))
        if p.get("page") != evidence.page or any(v is None for v in box):
            return None
        return tuple(float(v) for v in box)


def filter_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    if claims.empty:
        return claims
    keep = pd.Series(True, index=claims.index)
    for column, wanted in (
        ("doc_id", filters.doc),
        ("relation", filters.relation),
        ("aspect", filters.aspect),
        ("review_status", filters.status),
    ):
        if wanted:
            keep &= claims[column].fillna("") == wanted
    if filters.q:
        text = pd.Series(False, index=claims.index)
        for column in SEARCHED_COLUMNS:
            if column in claims.columns:
                text |= claims[column].fillna("").str.contains(filters.q, case=False, regex=False)
        keep &= text
    return claims[keep]


def choices(claims: pd.DataFrame, column: str) -> list[str]:
    if claims.empty or column not in claims.columns:
        return []
    return sorted({str(v) for v in claims[column].dropna() if str(v)})
