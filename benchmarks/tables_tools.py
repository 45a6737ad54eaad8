"""Exact-cell accuracy per gold grid: ReviewMiner's table stage beside other open table extractors.

    .venv/bin/python benchmarks/tables_tools.py [GOLD_DIR] [--tools reviewminer,camelot] [--skip STEM,...]
        (default: gold/dev and every tool; never run it to tune on heldout)

Every gold grid of GOLD_DIR is scored, the journal papers' and the table-only sheets' alike (statistical tables
ruled between column groups, LaTeX tables without outer borders, titled Word tables beside a chart, the rotated
NICS sheet); `--skip` leaves out PDFs by stem prefix (the 122-page review takes the other tools minutes).

Every tool reads each page of the PDFs that have gold grids; a grid is scored by `pipeline.evaluate.score_grid`,
the scorer of `reviewminer eval`, against the best-matching table the tool found (so a tool that cannot join a
table continued over pages is scored on its best part). Tools: ReviewMiner (ingest + tables only), pdfplumber's
`find_tables` (lines strategy, then text strategy), and, when installed (optional benchmark dependencies, not the
package's: `pip install -e .[bench]`), camelot (lattice, then stream) and img2table (borderless detection). A tool
that is not installed is listed as such.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.gold import find_gold  # noqa: E402
from pipeline.evaluate.scoring import score_grid  # noqa: E402
from pipeline.extract import ingest  # noqa: E402
from pipeline.extract.tables import assemble_tables  # noqa: E402

Cells = dict[str, dict[tuple[int, int], str]]


def as_cells(grids: list[list[list[str | None]]]) -> Cells:
    return {
        f"t{i}": {(r, c): str(text or "") for r, row in enumerate(grid) for c, text in enumerate(row)}
        for i, grid in enumerate(grids)
    }


def reviewminer(pdf_path: Path) -> Cells:
    pdf = ingest.read_pdf(pdf_path)
    tables = assemble_tables(pdf, [])  # captions from the page itself: the grids do not depend on them
    return {t.table_id: {(c.row, c.col): c.text for c in t.cells} for t in tables}


def pdfplumber_tables(pdf_path: Path) -> Cells:
    grids = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            found = page.extract_tables() or page.extract_tables({"vertical_strategy": "text"})
            grids += found
    return as_cells(grids)


def camelot_tables(pdf_path: Path) -> Cells:
    import camelot

    grids = []
    for flavor in ("lattice", "stream"):
        tables = camelot.read_pdf(str(pdf_path), pages="all", flavor=flavor)
        grids += [table.df.values.tolist() for table in tables]
    return as_cells(grids)


def img2table_tables(pdf_path: Path) -> Cells:
    from img2table.document import PDF

    found = PDF(str(pdf_path)).extract_tables(borderless_tables=True)
    grids = [table.df.fillna("").values.tolist() for tables in found.values() for table in tables]
    return as_cells(grids)


TOOLS: dict[str, Callable[[Path], Cells]] = {
    "reviewminer": reviewminer,
    "pdfplumber": pdfplumber_tables,
    "camelot": camelot_tables,
    "img2table": img2table_tables,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=ROOT / "gold" / "dev")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS))
    parser.add_argument("--skip", default="", help="comma-separated stem prefixes of PDFs to leave out")
    args = parser.parse_args()
    tools = {name: TOOLS[name] for name in args.tools.split(",")}
    skipped = tuple(prefix for prefix in args.skip.split(",") if prefix)
    documents = [d for d in find_gold(args.gold_dir, args.gold_dir) if d.grids and not d.stem.startswith(skipped)]
    scores: dict[str, dict[str, float | None]] = {tool: {} for tool in tools}
    keys = []
    for document in documents:
        for tool, run in tools.items():
            try:
                cells = run(document.pdf)
            except ImportError:
                cells = None
            except Exception as error:  # a tool that crashes on a PDF (img2table's OCR zip) found no table there
                print(f"{tool} failed on {document.stem}: {type(error).__name__}: {error}", file=sys.stderr)
                cells = {}
            for number, grid in document.grids.items():
                key = f"{document.stem[:32]}.table{number}"
                scores[tool][key] = score_grid(number, grid, cells).accuracy if cells is not None else None
        keys += [f"{document.stem[:32]}.table{number}" for number in document.grids]
    others = [tool for tool in tools if tool != "reviewminer"]
    best = {key: max((v for t in others if (v := scores[t][key]) is not None), default=None) for key in keys}
    columns = [*tools, *(["best other"] if len(others) > 1 else [])]
    table = {**scores, "best other": best}
    print("| grid | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for key in keys:
        print(f"| {key} | " + " | ".join(fmt(table[column][key]) for column in columns) + " |")
    means = [mean([table[column][key] for key in keys]) for column in columns]
    print("| **mean** | " + " | ".join(fmt(m) for m in means) + " |")
    if "reviewminer" in tools and others:
        behind = [key for key in keys if (b := best[key]) is not None and scores["reviewminer"][key] < b]
        print(
            f"\n{len(keys)} grids; ReviewMiner below the best other tool on {len(behind)}: {', '.join(behind) or '-'}"
        )


def mean(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) or not values else sum(values) / len(values)


def fmt(value: float | None) -> str:
    return "not installed" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
