"""A fast loop for claim work: re-run only the claims stage over gold papers and score it, in seconds.

    .venv/bin/python benchmarks/claims_loop.py gold/dev [--only STEM] [--show FILE] [--cache DIR]

The stages before claims (ingest, structure, tables, NLP) are run once per paper and kept in a pickle keyed on the
PDF and on the code and models those stages use, so an edit to `pipeline/extract/claims/`, `normalize.py` or
`models/claims/`/`models/lexicons/` costs only the claims stage. It scores with the same code as `reviewminer eval`
(pooled micro P/R/F1, per relation and per paper); `--show` writes every missed gold line and unmatched prediction.
The figures to report still come from `reviewminer eval` (the full pipeline, its datasets); this is for iterating.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import choose_blas_kernel  # noqa: E402

choose_blas_kernel()  # as the CLI does, before numpy loads
from pipeline.corpus import doc_id_for, file_sha256  # noqa: E402
from pipeline.evaluate.gold import find_gold  # noqa: E402
from pipeline.evaluate.scoring import ClaimCounts, PredictedClaim, score_claims  # noqa: E402

# What the claims stage itself reads: editing these does not invalidate the cached earlier stages.
CLAIMS_ONLY = (
    "pipeline/extract/claims/",
    "pipeline/extract/normalize.py",
    "models/claims/",
    "models/lexicons/",
    "models/properties.json",
)


def upstream_fingerprint() -> str:
    digest = hashlib.sha256()
    files = [*(ROOT / "pipeline").rglob("*.py"), *(p for p in (ROOT / "models").rglob("*") if p.is_file())]
    for path in sorted(files):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(CLAIMS_ONLY):
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def prepared(pdf: Path, cache: Path, fingerprint: str):
    """(doc_id, tables, annotated document) of one PDF, from the cache or computed now; annotated is None for a PDF
    the pipeline refuses (DocumentError), which then predicts nothing, as `reviewminer eval` scores a failed run."""
    from pipeline.extract import ingest, nlp, structure, tables
    from pipeline.records import DocumentError

    sha = file_sha256(pdf)
    path = cache / f"{sha[:16]}-{fingerprint}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    try:
        pdf_content = ingest.read_pdf(pdf, ingest.Budget(None, None), sha256=sha)
    except DocumentError as error:  # one refused paper must not stop the loop over a split
        print(f"{pdf.stem}: failed: {error}", file=sys.stderr)
        return doc_id_for(sha), [], None
    document = structure.build_document(pdf_content)
    found_tables = tables.assemble_tables(pdf_content, document.passages)
    annotated = nlp.annotate(nlp.load_pipeline(), document)
    for _, doc in annotated.docs:
        doc.user_data.clear()  # the abbreviation spans (unpicklable) are not used by the claims stage
    value = (doc_id_for(sha), found_tables, annotated)
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")  # atomic: several loops may share the cache
    partial.write_bytes(pickle.dumps(value))
    partial.replace(path)
    return value


DEFAULT_CACHE = Path.home() / ".cache" / "reviewminer" / "claims_loop"


def gold_papers(folders, only=(), cache: Path = DEFAULT_CACHE):
    """Each paper with gold claims under FOLDERS (those whose stem contains one of ONLY, when given), with the stages
    before claims: (gold item, doc_id, tables, annotated document)."""
    fingerprint = upstream_fingerprint()
    for folder in folders:
        corpus = folder if any(folder.glob("*.pdf")) else ROOT / "corpus"  # gold/seed: its PDF is in corpus/
        for item in find_gold(corpus, folder):
            if item.claims is None or (only and not any(o in item.stem for o in only)):
                continue
            yield (item, *prepared(item.pdf, cache, fingerprint))


def as_predicted(claims, pages: set[int] | None) -> list[PredictedClaim]:
    """The claims as `reviewminer eval` reads them from claims.parquet (first evidence gives page and source)."""
    predicted = []
    for claim in claims:
        first = claim.evidence[0] if claim.evidence else None
        page, source = (first.page, first.source) if first else (None, "")
        if pages is not None and source == "text" and page not in pages:
            continue
        predicted.append(PredictedClaim(claim.subject, claim.subject_norm, claim.relation, claim.object, page, source))
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, nargs="+", help="gold folders holding the PDFs and their gold files")
    parser.add_argument("--only", action="append", default=[], help="only the papers whose stem contains this")
    parser.add_argument("--show", type=Path, help="write missed gold lines and unmatched predictions here")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()

    from pipeline.extract.claims import extract_claims

    pooled, by_relation, lines = ClaimCounts(), {}, []
    started = time.perf_counter()  # a paper's time includes preparing its stages (or reading them from the cache)
    for item, doc_id, found_tables, annotated in gold_papers(args.gold, args.only, args.cache):
        claims = extract_claims(doc_id, found_tables, annotated) if annotated is not None else []
        score = score_claims(as_predicted(claims, item.claim_pages), item.claims)
        counts = score.overall
        pooled += counts
        for relation, relation_counts in score.by_relation.items():
            by_relation[relation] = by_relation.get(relation, ClaimCounts()) + relation_counts
        print(
            f"{item.stem:45} P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f} "
            f"({counts.predicted} predicted, {counts.found}/{counts.required} found) "
            f"{time.perf_counter() - started:.1f}s"
        )
        started = time.perf_counter()
        lines.append(f"# {item.stem}")
        lines += [f"MISSED\t{g.subject}\t{g.relation}\t{g.object}\t{g.source}" for g in score.missed]
        lines += [f"EXTRA\t{p.subject}\t{p.relation}\t{p.object}\tp{p.page} {p.source}" for p in score.unmatched]
    for relation, counts in sorted(by_relation.items()):
        print(
            f"  {relation:13} P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f} "
            f"({counts.predicted} predicted, {counts.found}/{counts.required})"
        )
    print(
        f"pooled          P {pooled.precision:.3f} R {pooled.recall:.3f} F1 {pooled.f1:.3f} "
        f"({pooled.predicted} predicted, {pooled.correct} correct, {pooled.found}/{pooled.required} found)"
    )
    if args.show:
        args.show.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
