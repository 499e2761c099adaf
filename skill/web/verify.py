"""Proof that an HTTP request came from Alexa, checked before the skill ever sees it.

Alexa signs every request to a self-hosted endpoint. The checks, in the order they run (each failure is a
``RequestRejected`` with a short reason that is safe to send back and to log):

    headers present ── SignatureCertChainUrl, Signature-256
    certificate URL ── https, host s3.amazonaws.com, port 443 or none, path under /echo.api/ after
                       resolving ".." (the path is case-sensitive; scheme and host are not)
    chain ──────────── fetched from that URL (or the cache), leaf valid now, SAN echo-api.amazon.com,
                       chains to a trusted root (``cryptography.x509.verification``)
    signature ──────── RSA PKCS#1 v1.5 SHA-256 over the raw body bytes, with the leaf's public key
    envelope ───────── the body is a JSON request envelope
    timestamp ──────── request.timestamp within 150 s of now, either way
    application id ─── equals the skill id, when one is configured

The SDK's own verifier (``ask-sdk-webservice-support``) cannot be imported on current OpenSSL (see
README), so this module does the same job on ``cryptography``.
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import threading
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol, TypedDict
from urllib.parse import urlsplit

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import DNSName, PolicyBuilder, Store, VerificationError

CertFetcher = Callable[[str], bytes]


class HeaderLookup(Protocol):
    """Request headers as Flask (case-insensitive) or a plain dict provides them."""

    def get(self, name: str) -> str | None: ...


Clock = Callable[[], datetime]

CERT_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
ALEXA_SIGNING_NAME = "echo-api.amazon.com"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
MAX_TIMESTAMP_SKEW = timedelta(seconds=150)
FETCH_TIMEOUT_SECONDS = 3.0  # per socket operation of the default fetcher
FETCH_DEADLINE_SECONDS = 4.0  # for any fetcher, start to finish: Alexa gives up on the whole request at 8 s
MAX_CHAIN_BYTES = 64 * 1024  # Amazon's chain is about 7 KB
MAX_CACHED_CHAINS = 16


class RequestRejected(Exception):
    """The request is not provably from Alexa for this skill; ``reason`` is safe to show and log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def utc_now() -> datetime:
    return datetime.now(UTC)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """The checked URL is the only place a chain may come from: a redirect elsewhere is a failure."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> None:
        raise urllib.error.HTTPError(req.full_url, code, "redirect refused", headers, fp)


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch_certificate_chain(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> bytes:
    """Download a PEM chain with a short timeout, a size cap and no redirects (the default fetcher; the URL
    has already passed ``check_certificate_url``, so it is https on s3.amazonaws.com)."""
    with _OPENER.open(url, timeout=timeout) as response:
        chain = response.read(MAX_CHAIN_BYTES + 1)
    if len(chain) > MAX_CHAIN_BYTES:
        raise ValueError("certificate chain too large")
    return bytes(chain)


_WARNINGS_LOCK = threading.Lock()


def load_certificates(pem: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle that current ``cryptography`` can load, in order.

    Some public roots (in certifi, and in Amazon's own chain) carry serial numbers that RFC 5280 forbids;
    ``cryptography`` warns about them today and will refuse them later. They are third-party data we
    cannot fix, so the warning is silenced here, and a certificate that cannot load is skipped.
    """
    certificates = []
    for block in pem.split(b"-----END CERTIFICATE-----")[:-1]:
        begin = block.find(b"-----BEGIN CERTIFICATE-----")
        if begin < 0:
            continue
        # catch_warnings changes process-wide state: one thread at a time (this runs on cache misses only).
        with _WARNINGS_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                certificates.append(
                    x509.load_pem_x509_certificate(block[begin:] + b"-----END CERTIFICATE-----")
                )
            except ValueError:
                continue
    return certificates


def default_trust_roots() -> list[x509.Certificate]:
    """The public web roots (certifi's bundle), which include Amazon's."""
    with open(certifi.where(), "rb") as bundle:
        return load_certificates(bundle.read())


