"""The `reviewminer` command line: run, serve, review, eval, train-ner."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import sys
import traceback
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.config import Settings, choose_blas_kernel
from pipeline.corpus import CorpusError, list_pdfs
from pipeline.orchestration.prefect_env import (
    configure_prefect,
    free_port,
    launch_local_server,
    start_local_server,
    stop_local_server,
    wait_until_healthy,
)
from pipeline.orchestration.runs import (
    FAIL_ON,
    DocumentsFailed,
    RunLockedError,
    failures_that_count,
    finish_run,
    output_lock,
    plan_run,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout: corpus/, gold/, models/

app = typer.Typer(
    help="ReviewMiner: mine review PDFs for tables and method/treatment claims into Parquet/CSV datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def show_version(value: bool) -> None:
    if value:
        from pipeline.config import PIPELINE_VERSION

        typer.echo(f"reviewminer {PIPELINE_VERSION}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """ReviewMiner: mine review PDFs for tables and method/treatment claims into Parquet/CSV datasets."""


CorpusArg = Annotated[Path, typer.Argument(help="Folder of PDFs (searched recursively) or a single PDF.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder for the datasets.")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Parallel processes (documents, page ranges).")]
DaskOption = Annotated[
    str | None, typer.Option(help="Run the document tasks on an existing Dask cluster (tcp://host:port).")
]
MaxPagesOption = Annotated[int | None, typer.Option(min=1, help="Skip documents longer than this.")]
MaxSecondsOption = Annotated[
    float | None,
    typer.Option(
        min=1,
        help="Fail a document whose work (each part, if read in parts) takes longer, in seconds: checked between"
        " pages, enforced (the work stopped) at 1.25 x S + 1 s.",
    ),
]
MaxMemoryOption = Annotated[
    int | None,
    typer.Option(
        "--max-memory",
        min=64,
        metavar="MB",
        help="Fail a document whose work needs more memory than this, in MB (default 4096).",
    ),
]


class FailOn(StrEnum):
    new = "new"
    any = "any"
    never = "never"


assert tuple(FailOn) == FAIL_ON  # one list of policies, the flow's

FailOnOption = Annotated[
    FailOn,
    typer.Option(
        help="Which failed or skipped documents make the exit code 1: new (not those that failed with the same"
        " bytes in an earlier run), any, never.",
    ),
]
WaitOption = Annotated[float, typer.Option(help="Seconds to wait for another run on the same --out.")]
ProgressOption = Annotated[
    bool | None,
    typer.Option(help="Show a progress bar of pages done (default: only when stderr is a terminal)."),
]
DebugOption = Annotated[bool, typer.Option(help="Show tracebacks for failures.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the exit code's reason.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also show Prefect's and the stages' logs.")]


def fail(message: str, code: int = 2) -> None:
    """A user mistake: one clear line on stderr, no traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def prepare_output(out: Path) -> None:
    try:
        (out / ".reviewminer").mkdir(parents=True, exist_ok=True)
        probe = out / ".reviewminer" / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        fail(f"cannot write to output folder {out}: {error.strerror or error}")


