"""A throwaway signing chain shaped like Amazon's (root, intermediate, leaf for echo-api.amazon.com).

Alexa's real signing key is Amazon's secret, so the tests, the benchmarks and the load test sign requests
with a chain made here and hand its root to the server as the trust root. Every property the verifier
checks can be bent one at a time (validity, SAN, key usage, issuer) to prove each check fails alone.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TEST_CERT_URL = "https://s3.amazonaws.com/echo.api/test-chain.pem"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cramp Coach tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_certificate(
    *,
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None = None,
    issuer_key: rsa.RSAPrivateKey | None = None,
    is_ca: bool,
    not_before: datetime,
    not_after: datetime,
    san: str | None = None,
    extended_key_usages: tuple[x509.ObjectIdentifier, ...] = (),
) -> x509.Certificate:
    """One certificate; self-signed when no issuer is given."""
    signing_key = issuer_key or key
    issuer_name = issuer.subject if issuer else _name(subject)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), critical=False
        )
    )
    builder = builder.add_extension(_key_usage(is_ca), critical=True)
    if san is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False)
    if extended_key_usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(extended_key_usages)), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _key_usage(is_ca: bool) -> x509.KeyUsage:
    """CAs sign certificates; the leaf signs requests (and, like Amazon's, could serve TLS)."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=not is_ca,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=is_ca,
        crl_sign=is_ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass(frozen=True)
class SigningChain:
    """A root to trust, the chain to serve from the certificate URL, and the leaf key to sign with."""

    root: x509.Certificate
    intermediate: x509.Certificate
    leaf: x509.Certificate
    leaf_key: rsa.RSAPrivateKey

    def pem(self, *, include_intermediate: bool = True) -> bytes:
        """The chain as Amazon serves it: leaf first, then the intermediate."""
        certificates = [self.leaf, self.intermediate] if include_intermediate else [self.leaf]
        return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certificates)

    def sign(self, body: bytes) -> str:
        """The Signature-256 header value for a body."""
        signature = self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")

    def headers(self, body: bytes, url: str = TEST_CERT_URL) -> dict[str, str]:
        return {
            "SignatureCertChainUrl": url,
            "Signature-256": self.sign(body),
            "Content-Type": "application/json",
        }


def make_signing_chain(
    *,
    now: datetime | None = None,
    leaf_not_before: datetime | None = None,
    leaf_not_after: datetime | None = None,
    san: str = "echo-api.amazon.com",
    extended_key_usages: tuple[x509.ObjectIdentifier, ...] = (
        ExtendedKeyUsageOID.SERVER_AUTH,
        ExtendedKeyUsageOID.CLIENT_AUTH,
    ),
    root_key: rsa.RSAPrivateKey | None = None,
    intermediate_key: rsa.RSAPrivateKey | None = None,
    leaf_key: rsa.RSAPrivateKey | None = None,
) -> SigningChain:
    """A fresh chain valid around ``now``; keys can be passed in to save the cost of generating them."""
    now = now or datetime.now(UTC)
    root_key = root_key or new_key()
    intermediate_key = intermediate_key or new_key()
    leaf_key = leaf_key or new_key()
    ca_from, ca_until = now - timedelta(days=365), now + timedelta(days=3650)
    root = make_certificate(
        subject="Test Root CA", key=root_key, is_ca=True, not_before=ca_from, not_after=ca_until
    )
    intermediate = make_certificate(
        subject="Test Intermediate CA",
        key=intermediate_key,
        issuer=root,
        issuer_key=root_key,
        is_ca=True,
        not_before=ca_from,
        not_after=ca_until,
    )
    leaf = make_certificate(
        subject=san,
        key=leaf_key,
        issuer=intermediate,
        issuer_key=intermediate_key,
        is_ca=False,
        not_before=leaf_not_before or now - timedelta(days=30),
        not_after=leaf_not_after or now + timedelta(days=90),
        san=san,
        extended_key_usages=extended_key_usages,
    )
    return SigningChain(root=root, intermediate=intermediate, leaf=leaf, leaf_key=leaf_key)


# ---------------------------------------------------------------------------------------------------------
# On disk, for a server in another process: the benchmarks and the load test write a chain to a folder,
# start ``python -m skill serve --settings tooling.signing_chain:settings_from_environment`` with
# CRAMP_COACH_TEST_CHAIN_DIR pointing at it, and sign their requests with the same chain.

TEST_CHAIN_DIR_VARIABLE = "CRAMP_COACH_TEST_CHAIN_DIR"
_FILES = {
    "root": "root.pem",
    "intermediate": "intermediate.pem",
    "leaf": "leaf.pem",
    "leaf_key": "leaf-key.pem",
}


def write_signing_chain(signing_chain: SigningChain, directory: Path) -> None:
    """Save a chain (with its leaf key: test material only) so another process can use it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("root", "intermediate", "leaf"):
        certificate: x509.Certificate = getattr(signing_chain, name)
        (directory / _FILES[name]).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / _FILES["leaf_key"]).write_bytes(
        signing_chain.leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def read_signing_chain(directory: Path) -> SigningChain:
    def certificate(name: str) -> x509.Certificate:
        return x509.load_pem_x509_certificate((directory / _FILES[name]).read_bytes())

    leaf_key = serialization.load_pem_private_key(
        (directory / _FILES["leaf_key"]).read_bytes(), password=None
    )
    if not isinstance(leaf_key, rsa.RSAPrivateKey):
        raise TypeError("the test chain's leaf key is not RSA")
    return SigningChain(certificate("root"), certificate("intermediate"), certificate("leaf"), leaf_key)


def settings_from_environment() -> dict[str, object]:
    """Settings hook for ``python -m skill serve``: trust the test chain in $CRAMP_COACH_TEST_CHAIN_DIR and
    serve it for every certificate URL (in place of downloading Amazon's)."""
    signing_chain = read_signing_chain(Path(os.environ[TEST_CHAIN_DIR_VARIABLE]))
    chain_pem = signing_chain.pem()
    return {"trust_roots": [signing_chain.root], "cert_fetcher": lambda url: chain_pem}
