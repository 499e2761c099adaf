"""``make loadtest``: the real server, verification on, under sustained signed load; errors and memory.

Starts ``python -m skill serve`` on loopback with the throwaway test chain injected through the settings
hook (``--settings tooling.signing_chain:settings_from_environment``, no code edit), warms it up, then
drives signed requests (launches and cramp intents) over keep-alive connections and reports throughput,
latency, errors and the server's memory (resident set of its process and any children) before and after.
Goal: no errors, and memory growth under 10 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.load import LoadResult, drive, signed_requests
from tooling.local_server import running_server
from tooling.signing_chain import TEST_CHAIN_DIR_VARIABLE, make_signing_chain, write_signing_chain

SETTINGS_HOOK = "tooling.signing_chain:settings_from_environment"
GOAL_MAX_GROWTH_MB = 10.0
BATCH = 5000  # requests signed per batch: timestamps stay well inside Alexa's 150 seconds


def resident_megabytes(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    total_kb = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total_kb += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
        pending += [int(child) for child in children]
    return total_kb / 1024


def run_load_test(*, requests: int, concurrency: int, workers: int) -> bool:
    signing_chain = make_signing_chain()
    with tempfile.TemporaryDirectory() as chain_dir:
        write_signing_chain(signing_chain, Path(chain_dir))
        with running_server(
            "--workers", str(workers), "--settings", SETTINGS_HOOK,
            environment={TEST_CHAIN_DIR_VARIABLE: chain_dir},
        ) as server:  # fmt: skip
            warm = drive(
                server.host, server.port, signed_requests(signing_chain, 200), total=1000, concurrency=4
            )
            memory_before = resident_megabytes(server.process.pid)
            result = LoadResult()
            remaining = requests
            while remaining > 0:
                batch = min(BATCH, remaining)
                pool = signed_requests(signing_chain, 500)
                result.merge(drive(server.host, server.port, pool, total=batch, concurrency=concurrency))
                remaining -= batch
            memory_after = resident_megabytes(server.process.pid)
            server_errors = [
                line for line in server.stop().splitlines() if "Traceback" in line or "ERROR" in line
            ]
    growth = memory_after - memory_before
    print(f"load test: {requests} signed requests, {concurrency} keep-alive connections, verification on,")
    print(f"waitress with {workers} worker threads on loopback (warm-up: {warm.requests} requests)\n")
    print(f"{'throughput':<28} {result.per_second:>10.0f} requests/s")
    print(f"{'latency p50':<28} {result.percentile_ms(50):>10.2f} ms")
    print(f"{'latency p99':<28} {result.percentile_ms(99):>10.2f} ms")
    print(f"{'errors (non-200 or failed)':<28} {result.errors:>10}")
    print(f"{'server memory before':<28} {memory_before:>10.1f} MB")
    print(f"{'server memory after':<28} {memory_after:>10.1f} MB")
    print(f"{'growth':<28} {growth:>+10.1f} MB")
    print(f"{'server log errors':<28} {len(server_errors):>10}")
    for example in result.error_examples:
        print(f"  error: {example}")
    ok = result.errors == 0 and not server_errors and growth < GOAL_MAX_GROWTH_MB
    print(f"\ngoal: 0 errors, memory growth < {GOAL_MAX_GROWTH_MB:.0f} MB  {'PASS' if ok else 'MISS'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=20_000, help="signed requests to send (default 20000)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="keep-alive connections (default 16)")
    parser.add_argument("--workers", type=int, default=8, help="server worker threads (default 8)")
    args = parser.parse_args(argv)
    ok = run_load_test(requests=args.requests, concurrency=args.concurrency, workers=args.workers)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