@app.command()
def run(
    corpus: CorpusArg,
    out: OutOption = Path("outputs"),
    workers: WorkersOption = 1,
    dask_address: DaskOption = None,
    max_pages: MaxPagesOption = None,
    max_seconds: MaxSecondsOption = None,
    max_memory: MaxMemoryOption = None,
    fail_on: FailOnOption = FailOn.new,
    wait: WaitOption = 0,
    progress: ProgressOption = None,
    debug: DebugOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Process the new or changed PDFs under CORPUS and (re)write the datasets in OUT.

    Exit code 0 when every document is ok (or its failure does not count under --fail-on), 1 when a failed or
    skipped document counts or decisions.sqlite is unreadable, 2 for a usage error, 130 when interrupted
    (Ctrl-C; 143 for SIGTERM).
    """
    set_verbosity(quiet, verbose)
    try:
        list_pdfs(corpus)
    except CorpusError as error:
        fail(str(error))
    prepare_output(out)
    show_progress = wants_progress(progress, quiet)
    stop_on_signals(out)
    settings = Settings(max_pages, max_seconds)
    try:
        record = _run(
            corpus, out, workers, dask_address, settings, wait, show_progress, debug, max_memory, fail_on.value
        )
    except (CorpusError, RunLockedError) as error:
        fail(str(error))
    except OSError as error:
        if debug:
            traceback.print_exc()
        fail(f"cannot write the datasets to {out}: {error.strerror or error}")
    report_run(record, out, quiet=quiet, debug=debug)
    counted = failures_that_count(record, fail_on.value)
    known = len(record["failures"]) - len(counted)
    if known and fail_on is FailOn.new and not quiet:
        typer.echo(f"{plural(known, 'document')} failed as in an earlier run (same bytes); not counted (--fail-on new)")
    from pipeline.outputs.curation import database_problem

    damaged = database_problem(out)
    if damaged:
        typer.echo(f"error: {damaged}; the datasets were written with every claim pending", err=True)
    if counted or damaged:
        raise typer.Exit(1)


def stop_on_signals(out: Path) -> None:
    """Ctrl-C or SIGTERM: stop every process of the run at once, say so in one line and exit with 128 + signal.

    The datasets are written atomically and recorded last, so whatever moment the run stops at, OUT holds the
    previous run's files (or files the next run recognises as not its own and rewrites).
    """

    def stop(signum, frame) -> None:
        from pipeline.orchestration.processes import kill_descendants

        kill_descendants()
        name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        sys.stderr.write(f"\ninterrupted ({name}): run stopped; {out} holds the datasets of the last finished run\n")
        sys.stderr.flush()
        os._exit(128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)


def wants_progress(progress: bool | None, quiet: bool) -> bool:
    """A bar only on a terminal: redirected to a log file it would write hundreds of lines."""
    if quiet:
        return False
    return sys.stderr.isatty() if progress is None else progress


def set_verbosity(quiet: bool, verbose: bool) -> None:
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO"
        logging.basicConfig(level=logging.INFO)
    elif quiet:
        os.environ["PREFECT_LOGGING_LEVEL"] = "ERROR"


def _run(
    corpus: Path,
    out: Path,
    workers: int,
    dask_address: str | None,
    settings: Settings,
    wait: float,
    progress: bool,
    debug: bool,
    max_memory_mb: int | None = None,
    fail_on: str = "new",
) -> dict:
    """Run the Prefect flow, unless nothing changed: then republish from the cache without starting Prefect.

    Returns the run record, whether the flow run ended Completed or (under the exit policy) Failed."""
    with output_lock(out, wait):
        plan = plan_run(corpus, out, settings)
        if not plan.to_process:
            return asdict(finish_run(plan))
    home = configure_prefect(out)
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        # A local server of our own rather than Prefect's temporary one: it boots in a child process while this
        # process imports the flow and loads spaCy (instead of one after the other), and worker processes, which
        # cannot see a temporary server, share it. PREFECT_API_URL must be set before prefect is imported.
        server, os.environ["PREFECT_API_URL"] = launch_local_server(home, port=free_port(), one_run=True)
    try:
        if workers > 1 and not dask_address:
            from pipeline.orchestration.pool import start_forkserver

            start_forkserver()  # the workers' parent loads the pipeline while the server boots
        from pipeline.orchestration.flow import make_task_runner, run_corpus

        if workers == 1 and not dask_address:
            from pipeline.extract.nlp import load_pipeline
            from pipeline.extract.warm_up import warm_up

            load_pipeline(settings.spacy_model)  # the tasks run in this process: its cached pipeline serves them
            warm_up(settings)  # and what the stages load on first use, before each document's child is forked
        if server is not None:
            wait_until_healthy(server, os.environ["PREFECT_API_URL"], home)
        flow = run_corpus.with_options(task_runner=make_task_runner(workers, dask_address))
        state = flow(
            corpus=str(corpus),
            out=str(out),
            max_pages=settings.max_pages,
            max_seconds=settings.max_seconds,
            wait_seconds=wait,
            progress=progress,
            debug=debug,
            max_memory_mb=max_memory_mb,
            fail_on=fail_on,
            return_state=True,
        )
        result = state.result(raise_on_failure=False)
        if isinstance(result, DocumentsFailed):  # published, but failures count under --fail-on
            return result.record
        if isinstance(result, BaseException):  # the flow itself broke (output locked, disk full, ...)
            raise result
        return result
    finally:
        if server is not None:
            stop_local_server(server)
            os.environ.pop("PREFECT_API_URL", None)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report_run(record: dict, out: Path, quiet: bool = False, debug: bool = False) -> None:
    """One summary line, what changed, where to look next; failures on stderr."""
    counts = record["counts"]
    if not quiet:
        added, changed = len(record.get("documents_added", [])), len(record.get("documents_changed", []))
        removed, reused = len(record.get("documents_removed", [])), len(record["documents_reused"])
        typer.echo(
            f"{plural(counts['documents'], 'document')}: {counts['ok']} ok, {counts['failed']} failed,"
            f" {counts['skipped']} skipped ({added} added, {changed} changed, {removed} removed, {reused} unchanged);"
            f" {plural(counts['tables'], 'table')}, {plural(counts['claims'], 'claim')},"
            f" {plural(counts['entities'], 'entity mention')} -> {out}"
        )
        written_by = record.get("datasets_run_id") or record["run_id"]
        if written_by != record["run_id"]:
            typer.echo(f"nothing changed: the datasets are those written by run {written_by}")
        if (out / "report.html").exists():
            typer.echo(f"report: {out / 'report.html'}   review the claims: reviewminer review {out}")
    for failure in record["failures"]:
        reason = failure["error"] if debug else failure["error"].splitlines()[0]
        typer.echo(f"{failure['status'].upper()}: {failure['path']}: {reason}", err=True)
    for entry in record.get("warnings", []):
        # an ok document that lost part of its content: all of it with --debug, else the first and a count
        shown = entry["warnings"] if debug else entry["warnings"][:1]
        more = len(entry["warnings"]) - len(shown)
        for warning in shown:
            typer.echo(f"WARNING: {entry['path']}: {warning}" + (f" (+{more} more)" if more else ""), err=True)
    for entry in record.get("unusable_entries", []):
        typer.echo(f"NOT READ: {entry['path']}: {entry['reason']}", err=True)


@app.command()
def serve(
    corpus: CorpusArg,
    out: OutOption = Path("outputs"),
    cron: Annotated[str, typer.Option(help="When to rerun, as a cron expression (UTC).")] = "0 3 * * *",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "reviewminer-scheduled",
    workers: WorkersOption = 1,
    dask_address: DaskOption = None,
    max_pages: MaxPagesOption = None,
    max_seconds: MaxSecondsOption = None,
    max_memory: MaxMemoryOption = None,
    fail_on: FailOnOption = FailOn.new,
    wait: Annotated[float, typer.Option(help="Seconds a scheduled run waits for another run on --out.")] = 600,
    progress: ProgressOption = False,
    debug: DebugOption = False,
    port: Annotated[
        int, typer.Option(help="Port of the local Prefect server started when PREFECT_API_URL is unset.")
    ] = 4200,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Serve a Prefect deployment that reruns CORPUS into OUT on a cron schedule (runs until stopped).

    Uses the Prefect server at PREFECT_API_URL; without one, starts a local server on 127.0.0.1 (its UI shows
    the runs) and stops it on exit.
    """
    set_verbosity(quiet, verbose)
    corpus, out = corpus.resolve(), out.resolve()
    try:
        list_pdfs(corpus)
    except CorpusError as error:
        fail(str(error))
    prepare_output(out)
    home = configure_prefect(out)
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        try:
            server, api_url = start_local_server(home, port=port)
        except RuntimeError as error:
            fail(str(error))
        os.environ["PREFECT_API_URL"] = api_url
    api_url = os.environ["PREFECT_API_URL"]
    # the served runs load the flow afresh: the runner's settings travel in the environment
    os.environ["REVIEWMINER_WORKERS"] = str(workers)
    if dask_address:
        os.environ["REVIEWMINER_DASK_ADDRESS"] = dask_address
    from prefect.deployments.runner import EntrypointType

    from pipeline.orchestration.flow import run_corpus

    if not quiet:
        typer.echo(f"serving reviewminer/{name} ({cron}, UTC): {corpus} -> {out}")
        typer.echo(f"Prefect UI: {api_url.removesuffix('/api')}")
        typer.echo(
            f"run it now from another shell: PREFECT_API_URL={api_url} prefect deployment run 'reviewminer/{name}'"
        )
    try:
        run_corpus.serve(
            name=name,
            cron=cron,
            entrypoint_type=EntrypointType.MODULE_PATH,
            parameters={
                "corpus": str(corpus),
                "out": str(out),
                "max_pages": max_pages,
                "max_seconds": max_seconds,
                "wait_seconds": wait,
                "progress": bool(progress),
                "debug": debug,
                "max_memory_mb": max_memory,
                "fail_on": fail_on.value,
            },
            description=f"Rerun ReviewMiner over {corpus} into {out}",
            print_starting_message=False,
        )
    finally:
        if server is not None:
            stop_local_server(server)


@app.command()
def review(
    out: Annotated[Path, typer.Argument(help="An output folder written by `reviewminer run`.")] = Path("outputs"),
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless others must reach it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the review app.")] = 8765,
    corpus: Annotated[
        Path | None, typer.Option(help="Where the PDFs are now, if they moved since the run (found by name and hash).")
    ] = None,
) -> None:
    """Start the curator web app over OUT: accept, reject or edit extracted claims."""
    if not (out / "claims.parquet").exists():
        fail(f"no claims.parquet in {out}; run `reviewminer run CORPUS --out {out}` first")
    from pipeline.review import serve_review

    serve_review(out, host=host, port=port, corpus=corpus)


@app.command()
def validate(
    out: Annotated[Path, typer.Argument(help="An output folder written by `reviewminer run`.")] = Path("outputs"),
) -> None:
    """Check every file in OUT against OUT/datapackage.json (Frictionless: columns, types, keys, constraints).

    Exit code 0 when all files match, 1 when any does not (each mismatch printed), 2 when OUT has no package.
    """
    if not (out / "datapackage.json").is_file():
        fail(f"no datapackage.json in {out}; run `reviewminer run CORPUS --out {out}` first")
    from pipeline.outputs.datapackage import validate_datapackage

    errors = validate_datapackage(out)
    for error in errors:
        typer.echo(error)
    if errors:
        raise typer.Exit(1)
    typer.echo(f"{out}: every file matches datapackage.json")


@app.command("eval")
def evaluate(
    corpus: Annotated[
        Path | None,
        typer.Argument(help="PDFs to evaluate (a folder or one PDF). Default: the seed review in corpus/."),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(help="Folder of gold files named after the PDFs. Default: CORPUS itself, or gold/seed."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder of the run (reused as a cache). Default: a cache folder."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Parallel processes for the run.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show: Annotated[bool, typer.Option(help="List missed gold claims and unmatched predictions.")] = False,
    progress: ProgressOption = None,
) -> None:
    """Run the pipeline over CORPUS (or reuse its cached results) and score it against hand-made gold.

    Prints, per document and pooled: claims precision/recall/F1 per relation, exact-cell accuracy per gold table
    grid, and body-text recall. Gold follows gold/ANNOTATION.md; `reviewminer eval gold/dev` and
    `reviewminer eval gold/heldout` score the repository's two splits. Exit code 2 when gold or PDFs are missing.
    """
    from pipeline.evaluate import GoldError, evaluate_output, find_gold

    if corpus is None:
        corpus, gold = PROJECT_ROOT / "corpus", gold or PROJECT_ROOT / "gold" / "seed"
    corpus = corpus.resolve()
    gold = (gold or (corpus if corpus.is_dir() else corpus.parent)).resolve()
    try:
        documents = find_gold(corpus, gold)
    except GoldError as error:
        fail(str(error))
    out = (out or default_eval_output(corpus)).resolve()
    prepare_output(out)
    stop_on_signals(out)
    try:
        _run(corpus, out, workers, None, Settings(), 0, wants_progress(progress, as_json), False)
        report = evaluate_output(out, documents, name=str(gold))
    except (CorpusError, RunLockedError, GoldError) as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        for line in report.lines(show=show):
            typer.echo(line)


def default_eval_output(corpus: Path) -> Path:
    """A cache folder per corpus, so a second eval of the same PDFs reuses their extraction."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha1(str(corpus).encode()).hexdigest()[:8]
    return cache / "reviewminer" / "eval" / f"{corpus.stem}-{key}"


@app.command("train-ner")
def train_ner_command(
    output: Annotated[Path | None, typer.Option(help="Where to save the trained NER (default models/nlp/ner).")] = None,
    epochs: Annotated[int | None, typer.Option(min=1, help="Training epochs.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same model).")] = 0,
    corpus: Annotated[
        Path | None, typer.Option(help="Training sentences (.jsonl.gz; default models/nlp/training/).")
    ] = None,
    rebuild_corpus: Annotated[
        list[Path] | None, typer.Option(help="Re-take the training sentences from these PDFs first.")
    ] = None,
) -> None:
    """Train our NER component on weak labels from the entity-ruler lexicons (reproducible, CPU, minutes)."""
    from pipeline.extract import train_ner

    argv = ["--seed", str(seed)]
    if output:
        argv += ["--output", str(output)]
    if epochs:
        argv += ["--epochs", str(epochs)]
    if corpus:
        argv += ["--corpus", str(corpus)]
    if rebuild_corpus:
        argv += ["--rebuild-corpus", *map(str, rebuild_corpus)]
    train_ner.main(argv)


def main() -> None:
    choose_blas_kernel()  # before any stage imports numpy (its OpenBLAS reads the choice when it loads)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
