"""``python -m skill serve`` in a child process on a free loopback port, for tests, benchmarks and the
load test: each needs the real server (gunicorn, real sockets), started and stopped the same way."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LocalServer:
    """A running server: where to reach it and its process (for its pid and stderr)."""

    host: str
    port: int
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> str:
        """Stop it gracefully (SIGTERM, as a process manager would) and return what it wrote to stderr;
        stopping again returns nothing more."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        assert self.process.stderr is not None
        if self.process.stderr.closed:
            return ""
        output = self.process.stderr.read()
        self.process.stderr.close()
        return output


def _wait_until_healthy(server: LocalServer, deadline_seconds: float) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{server.stop()}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError("server did not become healthy in time")


@contextmanager
def running_server(
    *options: str, environment: Mapping[str, str] | None = None, deadline_seconds: float = 30
) -> Iterator[LocalServer]:
    """Run ``python -m skill serve --port <free> <options>`` until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", "--host", "127.0.0.1", "--port", str(port), *options],
        env={**os.environ, **(environment or {})},
        stderr=subprocess.PIPE,
        text=True,
    )
    server = LocalServer("127.0.0.1", port, process)
    _wait_until_healthy(server, deadline_seconds)
    try:
        yield server
    finally:
        server.stop()
