"""Throughput benchmark: pages/s, seconds per stage, peak memory, the pdfium floor, reruns and workers.

    .venv/bin/python benchmarks/throughput.py                 # the benchmark corpus (below)
    .venv/bin/python benchmarks/throughput.py PDF_OR_FOLDER … [--skip-cli] [--repeat N] [--tree CHECKOUT]
    .venv/bin/python benchmarks/throughput.py --ingest-only --cpu --repeat 3 [--tree CHECKOUT]

The floor is bare pypdfium2 character extraction of the same pages (open, text page, each character's code, box,
font size and font name): the least any reader of these PDFs does. `ingest_to_floor` is the ingest stage's time
over it. `--tree` measures the pipeline of another checkout (e.g. an older commit, `git worktree add`) with this
script, so that before/after figures come from the same benchmark; run the two alternately on a shared machine.

The cold CLI runs are repeated as back-to-back pairs (1 worker, then 2 workers; `--repeat`, default 3): this VM is
shared, and one run varies by about 10%, so each figure is the median of the pairs, with its range.

`--cpu` counts CPU seconds instead of wall seconds: the in-process stages, the floor and the per-page times with
this process's CPU time, each CLI run with the CPU time of its whole process tree (user + system). On a machine
that other work shares, wall time measures the load as much as the code; CPU time hardly moves with it (pages/s
are then pages per CPU second, which two workers do not raise).

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
# The checkout whose pipeline is measured: this one, or the one after --tree (its PDFs are the corpus as well).
if "--tree" in sys.argv:
    ROOT = Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
sys.path.insert(0, str(ROOT))

import pipeline.config  # noqa: E402

if hasattr(pipeline.config, "choose_blas_kernel"):  # as the CLI does, before numpy loads (an older --tree lacks it)
    pipeline.config.choose_blas_kernel()
import ctypes  # noqa: E402

import pypdfium2  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402

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


def floor_seconds(pdf: Path) -> tuple[float, int, float]:
    """Bare pypdfium2: every page's text page and, for each character, its code, loose box, font size and font
    name. Returns the seconds, the pages and the slowest page's seconds."""
    started = time.perf_counter()
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    slowest = 0.0
    document = pypdfium2.PdfDocument(str(pdf))
    n_pages = len(document)
    for index in range(n_pages):
        page_started = time.perf_counter()
        page = document[index]
        textpage = page.get_textpage()
        raw = textpage.raw
        for char in range(pdfium_c.FPDFText_CountChars(raw)):
            pdfium_c.FPDFText_GetUnicode(raw, char)
            pdfium_c.FPDFText_GetLooseCharBox(raw, char, box)
            pdfium_c.FPDFText_GetFontSize(raw, char)
            pdfium_c.FPDFText_GetFontInfo(raw, char, name, len(name), flags)
        textpage.close()
        page.close()
        slowest = max(slowest, time.perf_counter() - page_started)
    document.close()
    return time.perf_counter() - started, n_pages, slowest


def slowest_page_ingest(pdf: Path, n_pages: int) -> tuple[float, int]:
    """Ingest of each page alone (a part of one page): the slowest page's seconds and its number."""
    from pipeline.extract import ingest

    slowest = (0.0, 0)
    for number in range(1, n_pages + 1):
        started = time.perf_counter()
        ingest.read_pdf(pdf, pages=(number, number))
        slowest = max(slowest, (time.perf_counter() - started, number))
    return slowest


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


CPU_TIME = "--cpu" in sys.argv
if CPU_TIME:
    time.perf_counter = time.process_time  # every stage timer of the pipeline and of this script counts CPU seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_run(corpus: Path, out: Path, workers: int, prefect_home: Path) -> float:
    env = dict(os.environ, PREFECT_HOME=str(prefect_home))
    LAST_CLI_RUN["started"] = time.time()
    started = _children_cpu() if CPU_TIME else time.perf_counter()
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
    LAST_CLI_RUN["ended"] = time.time()
    return (_children_cpu() if CPU_TIME else time.perf_counter()) - started


LAST_CLI_RUN: dict[str, float] = {}


def cli_timeline(prefect_home: Path, workers: int) -> str:
    """Where the wall time of the last CLI run went, from the task runs its Prefect server recorded: start-up (the
    command's start to the flow run's start: server boot, imports, spaCy), planning (to the first task's start),
    the tasks' span with the worker-seconds no task ran in it (`idle`: waiting on a part, the last document
    finishing alone, task hand-offs), publishing (the last task's end to the flow run's end) and exit."""
    import datetime
    import sqlite3

    def seconds(stamp: str | None) -> float:
        moment = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        return moment.timestamp()

    try:
        with sqlite3.connect(prefect_home / "prefect.db") as db:
            flow_id, flow_start, flow_end = db.execute(
                "select id, start_time, end_time from flow_run order by created desc limit 1"
            ).fetchone()
            tasks = db.execute(
                "select start_time, end_time from task_run where flow_run_id = ? and start_time is not null",
                (flow_id,),
            ).fetchall()
    except (sqlite3.Error, TypeError) as error:
        return f"timeline unavailable ({error})"
    if not tasks or not flow_end:
        return "timeline unavailable (no finished tasks)"
    spans = [(seconds(start), seconds(end)) for start, end in tasks if end]
    first, last = min(start for start, _ in spans), max(end for _, end in spans)
    busy = sum(end - start for start, end in spans)
    t0 = LAST_CLI_RUN["started"]
    return (
        f"startup={seconds(flow_start) - t0:.1f}s planning={first - seconds(flow_start):.1f}s "
        f"tasks={last - first:.1f}s (task-seconds {busy:.1f}, "
        f"idle worker-seconds {workers * (last - first) - busy:.1f}) "
        f"publish={seconds(flow_end) - last:.1f}s exit={LAST_CLI_RUN['ended'] - seconds(flow_end):.1f}s"
    )


