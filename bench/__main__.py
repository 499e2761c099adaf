"""``python -m bench``: every benchmark of the project, each beside a baseline measured in the same run.

- warm: latency per request in one process, Cramp Coach beside the ASK SDK hello-world sample (goal:
  p50 at most 0.75x, for a launch and for a slot-filled cramp intent);
- web: the real server on loopback with Alexa verification on, off, and on with the SDK's own serializer
  (goals: verification costs at most 20% of throughput; at least 1.15x the throughput with the SDK's
  serializer);
- cold: a new process importing the unpacked read-only Lambda package and answering one launch, beside
  the hello-world sample packaged the same way and as the ASK CLI does (goal: at most 0.70x the time).

Each goal's PASS or MISS is printed under its table and again, all together, at the end. Missing a goal
is reported, not an error: the numbers are for people, and CI noise would flap. A section that cannot
run (no interpreter of the Lambda runtime's version for the cold start) says why in one line, and the
others run.
"""

from __future__ import annotations

import argparse
import sys

from bench import cold, warm
from bench.web import Goals, run_web_benchmark
from tooling.packaging import PackagingError

SECTIONS = ("warm", "web", "cold")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    parser.add_argument("--quick", action="store_true", help="smoke run: few requests, for checking it works")
    parser.add_argument(
        "--requests", type=int, default=5000, help="warm: timed calls per case (default 5000)"
    )
    parser.add_argument("--block", type=int, default=500, help="warm: calls per case per interleaved round")
    parser.add_argument(
        "--web-requests", type=int, default=8000, help="web: requests per server (default 8000)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="web: keep-alive connections (default 8)")
    parser.add_argument("--workers", type=int, default=8, help="web: server worker threads (default 8)")
    parser.add_argument("--cold-runs", type=int, default=40, help="cold: runs per package (default 40)")
    args = parser.parse_args(argv)
    counts = (args.requests, args.block, args.web_requests, args.concurrency, args.workers)
    if min(*counts, args.cold_runs) < 1:
        parser.error("counts must be positive")
    sections = args.only or SECTIONS
    goals: Goals = []
    if "warm" in sections:
        requests = 200 if args.quick else args.requests
        ok = warm.run_warm_benchmark(requests=requests, warmup=50 if args.quick else 300, block=args.block)
        goals.append((warm.GOAL, ok))
        print()
    if "web" in sections:
        goals += run_web_benchmark(
            requests=400 if args.quick else args.web_requests,
            concurrency=args.concurrency,
            workers=args.workers,
            rounds=2 if args.quick else 8,
        )
        print()
    if "cold" in sections:
        try:
            goals.append((cold.GOAL, cold.run_cold_benchmark(runs=3 if args.quick else args.cold_runs)))
        except PackagingError as error:  # no interpreter of the target version: say so, run the rest
            print(f"cold start not measured: {error}")
        print()
    if goals:
        print("goals")
        for goal, ok in goals:
            print(f"  {goal:<78} {'PASS' if ok else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
