"""The web service under abuse: garbage, huge and slow requests, hanging certificate hosts, many chains at
once. Every answer is 400, 413 or a timeout as specified, never a 500, and good requests keep working."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from example_budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from web_requests import NOW, chain, launch_body

from skill.web import create_app
from tooling.local_server import LocalServer, running_server
from tooling.signing_chain import (
    TEST_CERT_URL,
    TEST_CHAIN_DIR_VARIABLE,
    make_signing_chain,
    write_signing_chain,
)

# Abuse, not the inner loop: hundreds of generated bodies each (more under `make fuzz`), hanging hosts,
# threads, and the real server.
pytestmark = pytest.mark.slow

GOOD = chain()


def verifying_client(fetcher=None, **options):
    app = create_app(
        cert_fetcher=fetcher or (lambda url: GOOD.pem()),
        trust_roots=[GOOD.root],
        clock=lambda: NOW,
        **options,
    )
    return app.test_client()


VERIFYING = verifying_client()
UNVERIFIED = create_app(verify_signature=False, verify_timestamp=False).test_client()


def good_request_works(client) -> bool:
    body = launch_body()
    return client.post("/", data=body, headers=GOOD.headers(body)).status_code == 200


def nested(depth: int) -> bytes:
    return b'{"request": ' + b"[" * depth + b"]" * depth + b"}"


@settings(max_examples=examples(300))
@given(body=st.binary(max_size=2048))
def test_random_bytes_signed_or_not_get_a_400(body: bytes) -> None:
    assert VERIFYING.post("/", data=body).status_code == 400
    assert VERIFYING.post("/", data=body, headers=GOOD.headers(body)).status_code == 400


@settings(max_examples=examples(300))
@given(cut=st.integers(min_value=0, max_value=400), junk=st.binary(max_size=8))
def test_truncated_json_gets_a_400_even_with_verification_off(cut: int, junk: bytes) -> None:
    body = launch_body()[:cut] + junk
    response = UNVERIFIED.post("/", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:  # the cut left a whole envelope (only when nothing was cut)
        assert "outputSpeech" in response.get_json()["response"]


def test_deep_nesting_within_the_size_limit_is_a_400_not_a_crash() -> None:
    for body in (nested(50_000), b"[" * 100_000, b'{"a":' * 20_000 + b"1" + b"}" * 20_000):
        assert len(body) < 128 * 1024, "small enough to reach the JSON parser"
        assert VERIFYING.post("/", data=body, headers=GOOD.headers(body)).status_code == 400
        assert UNVERIFIED.post("/", data=body).status_code == 400
    assert good_request_works(VERIFYING)


def test_a_10_mb_body_is_refused_with_413() -> None:
    body = b'{"request": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    assert VERIFYING.post("/", data=body, headers=GOOD.headers(body)).status_code == 413
    assert good_request_works(VERIFYING)


def test_the_content_type_does_not_matter_the_signature_does() -> None:
    body = launch_body()
    headers = {**GOOD.headers(body), "Content-Type": "text/plain"}
    assert VERIFYING.post("/", data=body, headers=headers).status_code == 200
    unsigned = {"Content-Type": "application/x-www-form-urlencoded"}
    assert VERIFYING.post("/", data=b"a=1&b=2", headers=unsigned).status_code == 400


def test_a_certificate_host_that_hangs_costs_one_request_its_deadline_not_the_server() -> None:
    hanging_url = TEST_CERT_URL.replace("test-chain", "hangs")
    release = threading.Event()

    def fetcher(url: str) -> bytes:
        if url == hanging_url:
            release.wait(30)  # hangs far past the deadline
        return GOOD.pem()

    client = verifying_client(fetcher, fetch_deadline_seconds=0.3)
    body = launch_body()
    started = time.monotonic()
    response = client.post("/", data=body, headers=GOOD.headers(body, url=hanging_url))
    assert response.status_code == 400 and b"in time" in response.data
    assert time.monotonic() - started < 5
    assert good_request_works(client)
    release.set()


@settings(max_examples=examples(100))
@given(garbage=st.binary(max_size=4096))
def test_a_certificate_host_that_returns_garbage_gives_a_400(garbage: bytes) -> None:
    client = verifying_client(lambda url: garbage)
    body = launch_body()
    assert client.post("/", data=body, headers=GOOD.headers(body)).status_code == 400


def test_concurrent_requests_signed_by_different_chains_are_each_checked_against_their_own() -> None:
    chains = {
        TEST_CERT_URL.replace("test-chain", f"chain-{i}"): make_signing_chain(now=NOW) for i in range(4)
    }
    urls = list(chains)
    fetches: list[str] = []

    def fetcher(url: str) -> bytes:
        fetches.append(url)
        time.sleep(0.01)  # slow enough for requests to overlap
        return chains[url].pem()

    app = create_app(cert_fetcher=fetcher, trust_roots=[c.root for c in chains.values()], clock=lambda: NOW)

    def send(job: tuple[str, str]) -> tuple[bool, int]:
        url, signer_url = job
        body = launch_body()
        headers = chains[signer_url].headers(body, url=url)
        return url == signer_url, app.test_client().post("/", data=body, headers=headers).status_code

    # Mostly honest requests, and every fifth signed by another chain's key than its URL's.
    jobs = [(urls[i % 4], urls[(i + (i % 5 == 0)) % 4]) for i in range(120)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(send, jobs))
    assert all(status == 200 for honest, status in results if honest)
    assert all(status == 400 for honest, status in results if not honest)
    assert sum(not honest for honest, _ in results) == 24
    assert set(fetches) == set(chains), "every chain fetched, each for its own URL"


# ---------------------------------------------------------------------------------------------------------
# The real server: slow clients and huge bodies on real sockets


def post(server: LocalServer, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(f"{server.url}/", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        with error:
            return error.code


def post_chunked(server: LocalServer, chunks: list[bytes]) -> int:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=15)
    try:
        connection.request("POST", "/", body=iter(chunks), encode_chunked=True)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_the_real_server_stays_up_for_slow_and_huge_requests(tmp_path: Path) -> None:
    signing_chain = chain()
    write_signing_chain(signing_chain, tmp_path)
    with running_server(
        "--workers", "4", "--settings", "tooling.signing_chain:settings_from_environment",
        environment={TEST_CHAIN_DIR_VARIABLE: str(tmp_path)},
    ) as server:  # fmt: skip
        slow_clients = []
        for _ in range(8):  # twice as many as there are worker threads, each sending half a request
            stalled = socket.create_connection((server.host, server.port))
            stalled.sendall(b'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"requ')
            slow_clients.append(stalled)
        body = launch_body(timestamp=datetime.now(UTC))
        assert post(server, body, signing_chain.headers(body)) == 200, "served beside the stalled clients"

        try:
            chunked_status = post_chunked(server, [b"{" + b" " * 65536] * 4 + [b"}"])
        except ConnectionError:
            chunked_status = 413  # as below: answered 413 and closed before the client finished sending
        assert chunked_status == 413, "a chunked body is no way round"
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as health:
            assert health.status == 200

        huge = b"{" + b" " * (10 * 1024 * 1024) + b"}"
        try:
            status = post(server, huge, signing_chain.headers(b"{}"))
        except (ConnectionError, urllib.error.URLError):
            status = 413  # the server may answer 413 and close before the client finishes sending
        assert status == 413
        assert post(server, b"\x00\xff garbage", {"Content-Type": "application/json"}) == 400
        for stalled in slow_clients:
            stalled.close()
        assert post(server, body, signing_chain.headers(body)) == 200
        assert "Traceback" not in server.stop()
