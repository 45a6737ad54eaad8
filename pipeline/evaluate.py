"""Evaluation against the gold files kept in tests/gold/: claim precision/recall/F1 and table cell accuracy.

The gold for a PDF is a set of files sharing a prefix (e.g. "seed"): <prefix>_tables.json (grids),
<prefix>_claims_table.jsonl and <prefix>_claims_text.jsonl (one {"subject", "relation", "object", ...} per line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.claims import load_gold, score_claims
from pipeline.corpus import file_sha256
from pipeline.process import process_document
from pipeline.records import Claim
from pipeline.tables import table_cell_accuracy


@dataclass
class EvaluationReport:
    pdf: str
    claims: dict[str, dict]  # scope ("table", "text", "all") -> precision/recall/f1/...
    tables: dict
    status: str
    error: str = ""

    def lines(self) -> list[str]:
        out = [f"evaluation of {self.pdf} (status {self.status}{': ' + self.error if self.error else ''})"]
        for scope, score in self.claims.items():
            out.append(
                f"claims[{scope:5}] precision={score['precision']:.3f} recall={score['recall']:.3f} "
                f"f1={score['f1']:.3f} (tp={score['tp']} fp={score['fp']} fn={score['fn']})"
            )
        if self.tables:
            out.append(
                f"tables        cell_accuracy={self.tables.get('cell_accuracy', 0.0):.3f} "
                f"({self.tables.get('correct', 0)}/{self.tables.get('total', 0)} cells)"
            )
            for number, score in sorted(self.tables.get("per_table", {}).items()):
                out.append(f"  table {number}: cell_accuracy={score['cell_accuracy']:.3f}")
        return out


def read_gold(path: Path) -> list[dict]:
    """A gold file's claims; a PDF without such a file simply has no gold of that kind."""
    return load_gold(path) if path.exists() else []


def _from_source(claims: list[Claim], source: str) -> list[Claim]:
    return [c for c in claims if any(e.source == source for e in c.evidence)]


def evaluate_pdf(pdf: Path, gold_dir: Path, prefix: str) -> EvaluationReport:
    stem = prefix
    result = process_document(pdf, file_sha256(pdf))
    gold_table_claims = read_gold(gold_dir / f"{stem}_claims_table.jsonl")
    gold_text_claims = read_gold(gold_dir / f"{stem}_claims_text.jsonl")
    claims = {
        "table": score_claims(_from_source(result.claims, "table"), gold_table_claims),
        "text": score_claims(_from_source(result.claims, "text"), gold_text_claims),
        "all": score_claims(result.claims, gold_table_claims + gold_text_claims),
    }
    tables_gold_path = gold_dir / f"{stem}_tables.json"
    tables = {}
    if tables_gold_path.exists():
        tables = table_cell_accuracy(result.tables, json.loads(tables_gold_path.read_text(encoding="utf-8")))
    return EvaluationReport(pdf=str(pdf), claims=claims, tables=tables, status=result.status, error=result.error)
