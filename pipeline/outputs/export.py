"""Export: claims with their evidence as BioC JSON, with character offsets into each document's text, and the same
annotations in PubAnnotation JSON (made from the BioC collection, so the two never disagree).

A document's text is its passages' texts joined by "\\n\\n" (passages.parquet `char_start`); sentence, entity and
prose-evidence offsets all index that string. Table cells are not part of it, so the export appends every table
cell after the text as a passage of type `table_cell`, continuing the same joining rule: every BioC offset then
indexes the text formed by joining *all* the document's BioC passages with "\\n\\n", and
`text[offset:offset + length]` is the annotation's text.

Each claim becomes a BioC relation (infons: relation, subject, object, aspect, ...) whose nodes are its evidence
annotations and, where they can be found inside the evidence, its subject and object mentions. Entity mentions
are exported as annotations too. The collection is built and written with the `bioc` package (its JSON form), so
any BioC reader, `bioc.biocjson.load` included, reads it back.
"""

from __future__ import annotations

import bisect
import json
from datetime import UTC, datetime
from pathlib import Path

import bioc
import numpy as np
import pandas as pd
from bioc import biocjson

from pipeline.outputs.datasets import SCHEMA_VERSION, atomic_write

SEPARATOR = "\n\n"
BIOC_FILE = "claims.bioc.json"
PUBANNOTATION_FILE = "claims.pubannotation.json"
CLAIM_INFONS = (
    "relation",
    "subject",
    "subject_norm",
    "object",
    "object_norm",
    "aspect",
    "direction",
    "magnitude",
    "comparator",
    "hedged",
    "negated",
    "review_status",
)


def _text(value: object) -> str:
    """BioC infons are strings; missing values become ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def _rows(frames: dict[str, pd.DataFrame], name: str, doc_id: str) -> pd.DataFrame:
    frame = frames.get(name)
    if frame is None or not len(frame):
        return pd.DataFrame()
    return frame[frame["doc_id"] == doc_id]


class _DocumentText:
    """One document's BioC passages, the offset of each, and where table cells sit."""

    def __init__(self, passages: pd.DataFrame, cells: pd.DataFrame):
        self.passages: list[bioc.BioCPassage] = []
        self.cells: dict[tuple[str, int, int], bioc.BioCPassage] = {}
        for row in passages.sort_values("passage_id").itertuples(index=False) if len(passages) else []:
            infons = {"type": _text(row.kind), "section": _text(row.section_path), "page": _text(row.page)}
            infons["passage_id"] = _text(row.passage_id)
            self._add(int(row.char_start), _text(row.text), infons)
        cursor = self.end + len(SEPARATOR) if self.passages else 0
        ordered = cells.sort_values(["table_id", "row", "col"]) if len(cells) else cells
        for row in ordered.itertuples(index=False) if len(cells) else []:
            text = _text(row.text)
            infons = {"type": "table_cell", "table_id": _text(row.table_id), "page": _text(row.page)}
            infons.update(row=_text(row.row), col=_text(row.col), is_header=_text(row.is_header))
            self.cells[(str(row.table_id), int(row.row), int(row.col))] = self._add(cursor, text, infons)
            cursor += len(text) + len(SEPARATOR)
        self.starts = [p.offset for p in self.passages]
        self.full = self._join()
        folded = self.full.lower()
        # Lower-casing can change a string's length (e.g. "İ"); then searches stay case-sensitive.
        self.folded = folded if len(folded) == len(self.full) else self.full

    def _join(self) -> str:
        """The passages at their offsets (which follow the joining rule; gaps, if any, are filled with newlines)."""
        full = ""
        for passage in self.passages:
            full = full[: passage.offset].ljust(passage.offset, "\n") + passage.text
        return full

    @property
    def end(self) -> int:
        last = self.passages[-1]
        return last.offset + len(last.text)

    def _add(self, offset: int, text: str, infons: dict) -> bioc.BioCPassage:
        passage = bioc.BioCPassage()
        passage.offset, passage.text = offset, text
        passage.infons.update(infons)
        self.passages.append(passage)
        return passage

    def passage_at(self, offset: int) -> bioc.BioCPassage | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        passage = self.passages[index]
        return passage if offset <= passage.offset + len(passage.text) else None

    def find(self, needle: str, start: int, end: int) -> tuple[int, int] | None:
        """Case-insensitive search of `needle` inside [start, end); offsets in the document text."""
        needle = needle.strip()
        if not needle:
            return None
        if self.folded is not self.full:
            needle = needle.lower()
        found = self.folded.find(needle, start, end)
        return (found, found + len(needle)) if found >= 0 else None


