"""The processes a run started (its Prefect server, forkserver, pool workers, isolated documents): stop them all.

On Linux each of them also dies with its parent (PR_SET_PDEATHSIG, see `pipeline.isolation`), so a run
killed with SIGKILL leaves nothing behind; this module is for a run that stops itself (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path


def descendants(pid: int | None = None) -> list[int]:
    """Every process below `pid` (default: this one), parents before their children; empty where there is no /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the command name (2nd field) may hold spaces and parentheses: the parent pid follows the last ")"
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, frontier = [], [pid or os.getpid()]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


def kill_descendants() -> None:
    """SIGKILL every process this one started, directly or not (all found first, so none escapes to init)."""
    for pid in descendants():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
