"""Signed requests for the web tests: one throwaway chain per test session, bent one property at a time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from tooling.envelopes import envelope, launch_request
from tooling.signing_chain import SigningChain, make_signing_chain, new_key

NOW = datetime.now(UTC).replace(microsecond=0)


@cache
def keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey, rsa.RSAPrivateKey]:
    """RSA keys are slow to make: one set serves every chain of the session."""
    return new_key(), new_key(), new_key()


def chain(**changes: Any) -> SigningChain:
    root_key, intermediate_key, leaf_key = keys()
    return make_signing_chain(
        now=NOW, root_key=root_key, intermediate_key=intermediate_key, leaf_key=leaf_key, **changes
    )


def launch_body(*, timestamp: datetime = NOW, **envelope_options: Any) -> bytes:
    request = launch_request()
    request["timestamp"] = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(envelope(request, **envelope_options)).encode()


def seconds(amount: int) -> timedelta:
    return timedelta(seconds=amount)