@lru_cache(maxsize=MAX_CACHED_CHAINS)
def check_certificate_url(url: str) -> str:
    """Amazon's rules for SignatureCertChainUrl; returns the URL in one normal form (the cache key).

    Remembered per URL (Alexa sends the same one on every request; splitting and normalizing it was a
    third of the cost of checking a signature); a rejected URL raises and is never remembered, and a
    flood of distinct URLs only evicts."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RequestRejected("certificate URL is malformed") from None
    if parts.scheme.lower() != "https":
        raise RequestRejected("certificate URL is not https")
    if (
        (parts.hostname or "").lower() != CERT_HOST
        or parts.username is not None
        or parts.password is not None
    ):
        raise RequestRejected("certificate URL host is not s3.amazonaws.com")
    if port not in (None, 443):
        raise RequestRejected("certificate URL port is not 443")
    path = posixpath.normpath(parts.path or "/")
    if not path.startswith(CERT_PATH_PREFIX):
        raise RequestRejected("certificate URL path is not under /echo.api/")
    query = f"?{parts.query}" if parts.query else ""
    return f"https://{CERT_HOST}{path}{query}"


@dataclass(frozen=True)
class VerifiedChain:
    """What is kept of a verified chain: the key that checks signatures, and when to stop trusting it."""

    public_key: rsa.RSAPublicKey
    not_before: datetime
    not_after: datetime


class ChainCache:
    """Verified chains per certificate URL, until the leaf expires; failures are never cached, so the next
    request fetches again.

    Keyed by the URL as checked (scheme and host lowercased, port and ".." resolved), and bounded: Alexa
    uses one URL at a time, so a flood of distinct URLs can only evict, never grow memory.
    """

    def __init__(self, max_urls: int = MAX_CACHED_CHAINS) -> None:
        self._chains: OrderedDict[str, VerifiedChain] = OrderedDict()
        self._max_urls = max_urls
        self._lock = threading.Lock()

    def get(self, url: str, now: datetime) -> VerifiedChain | None:
        with self._lock:
            chain = self._chains.get(url)
            if chain is not None:
                self._chains.move_to_end(url)
        if chain is not None and chain.not_before <= now <= chain.not_after:
            return chain
        return None

    def put(self, url: str, chain: VerifiedChain) -> None:
        with self._lock:
            self._chains[url] = chain
            self._chains.move_to_end(url)
            while len(self._chains) > self._max_urls:
                self._chains.popitem(last=False)

    def __len__(self) -> int:
        return len(self._chains)


class VerificationSettings(TypedDict, total=False):
    """How requests are checked: the verifier's keywords beyond the skill id, as ``create_app`` and the
    settings hook pass them on (each has the verifier's default when left out)."""

    verify_signature: bool
    verify_timestamp: bool
    cert_fetcher: CertFetcher | None
    trust_roots: list[x509.Certificate] | None
    clock: Clock | None
    fetch_deadline_seconds: float


class AlexaRequestVerifier:
    """Runs the checks of this module on one raw HTTP request and returns the parsed envelope."""

    def __init__(
        self,
        *,
        skill_id: str | None = None,
        verify_signature: bool = True,
        verify_timestamp: bool = True,
        cert_fetcher: CertFetcher | None = None,
        trust_roots: list[x509.Certificate] | None = None,
        clock: Clock | None = None,
        fetch_deadline_seconds: float = FETCH_DEADLINE_SECONDS,
    ) -> None:
        self.fetch_deadline_seconds = fetch_deadline_seconds
        self.skill_id = skill_id
        self.verify_signature = verify_signature
        self.verify_timestamp = verify_timestamp
        self.cert_fetcher = cert_fetcher or fetch_certificate_chain
        self.clock = clock or utc_now
        self.store = Store(trust_roots if trust_roots is not None else default_trust_roots())
        self.cache = ChainCache()

    def verify(self, headers: HeaderLookup, body: bytes) -> dict[str, Any]:
        """The envelope of a request that passed every enabled check; ``RequestRejected`` otherwise."""
        now = self.clock()
        if self.verify_signature:
            self._check_signature(headers, body, now)
        envelope = parse_envelope(body)
        if self.verify_timestamp:
            check_timestamp(envelope, now)
        if self.skill_id is not None and application_id(envelope) != self.skill_id:
            raise RequestRejected("application id does not match this skill")
        return envelope

    def _check_signature(self, headers: HeaderLookup, body: bytes, now: datetime) -> None:
        url, signature = headers.get(CERT_URL_HEADER), headers.get(SIGNATURE_HEADER)
        if not url or not signature:
            raise RequestRejected("signature headers missing")
        normal_url = check_certificate_url(url)
        chain = self.cache.get(normal_url, now) or self._fetch_and_verify_chain(normal_url, now)
        try:
            decoded = base64.b64decode(signature, validate=True)
            chain.public_key.verify(decoded, body, padding.PKCS1v15(), hashes.SHA256())
        except (binascii.Error, ValueError, InvalidSignature):
            raise RequestRejected("signature does not match the body") from None

    def _fetch_and_verify_chain(self, url: str, now: datetime) -> VerifiedChain:
        pem = self._fetch_within_deadline(url)
        chain = self.verify_chain(pem if isinstance(pem, bytes) else b"", now)
        self.cache.put(url, chain)
        return chain

    def _fetch_within_deadline(self, url: str) -> object:
        """The fetcher's answer, or a rejection if it fails or has not answered by the deadline.

        The fetcher runs in its own daemon thread so that one that hangs (whatever its own timeouts)
        costs this request the deadline, not the worker thread forever.
        """
        outcome: list[object] = []

        def fetch() -> None:
            try:
                outcome.append(self.cert_fetcher(url))
            except Exception as error:  # any failure (timeout, HTTP error, refused) is the request's problem
                outcome.append(error)

        fetcher = threading.Thread(target=fetch, name="certificate-fetch", daemon=True)
        fetcher.start()
        fetcher.join(self.fetch_deadline_seconds)
        if not outcome:
            raise RequestRejected("certificate chain could not be fetched in time")
        if isinstance(outcome[0], BaseException):
            raise RequestRejected("certificate chain could not be fetched")
        return outcome[0]

    def verify_chain(self, pem: bytes, now: datetime) -> VerifiedChain:
        """Check a PEM chain (leaf first) against the trust roots at ``now``."""
        certificates = load_certificates(pem)
        if not certificates:
            raise RequestRejected("certificate chain is not PEM certificates")
        leaf, intermediates = certificates[0], certificates[1:]
        verifier = (
            PolicyBuilder().store(self.store).time(now).build_server_verifier(DNSName(ALEXA_SIGNING_NAME))
        )
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError:
            raise RequestRejected("certificate chain is not valid for Alexa") from None
        public_key = leaf.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise RequestRejected("certificate key is not RSA")
        return VerifiedChain(public_key, leaf.not_valid_before_utc, leaf.not_valid_after_utc)


def parse_envelope(body: bytes) -> dict[str, Any]:
    """The request envelope as JSON, with the shape every Alexa request has."""
    try:
        envelope = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise RequestRejected("body is not JSON") from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("request"), dict):
        raise RequestRejected("body is not an Alexa request envelope")
    if not isinstance(envelope["request"].get("type"), str):
        raise RequestRejected("body is not an Alexa request envelope")
    return envelope


def check_timestamp(envelope: Mapping[str, Any], now: datetime) -> None:
    stamp = envelope["request"].get("timestamp")
    try:
        sent = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        sent = None
    if sent is None or sent.tzinfo is None:
        raise RequestRejected("request timestamp missing or malformed")
    if abs(now - sent) > MAX_TIMESTAMP_SKEW:
        raise RequestRejected("request timestamp is too far from now")


def application_id(envelope: Mapping[str, Any]) -> str | None:
    """The skill the request is for: context.System first, as the SDK reads it, then the session."""
    for path in (("context", "System", "application"), ("session", "application")):
        node: Any = envelope
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and isinstance(node.get("applicationId"), str):
            return str(node["applicationId"])
    return None