def _annotation(text: _DocumentText, ann_id: str, span: tuple[int, int], infons: dict) -> bioc.BioCAnnotation | None:
    """An annotation placed in the passage that holds its start; None when the span is not in any passage."""
    start, end = span
    passage = text.passage_at(start)
    if passage is None or end > passage.offset + len(passage.text) or end <= start:
        return None
    annotation = bioc.BioCAnnotation()
    annotation.id, annotation.text = ann_id, text.full[start:end]
    annotation.infons.update(infons)
    annotation.add_location(bioc.BioCLocation(start, end - start))
    passage.add_annotation(annotation)
    return annotation


def _evidence_span(
    text: _DocumentText, evidence: dict, sentences: dict[int, tuple[int, int]]
) -> tuple[int, int] | None:
    """Where an evidence sits: its own offsets, its sentence, its table cell, or its text found verbatim."""
    if evidence.get("char_start") is not None and evidence.get("char_end") is not None:
        return int(evidence["char_start"]), int(evidence["char_end"])
    if evidence.get("source") == "table" and evidence.get("table_id") is not None and evidence.get("row") is not None:
        cell = text.cells.get((str(evidence["table_id"]), int(evidence["row"]), int(evidence.get("col") or 0)))
        if cell is not None:
            return cell.offset, cell.offset + len(cell.text)
    if evidence.get("sentence_id") is not None and int(evidence["sentence_id"]) in sentences:
        return sentences[int(evidence["sentence_id"])]
    return text.find(_text(evidence.get("text")), 0, len(text.full))


def _subject_span(text: _DocumentText, claim, evidence: dict, span: tuple[int, int]) -> tuple[int, int] | None:
    """The subject inside the evidence, else (for a table) in another cell of the evidence's row."""
    found = text.find(_text(claim.subject), *span)
    if found or evidence.get("source") != "table":
        return found
    for (table_id, row, _), cell in text.cells.items():
        if table_id == str(evidence.get("table_id")) and row == int(evidence.get("row") or -1):
            found = text.find(_text(claim.subject), cell.offset, cell.offset + len(cell.text))
            if found:
                return found
    return None


def _claim_relation(text: _DocumentText, claim, sentences: dict[int, tuple[int, int]]) -> tuple[bioc.BioCRelation, int]:
    """The claim's BioC relation, after placing its evidence annotations; also the number of unplaced evidences."""
    relation = bioc.BioCRelation()
    relation.id = claim.claim_id
    relation.infons.update({"type": "claim", **{name: _text(getattr(claim, name, None)) for name in CLAIM_INFONS}})
    unplaced = 0
    evidences = json.loads(claim.evidences) if isinstance(claim.evidences, str) and claim.evidences else []
    for number, evidence in enumerate(evidences):
        span = _evidence_span(text, evidence, sentences)
        base = f"{claim.claim_id}.e{number}"
        infons = {"type": "evidence", "claim_id": claim.claim_id, "source": _text(evidence.get("source"))}
        infons["relation"] = _text(claim.relation)
        placed = _annotation(text, base, span, infons) if span else None
        if placed is None:
            unplaced += 1
            continue
        relation.add_node(bioc.BioCNode(base, "evidence"))
        for role, found in (
            ("subject", _subject_span(text, claim, evidence, span)),
            ("object", text.find(_text(claim.object), *span)),
        ):
            if found and _annotation(text, f"{base}.{role}", found, {"type": role, "claim_id": claim.claim_id}):
                relation.add_node(bioc.BioCNode(f"{base}.{role}", role))
    return relation, unplaced


