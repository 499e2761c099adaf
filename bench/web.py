"""Throughput and latency through the real server on loopback, Alexa verification on beside off.

Both servers run at once with the same number of worker threads; runs alternate between them in rounds
so that machine noise lands on both alike. "On" signs every request with the test chain (the server
fetches the chain once, then serves it from its cache); "off" is ``--dev``. The goal is that verification
costs at most 20% of throughput.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.load import LoadResult, drive, signed_requests
from tooling.local_server import running_server
from tooling.signing_chain import TEST_CHAIN_DIR_VARIABLE, make_signing_chain, write_signing_chain

GOAL_MAX_THROUGHPUT_COST = 0.20
SETTINGS_HOOK = "tooling.signing_chain:settings_from_environment"


def run_web_benchmark(*, requests: int, concurrency: int, workers: int, rounds: int) -> bool:
    signing_chain = make_signing_chain()
    server_options = ("--workers", str(workers))
    with tempfile.TemporaryDirectory() as chain_dir:
        write_signing_chain(signing_chain, Path(chain_dir))
        environment = {TEST_CHAIN_DIR_VARIABLE: chain_dir}
        with (
            running_server(*server_options, "--settings", SETTINGS_HOOK, environment=environment) as verified,
            running_server(*server_options, "--dev") as unverified,
        ):
            results = {"verification on": LoadResult(), "verification off": LoadResult()}
            servers = {"verification on": (verified, signing_chain), "verification off": (unverified, None)}
            per_round = max(1, requests // rounds)
            for server, chain in servers.values():  # warm up: imports, the first fetch, caches
                drive(
                    server.host, server.port, signed_requests(chain, 50), total=200, concurrency=concurrency
                )
            for _ in range(rounds):
                for label, (server, chain) in servers.items():
                    pool = signed_requests(chain, 200)
                    outcome = drive(server.host, server.port, pool, total=per_round, concurrency=concurrency)
                    results[label].merge(outcome)
    return report(results, workers=workers, concurrency=concurrency)


def report(results: dict[str, LoadResult], *, workers: int, concurrency: int) -> bool:
    print(
        f"web service on loopback: waitress with {workers} worker threads, "
        f"{concurrency} keep-alive connections\n"
    )
    print(f"{'server':<18} {'requests':>9} {'errors':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for label, result in results.items():
        print(
            f"{label:<18} {result.requests:>9} {result.errors:>7} {result.per_second:>9.0f} "
            f"{result.percentile_ms(50):>8.2f} {result.percentile_ms(99):>8.2f}"
        )
    on, off = results["verification on"], results["verification off"]
    ratio = on.per_second / off.per_second if off.per_second else 0.0
    print(
        f"\nthroughput on/off {ratio:.2f}x (verification costs {1 - ratio:.0%});  "
        f"p50 on/off {on.percentile_ms(50) / off.percentile_ms(50):.2f}x"
    )
    ok = (1 - ratio) <= GOAL_MAX_THROUGHPUT_COST and on.errors == 0 and off.errors == 0
    verdict = "PASS" if ok else "MISS"
    print(f"goal: verification costs <= {GOAL_MAX_THROUGHPUT_COST:.0%} of throughput, 0 errors  {verdict}")
    for label, result in results.items():
        for example in result.error_examples:
            print(f"  {label} error: {example}")
    return ok
