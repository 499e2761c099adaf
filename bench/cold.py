"""Cold start: a new interpreter imports ``lambda_function`` from an unpacked, read-only package and
answers one LaunchRequest, as the first request after idle does on Lambda.

The goal is on "import+answer", timed inside the child from before the import to the answer: what Lambda's
init phase and first invocation spend on the package. "process" adds the interpreter's own start-up,
the same for every package, and is shown beside it.

Five packages, built by the same builder and measured in interleaved runs:

- Cramp Coach, with unchecked-hash bytecode (what ``make package`` ships);
- the hello-world sample, packaged the same way (the goal: importing and answering in at most 0.70x
  its time);
- the hello-world as the ASK CLI ships it, without bytecode (every module compiled on every start);
- Cramp Coach with timestamp-based bytecode, as pip or a plain compileall writes it: unzipping gives the
  sources new timestamps, the bytecode no longer matches, and a read-only folder means Python recompiles
  on every start. This row is why the package uses PEP 552 hash-based bytecode;
- Cramp Coach as it was before ``skill/deferred_imports.py``: the same package, with the two modules it
  defers (``pprint``, ``decimal``) imported first, inside the timed part, as the ASK SDK would import
  them; the service clients stay deferred, as they were then. The first row's ratio to it is what the
  deferral buys, measured in the same run.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from skill.deferred_imports import DEFERRED_MODULES
from tooling.envelopes import envelope, launch_request
from tooling.packaging import (
    CRAMP_COACH,
    HASH_BASED,
    NO_BYTECODE,
    REPO,
    TIMESTAMP_BASED,
    Bytecode,
    PackageSource,
    Target,
    build_package,
    find_interpreter,
    make_writable,
    read_target,
    unpack_read_only,
)

HELLO_WORLD = PackageSource(
    entry_point=REPO / "bench" / "hello_world.py",
    packages=(),
    requirements=REPO / "lambda" / "requirements.txt",
)
GOAL_RATIO = 0.70
GOAL = f"cold: import + one answer <= {GOAL_RATIO:.2f}x the hello-world with bytecode"

# The child: import the handler and answer the event on stdin; report the in-process time too. Any
# modules named after the folder are imported first, in the timed part (a package as it was before).
ANSWER_ONE_LAUNCH = """
import importlib, json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2:]:
    importlib.import_module(name)
import lambda_function
response = lambda_function.lambda_handler(json.loads(sys.stdin.read()), None)
assert "outputSpeech" in response["response"], response
print(time.perf_counter() - started)
"""


@dataclass
class Variant:
    """One package under test, and the times of its runs."""

    label: str
    source: PackageSource
    bytecode: Bytecode
    imported_first: tuple[str, ...] = ()
    folder: Path | None = None
    zip_bytes: int = 0
    process_seconds: list[float] = field(default_factory=list)
    import_and_answer_seconds: list[float] = field(default_factory=list)


OURS = "cramp-coach, hash-based bytecode"
HELLO = "hello-world, hash-based bytecode"
HELLO_ASK_CLI = "hello-world, no bytecode (ASK CLI)"
TIMESTAMP = "cramp-coach, timestamp bytecode"
BEFORE_DEFERRING = "cramp-coach, pprint+decimal imported"


def run_cold_benchmark(*, runs: int) -> bool:
    target = read_target()
    interpreter = find_interpreter(target.python_version)
    variants = [
        Variant(OURS, CRAMP_COACH, HASH_BASED),
        Variant(HELLO, HELLO_WORLD, HASH_BASED),
        Variant(HELLO_ASK_CLI, HELLO_WORLD, NO_BYTECODE),
        Variant(TIMESTAMP, CRAMP_COACH, TIMESTAMP_BASED),
        Variant(BEFORE_DEFERRING, CRAMP_COACH, HASH_BASED, DEFERRED_MODULES),
    ]
    event = json.dumps(envelope(launch_request()))
    with tempfile.TemporaryDirectory(prefix="cold-start-") as work:
        try:
            for index, variant in enumerate(variants):
                zip_path = Path(work) / f"package-{index}.zip"
                build_package(zip_path, source=variant.source, target=target, bytecode=variant.bytecode)
                variant.zip_bytes = zip_path.stat().st_size
                variant.folder = Path(work) / f"task-{index}"
                unpack_read_only(zip_path, variant.folder)
            for variant in variants:  # once each, untimed: the page cache warms as it would on a host
                _run_once(interpreter, variant, event)
            order = random.Random(552)  # a fixed seed: the same shuffles every run of the benchmark
            for _ in range(runs):
                for variant in order.sample(variants, len(variants)):  # no package always goes first
                    _run_once(interpreter, variant, event, record=True)
        finally:
            for variant in variants:
                if variant.folder is not None and variant.folder.exists():
                    make_writable(variant.folder)
    return report(variants, target, runs)


def _run_once(interpreter: Path, variant: Variant, event: str, *, record: bool = False) -> None:
    assert variant.folder is not None
    started = time.perf_counter()
    finished = subprocess.run(
        [
            str(interpreter),
            "-I",
            "-S",
            "-B",
            "-c",
            ANSWER_ONE_LAUNCH,
            str(variant.folder),
            *variant.imported_first,
        ],
        input=event,
        capture_output=True,
        text=True,
        cwd=variant.folder,
        env={},
        check=False,
    )
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise RuntimeError(f"{variant.label} failed to answer:\n{finished.stderr}")
    if record:
        variant.process_seconds.append(elapsed)
        variant.import_and_answer_seconds.append(float(finished.stdout.strip()))


def report(variants: list[Variant], target: Target, runs: int) -> bool:
    print(
        f"cold start: new {target.runtime} process, read-only unpacked package, one LaunchRequest; "
        f"median of {runs} runs\n"
    )
    print(f"{'package':<38} {'zip KiB':>8} {'process ms':>11} {'import+answer ms':>17}")
    medians, insides = {}, {}
    for variant in variants:
        process = statistics.median(variant.process_seconds) * 1000
        inside = statistics.median(variant.import_and_answer_seconds) * 1000
        medians[variant.label], insides[variant.label] = process, inside
        print(f"{variant.label:<38} {variant.zip_bytes / 1024:>8.0f} {process:>11.1f} {inside:>17.1f}")
    ours, hello, hello_cli, stale, before = (
        medians[label] for label in (OURS, HELLO, HELLO_ASK_CLI, TIMESTAMP, BEFORE_DEFERRING)
    )
    ours_in, hello_in, before_in = (insides[label] for label in (OURS, HELLO, BEFORE_DEFERRING))
    print()
    rows = [
        ("cramp-coach / hello-world (hash-based bytecode)", ours / hello, ours_in / hello_in),
        ("cramp-coach / hello-world (no bytecode, ASK CLI)", ours / hello_cli, None),
        ("timestamp bytecode / hash-based (cramp-coach)", stale / ours, None),
        ("pprint+decimal imported / hello-world", before / hello, before_in / hello_in),
        ("cramp-coach / pprint+decimal imported", ours / before, ours_in / before_in),
    ]
    print(f"{'ratio':<50} {'process':>8} {'import+answer':>14}")
    for label, process_ratio, inside_ratio in rows:
        inside_text = f"{inside_ratio:>13.2f}x" if inside_ratio is not None else ""
        print(f"{label:<50} {process_ratio:>7.2f}x {inside_text}".rstrip())
    ok = ours_in / hello_in <= GOAL_RATIO
    print(f"\ngoal: {GOAL}  {'PASS' if ok else 'MISS'}")
    return ok
