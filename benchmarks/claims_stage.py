"""The claims stage alone: CPU seconds over cached earlier stages, and a dump of every claim, to compare two versions.

    python benchmarks/claims_stage.py time [GOLD …] [--cache DIR] [--repeat N]     # CPU s of `extract_claims`
    python benchmarks/claims_stage.py dump OUT.pkl [GOLD …] [--cache DIR]          # every field of every claim
    python benchmarks/claims_stage.py compare A.pkl B.pkl                          # identical, or where they differ
    python benchmarks/claims_stage.py profile [GOLD …] [--cache DIR] [--top N]     # cProfile of `extract_claims`

The earlier stages come from `claims_loop.py`'s cache (built on first use), so only the claims stage is measured.
GOLD defaults to gold/seed and gold/dev (the papers with gold claims); with --all-pdfs every PDF of the folders
(e.g. benchmarks/papers). The machine may be shared: CPU time of this process, not wall time.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_loop import DEFAULT_CACHE, gold_papers, prepared, upstream_fingerprint  # noqa: E402
from cpu_profile import print_cpu_profile  # noqa: E402

from pipeline.extract.claims import extract_claims  # noqa: E402


def papers(gold: list[Path], cache: Path, all_pdfs: bool = False) -> list[tuple[str, str, list, object]]:
    if all_pdfs:
        fingerprint = upstream_fingerprint()
        pdfs = sorted(pdf for folder in gold for pdf in folder.glob("*.pdf"))
        return [(pdf.stem, *prepared(pdf, cache, fingerprint)) for pdf in pdfs]
    return [(item.stem, doc_id, tables, annotated) for item, doc_id, tables, annotated in gold_papers(gold, (), cache)]


def run_all(loaded) -> dict[str, list]:
    # extract_claims may annotate the tables it reads: each run gets its own copy, taken outside the timing
    return {stem: extract_claims(doc_id, tables, annotated) for stem, doc_id, tables, annotated in loaded}


def time_stage(loaded, repeat: int) -> None:
    run_all(copy.deepcopy(loaded[:1]))  # warm: first-use loading of models and compiled patterns
    for round_ in range(repeat):
        fresh = copy.deepcopy(loaded)
        started = time.process_time()
        result = run_all(fresh)
        seconds = time.process_time() - started
        print(f"round {round_ + 1}: claims CPU {seconds:.2f} s, {sum(len(c) for c in result.values())} claims")


def dump(loaded, out: Path) -> None:
    result = {stem: [dataclasses.asdict(claim) for claim in claims] for stem, claims in run_all(loaded).items()}
    out.write_bytes(pickle.dumps(result))
    print(f"dumped {sum(len(c) for c in result.values())} claims of {len(result)} papers to {out}")


def compare(first: Path, second: Path) -> int:
    a, b = pickle.loads(first.read_bytes()), pickle.loads(second.read_bytes())
    differing = 0
    for stem in sorted(set(a) | set(b)):
        if a.get(stem) == b.get(stem):
            continue
        differing += 1
        left, right = a.get(stem, []), b.get(stem, [])
        where = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), None)
        print(f"{stem}: {len(left)}/{len(right)} claims, first difference at {where}")
    total = len(set(a) | set(b))
    print(f"{total - differing} of {total} papers identical")
    return 1 if differing else 0


def profile(loaded, top: int) -> None:
    run_all(copy.deepcopy(loaded[:1]))
    print_cpu_profile(lambda: run_all(loaded), top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["time", "dump", "compare", "profile"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--all-pdfs", action="store_true", help="every PDF of the folders, not only gold papers")
    args = parser.parse_args()
    if args.command == "compare":
        return compare(args.paths[0], args.paths[1])
    out = args.paths.pop(0) if args.command == "dump" else None
    loaded = papers(args.paths or [ROOT / "gold" / "seed", ROOT / "gold" / "dev"], args.cache, args.all_pdfs)
    if args.command == "time":
        time_stage(loaded, args.repeat)
    elif args.command == "dump":
        dump(loaded, out)
    else:
        profile(loaded, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
