"""Exact-cell accuracy of extracted tables against gold grids (called by the eval command)."""

from __future__ import annotations

from pipeline.extract.tables.layout import norm_space
from pipeline.records import Table


def table_cell_accuracy(predicted: list[Table], gold: dict) -> dict:
    """Exact-cell accuracy of predicted grids against gold grids (whitespace-normalised text).

    Each gold table is matched to the predicted table with the same number; cells missing from the prediction,
    and extra predicted rows or columns, count as wrong. Returns cell_accuracy, correct, total and per_table
    (number -> cell_accuracy, correct, total, gold_shape, predicted_shape, caption_ok).
    """
    per_table = {}
    total = correct = 0
    by_number = {t.number: t for t in predicted if t.number is not None}
    for gold_table in gold.get("tables", []):
        gold_grid = [[norm_space(text) for text in row] for row in gold_table["grid"]]
        table = by_number.get(str(gold_table["number"]))
        grid = [[norm_space(text) for text in row] for row in table.grid()] if table else []
        n_rows = max(len(gold_grid), len(grid))
        n_cols = max([len(row) for row in gold_grid + grid] or [0])
        hits = sum(
            1
            for r in range(n_rows)
            for c in range(n_cols)
            if r < len(gold_grid)
            and r < len(grid)
            and c < len(gold_grid[r])
            and c < len(grid[r])
            and gold_grid[r][c] == grid[r][c]
        )
        cells = n_rows * n_cols
        total, correct = total + cells, correct + hits
        per_table[str(gold_table["number"])] = {
            "cell_accuracy": hits / cells if cells else 0.0,
            "total": cells,
            "correct": hits,
            "gold_shape": [len(gold_grid), len(gold_grid[0]) if gold_grid else 0],
            "predicted_shape": [len(grid), len(grid[0]) if grid else 0],
            "caption_ok": bool(table) and norm_space(table.caption).startswith(norm_space(gold_table["caption"])),
        }
    return {
        "cell_accuracy": correct / total if total else 0.0,
        "total": total,
        "correct": correct,
        "per_table": per_table,
    }
