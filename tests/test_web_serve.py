"""``python -m skill serve``: the real server (gunicorn) in a real process, on a free loopback port."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from skill.envelopes import envelope, launch_request

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(base_url: str, process: subprocess.Popen, deadline_seconds: float = 30) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.stderr.read() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not become healthy")


@contextmanager
def running_server(*options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """``python -m skill serve`` on a free port until the block ends; stderr is kept for the test."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", "--port", str(port), "--workers", "1", *options],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
        yield base_url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)
        assert process.stderr is not None
        process.stderr.close()


def post_json(url: str, payload: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_dev_server_really_serves_the_skill_over_http() -> None:
    with running_server("--dev") as (base_url, process):
        status, body = post_json(f"{base_url}/", envelope(launch_request()))
        assert status == 200
        speech = json.loads(body)["response"]["outputSpeech"]["ssml"]
        assert "Is a muscle cramping right now?" in speech
        status, _ = post_json(f"{base_url}/", {"not": "an envelope"})
        assert status == 400
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)
        assert process.stderr is not None
        assert "--dev: Alexa request verification is OFF" in process.stderr.read()


def test_the_server_verifies_by_default() -> None:
    with running_server() as (base_url, _):
        status, body = post_json(f"{base_url}/", envelope(launch_request()))
        assert (status, body) == (400, b"signature headers missing")
