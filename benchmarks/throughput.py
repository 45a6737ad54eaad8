"""Throughput benchmark: pages/s, seconds per stage, peak memory, the pdfplumber floor, reruns and workers.

    .venv/bin/python benchmarks/throughput.py                 # the benchmark corpus (below)
    .venv/bin/python benchmarks/throughput.py PDF_OR_FOLDER … [--skip-cli] [--repeat N]

The cold CLI runs are repeated as back-to-back pairs (1 worker, then 2 workers; `--repeat`, default 3): this VM is
shared, and one run varies by about 10%, so each figure is the median of the pairs, with its range.

Prints one figure per line in a stable `name: value` format (GROBID-style, so runs can be compared).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from pipeline.config import Settings  # noqa: E402
from pipeline.extract.document import process_document  # noqa: E402
from pipeline.extract.nlp import load_pipeline  # noqa: E402
from pipeline.orchestration.runs import finish_run, plan_run  # noqa: E402
from pipeline.outputs.datasets import DocumentCache  # noqa: E402

# The benchmark corpus (198 pages): the seed, six journal papers and preprints of the gold's dev split, and a
# rotated government statistics sheet from tests/data (the PDFs the figures in the README were measured on).
BENCHMARK_PDFS = [
    ROOT / "corpus" / "seed_review.pdf",
    *(
        ROOT / "gold" / "dev" / name
        for name in (
            "bmj2015_rct_exercise_smoking_pregnancy.pdf",
            "deep_review_biomed_long122p.pdf",
            "emm2023_eprs1_review_rotated_table.pdf",
            "jner2016_fes_hand_opening.pdf",
            "msphere2024_acinetobacter_resistance.pdf",
            "peerjcs2017_vespa_multipage_table.pdf",
        )
    ),
    ROOT / "tests" / "data" / "robust_rotated_table_nics_usgov.pdf",
]
LONG_PDF = ROOT / "gold" / "dev" / "deep_review_biomed_long122p.pdf"
STAGES = ("ingest", "structure", "tables", "nlp", "claims", "datasets")


def default_pdfs() -> list[Path]:
    return list(BENCHMARK_PDFS)


def floor_seconds(pdf: Path) -> tuple[float, int]:
    """Bare pdfplumber: open, extract_words on every page, close the page. The least any PDF pipeline does."""
    started = time.perf_counter()
    with pdfplumber.open(pdf) as document:
        n_pages = len(document.pages)
        for page in document.pages:
            page.extract_words()
            page.close()
    return time.perf_counter() - started, n_pages


def peak_rss_mb_of(pdf: Path) -> float:
    """Peak RSS of a fresh process that runs every stage on one PDF (spaCy pipeline included)."""
    code = (
        "import sys; from pathlib import Path\n"
        "from pipeline.extract.document import process_document; from pipeline.corpus import file_sha256\n"
        "p = Path(sys.argv[1]); r = process_document(p, file_sha256(p)); assert r.status == 'ok', r.error\n"
        # VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork and exec.
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def cli_run(corpus: Path, out: Path, workers: int, prefect_home: Path) -> float:
    env = dict(os.environ, PREFECT_HOME=str(prefect_home))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            str(corpus),
            "--out",
            str(out),
            "--workers",
            str(workers),
            "--no-progress",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--skip-cli", action="store_true", help="skip the CLI runs (reruns, workers)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of cold CLI runs (1 worker, 2 workers)")
    args = parser.parse_args()
    pdfs = [p for arg in args.pdfs for p in (sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg])] or default_pdfs()

    print(f"machine: {platform.machine()} cores={os.cpu_count()} python={platform.python_version()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"documents: {len(pdfs)}")

    started = time.perf_counter()
    load_pipeline()
    print(f"spacy_load_seconds: {time.perf_counter() - started:.2f}")

    work = Path(tempfile.mkdtemp(prefix="reviewminer-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for pdf in pdfs:
        shutil.copy(pdf, corpus / pdf.name)

    # Ours, every stage, in process (no orchestration), then the floor on the same pages.
    stage_totals = dict.fromkeys(STAGES, 0.0)
    pages = 0
    ours = 0.0
    floor = 0.0
    out = work / "out-inprocess"
    plan = plan_run(corpus, out, Settings())
    cache = DocumentCache(out, plan.record.config_key)
    for document in plan.to_process:
        t0 = time.perf_counter()
        result = process_document(document.path, document.sha256, Settings())
        t1 = time.perf_counter()
        plan.summaries[document.doc_id] = cache.store(result)
        stage_totals["datasets"] += time.perf_counter() - t1
        ours += time.perf_counter() - t0
        for stage, seconds in result.stage_seconds.items():
            stage_totals[stage] += seconds
        bare, n_pages = floor_seconds(document.path)
        floor += bare
        pages += n_pages
        print(
            f"document: {document.path.name} pages={n_pages} status={result.status} seconds={result.seconds:.2f} "
            f"floor_seconds={bare:.2f}"
        )
    t0 = time.perf_counter()
    finish_run(plan)
    publish_seconds = time.perf_counter() - t0
    stage_totals["datasets"] += publish_seconds
    ours += publish_seconds

    print(f"pages: {pages}")
    print(f"pages_per_second_cold: {pages / ours:.2f}")
    for stage in STAGES:
        print(f"stage_seconds_{stage}: {stage_totals[stage]:.2f}")
    print(f"floor_extract_words_seconds: {floor:.2f}")
    print(f"ratio_to_floor: {ours / floor:.2f}")
    print(f"peak_rss_mb_this_process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    if LONG_PDF.exists():
        print(f"peak_rss_mb_122_pages: {peak_rss_mb_of(LONG_PDF):.0f}")

    if not args.skip_cli:
        home = work / "prefect"
        seed_only = work / "seed-only"
        seed_only.mkdir()
        shutil.copy(ROOT / "corpus" / "seed_review.pdf", seed_only / "seed_review.pdf")
        cli_run(seed_only, work / "warmup", 1, home)  # the first Prefect start creates its database
        # Cold runs in back-to-back pairs, so that both worker counts meet the same state of the shared VM.
        # With 2 workers, long PDFs are read in page-range parts, so no document waits alone.
        ones, twos = [], []
        for attempt in range(args.repeat):
            for workers, times in ((1, ones), (2, twos)):
                shutil.rmtree(work / f"cli-{workers}", ignore_errors=True)
                times.append(cli_run(corpus, work / f"cli-{workers}", workers, home))
            print(f"cli_pair_{attempt + 1}: 1_worker={ones[-1]:.2f}s 2_workers={twos[-1]:.2f}s")
        cold, two = statistics.median(ones), statistics.median(twos)
        print(f"cli_cold_seconds_1_worker: {cold:.2f} (range {min(ones):.2f}-{max(ones):.2f})")
        print(f"cli_pages_per_second_1_worker: {pages / cold:.2f}")
        print(f"cli_cold_seconds_2_workers: {two:.2f} (range {min(twos):.2f}-{max(twos):.2f})")
        slowest, fastest = pages / max(twos), pages / min(twos)
        print(f"cli_pages_per_second_2_workers: {pages / two:.2f} (range {slowest:.2f}-{fastest:.2f})")
        pair_speedups = [one / other for one, other in zip(ones, twos, strict=True)]
        print(
            f"speedup_2_workers: {statistics.median(pair_speedups):.2f}"
            f" (pairs {min(pair_speedups):.2f}-{max(pair_speedups):.2f})"
        )
        warm = cli_run(corpus, work / "cli-1", 1, home)
        print(f"cli_warm_rerun_seconds: {warm:.2f}")
        print(f"warm_rerun_share_of_cold: {warm / cold:.3f}")
        extra = work / "extra.pdf"
        shutil.copy(ROOT / "corpus" / "seed_review.pdf", extra)
        with open(extra, "ab") as handle:
            handle.write(b"\n% a changed copy\n")  # same pages, new content hash: one new document
        shutil.copy(extra, corpus / "added.pdf")
        added = cli_run(corpus, work / "cli-1", 1, home)
        print(f"cli_rerun_after_adding_one_pdf_seconds: {added:.2f} (corpus of {len(pdfs) + 1})")
        (corpus / "added.pdf").unlink()
    manifest = json.loads((out / "manifest.json").read_text())
    print(f"claims: {manifest['counts']['claims']} tables: {manifest['counts']['tables']}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