def ingest_against_floor(pdfs: list[Path], passes: int) -> None:
    """Ingest (`ingest.read_pdf`: pages read, words, table regions) against the floor, per document and in
    total, each the best of `passes` back-to-back passes: on a shared machine the best pass is the one least slowed
    by other work, for both figures alike."""
    from pipeline.extract import ingest

    ingest.read_pdf(pdfs[0])  # the first read loads what ingest imports lazily
    total_ingest = total_floor = 0.0
    pages = 0
    for pdf in pdfs:
        ingest_times, floor_times = [], []
        for _ in range(passes):
            started = time.perf_counter()
            content = ingest.read_pdf(pdf)
            ingest_times.append(time.perf_counter() - started)
            floor_times.append(floor_seconds(pdf)[0])
        best_ingest, best_floor = min(ingest_times), min(floor_times)
        total_ingest += best_ingest
        total_floor += best_floor
        pages += content.n_pages
        print(
            f"document: {pdf.name} pages={content.n_pages} ingest={best_ingest:.2f} floor_seconds={best_floor:.2f} "
            f"ingest_to_floor={best_ingest / max(best_floor, 1e-9):.2f}"
        )
    print(f"pages: {pages}")
    print(f"stage_seconds_ingest: {total_ingest:.2f}")
    print(f"floor_pdfium_chars_seconds: {total_floor:.2f}")
    print(f"ingest_to_floor: {total_ingest / total_floor:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--skip-cli", action="store_true", help="skip the CLI runs (reruns, workers)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of cold CLI runs (1 worker, 2 workers)")
    parser.add_argument("--tree", type=Path, help="measure the pipeline of this checkout instead of this one")
    parser.add_argument("--per-page", action="store_true", help="also time each page's ingest alone (slowest page)")
    parser.add_argument("--skip-rss", action="store_true", help="skip the peak memory run on the 122-page PDF")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds instead of wall seconds (a shared machine)")
    parser.add_argument(
        "--timeline", action="store_true", help="where each CLI run's wall time went (start-up, tasks, publish)"
    )
    parser.add_argument(
        "--ingest-only", action="store_true", help="only the ingest stage and the floor (best of --repeat passes)"
    )
    args = parser.parse_args()
    pdfs = [p for arg in args.pdfs for p in (sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg])] or default_pdfs()

    print(f"machine: {platform.machine()} cores={os.cpu_count()} python={platform.python_version()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"documents: {len(pdfs)}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(f"tree: {ROOT} ({commit.stdout.strip() or 'not a git checkout'})")
    print(f"clock: {'cpu (process time; CLI runs: CPU of the process tree)' if CPU_TIME else 'wall'}")
    if args.ingest_only:
        ingest_against_floor(pdfs, max(1, args.repeat))
        return

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
    slowest_pages: list[tuple[float, str]] = []
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
        bare, n_pages, bare_slowest = floor_seconds(document.path)
        floor += bare
        pages += n_pages
        slowest_page = ""
        if args.per_page:
            page_seconds, page_number = slowest_page_ingest(document.path, n_pages)
            slowest_pages.append((page_seconds, f"{document.path.name} p{page_number}"))
            slowest_page = f" slowest_page_ingest={page_seconds:.2f}s (p{page_number})"
        ingest_seconds = result.stage_seconds.get("ingest", 0.0)
        print(
            f"document: {document.path.name} pages={n_pages} status={result.status} seconds={result.seconds:.2f} "
            f"ingest={ingest_seconds:.2f} floor_seconds={bare:.2f} "
            f"ingest_to_floor={ingest_seconds / max(bare, 1e-9):.2f}"
            f" seconds_per_page={result.seconds / max(n_pages, 1):.2f}{slowest_page}"
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
    print(f"floor_pdfium_chars_seconds: {floor:.2f}")
    print(f"floor_pages_per_second: {pages / floor:.2f}")
    print(f"ingest_to_floor: {stage_totals['ingest'] / floor:.2f}")
    print(f"ratio_to_floor: {ours / floor:.2f}")
    if slowest_pages:
        seconds, where = max(slowest_pages)
        print(f"slowest_page_ingest_seconds: {seconds:.2f} ({where})")
    print(f"peak_rss_mb_this_process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    if LONG_PDF.exists() and not args.skip_rss:
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
                if args.timeline:
                    print(f"cli_timeline_{workers}_worker{'s' if workers > 1 else ''}: {cli_timeline(home, workers)}")
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
