"""The verifier's parts on their own: Amazon's real 2023 chain, and the default certificate fetcher."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from skill.web.verify import (
    AlexaRequestVerifier,
    RequestRejected,
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


def test_the_default_fetcher_gives_up_on_a_host_that_hangs(silent_server: str) -> None:
    with pytest.raises(TimeoutError):
        fetch_certificate_chain(silent_server, timeout=0.3)
