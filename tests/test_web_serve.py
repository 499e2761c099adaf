"""``python -m skill serve``: the real server (waitress) in a real process, on a free loopback port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from web_requests import chain

from skill.content.version import compute_content_version
from tooling.envelopes import envelope, launch_request
from tooling.local_server import running_server
from tooling.signing_chain import TEST_CHAIN_DIR_VARIABLE, write_signing_chain

REPO = Path(__file__).resolve().parent.parent


def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def launch() -> bytes:
    return json.dumps(envelope(launch_request())).encode()


@pytest.mark.slow
def test_dev_server_really_serves_the_skill_over_http() -> None:
    with running_server("--dev", "--workers", "1") as server:
        status, body = post(f"{server.url}/", launch())
        assert status == 200
        assert (
            "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?"
            in json.loads(body)["response"]["outputSpeech"]["ssml"]
        )
        assert post(f"{server.url}/", b'{"not": "an envelope"}')[0] == 400
        assert "Alexa request verification is OFF" in server.stop()


@pytest.mark.slow
def test_the_server_verifies_by_default() -> None:
    with running_server("--workers", "1") as server:
        assert post(f"{server.url}/", launch()) == (400, b"signature headers missing")


@pytest.mark.slow
def test_the_settings_hook_lets_a_test_chain_sign_for_the_real_server(tmp_path: Path) -> None:
    signing_chain = chain()
    write_signing_chain(signing_chain, tmp_path)
    settings = "tooling.signing_chain:settings_from_environment"
    with running_server(
        "--workers", "1", "--settings", settings, environment={TEST_CHAIN_DIR_VARIABLE: str(tmp_path)}
    ) as server:
        body = launch()
        status, answer = post(f"{server.url}/", body, signing_chain.headers(body))
        assert status == 200, answer
        tampered = body.replace(b"LaunchRequest", b"IntentRequest")
        assert post(f"{server.url}/", tampered, signing_chain.headers(body))[0] == 400


@pytest.mark.slow
def test_a_settings_hook_that_turns_verification_off_gets_the_same_loud_warning() -> None:
    settings = "web_settings_for_tests:verification_off"
    tests_folder = str(Path(__file__).parent)
    environment = {"PYTHONPATH": tests_folder}
    with running_server("--workers", "1", "--settings", settings, environment=environment) as server:
        assert post(f"{server.url}/", launch())[0] == 200
        assert "Alexa request verification is OFF" in server.stop()


def test_installing_the_project_installs_what_the_web_service_needs() -> None:
    from importlib.metadata import requires

    required = {requirement.split("==")[0].lower() for requirement in requires("cramp-coach") or []}
    assert {"flask", "waitress", "cryptography", "certifi", "ask-sdk-core"} <= required


@pytest.mark.slow
def test_the_server_says_where_it_listens_and_a_busy_port_is_one_clear_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        finished = subprocess.run(
            [sys.executable, "-m", "skill", "serve", "--dev", "--host", "127.0.0.1", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert finished.returncode == 1
    assert finished.stderr.strip().splitlines() == [
        f"serve: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
    serving = subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", "--dev", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert serving.stdout is not None
        first_line = serving.stdout.readline().strip()
        second_line = serving.stdout.readline().strip()
    finally:
        serving.terminate()
        serving.wait(timeout=15)
        serving.stdout.close()
    assert first_line == f"Cramp Coach web service on http://127.0.0.1:{port}/ (Ctrl-C to stop)"
    assert second_line == f"content version {compute_content_version(REPO)}", (
        "what runs, to check against the signed"
    )
