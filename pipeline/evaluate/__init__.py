"""Evaluation: score a run's datasets against hand-made gold (`reviewminer eval`, `benchmarks/quality.py`).

`find_gold` pairs each PDF of a corpus with its gold files by name; `evaluate_output` reads the datasets a run
wrote for that corpus (claims, tables, sentences, passages) and scores each document: claims P/R/F1 per relation
(`scoring`), exact-cell accuracy per gold grid, the title (`titles`) and gold-free body-text recall (`text_recall`).
Documents pool into micro-averaged claim figures, the mean grid accuracy, the titles read right, the median and
10th percentile of text recall, and the share of junk sentences (glued or broken words, `text_junk`).

May import: `pipeline.corpus` only. It reads the files a run wrote, as any downstream tool would, so it scores what
users get; `cli.py` runs the pipeline first.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.corpus import doc_id_for, file_sha256
from pipeline.evaluate.gold import GoldDocument, GoldError, find_gold
from pipeline.evaluate.scoring import ClaimCounts, ClaimScore, GridScore, PredictedClaim, score_claims, score_grid
from pipeline.evaluate.text_junk import TextJunk, text_junk
from pipeline.evaluate.text_recall import TextRecall, text_recall
from pipeline.evaluate.titles import TitleCheck, check_title

__all__ = ["EvaluationReport", "GoldError", "evaluate_output", "find_gold"]


@dataclass
class DocumentEvaluation:
    stem: str
    doc_id: str
    status: str
    error: str = ""
    claims: ClaimScore | None = None
    grids: list[GridScore] = field(default_factory=list)
    text: TextRecall | None = None
    junk: TextJunk | None = None
    title: TitleCheck | None = None


@dataclass
class EvaluationReport:
    name: str
    documents: list[DocumentEvaluation]

    @property
    def claims(self) -> ClaimCounts:
        return sum((d.claims.overall for d in self.documents if d.claims), ClaimCounts())

    def claims_by_relation(self) -> dict[str, ClaimCounts]:
        return self._pooled_claims("by_relation")

    def claims_by_source(self) -> dict[str, ClaimCounts]:
        """Table claims and text claims apart, pooled (issue 18 sets a target for the table claims)."""
        return self._pooled_claims("by_source")

    def _pooled_claims(self, breakdown: str) -> dict[str, ClaimCounts]:
        pooled: dict[str, ClaimCounts] = {}
        for document in self.documents:
            for key, counts in (getattr(document.claims, breakdown) if document.claims else {}).items():
                pooled[key] = pooled.get(key, ClaimCounts()) + counts
        return dict(sorted(pooled.items()))

    @property
    def grids(self) -> list[GridScore]:
        return [grid for d in self.documents for grid in d.grids]

    @property
    def mean_grid_accuracy(self) -> float | None:
        grids = self.grids
        return sum(g.accuracy for g in grids) / len(grids) if grids else None

    def text_recall_summary(self) -> dict[str, float] | None:
        # A table-only gold sheet (grids, no claims file: a statistics page) has no body prose, only table text,
        # which is not meant to become sentences: its recall of 0 says nothing about structure, so it is left out.
        prose = [d for d in self.documents if not (d.claims is None and d.grids)]
        recalls = sorted(d.text.recall for d in prose if d.text and d.text.reference_shingles)
        if not recalls:
            return None
        return {"median": statistics.median(recalls), "p10": percentile(recalls, 0.1), "min": recalls[0]}

    def title_summary(self) -> dict[str, int] | None:
        checked = [d.title for d in self.documents if d.title]
        return {"checked": len(checked), "correct": sum(t.correct for t in checked)} if checked else None

    def junk_summary(self) -> dict[str, float] | None:
        """Junk sentences (glued or broken words) pooled over the documents' sentences."""
        checked = [d.junk for d in self.documents if d.junk and d.junk.sentences]
        if not checked:
            return None
        sentences = sum(j.sentences for j in checked)
        junk = sum(j.junk_sentences for j in checked)
        return {"sentences": sentences, "junk_sentences": junk, "share": junk / sentences}

    def as_dict(self) -> dict:
        claims = self.claims
        return {
            "name": self.name,
            "claims": counts_dict(claims),
            "claims_by_relation": {r: counts_dict(c) for r, c in self.claims_by_relation().items()},
            "claims_by_source": {s: counts_dict(c) for s, c in self.claims_by_source().items()},
            "tables": {
                "grids": len(self.grids),
                "mean_cell_accuracy": self.mean_grid_accuracy,
                "cells": sum(g.gold_cells for g in self.grids),
                "correct_cells": sum(g.correct for g in self.grids),
            },
            "text_recall": self.text_recall_summary(),
            "text_junk": self.junk_summary(),
            "titles": self.title_summary(),
            "documents": [document_dict(d) for d in self.documents],
        }

    def lines(self, show: bool = False) -> list[str]:
        out = [f"evaluation: {self.name} ({len(self.documents)} documents)"]
        for document in self.documents:
            status = "" if document.status == "ok" else f" [{document.status}: {document.error.splitlines()[0]}]"
            out.append(f"{document.stem} ({document.doc_id}){status}")
            if document.claims:
                out.append(f"  claims   {format_counts(document.claims.overall)}")
                for relation, counts in document.claims.by_relation.items():
                    out.append(f"    {relation:13} {format_counts(counts)}")
                for source, counts in document.claims.by_source.items():
                    out.append(f"    from {source:8} {format_counts(counts)}")
            for grid in document.grids:
                out.append(
                    f"  table {grid.number:>3} cells {grid.correct}/{grid.gold_cells} = {grid.accuracy:.3f}"
                    f" (best table {grid.table_id or 'none'})"
                )
            if document.text:
                out.append(
                    f"  text     recall {document.text.recall:.3f}, any passage {document.text.any_passage:.3f}"
                    f" ({document.text.reference_shingles} shingles)"
                )
            if document.title:
                mark = "right" if document.title.correct else f"WRONG (printed: {document.title.expected!r})"
                out.append(f"  title    {mark}: {document.title.found!r}")
            if document.junk:
                out.append(
                    f"  junk     {document.junk.share:.2%} of sentences"
                    f" ({document.junk.junk_sentences}/{document.junk.sentences}: glued words {document.junk.glued},"
                    f" broken words {document.junk.broken})"
                )
                if show:
                    out.extend(f"    {example}" for example in document.junk.examples)
            if show and document.claims:
                out.append("  missed (required):")
                out.extend(f"    {g.subject} | {g.relation} | {g.object}" for g in document.claims.missed)
                out.append("  unmatched predictions:")
                out.extend(
                    f"    {p.subject} | {p.relation} | {p.object}  (p{p.page}, {p.source})"
                    for p in document.claims.unmatched
                )
        out.append("pooled")
        out.append(f"  claims   {format_counts(self.claims)}")
        for relation, counts in self.claims_by_relation().items():
            out.append(f"    {relation:13} {format_counts(counts)}")
        for source, counts in self.claims_by_source().items():
            out.append(f"    from {source:8} {format_counts(counts)}")
        if self.grids:
            cells = sum(g.gold_cells for g in self.grids)
            correct = sum(g.correct for g in self.grids)
            out.append(
                f"  tables   {len(self.grids)} grids, mean exact-cell accuracy {self.mean_grid_accuracy:.3f}"
                f" ({correct}/{cells} cells)"
            )
        summary = self.text_recall_summary()
        if summary:
            out.append(
                f"  text     recall median {summary['median']:.3f}, p10 {summary['p10']:.3f}, min {summary['min']:.3f}"
            )
        titles = self.title_summary()
        if titles:
            out.append(f"  titles   {titles['correct']}/{titles['checked']} right")
        junk = self.junk_summary()
        if junk:
            out.append(f"  junk     {junk['share']:.2%} of sentences ({junk['junk_sentences']}/{junk['sentences']})")
        return out


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the two nearest ranks (numpy's default), on sorted values."""
    position = share * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def counts_dict(counts: ClaimCounts) -> dict:
    return {**asdict(counts), "precision": counts.precision, "recall": counts.recall, "f1": counts.f1}


def format_counts(counts: ClaimCounts) -> str:
    return (
        f"P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}"
        f" (predicted {counts.predicted}, correct {counts.correct}, required {counts.required}, found {counts.found})"
    )


def document_dict(document: DocumentEvaluation) -> dict:
    return {
        "stem": document.stem,
        "doc_id": document.doc_id,
        "status": document.status,
        "error": document.error,
        "claims": counts_dict(document.claims.overall) if document.claims else None,
        "claims_by_relation": (
            {r: counts_dict(c) for r, c in document.claims.by_relation.items()} if document.claims else None
        ),
        "claims_by_source": (
            {s: counts_dict(c) for s, c in document.claims.by_source.items()} if document.claims else None
        ),
        "missed": [asdict(g) for g in document.claims.missed] if document.claims else [],
        "unmatched": [asdict(p) for p in document.claims.unmatched] if document.claims else [],
        "grids": [asdict(g) for g in document.grids],
        "text_recall": asdict(document.text) if document.text else None,
        "text_junk": {**asdict(document.junk), "share": document.junk.share} if document.junk else None,
        "title": asdict(document.title) if document.title else None,
    }


def evaluate_output(out: Path, gold: list[GoldDocument], name: str = "", with_text: bool = True) -> EvaluationReport:
    """Score the datasets in `out` (written by a run over the gold's PDFs) against the gold."""

    def read(dataset: str) -> pd.DataFrame:
        path = out / f"{dataset}.parquet"
        if not path.exists():
            raise GoldError(f"{path} is missing: run the pipeline over the corpus first")
        return pd.read_parquet(path)

    documents, claims, tables = read("documents"), read("claims"), read("tables")
    sentences, passages = (read("sentences"), read("passages")) if with_text else (None, None)
    results = []
    for item in gold:
        doc_id = doc_id_for(file_sha256(item.pdf))
        row = documents[documents["doc_id"] == doc_id]
        if row.empty:
            raise GoldError(f"{item.pdf} is not in {out / 'documents.parquet'}: run the pipeline over it first")
        evaluation = DocumentEvaluation(
            stem=item.stem, doc_id=doc_id, status=text_of(row.iloc[0]["status"]), error=text_of(row.iloc[0]["error"])
        )
        if item.titles and evaluation.status == "ok":
            evaluation.title = check_title(text_of(row.iloc[0]["title"]), item.titles)
        if item.claims is not None:
            evaluation.claims = score_claims(predicted_claims(claims, doc_id, item.claim_pages), item.claims)
        if item.grids:
            cells = table_cells(tables, doc_id)
            evaluation.grids = [
                score_grid(number, grid, cells) for number, grid in sorted(item.grids.items(), key=grid_order)
            ]
        if with_text and evaluation.status == "ok":
            document_sentences = sentences.loc[sentences["doc_id"] == doc_id, "text"].astype(str)
            evaluation.text = text_recall(
                item.pdf, document_sentences, passages.loc[passages["doc_id"] == doc_id, "text"].astype(str)
            )
            evaluation.junk = text_junk(document_sentences)
        results.append(evaluation)
    return EvaluationReport(name=name or str(out), documents=results)


def grid_order(item: tuple[str, list]) -> tuple[int, str]:
    number = item[0]
    return (int(number), "") if number.isdigit() else (10**6, number)


def predicted_claims(claims, doc_id: str, pages: set[int] | None) -> list[PredictedClaim]:
    rows = claims[claims["doc_id"] == doc_id]
    predicted = []
    for row in rows.itertuples(index=False):
        page = None if missing(row.page) else int(row.page)
        source = text_of(row.source)
        if pages is not None and source == "text" and page not in pages:
            continue  # prose outside the pages the gold covers
        predicted.append(
            PredictedClaim(
                subject=text_of(row.subject),
                subject_norm=text_of(row.subject_norm),
                relation=text_of(row.relation).lower(),
                object=text_of(row.object),
                page=page,
                source=source,
            )
        )
    return predicted


def table_cells(tables, doc_id: str) -> dict[str, dict[tuple[int, int], str]]:
    cells: dict[str, dict[tuple[int, int], str]] = {}
    for row in tables[tables["doc_id"] == doc_id].itertuples(index=False):
        cells.setdefault(str(row.table_id), {})[(int(row.row), int(row.col))] = text_of(row.text)
    return cells


def missing(value) -> bool:
    return bool(pd.isna(value))


def text_of(value) -> str:
    return "" if missing(value) else str(value)
