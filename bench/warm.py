"""Warm per-request timing: many calls of already-loaded handlers in one process, as a warm Lambda sees.

Cases run interleaved in blocks (round robin) rather than one after another, so that machine noise
(frequency scaling, other processes, GC) lands on every case alike and the ratios stay meaningful.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@dataclass
class Case:
    """One skill answering one request; ``samples`` collects the per-call times in nanoseconds."""

    kind: str
    skill: str
    handler: Handler
    event: dict[str, Any]
    samples: list[int] = field(default_factory=list)

    def call(self) -> dict[str, Any]:
        return self.handler(self.event, None)


class _ErrorCounter(logging.Handler):
    """Counts ERROR records, so a request that silently lands in an exception handler is caught."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def check(case: Case) -> dict[str, Any]:
    """One untimed call that must produce speech without logging an error: a benchmark of the error
    path would measure the wrong thing. Only adds a handler to the root logger; its level is untouched."""
    counter = _ErrorCounter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        result = case.call()
    finally:
        root.removeHandler(counter)
    if counter.count or "outputSpeech" not in result.get("response", {}):
        raise RuntimeError(f"{case.skill} {case.kind}: no clean answer ({counter.count} errors): {result}")
    return result


def run(cases: list[Case], *, requests: int, warmup: int, block: int) -> None:
    """Warm every case up, then time ``requests`` calls of each in interleaved blocks of ``block``."""
    for case in cases:
        for _ in range(warmup):
            case.call()
    gc.collect()
    clock = time.perf_counter_ns
    done = 0
    while done < requests:
        n = min(block, requests - done)
        for case in cases:
            samples = case.samples
            call = case.call
            for _ in range(n):
                start = clock()
                call()
                samples.append(clock() - start)
        done += n


def percentile(samples: list[int], q: float) -> float:
    """Nearest-rank percentile in microseconds (``q`` in 0..100)."""
    ordered = sorted(samples)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1] / 1000
