"""Prefect settings for a local, offline tool. Must run before anything imports prefect.

Prefect reads its settings from the environment when it is first imported, so the CLI calls
`configure_prefect` first and imports the flow module afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

QUIET_DEFAULTS = {
    # No telemetry and no network calls from a tool that runs offline.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # ...but the runs' own log lines (documents done, failures, totals) reach the API, so the Prefect UI shows them,
    # while the terminal keeps to warnings.
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # Hides exit-time tracebacks of the temporary server.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    # A cold start of the temporary server takes 16-23 s on 2 cores; the default 20 s is too tight.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def default_prefect_home(out_dir: Path) -> Path:
    """Prefect's database lives beside the datasets it produced, never in the user's home."""
    return Path(out_dir).resolve() / ".reviewminer" / "prefect"


def configure_prefect(out_dir: Path) -> Path:
    """Set Prefect's environment (user-set values win) and return PREFECT_HOME."""
    home = Path(os.environ.get("PREFECT_HOME") or default_prefect_home(out_dir))
    home.mkdir(parents=True, exist_ok=True)
    os.environ["PREFECT_HOME"] = str(home)
    for key, value in QUIET_DEFAULTS.items():
        os.environ.setdefault(key, value)
    return home


def start_local_server(home: Path, host: str = "127.0.0.1", port: int = 4200, timeout: float = 120):
    """Start `prefect server start` as a child process and wait until its API answers.

    Scheduled runs need a real server (the temporary one never fires schedules); it also serves the UI.
    Returns (process, api_url).
    """
    process, api_url = launch_local_server(home, host, port)
    wait_until_healthy(process, api_url, home, timeout)
    return process, api_url


# Server loops a server that lives for one run never needs: it schedules no deployments, has no late runs, work
# pools or automations. They wake every few seconds and take CPU from the run's workers.
ONE_RUN_SERVER = {
    f"PREFECT_SERVER_SERVICES_{service}_ENABLED": "false"
    for service in (
        "SCHEDULER",
        "LATE_RUNS",
        "FOREMAN",
        "CANCELLATION_CLEANUP",
        "PAUSE_EXPIRATIONS",
        "REPOSSESSOR",
        "TRIGGERS",
    )
}


def launch_local_server(home: Path, host: str = "127.0.0.1", port: int = 4200, one_run: bool = False):
    """Start `prefect server start` as a child process without waiting for it; returns (process, api_url).

    The server takes 5-10 s to boot on 2 cores: the caller does its own start-up meanwhile, then calls
    `wait_until_healthy`. `one_run`: the server only records one flow run (its tasks, logs, events).
    """
    import signal
    import subprocess
    import sys
    from functools import partial

    from pipeline.isolation import die_with_parent

    env = dict(os.environ, PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)
    if one_run:
        env.update(ONE_RUN_SERVER)
    log = open(Path(home) / "server.log", "ab")  # noqa: SIM115 - kept open for the child's lifetime
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port), "--analytics-off"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # a run killed with SIGKILL takes its server with it (only a prctl call between fork and exec)
        preexec_fn=partial(die_with_parent, signal.SIGTERM),  # noqa: PLW1509
    )
    return process, f"http://{host}:{port}/api"


def wait_until_healthy(process, api_url: str, home: Path, timeout: float = 120) -> None:
    """Wait until the server's API answers; raises RuntimeError (and stops the server) if it does not."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}; see {home}/server.log")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"the Prefect server did not answer within {timeout:g} s; see {home}/server.log")


def stop_local_server(process) -> None:
    """Send what this process still owes the server (logs, events), then stop it.

    Stopped first, the server would leave Prefect's log worker retrying against a closed port for a minute at
    exit, and it would wait for this process's open connections before shutting down.
    """
    import subprocess
    import sys

    if "prefect" in sys.modules:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for service in (APILogWorker, EventsWorker):
            try:
                service.drain_all(timeout=10)
            except Exception:  # noqa: BLE001 - nothing to send, or already stopped: the server stops either way
                pass
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
