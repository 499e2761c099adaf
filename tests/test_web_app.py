"""The web service end to end through Flask's test client: good requests answered, every broken one a 400.

Each rejection test breaks exactly one condition of an otherwise good signed request, and proves that the
skill never saw it (the skill logs every request it handles on "skill.requests").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

import pytest
from cryptography.x509.oid import ExtendedKeyUsageOID
from flask.testing import FlaskClient
from web_requests import NOW, chain, launch_body, seconds

from skill.web import create_app
from tooling.envelopes import TEST_SKILL_ID
from tooling.signing_chain import TEST_CERT_URL, SigningChain, make_signing_chain

GOOD = chain()


class CountingFetcher:
    """Serves one PEM chain for every URL and counts the fetches (to see the cache at work)."""

    def __init__(self, pem: bytes | Callable[[], bytes]) -> None:
        self.pem = pem
        self.calls = 0

    def __call__(self, url: str) -> bytes:
        self.calls += 1
        return self.pem() if callable(self.pem) else self.pem


def client_for(
    signing_chain: SigningChain = GOOD,
    *,
    pem: bytes | None = None,
    fetcher: Callable[[str], bytes] | None = None,
    trusted: SigningChain | None = None,
    clock: Callable[[], datetime] = lambda: NOW,
    skill_id: str | None = TEST_SKILL_ID,
) -> FlaskClient:
    app = create_app(
        skill_id=skill_id,
        cert_fetcher=fetcher or CountingFetcher(pem if pem is not None else signing_chain.pem()),
        trust_roots=[(trusted or signing_chain).root],
        clock=clock,
    )
    return app.test_client()


def post(client: FlaskClient, body: bytes, headers: dict[str, str]):
    return client.post("/", data=body, headers=headers)


@pytest.fixture
def skill_log(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """What reached the skill: its request log lines."""
    caplog.set_level(logging.INFO, logger="skill.requests")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "skill.requests"]


def assert_rejected(response, reason: str, skill_log: Callable[[], list[str]]) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert reason in response.get_data(as_text=True)
    assert skill_log() == [], "a rejected request reached the skill"


def test_a_good_signed_request_gets_the_skills_answer(skill_log) -> None:
    body = launch_body()
    response = post(client_for(), body, GOOD.headers(body))
    assert response.status_code == 200
    speech = response.get_json()["response"]["outputSpeech"]["ssml"]
    assert "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?" in speech
    assert skill_log()[0].startswith("request type=LaunchRequest")


def test_a_whole_conversation_over_http_keeps_its_state_in_the_envelope() -> None:
    client = client_for()
    first = launch_body()
    attributes = post(client, first, GOOD.headers(first)).get_json()["sessionAttributes"]
    envelope = json.loads(first)
    envelope["session"].update(new=False, attributes=attributes)
    envelope["request"].update(type="IntentRequest", intent={"name": "AMAZON.YesIntent", "slots": {}})
    second = json.dumps(envelope).encode()
    answer = post(client, second, GOOD.headers(second)).get_json()
    assert "Where is the cramp:" in answer["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize(
    ("broken_chain", "trusted", "include_intermediate"),
    [
        pytest.param(chain(san="echo-api.evil.example"), None, True, id="wrong SAN"),
        pytest.param(chain(leaf_not_after=NOW - seconds(1)), None, True, id="expired leaf"),
        pytest.param(chain(leaf_not_before=NOW + seconds(60)), None, True, id="leaf not yet valid"),
        pytest.param(GOOD, make_signing_chain(now=NOW), True, id="untrusted root"),
        pytest.param(GOOD, None, False, id="chain missing the intermediate"),
        pytest.param(
            chain(extended_key_usages=(ExtendedKeyUsageOID.CODE_SIGNING,)),
            None,
            True,
            id="leaf not for serverAuth",
        ),
    ],
)
def test_a_chain_that_does_not_verify_is_rejected(
    broken_chain: SigningChain, trusted: SigningChain | None, include_intermediate: bool, skill_log
) -> None:
    body = launch_body()
    client = client_for(
        broken_chain, pem=broken_chain.pem(include_intermediate=include_intermediate), trusted=trusted
    )
    assert_rejected(post(client, body, broken_chain.headers(body)), "certificate chain", skill_log)


@pytest.mark.parametrize(
    "eku",
    [(ExtendedKeyUsageOID.SERVER_AUTH,), (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)],
    ids=["serverAuth", "serverAuth and clientAuth"],
)
def test_a_leaf_for_server_auth_is_accepted_with_or_without_client_auth(eku: tuple) -> None:
    signing_chain = chain(extended_key_usages=eku)
    body = launch_body()
    assert post(client_for(signing_chain), body, signing_chain.headers(body)).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
        "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api",
        "s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ],
)
def test_a_certificate_url_that_breaks_amazons_rules_is_rejected(url: str, skill_log) -> None:
    body = launch_body()
    response = post(client_for(), body, GOOD.headers(body, url=url))
    assert_rejected(response, "certificate URL", skill_log)


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "HTTPS://s3.AmazonAWS.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
    ],
)
def test_certificate_urls_that_follow_amazons_rules_are_accepted(url: str) -> None:
    body = launch_body()
    assert post(client_for(), body, GOOD.headers(body, url=url)).status_code == 200


def test_a_tampered_body_is_rejected(skill_log) -> None:
    body = launch_body()
    headers = GOOD.headers(body)
    tampered = body.replace(b"LaunchRequest", b"SessionEndedRequest")
    assert_rejected(post(client_for(), tampered, headers), "signature does not match", skill_log)


def test_a_body_re_serialised_after_signing_is_rejected(skill_log) -> None:
    """The signature covers the exact bytes: the same JSON with other whitespace is another body."""
    body = launch_body()
    headers = GOOD.headers(body)
    reformatted = json.dumps(json.loads(body), indent=2).encode()
    assert_rejected(post(client_for(), reformatted, headers), "signature does not match", skill_log)


def test_a_signature_from_another_key_is_rejected(skill_log) -> None:
    impostor = make_signing_chain(now=NOW)
    body = launch_body()
    headers = {**GOOD.headers(body), "Signature-256": impostor.sign(body)}
    assert_rejected(post(client_for(), body, headers), "signature does not match", skill_log)


@pytest.mark.parametrize("signature", ["not base64 at all!", "", "AAAA"])
def test_a_garbled_signature_is_rejected(signature: str, skill_log) -> None:
    body = launch_body()
    headers = {**GOOD.headers(body), "Signature-256": signature}
    reason = "signature headers missing" if not signature else "signature does not match"
    assert_rejected(post(client_for(), body, headers), reason, skill_log)


@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256"])
def test_a_missing_signature_header_is_rejected(missing: str, skill_log) -> None:
    body = launch_body()
    headers = {name: value for name, value in GOOD.headers(body).items() if name != missing}
    assert_rejected(post(client_for(), body, headers), "signature headers missing", skill_log)


def test_header_names_are_case_insensitive() -> None:
    body = launch_body()
    headers = {name.lower(): value for name, value in GOOD.headers(body).items()}
    assert post(client_for(), body, headers).status_code == 200


@pytest.mark.parametrize(
    "skew", [-151, 151, -3600, 86400], ids=["stale", "future", "an hour old", "tomorrow"]
)
def test_a_timestamp_more_than_150_seconds_away_is_rejected(skew: int, skill_log) -> None:
    body = launch_body(timestamp=NOW + seconds(skew))
    assert_rejected(post(client_for(), body, GOOD.headers(body)), "timestamp", skill_log)


@pytest.mark.parametrize("skew", [-150, 150, 0])
def test_a_timestamp_within_150_seconds_is_accepted(skew: int) -> None:
    body = launch_body(timestamp=NOW + seconds(skew))
    assert post(client_for(), body, GOOD.headers(body)).status_code == 200


def test_a_malformed_timestamp_is_rejected(skill_log) -> None:
    envelope = json.loads(launch_body())
    envelope["request"]["timestamp"] = "yesterday"
    body = json.dumps(envelope).encode()
    assert_rejected(post(client_for(), body, GOOD.headers(body)), "timestamp", skill_log)


def test_another_skills_request_is_rejected(skill_log) -> None:
    body = launch_body(application_id="amzn1.ask.skill.someone-else")
    assert_rejected(post(client_for(), body, GOOD.headers(body)), "application id", skill_log)


@pytest.mark.parametrize(
    "body",
    [b"not json", b"\xff\xfe garbage", b"[1, 2, 3]", b'{"version": "1.0"}', b'{"request": {"type": 7}}', b""],
)
def test_a_body_that_is_not_an_envelope_is_rejected(body: bytes, skill_log) -> None:
    response = post(client_for(), body, GOOD.headers(body))
    assert response.status_code == 400
    assert skill_log() == []


def test_a_body_over_128_kib_is_too_large(skill_log) -> None:
    body = b"{" + b" " * (128 * 1024) + b"}"
    response = post(client_for(), body, GOOD.headers(body))
    assert response.status_code == 413
    assert skill_log() == []


def test_the_verified_chain_is_cached_per_url_until_the_leaf_expires() -> None:
    now = [NOW]
    fetcher = CountingFetcher(GOOD.pem())
    client = client_for(fetcher=fetcher, clock=lambda: now[0])
    for _ in range(3):
        body = launch_body(timestamp=now[0])
        assert post(client, body, GOOD.headers(body)).status_code == 200
    assert fetcher.calls == 1
    other_url = TEST_CERT_URL.replace("test-chain", "other-chain")
    body = launch_body()
    assert post(client, body, GOOD.headers(body, url=other_url)).status_code == 200
    assert fetcher.calls == 2
    now[0] = GOOD.leaf.not_valid_after_utc + seconds(1)
    body = launch_body(timestamp=now[0])
    response = post(client, body, GOOD.headers(body))
    assert response.status_code == 400, "an expired leaf is fetched and checked again, and fails"
    assert fetcher.calls == 3


def test_a_failed_fetch_is_a_400_and_the_next_request_fetches_again(skill_log) -> None:
    failures = [TimeoutError("timed out"), ConnectionRefusedError(), None]

    def flaky_fetcher(url: str) -> bytes:
        failure = failures.pop(0)
        if failure is not None:
            raise failure
        return GOOD.pem()

    client = client_for(fetcher=flaky_fetcher)
    body = launch_body()
    assert_rejected(post(client, body, GOOD.headers(body)), "could not be fetched", skill_log)
    assert_rejected(post(client, body, GOOD.headers(body)), "could not be fetched", skill_log)
    assert post(client, body, GOOD.headers(body)).status_code == 200


@pytest.mark.parametrize(
    "garbage", [b"", b"<html>Access Denied</html>", b"-----BEGIN CERTIFICATE-----\nAAAA\n"]
)
def test_a_fetch_that_returns_garbage_is_a_400(garbage: bytes, skill_log) -> None:
    body = launch_body()
    assert_rejected(post(client_for(pem=garbage), body, GOOD.headers(body)), "certificate chain", skill_log)


def test_health_check_and_unknown_routes() -> None:
    client = client_for()
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 405
    assert client.post("/somewhere-else", data=b"{}").status_code == 404


def test_without_verification_a_plain_request_is_answered() -> None:
    client = create_app(verify_signature=False, verify_timestamp=False).test_client()
    body = launch_body(timestamp=NOW - seconds(86400))
    response = client.post("/", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("stamp", "status"),
    [
        ((NOW + seconds(3600 * 5)).strftime("%Y-%m-%dT%H:%M:%S+05:00"), 200),  # the same instant, in UTC+5
        ((NOW - seconds(3600 * 10)).strftime("%Y-%m-%dT%H:%M:%S-10:00"), 200),
        (NOW.strftime("%Y-%m-%dT%H:%M:%S+05:00"), 400),  # five hours off
        (NOW.strftime("%Y-%m-%dT%H:%M:%S"), 400),  # no zone: ambiguous
    ],
)
def test_timestamps_in_other_zones_are_compared_as_instants(stamp: str, status: int) -> None:
    envelope = json.loads(launch_body())
    envelope["request"]["timestamp"] = stamp
    body = json.dumps(envelope).encode()
    assert post(client_for(), body, GOOD.headers(body)).status_code == status


def test_every_rejection_is_logged_with_its_reason_and_nothing_else(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="skill.web.app")
    body = launch_body(timestamp=NOW - seconds(3600))
    post(client_for(), body, GOOD.headers(body))
    post(client_for(), b"{}", {})
    assert [r.getMessage() for r in caplog.records if r.name == "skill.web.app"] == [
        "rejected request: request timestamp is too far from now",
        "rejected request: signature headers missing",
    ]


def test_options_and_other_methods_are_not_allowed() -> None:
    client = client_for()
    assert client.options("/").status_code == 405
    assert client.put("/", data=b"{}").status_code == 405
    assert client.delete("/healthz").status_code == 405


def test_an_envelope_the_sdk_cannot_read_gets_the_same_apology_as_on_lambda(skill_log) -> None:
    """One response path: a verified envelope the SDK cannot read (here, a dialog state newer than it)
    is answered over HTTP exactly as Lambda answers it: the apology and a fresh start."""
    from skill.builder import build_skill, lambda_handler_for

    event = json.loads(launch_body())
    event["request"].update(type="IntentRequest", intent={"name": "AMAZON.YesIntent"}, dialogState="LATER")
    body = json.dumps(event).encode()
    response = post(client_for(), body, GOOD.headers(body))
    assert response.status_code == 200
    over_http = response.get_json()
    on_lambda = lambda_handler_for(build_skill())(json.loads(body), None)
    assert over_http == on_lambda
    assert "Sorry, something went wrong on my side." in over_http["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_signed_body_that_is_json_but_not_utf8_is_rejected_not_a_500(encoding: str, skill_log) -> None:
    """Python's JSON parser reads UTF-16 and UTF-32; Alexa sends UTF-8, and anything else is refused."""
    body = json.loads(launch_body())
    encoded = json.dumps(body).encode(encoding)
    response = post(client_for(), encoded, GOOD.headers(encoded))
    assert_rejected(response, "not UTF-8", skill_log)
