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
    import subprocess
    import sys
    import time
    import urllib.request

    env = dict(os.environ, PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)
    log = open(Path(home) / "server.log", "ab")  # noqa: SIM115 - kept open for the child's lifetime
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port), "--analytics-off"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    api_url = f"http://{host}:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}; see {home}/server.log")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return process, api_url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"the Prefect server did not answer within {timeout:g} s; see {home}/server.log")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
