"""Compare the ingest of two checkouts of ReviewMiner on the same PDFs, word by word.

    python benchmarks/ingest_compare.py --old-tree /tmp/old-checkout corpus/seed_review.pdf gold/dev/*.pdf

The old checkout (e.g. `git worktree add /tmp/old-checkout 667a323`) is run in a child process with its own code
on PYTHONPATH; the new one is this checkout. For each PDF it prints the pages, word counts, the words only one side
has (aligned on the text sequence per page), words whose box, font or size moved, the table regions and the
images, then a total. `--show N` prints up to N examples of each kind of difference per PDF.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BOX_TOLERANCE = 0.5  # points a word's box may move before it counts as moved


def dump(pdf: Path) -> dict:
    """The ingest output of the checkout on PYTHONPATH, as plain JSON."""
    from pipeline.extract import ingest
    from pipeline.records import DocumentError

    started = time.perf_counter()
    try:
        content = ingest.read_pdf(pdf)
    except DocumentError as error:
        return {"error": error.reason, "seconds": time.perf_counter() - started}
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "n_pages": content.n_pages,
        "title": content.metadata_title,
        "warnings": content.warnings,
        "pages": [
            {
                "number": page.number,
                "size": [page.width, page.height, page.rotation],
                "words": [
                    [w.text, w.x0, w.top, w.x1, w.bottom, w.fontname, w.size, w.upright, w.space_after]
                    for w in page.words
                ],
                "tables": [
                    {"bbox": list(t.bbox), "rows": t.rows, "strategy": t.strategy, "rotation": t.rotation}
                    for t in page.raw_tables
                ],
                "images": [list(box) for box in page.image_boxes],
                "image_share": page.image_area_share,
            }
            for page in content.pages
        ],
    }


def run_tree(tree: Path, pdf: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, __file__, "--dump", str(pdf)], capture_output=True, text=True, env=env, cwd=tree, check=False
    )
    if done.returncode != 0:
        return {"error": f"crashed: {done.stderr.strip().splitlines()[-1:] or done.returncode}", "seconds": 0.0}
    return json.loads(done.stdout)


def moved(old: list, new: list) -> list[str]:
    kinds = []
    if max(abs(a - b) for a, b in zip(old[1:5], new[1:5], strict=True)) > BOX_TOLERANCE:
        kinds.append("box")
    if old[5] != new[5]:
        kinds.append("font")
    if abs(old[6] - new[6]) > 0.05:
        kinds.append("size")
    if old[7] != new[7]:
        kinds.append("upright")
    if old[8] != new[8]:
        kinds.append("space_after")
    return kinds


def compare(name: str, old: dict, new: dict, show: int) -> Counter:
    totals: Counter = Counter()
    print(f"\n== {name}: old {old.get('seconds', 0):.2f} s, new {new.get('seconds', 0):.2f} s")
    totals["old_seconds"] += old.get("seconds", 0)
    totals["new_seconds"] += new.get("seconds", 0)
    if "error" in old or "error" in new:
        print(f"  old: {old.get('error', 'ok')!r}\n  new: {new.get('error', 'ok')!r}")
        totals["error_differs"] += old.get("error") != new.get("error")
        return totals
    if old["n_pages"] != new["n_pages"] or old["title"] != new["title"]:
        print(f"  pages/title: old {old['n_pages']} {old['title']!r}, new {new['n_pages']} {new['title']!r}")
    examples: dict[str, list[str]] = {}
    for old_page, new_page in zip(old["pages"], new["pages"], strict=True):
        number = old_page["number"]
        if [round(v, 2) for v in old_page["size"]] != [round(v, 2) for v in new_page["size"]]:
            examples.setdefault("page size", []).append(f"p{number}: {old_page['size']} -> {new_page['size']}")
        ow, nw = old_page["words"], new_page["words"]
        totals["old_words"] += len(ow)
        totals["new_words"] += len(nw)
        matcher = difflib.SequenceMatcher(None, [w[0] for w in ow], [w[0] for w in nw], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for a, b in zip(ow[i1:i2], nw[j1:j2], strict=True):
                    for kind in moved(a, b):
                        totals[f"moved_{kind}"] += 1
                        examples.setdefault(f"moved {kind}", []).append(
                            f"p{number} {a[0]!r}: {[round(v, 2) if isinstance(v, float) else v for v in a[1:]]}"
                            f" -> {[round(v, 2) if isinstance(v, float) else v for v in b[1:]]}"
                        )
                continue
            totals["old_only"] += i2 - i1
            totals["new_only"] += j2 - j1
            examples.setdefault("text", []).append(
                f"p{number} {' '.join(w[0] for w in ow[i1:i2])!r} -> {' '.join(w[0] for w in nw[j1:j2])!r}"
            )
        # Words only one side has, in any order: an alignment difference alone is a change of word order.
        old_bag = Counter((w[0], round(w[1]), round(w[2])) for w in ow)
        new_bag = Counter((w[0], round(w[1]), round(w[2])) for w in nw)
        totals["old_only_any_order"] += sum((old_bag - new_bag).values())
        totals["new_only_any_order"] += sum((new_bag - old_bag).values())
        for kind, bag in (("old only, any order", old_bag - new_bag), ("new only, any order", new_bag - old_bag)):
            if bag:
                examples.setdefault(kind, []).append(f"p{number} {sorted(bag.elements())[:12]}")
        ot, nt = old_page["tables"], new_page["tables"]
        totals["old_tables"] += len(ot)
        totals["new_tables"] += len(nt)
        for a, b in zip(ot, nt, strict=False):
            if max(abs(x - y) for x, y in zip(a["bbox"], b["bbox"], strict=True)) > 1 or a["rows"] != b["rows"]:
                totals["tables_differ"] += 1
                cells_a = [c for row in a["rows"] for c in row]
                cells_b = [c for row in b["rows"] for c in row]
                examples.setdefault("table", []).append(
                    f"p{number} bbox {[round(v, 1) for v in a['bbox']]} -> {[round(v, 1) for v in b['bbox']]}, "
                    f"grid {len(a['rows'])}x{len(a['rows'][0]) if a['rows'] else 0} -> "
                    f"{len(b['rows'])}x{len(b['rows'][0]) if b['rows'] else 0}, "
                    f"{sum(x == y for x, y in zip(cells_a, cells_b, strict=False))}/{len(cells_a)} cells equal"
                )
        if len(ot) != len(nt):
            examples.setdefault("table count", []).append(f"p{number}: {len(ot)} -> {len(nt)}")
        if (
            len(old_page["images"]) != len(new_page["images"])
            or abs(old_page["image_share"] - new_page["image_share"]) > 0.01
        ):
            totals["images_differ"] += 1
            examples.setdefault("images", []).append(
                f"p{number}: {len(old_page['images'])} ({old_page['image_share']:.2f}) -> "
                f"{len(new_page['images'])} ({new_page['image_share']:.2f})"
            )
    keys = (
        "old_words",
        "new_words",
        "old_only",
        "new_only",
        "old_only_any_order",
        "new_only_any_order",
        "moved_box",
        "moved_font",
        "moved_size",
        "moved_space_after",
        "moved_upright",
        "old_tables",
        "new_tables",
        "tables_differ",
        "images_differ",
    )
    print("  " + ", ".join(f"{key} {totals[key]}" for key in keys if totals[key] or key.endswith("words")))
    for kind, lines in examples.items():
        print(f"  {kind}: {len(lines)}")
        for line in lines[:show]:
            print(f"    {line}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--old-tree", type=Path, help="checkout of the old code")
    parser.add_argument("--new-tree", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--show", type=int, default=5, help="examples per kind of difference")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        json.dump(dump(args.dump), sys.stdout)
        return
    if not args.old_tree or not args.pdfs:
        parser.error("give --old-tree and at least one PDF")
    grand: Counter = Counter()
    for pdf in args.pdfs:
        pdf = pdf.resolve()
        grand += compare(pdf.name, run_tree(args.old_tree.resolve(), pdf), run_tree(args.new_tree, pdf), args.show)
    print(
        "\n== total: "
        + ", ".join(
            f"{key} {value:.2f}" if "seconds" in key else f"{key} {value}" for key, value in sorted(grand.items())
        )
    )


if __name__ == "__main__":
    main()
