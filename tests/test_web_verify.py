"""The verifier's parts on their own: Amazon's real 2023 chain, and the default certificate fetcher."""

from __future__ import annotations

import socket
import threading
import urllib.error
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from case_ids import short

from skill.web.verify import (
    MAX_CHAIN_BYTES,
    AlexaRequestVerifier,
    ChainCache,
    RequestRejected,
    VerifiedChain,
    check_certificate_url,
    default_trust_roots,
    fetch_certificate_chain,
    load_certificates,
)

# Amazon's real signing chain of 2023 (leaf, Amazon RSA 2048 M01, Amazon Root CA 1, Starfield Services
# Root G2), copied from the project's shared fixtures; there is no private key, so it cannot sign.
AMAZON_2023_CHAIN = Path(__file__).parent / "fixtures" / "echo-api-cert-12.pem"
SHARED_FIXTURE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "echo-api-cert-12.pem"


@pytest.fixture(scope="module")
def default_verifier() -> AlexaRequestVerifier:
    return AlexaRequestVerifier()  # the default root store


def test_the_fixture_copy_matches_the_shared_original() -> None:
    if not SHARED_FIXTURE.exists():
        pytest.skip("the shared fixtures are not on this machine")
    assert AMAZON_2023_CHAIN.read_bytes() == SHARED_FIXTURE.read_bytes()


def test_amazons_real_chain_verifies_inside_its_validity(default_verifier: AlexaRequestVerifier) -> None:
    chain = default_verifier.verify_chain(AMAZON_2023_CHAIN.read_bytes(), datetime(2023, 6, 1, tzinfo=UTC))
    assert chain.not_after == datetime(2023, 12, 23, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    "when", [datetime(2023, 3, 15, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC), datetime.now(UTC)]
)
def test_amazons_real_chain_is_rejected_outside_its_validity(
    default_verifier: AlexaRequestVerifier, when: datetime
) -> None:
    with pytest.raises(RequestRejected, match="not valid for Alexa"):
        default_verifier.verify_chain(AMAZON_2023_CHAIN.read_bytes(), when)


def test_the_default_root_store_holds_amazons_root() -> None:
    subjects = {cert.subject.rfc4514_string() for cert in default_trust_roots()}
    assert "CN=Amazon Root CA 1,O=Amazon,C=US" in subjects


def test_loading_the_real_chain_raises_no_warning_and_keeps_every_certificate() -> None:
    """The chain has a certificate with a serial number RFC 5280 forbids: cryptography warns about it
    (an error in this suite's settings); the loader expects that and still loads all four."""
    assert len(load_certificates(AMAZON_2023_CHAIN.read_bytes())) == 4


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never answers: a certificate host that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/echo.api/cert.pem"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.slow
def test_the_default_fetcher_gives_up_on_a_host_that_hangs(silent_server: str) -> None:
    with pytest.raises(TimeoutError):
        fetch_certificate_chain(silent_server, timeout=0.3)


class _OneShotHTTPServer:
    """A loopback HTTP server that answers every GET with one fixed response."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        reply = (status, body, headers)

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                code, payload, extra = reply
                self.send_response(code)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/echo.api/cert.pem"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.slow
def test_the_default_fetcher_refuses_to_follow_a_redirect() -> None:
    server = _OneShotHTTPServer(302, b"", {"Location": "http://127.0.0.1:9/elsewhere.pem"})
    try:
        with pytest.raises(urllib.error.HTTPError, match="redirect refused") as refused:
            fetch_certificate_chain(server.url, timeout=2)
        refused.value.close()  # it holds the redirect response open
    finally:
        server.close()


@pytest.mark.slow
def test_the_default_fetcher_refuses_an_oversized_chain() -> None:
    server = _OneShotHTTPServer(200, b"x" * (MAX_CHAIN_BYTES + 10), {})
    try:
        with pytest.raises(ValueError, match="too large"):
            fetch_certificate_chain(server.url, timeout=2)
    finally:
        server.close()


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        (
            "HTTPS://S3.AmazonAWS.com:443/echo.api/../echo.api/a.pem",
            "https://s3.amazonaws.com/echo.api/a.pem",
        ),
        ("https://s3.amazonaws.com/echo.api/./a.pem", "https://s3.amazonaws.com/echo.api/a.pem"),
    ],
    ids=short,
)
def test_equivalent_certificate_urls_share_one_cache_entry(url: str, normal: str) -> None:
    assert check_certificate_url(url) == normal


def test_the_chain_cache_is_bounded() -> None:
    cache = ChainCache(max_urls=3)
    chain = VerifiedChain(None, datetime(2020, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    for index in range(10):
        cache.put(f"https://s3.amazonaws.com/echo.api/{index}.pem", chain)
    assert len(cache) == 3
    assert cache.get("https://s3.amazonaws.com/echo.api/9.pem", datetime(2025, 1, 1, tzinfo=UTC)) is chain
    assert cache.get("https://s3.amazonaws.com/echo.api/0.pem", datetime(2025, 1, 1, tzinfo=UTC)) is None
