"""A small HTTP load driver: N keep-alive connections in threads, each sending signed Alexa requests.

Shared by the web benchmark and the load test. Requests are signed ahead of time (RSA signing would
otherwise dominate the client's cost) into a pool of distinct bodies that the connections cycle through;
the pool is re-signed before every run so timestamps stay inside Alexa's 150-second window.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

from bench.stats import percentile
from tooling.envelopes import SlotFill, envelope, intent_request, launch_request
from tooling.signing_chain import SigningChain

SignedRequest = tuple[bytes, dict[str, str]]


def signed_requests(signing_chain: SigningChain | None, count: int) -> list[SignedRequest]:
    """``count`` distinct requests (launches and cramp intents), signed now; unsigned when no chain."""
    requests = []
    for index in range(count):
        if index % 2:
            muscle = {"muscle": SlotFill("calf", "CALF", "calf", matched=True)}
            body = json.dumps(envelope(intent_request("CrampIntent", muscle))).encode()
        else:
            body = json.dumps(envelope(launch_request())).encode()
        headers = signing_chain.headers(body) if signing_chain else {"Content-Type": "application/json"}
        requests.append((body, headers))
    return requests


@dataclass
class LoadResult:
    """What one run measured."""

    latencies_ns: list[int] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    error_examples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ns) + self.errors

    @property
    def per_second(self) -> float:
        return len(self.latencies_ns) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies_ns:
            return float("nan")
        return percentile(self.latencies_ns, q) / 1e6  # nanoseconds to milliseconds

    def merge(self, other: LoadResult) -> None:
        self.latencies_ns += other.latencies_ns
        self.errors += other.errors
        self.seconds += other.seconds
        self.error_examples += other.error_examples[: 5 - len(self.error_examples)]


def drive(
    host: str,
    port: int,
    pool: list[SignedRequest],
    *,
    total: int,
    concurrency: int,
) -> LoadResult:
    """Send ``total`` requests over ``concurrency`` keep-alive connections; a non-200 is an error."""
    result = LoadResult()
    lock = threading.Lock()
    tickets = iter(range(total))
    pool_cycle = itertools.cycle(pool)

    def next_request() -> SignedRequest | None:
        with lock:
            if next(tickets, None) is None:
                return None
            return next(pool_cycle)

    def connection_worker() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        latencies: list[int] = []
        errors: list[str] = []
        while (item := next_request()) is not None:
            body, headers = item
            start = time.perf_counter_ns()
            try:
                connection.request("POST", "/", body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                if response.status == 200:
                    latencies.append(time.perf_counter_ns() - start)
                else:
                    errors.append(f"HTTP {response.status}: {answer[:80]!r}")
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
                connection.close()
        connection.close()
        with lock:
            result.latencies_ns += latencies
            result.errors += len(errors)
            result.error_examples += errors[: max(0, 5 - len(result.error_examples))]

    threads = [threading.Thread(target=connection_worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
