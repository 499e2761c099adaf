"""Throughput and latency through the real server on loopback: verification on, off, and on with the
SDK's own serializer (the path before ``EnvelopeSerializer``).

The three servers run at once with the same number of worker threads; runs alternate between them in
rounds so that machine noise lands on all alike. "On" signs every request with the test chain (the server
fetches the chain once, then serves it from its cache); "off" is ``--dev``. Two goals: verification costs
at most 20% of throughput, and verification on serves at least 15% more requests per second than the
same server did with the SDK's serializer.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer

from bench.load import LoadResult, drive, signed_requests
from tooling.local_server import running_server
from tooling.signing_chain import (
    TEST_CHAIN_DIR_VARIABLE,
    make_signing_chain,
    settings_from_environment,
    write_signing_chain,
)

GOAL_MAX_THROUGHPUT_COST = 0.20
GOAL_MIN_SPEEDUP = 1.15
SETTINGS_HOOK = "tooling.signing_chain:settings_from_environment"
SDK_SERIALIZER_SETTINGS_HOOK = "bench.web:settings_with_the_sdks_serializer"
ON, OFF, BEFORE = "verification on", "verification off", "on, SDK serializer"
COST_GOAL = f"web: verification costs <= {GOAL_MAX_THROUGHPUT_COST:.0%} of throughput, 0 errors"
SPEEDUP_GOAL = f"web: verification on >= {GOAL_MIN_SPEEDUP:.2f}x the throughput with the SDK's serializer"


def settings_with_the_sdks_serializer() -> dict[str, Any]:
    """The settings hook of the baseline server: the test chain, and the SDK's own serializer."""
    return {**settings_from_environment(), "serializer": DefaultSerializer()}


Goals = list[tuple[str, bool]]  # (what the goal is, whether it was met)


def run_web_benchmark(*, requests: int, concurrency: int, workers: int, rounds: int) -> Goals:
    signing_chain = make_signing_chain()
    server_options = ("--workers", str(workers))
    with tempfile.TemporaryDirectory() as chain_dir:
        write_signing_chain(signing_chain, Path(chain_dir))
        environment = {TEST_CHAIN_DIR_VARIABLE: chain_dir}
        with (
            running_server(*server_options, "--settings", SETTINGS_HOOK, environment=environment) as verified,
            running_server(*server_options, "--dev") as unverified,
            running_server(
                *server_options, "--settings", SDK_SERIALIZER_SETTINGS_HOOK, environment=environment
            ) as before,
        ):
            results = {ON: LoadResult(), OFF: LoadResult(), BEFORE: LoadResult()}
            servers = {
                ON: (verified, signing_chain),
                OFF: (unverified, None),
                BEFORE: (before, signing_chain),
            }
            per_round = max(1, requests // rounds)
            for server, chain in servers.values():  # warm up: imports, the first fetch, caches
                drive(
                    server.host, server.port, signed_requests(chain, 50), total=200, concurrency=concurrency
                )
            rates: dict[str, list[float]] = {label: [] for label in servers}
            labels = list(servers)
            for round_number in range(rounds):
                turn = round_number % len(labels)  # each server goes first in turn
                for label in labels[turn:] + labels[:turn]:
                    server, chain = servers[label]
                    pool = signed_requests(chain, 200)
                    outcome = drive(server.host, server.port, pool, total=per_round, concurrency=concurrency)
                    results[label].merge(outcome)
                    rates[label].append(outcome.per_second)
    return report(results, rates, workers=workers, concurrency=concurrency)


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median over rounds of one server's throughput over another's in the same round: a burst of
    load from outside lands on one round, not on the result."""
    return statistics.median(n / d if d else 0.0 for n, d in zip(numerators, denominators, strict=True))


def report(
    results: dict[str, LoadResult], rates: dict[str, list[float]], *, workers: int, concurrency: int
) -> Goals:
    print(
        f"web service on loopback: waitress with {workers} worker threads, "
        f"{concurrency} keep-alive connections, {len(rates[ON])} alternating rounds\n"
    )
    print(f"{'server':<20} {'requests':>9} {'errors':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for label, result in results.items():
        print(
            f"{label:<20} {result.requests:>9} {result.errors:>7} {result.per_second:>9.0f} "
            f"{result.percentile_ms(50):>8.2f} {result.percentile_ms(99):>8.2f}"
        )
    on, off, before = results[ON], results[OFF], results[BEFORE]
    ratio = median_ratio(rates[ON], rates[OFF])
    speedup = median_ratio(rates[ON], rates[BEFORE])
    print(
        f"\nthroughput on/off {ratio:.2f}x (verification costs {1 - ratio:.0%});  "
        f"p50 on/off {on.percentile_ms(50) / off.percentile_ms(50):.2f}x"
    )
    print(
        f"throughput on/on with the SDK's serializer {speedup:.2f}x;  "
        f"p50 {on.percentile_ms(50) / before.percentile_ms(50):.2f}x"
    )
    print("(throughput ratios: the median over rounds of the two servers' rates in the same round)")
    no_errors = not any(result.errors for result in results.values())
    cost_ok = (1 - ratio) <= GOAL_MAX_THROUGHPUT_COST and no_errors
    speedup_ok = speedup >= GOAL_MIN_SPEEDUP and no_errors
    print(f"goal: {COST_GOAL}  {'PASS' if cost_ok else 'MISS'}")
    print(f"goal: {SPEEDUP_GOAL}  {'PASS' if speedup_ok else 'MISS'}")
    for label, result in results.items():
        for example in result.error_examples:
            print(f"  {label} error: {example}")
    return [(COST_GOAL, cost_ok), (SPEEDUP_GOAL, speedup_ok)]
