"""A cProfile of one call in CPU seconds (the machine may be shared), printed by cumulative and by own time."""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable


def print_cpu_profile(run: Callable[[], object], top: int) -> None:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
