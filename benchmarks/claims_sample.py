"""A random sample of a run's claims for a person to judge, and the summary of their judgement (issue 19's check:
"on 40 claims sampled at random from a run over 15+ research papers, at most 3 junk").

    python benchmarks/claims_sample.py OUT [OUT ...] --n 40 --seed 0 > sample.tsv
    # a reader fills the `verdict` column from the PDF page: correct | partial | junk (see gold/ANNOTATION.md)
    python benchmarks/claims_sample.py OUT --judged sample.tsv

The sample is stratified by nothing and drawn with a fixed seed, so the same run gives the same sample; it is read
from the published `claims.parquet` (what a user gets), one row per claim with its first evidence.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

# direction, hedged and negated are shown: the object leaves out the direction verb ("reduced"), which has its column
COLUMNS = [
    "claim_id",
    "doc_id",
    "page",
    "relation",
    "subject",
    "object",
    "direction",
    "hedged",
    "negated",
    "evidence",
    "verdict",
    "note",
]
VERDICTS = ("correct", "partial", "junk")


def sample_claims(outs: list[Path], n: int, seed: int) -> pd.DataFrame:
    claims = pd.concat([pd.read_parquet(out / "claims.parquet") for out in outs], ignore_index=True)
    documents = pd.concat([pd.read_parquet(out / "documents.parquet")[["doc_id", "path"]] for out in outs])
    documents = documents.drop_duplicates("doc_id")
    picked = claims.sample(n=min(n, len(claims)), random_state=seed) if len(claims) else claims
    picked = picked.merge(documents, on="doc_id", how="left")
    picked["doc_id"] = picked["path"].map(lambda path: Path(path).name)
    picked["evidence"] = picked["evidence"].str.replace(r"\s+", " ", regex=True).str.slice(0, 400)
    picked["verdict"], picked["note"] = "", ""
    return picked[COLUMNS]


def summarise(judged: Path) -> str:
    with judged.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    unknown = [row["claim_id"] for row in rows if row["verdict"] not in VERDICTS]
    if unknown:
        raise SystemExit(f"{len(unknown)} rows have no verdict in {VERDICTS}: {unknown[:5]}")
    counts = Counter(row["verdict"] for row in rows)
    papers = len({row["doc_id"] for row in rows})
    parts = ", ".join(f"{verdict} {counts[verdict]}" for verdict in VERDICTS)
    return f"{len(rows)} claims from {papers} papers: {parts} (target: junk <= 3 of 40)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outs", type=Path, nargs="+", help="output folders of runs, sampled as one")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--judged", type=Path, help="a sample with its verdict column filled: print the summary")
    args = parser.parse_args()
    if args.judged:
        print(summarise(args.judged))
        return
    sample_claims(args.outs, args.n, args.seed).to_csv(sys.stdout, sep="\t", index=False)


if __name__ == "__main__":
    main()
