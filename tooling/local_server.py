"""``python -m skill serve`` in a child process on a free loopback port, for tests, benchmarks and the
load test: each needs the real server (waitress, real sockets), started and stopped the same way."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from skill.web.settings import SETTINGS_ENVIRONMENT_VARIABLE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LocalServer:
    """A running server: where to reach it, its process (for its pid) and the file its stderr goes to.

    Stderr goes to a file, not a pipe: nobody reads a pipe while the server runs, and once ~64 KB of
    warnings filled it the server would block on its next log line and stop answering."""

    host: str
    port: int
    process: subprocess.Popen[str]
    stderr_file: IO[str]

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
        if self.stderr_file.closed:
            return ""
        self.stderr_file.seek(0)
        output = self.stderr_file.read()
        self.stderr_file.close()
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


# Settings of the caller's shell that would change what the server does: a test or benchmark that wants
# them passes them explicitly.
_NOT_INHERITED = ("SKILL_ID", SETTINGS_ENVIRONMENT_VARIABLE)


@contextmanager
def running_server(
    *options: str, environment: Mapping[str, str] | None = None, deadline_seconds: float = 30
) -> Iterator[LocalServer]:
    """Run ``python -m skill serve --port <free> <options>`` until the block ends."""
    port = free_port()
    inherited = {name: value for name, value in os.environ.items() if name not in _NOT_INHERITED}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "skill", "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            env={**inherited, **(environment or {})},
            stderr=stderr_file,
            text=True,
        )
        server = LocalServer("127.0.0.1", port, process, stderr_file)
        _wait_until_healthy(server, deadline_seconds)
        try:
            yield server
        finally:
            server.stop()