def bioc_document(doc: pd.Series, frames: dict[str, pd.DataFrame]) -> bioc.BioCDocument:
    doc_id = str(doc["doc_id"])
    text = _DocumentText(_rows(frames, "passages", doc_id), _rows(frames, "tables", doc_id))
    sentences = {
        int(s.sentence_id): (int(s.start), int(s.end)) for s in _rows(frames, "sentences", doc_id).itertuples()
    }
    for number, entity in enumerate(_rows(frames, "entities", doc_id).itertuples()):
        infons = {"type": _text(entity.label), "norm": _text(entity.norm), "source": _text(entity.source)}
        _annotation(text, f"ent{number}", (int(entity.start), int(entity.end)), infons)
    document = bioc.BioCDocument()
    document.id = doc_id
    unplaced = 0
    claims = _rows(frames, "claims", doc_id)
    if len(claims) and "review_status" in claims:
        claims = claims[claims["review_status"].fillna("pending") != "rejected"]
    for claim in claims.itertuples(index=False):
        relation, missing = _claim_relation(text, claim, sentences)
        document.add_relation(relation)
        unplaced += missing
    for passage in text.passages:
        document.add_passage(passage)
    document.infons.update({name: _text(doc.get(name)) for name in ("title", "path", "sha256", "n_pages")})
    document.infons.update(text_separator="\\n\\n", unplaced_evidences=str(unplaced))
    return document


def bioc_collection(frames: dict[str, pd.DataFrame]) -> bioc.BioCCollection:
    """A BioC collection of every successfully processed document."""
    documents = frames["documents"]
    if "status" in documents:
        documents = documents[documents["status"] == "ok"]
    by_document = _split_by_document(frames)
    collection = bioc.BioCCollection()
    collection.source, collection.key = "ReviewMiner", "reviewminer.key"
    collection.date = datetime.now(UTC).strftime("%Y-%m-%d")
    collection.infons.update(schema_version=SCHEMA_VERSION, offsets="characters into the passages joined by \\n\\n")
    for _, doc in documents.sort_values("doc_id").iterrows():
        collection.add_document(bioc_document(doc, by_document.get(str(doc["doc_id"]), {})))
    return collection


def _split_by_document(frames: dict[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """doc_id → that document's rows of each frame, split in one pass (not one scan per document)."""
    split: dict[str, dict[str, pd.DataFrame]] = {}
    for name in ("passages", "tables", "sentences", "entities", "claims"):
        frame = frames.get(name)
        if frame is None or not len(frame):
            continue
        for doc_id, rows in frame.groupby("doc_id", sort=False):
            split.setdefault(str(doc_id), {})[name] = rows
    return split


def pubannotation_documents(collection: bioc.BioCCollection) -> list[dict]:
    """The collection in PubAnnotation's JSON (one object per document: text, denotations, relations, attributes).

    Denotations are the BioC annotations (entities, evidences, claim subjects and objects) with the same offsets.
    PubAnnotation relations are binary, so a claim gives one relation per evidence in which both its subject and
    its object were placed (subject --relation--> object); its hedging and negation become attributes.
    """
    documents = []
    for document in collection.documents:
        text = ""
        for passage in document.passages:  # the same joining rule as the BioC offsets
            text = text[: passage.offset].ljust(passage.offset, "\n") + passage.text
        denotations = [
            {"id": a.id, "span": {"begin": a.total_span.offset, "end": a.total_span.end}, "obj": a.infons["type"]}
            for passage in document.passages
            for a in passage.annotations
        ]
        relations, attributes = [], []
        for relation in document.relations:
            nodes = {node.refid for node in relation.nodes}
            for evidence in sorted(n.refid for n in relation.nodes if n.role == "evidence"):
                subject, obj = f"{evidence}.subject", f"{evidence}.object"
                if subject in nodes and obj in nodes:
                    relations.append(
                        {"id": f"{evidence}.rel", "subj": subject, "pred": relation.infons["relation"], "obj": obj}
                    )
                    for flag in ("hedged", "negated"):
                        if relation.infons.get(flag) == "true":
                            attributes.append({"id": f"{obj}.{flag}", "subj": obj, "pred": flag, "obj": True})
        documents.append(
            {
                "text": text,
                "sourcedb": "ReviewMiner",
                "sourceid": document.id,
                "denotations": denotations,
                "relations": relations,
                "attributes": attributes,
            }
        )
    return documents


def export_bioc(out_dir: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Write OUT/claims.bioc.json and OUT/claims.pubannotation.json (atomically, compact: they are large and read
    by programs) and return the BioC file's path."""
    collection = bioc_collection(frames)
    path = Path(out_dir) / BIOC_FILE
    for target, text in (
        (path, biocjson.dumps(collection)),
        (Path(out_dir) / PUBANNOTATION_FILE, json.dumps(pubannotation_documents(collection), ensure_ascii=False)),
    ):

        def write(temporary: str, text: str = text) -> None:
            Path(temporary).write_text(text, encoding="utf-8")

        atomic_write(target, write)
    return path
