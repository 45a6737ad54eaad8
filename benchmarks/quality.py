"""Quality on hand-made gold: the seed, the dev split and the held-out split, in one table.

    .venv/bin/python benchmarks/quality.py [--workers N] [--out-root DIR] [--json FILE]

Runs `reviewminer eval` on each split (the pipeline runs, or reuses its cache in OUT-ROOT/<split>), then prints
pooled claim precision/recall/F1 (micro, per relation too), mean exact-cell accuracy over the gold grids, and
body-text recall (median and 10th percentile over the split's PDFs), with the date and commit. Dev and held-out
figures are printed apart: a gain on the dev split alone is not a gain. Body-text recall is also given over
benchmarks/papers/ (openly licensed journal PDFs without gold, of publishers the gold lacks; see its SOURCES.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLITS = {
    "seed": [],  # `reviewminer eval` without a corpus: corpus/seed_review.pdf against gold/seed/
    "dev": [str(ROOT / "gold" / "dev")],
    "heldout": [str(ROOT / "gold" / "heldout")],
}
PAPERS = ROOT / "benchmarks" / "papers"  # no gold: body-text recall only


def evaluate(split: str, out: Path, workers: int) -> dict:
    command = [sys.executable, "-m", "pipeline.cli", "eval", *SPLITS[split], "--out", str(out), "--json"]
    command += ["--no-progress", "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"eval of {split} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def papers_text_recall(out: Path, workers: int) -> dict:
    """Body-text recall over the gold-free PDFs of benchmarks/papers/ (the pipeline runs, or reuses OUT)."""
    from pipeline.evaluate import evaluate_output
    from pipeline.evaluate.gold import GoldDocument
    from pipeline.evaluate.titles import read_titles

    command = [sys.executable, "-m", "pipeline.cli", "run", str(PAPERS), "--out", str(out), "--quiet"]
    command += ["--no-progress", "--workers", str(workers), "--fail-on", "never"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"run over {PAPERS} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    documents = [
        GoldDocument(stem=pdf.stem, pdf=pdf, titles=read_titles(pdf.with_suffix(".title.txt")))
        for pdf in sorted(PAPERS.glob("*.pdf"))
    ]
    return evaluate_output(out, documents, name=str(PAPERS)).as_dict()


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=ROOT
    )
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def row(split: str, result: dict) -> str:
    claims, tables, text = result["claims"], result["tables"], result["text_recall"] or {}
    cells = f"{tables['mean_cell_accuracy']:.3f} ({tables['grids']})" if tables["grids"] else "–"
    recall = f"{text['median']:.3f} / {text['p10']:.3f}" if text else "–"
    return (
        f"| {split} | {len(result['documents'])} | {claims['precision']:.3f} | {claims['recall']:.3f} | "
        f"{claims['f1']:.3f} | {claims['predicted']} / {claims['correct']} / {claims['required']} / "
        f"{claims['found']} | {cells} | {recall} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out-root", type=Path, default=ROOT / "outputs" / "quality")
    parser.add_argument("--json", type=Path, help="also write every figure, per document, to this file")
    args = parser.parse_args()
    results = {split: evaluate(split, args.out_root / split, args.workers) for split in SPLITS}
    papers = papers_text_recall(args.out_root / "papers", args.workers)
    print(f"quality on gold: {datetime.date.today().isoformat()}, commit {commit()}")
    print()
    print(
        "| split | papers | claims P | R | F1 | predicted / correct / required / found | mean cell accuracy (grids) "
        "| text recall median / p10 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for split, result in results.items():
        print(row(split, result))
    print()
    print("| split | relation | P | R | F1 | predicted / required |")
    print("|---|---|---|---|---|---|")
    for split, result in results.items():
        for relation, counts in result["claims_by_relation"].items():
            print(
                f"| {split} | {relation} | {counts['precision']:.3f} | {counts['recall']:.3f} | {counts['f1']:.3f} "
                f"| {counts['predicted']} / {counts['required']} |"
            )
    print()
    # issue 18's table-claims figure: claims read from table cells against the gold lines annotated from tables
    print("| split | claims from | P | R | F1 | predicted / correct / required / found |")
    print("|---|---|---|---|---|---|")
    for split, result in results.items():
        for source, counts in result.get("claims_by_source", {}).items():
            print(
                f"| {split} | {source} | {counts['precision']:.3f} | {counts['recall']:.3f} | {counts['f1']:.3f} "
                f"| {counts['predicted']} / {counts['correct']} / {counts['required']} / {counts['found']} |"
            )
    print()
    print("| split | paper | claims F1 | grids: exact-cell accuracy | text recall | title |")
    print("|---|---|---|---|---|---|")
    for split, result in results.items():
        for document in result["documents"]:
            f1 = f"{document['claims']['f1']:.3f}" if document["claims"] else "–"
            grids = ", ".join(f"{g['number']}: {g['accuracy']:.2f}" for g in document["grids"]) or "–"
            recall = f"{document['text_recall']['recall']:.3f}" if document["text_recall"] else "–"
            print(f"| {split} | {document['stem']} | {f1} | {grids} | {recall} | {title_mark(document)} |")
    print()
    print(titles_line({**results, "papers": papers}))
    print()
    print(papers_lines(papers))
    if args.json:
        args.json.write_text(json.dumps({**results, "papers": papers}, indent=1), encoding="utf-8")


def papers_lines(papers: dict) -> str:
    text = papers["text_recall"]
    lines = [f"body-text recall over benchmarks/papers/ ({len(papers['documents'])} PDFs without gold): "]
    lines[0] += f"median {text['median']:.3f}, p10 {text['p10']:.3f}" if text else "–"
    lines += ["", "| paper | status | text recall | title |", "|---|---|---|---|"]
    for document in papers["documents"]:
        recall = f"{document['text_recall']['recall']:.3f}" if document["text_recall"] else "–"
        lines.append(f"| {document['stem']} | {document['status']} | {recall} | {title_mark(document)} |")
    return "\n".join(lines)


def title_mark(document: dict) -> str:
    """`right`, or the title the run read where it is not the printed one; `–` where no title is checked."""
    title = document.get("title")
    if not title:
        return "–"
    return "right" if title["correct"] else f"wrong: {title['found'][:60]!r}"


def titles_line(results: dict) -> str:
    parts = [
        f"{split} {r['titles']['correct']}/{r['titles']['checked']}" for split, r in results.items() if r["titles"]
    ]
    return "titles read right (against `<stem>.title.txt`, read from the first page): " + ", ".join(parts)


if __name__ == "__main__":
    main()
