"""``make bench`` keeps working: a quick run of every section prints its table and goal line; so do the
load test and ``python -m bench.understanding``.

Timings are never asserted here (they belong to the benchmark's own output), only that it runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tooling.danger_hearing import FIRST_HEARD
from tooling.understanding import CONVERSATION_SETS, FIRST_MEASURED, FIRST_RESOLVED, PHRASE_CORPORA

# Every test here runs the benchmark, the load test or the understanding report in a subprocess.
pytestmark = pytest.mark.slow

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
    assert "ratio ours/cramp-coach, SDK serializer" in output
    assert "goal: warm: p50 <= 0.75x the hello-world as written" in output
    assert "throughput on/off" in output and "throughput on/on with the SDK's serializer" in output
    assert "verification on" in output and "verification off" in output and "on, SDK serializer" in output
    assert "cold start: new python3." in output
    for package in (
        "cramp-coach, hash-based",
        "hello-world, hash-based",
        "hello-world, no bytecode",
        "timestamp",
        "cramp-coach, pprint+decimal imported",
    ):
        assert package in output, package
    assert "pprint+decimal imported / hello-world" in output
    assert "cramp-coach / pprint+decimal imported" in output
    assert "goal: cold: import + one answer <= 0.70x the hello-world with bytecode" in output
    summary = output[output.rindex("goals\n") :].splitlines()[1:]
    assert len(summary) == 4, "warm, the two web goals, cold: each with its verdict"
    assert all(line.rstrip().endswith(("PASS", "MISS")) for line in summary), summary


def test_without_the_lambda_runtimes_python_the_cold_start_says_so_in_one_line_and_the_rest_runs(
    tmp_path: Path,
) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "warm", "--only", "cold"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")},
    )
    assert finished.returncode == 0, finished.stderr
    assert "Traceback" not in finished.stdout + finished.stderr
    assert "goal: warm: p50" in finished.stdout, "the warm section ran"
    (line,) = [line for line in finished.stdout.splitlines() if "cold start not measured" in line]
    assert "install python3." in line


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


def test_the_understanding_report_prints_every_corpus_every_set_and_the_first_holds() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.understanding"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = finished.stdout.splitlines()
    for name in [*PHRASE_CORPORA, *CONVERSATION_SETS]:
        assert any(line.startswith(f"  {name} ") for line in lines), name
    measured_first = (
        len(FIRST_MEASURED) + len(FIRST_RESOLVED) + len(FIRST_HEARD)
    )  # and the role-play's dangers
    assert sum("first, untouched:" in line for line in lines) == measured_first, "each set measured untouched"
    assert sum(line.rstrip().endswith(" s") and " words " in line for line in lines) == 6, "six muscles"
