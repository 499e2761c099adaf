"""``make bench`` keeps working: a quick run of every section prints its table and goal line.

Timings are never asserted here (they belong to the benchmark's own output), only that it runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_quick_benchmark_run_prints_every_section() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--web-requests", "100"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    output = finished.stdout
    assert "ratio ours/hello-world " in output and "ratio ours/hello-world (built once)" in output
    assert "goal: p50 ratio <= 1.5x" in output
    assert "throughput on/off" in output
    assert "verification on" in output and "verification off" in output
    assert "cold start: new python3." in output
    for package in (
        "cramp-coach, hash-based",
        "hello-world, hash-based",
        "hello-world, no bytecode",
        "timestamp",
    ):
        assert package in output, package
    assert "goal: cold start <= 1.10x the hello-world with bytecode" in output


def test_a_small_load_test_runs_against_the_real_server_without_errors() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "--requests", "400", "--concurrency", "4"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "errors (non-200 or failed)            0" in finished.stdout, finished.stdout + finished.stderr
    assert "server memory after" in finished.stdout
