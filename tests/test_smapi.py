"""The measurements on Alexa itself (``python -m skill nlu-profile | simulate | history``, tooling/smapi/),
run offline through the real SMAPI client: a loopback HTTPS server plays SMAPI and Login with Amazon,
answering with bodies made from ``ask-smapi-model``'s own classes and the SDK's serializer.

The server answers what each test scripts, per route, and keeps what it was asked: throttling (429, then
success), refused credentials (401 from LWA), a body that is not JSON; the commands must back off, or say
one line and exit non-zero, never a traceback.
"""

from __future__ import annotations

import ipaddress
import json
import re
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from ask_sdk_model_runtime import DefaultSerializer
from ask_sdk_model_runtime.lwa.access_token_response import AccessTokenResponse
from ask_sdk_model_runtime.lwa.error import Error as LwaError
from ask_smapi_model.v1.error import Error as SmapiErrorBody
from ask_smapi_model.v1.skill.evaluations.intent import Intent as ConsideredIntent
from ask_smapi_model.v1.skill.evaluations.profile_nlu_response import ProfileNluResponse
from ask_smapi_model.v1.skill.evaluations.profile_nlu_selected_intent import ProfileNluSelectedIntent
from ask_smapi_model.v1.skill.evaluations.resolutions_per_authority_items import ResolutionsPerAuthorityItems
from ask_smapi_model.v1.skill.evaluations.resolutions_per_authority_status import (
    ResolutionsPerAuthorityStatus,
)
from ask_smapi_model.v1.skill.evaluations.resolutions_per_authority_status_code import (
    ResolutionsPerAuthorityStatusCode,
)
from ask_smapi_model.v1.skill.evaluations.resolutions_per_authority_value_items import (
    ResolutionsPerAuthorityValueItems,
)
from ask_smapi_model.v1.skill.evaluations.slot import Slot
from ask_smapi_model.v1.skill.evaluations.slot_resolutions import SlotResolutions
from ask_smapi_model.v1.skill.history.confidence import Confidence
from ask_smapi_model.v1.skill.history.confidence_bin import ConfidenceBin
from ask_smapi_model.v1.skill.history.intent import Intent as HistoryIntent
from ask_smapi_model.v1.skill.history.intent_request import IntentRequest
from ask_smapi_model.v1.skill.history.intent_requests import IntentRequests
from ask_smapi_model.v2.error import Error as SimulationErrorBody
from ask_smapi_model.v2.skill.invocation import Invocation
from ask_smapi_model.v2.skill.invocation_request import InvocationRequest
from ask_smapi_model.v2.skill.invocation_response import InvocationResponse
from ask_smapi_model.v2.skill.simulations.simulation_result import SimulationResult
from ask_smapi_model.v2.skill.simulations.simulations_api_response import SimulationsApiResponse
from ask_smapi_model.v2.skill.simulations.simulations_api_response_status import (
    SimulationsApiResponseStatus,
)
from ask_smapi_model.v2.skill.simulations.skill_execution_info import SkillExecutionInfo
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import tooling.understanding
from skill.__main__ import main
from tooling.smapi.client import Backoff
from tooling.understanding import PHRASE_CORPORA

SKILL_ID = "amzn1.ask.skill.00000000-test"
ACCESS_TOKEN = "Atza|loopback-access"
REFRESH_TOKEN = "Atzr|loopback-refresh"
SERIALIZER = DefaultSerializer()


def serialized(model: object) -> bytes:
    """A model object as SMAPI sends it: the SDK's own serializer, then JSON."""
    return json.dumps(SERIALIZER.serialize(model)).encode()


# ----------------------------------------------------------------------------------------------------------
# The loopback server


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Asked:
    """One request the server received."""

    route: str
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes


Responder = Callable[[Asked], Reply]
ROUTES = {
    "token": ("POST", re.compile(r"/auth/o2/token", re.IGNORECASE)),
    "profile": (
        "POST",
        re.compile(r"/v1/skills/[^/]+/stages/[^/]+/interactionModel/locales/[^/]+/profileNlu"),
    ),
    "simulate": ("POST", re.compile(r"/v2/skills/[^/]+/stages/[^/]+/simulations")),
    "simulation": ("GET", re.compile(r"/v2/skills/[^/]+/stages/[^/]+/simulations/[^/]+")),
    "history": ("GET", re.compile(r"/v1/skills/[^/]+/history/intentRequests")),
}


def token_granted(_: Asked) -> Reply:
    return Reply(200, serialized(AccessTokenResponse(access_token=ACCESS_TOKEN, expires_in=3600)))


class LoopbackSmapi:
    """SMAPI and LWA on 127.0.0.1 over HTTPS: each route answers from its script (the first replies once
    each, the last one for ever), and every request is kept."""

    def __init__(self, certificate: Path, key: Path) -> None:
        self.scripts: dict[str, list[Reply | Responder]] = {"token": [token_granted]}
        self.asked: list[Asked] = []
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                url = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                route = next(
                    (
                        name
                        for name, (method, pattern) in ROUTES.items()
                        if method == self.command and pattern.fullmatch(url.path)
                    ),
                    "unknown",
                )
                asked = Asked(route, self.command, url.path, parse_qs(url.query), body)
                loopback.asked.append(asked)
                script = loopback.scripts.get(route) or [Reply(404, b'{"message": "no such route"}')]
                step = script.pop(0) if len(script) > 1 else script[0]
                reply = step if isinstance(step, Reply) else step(asked)
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"
        # A short poll, so that shutting down at the end of each test does not wait half a second.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def script(self, route: str, *steps: Reply | Responder) -> None:
        self.scripts[route] = list(steps)

    def asked_on(self, route: str) -> list[Asked]:
        return [asked for asked in self.asked if asked.route == route]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def loopback_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("loopback-tls")
    certificate_path, key_path = folder / "certificate.pem", folder / "key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return certificate_path, key_path


@pytest.fixture
def smapi_server(
    loopback_certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[LoopbackSmapi]:
    """The server, trusted through REQUESTS_CA_BUNDLE, with credentials in the environment; shut down
    after the test."""
    certificate, key = loopback_certificate
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("HOME", str(tmp_path))  # no developer's ~/.ask/cli_config
    monkeypatch.setenv("ASK_CLIENT_ID", "amzn1.application-oa2-client.loopback")
    monkeypatch.setenv("ASK_CLIENT_SECRET", "loopback-secret")
    monkeypatch.setenv("ASK_REFRESH_TOKEN", REFRESH_TOKEN)
    monkeypatch.setenv("ASK_SKILL_ID", SKILL_ID)
    server = LoopbackSmapi(certificate, key)
    try:
        yield server
    finally:
        server.close()


@dataclass
class Ran:
    code: int
    out: str
    err: str
    sleeps: list[float]


def run(command: str, server: LoopbackSmapi, *options: str, capsys: pytest.CaptureFixture[str]) -> Ran:
    """The command line, pointed at the loopback server, waiting with a sleep that only keeps notes."""
    sleeps: list[float] = []
    endpoints = ["--smapi-endpoint", server.url, "--lwa-endpoint", server.url]
    code = main([command, *endpoints, *options], sleep=sleeps.append)
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err, sleeps)


def assert_one_clear_line(ran: Ran, *words: str) -> None:
    lines = ran.err.splitlines()
    assert len(lines) == 1, f"one line expected, got: {ran.err!r}"
    assert "Traceback" not in ran.err and "Traceback" not in ran.out
    for word in words:
        assert word in lines[0], lines[0]


# ----------------------------------------------------------------------------------------------------------
# Recorded shapes, made with ask-smapi-model's classes


def profiled(intent: str, muscle: str | None = None, considered: tuple[str, ...] = ()) -> Reply:
    slots = {}
    if muscle is not None:
        authority = ResolutionsPerAuthorityItems(
            authority=f"amzn1.er-authority.echo-sdk.{SKILL_ID}.MuscleType",
            status=ResolutionsPerAuthorityStatus(code=ResolutionsPerAuthorityStatusCode.ER_SUCCESS_MATCH),
            values=[ResolutionsPerAuthorityValueItems(name=muscle.lower(), id=muscle)],
        )
        slots["muscle"] = Slot(
            name="muscle",
            value=muscle.lower(),
            resolutions=SlotResolutions(resolutions_per_authority=[authority]),
        )
    return Reply(
        200,
        serialized(
            ProfileNluResponse(
                session_ended=False,
                selected_intent=ProfileNluSelectedIntent(name=intent, slots=slots),
                considered_intents=[ConsideredIntent(name=name) for name in (intent, *considered)],
            )
        ),
    )


def profiler(answers: dict[str, Reply]) -> Responder:
    """The Utterance Profiler, answering each utterance from a table."""
    return lambda asked: answers[json.loads(asked.body)["utterance"]]


def throttled(retry_after: str | None = "7") -> Reply:
    return Reply(
        429,
        serialized(SmapiErrorBody(code="TOO_MANY_REQUESTS", message="Rate exceeded")),
        {"Retry-After": retry_after} if retry_after else {},
    )


def write_corpus(folder: Path, phrases: list[dict[str, str]]) -> Path:
    path = folder / "loopback_phrases.toml"
    lines = []
    for phrase in phrases:
        lines += ["[[phrase]]", *(f"{key} = {json.dumps(value)}" for key, value in phrase.items()), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


TWO_PHRASES = [
    {"text": "my calf is cramping", "intent": "CrampIntent", "muscle": "CALF"},
    {"text": "it won't let go", "intent": "StillHurtsIntent"},
]
TWO_ANSWERS = {
    "my calf is cramping": profiled("CrampIntent", "CALF"),
    "it won't let go": profiled("AMAZON.FallbackIntent", considered=("StillHurtsIntent", "BetterIntent")),
}


# ----------------------------------------------------------------------------------------------------------
# nlu-profile


@pytest.mark.slow
def test_nlu_profile_compares_alexas_intent_and_muscle_with_the_corpus(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("profile", profiler(TWO_ANSWERS))
    corpus = write_corpus(tmp_path, TWO_PHRASES)

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 0, ran.err
    assert ran.out.splitlines() == [
        "Utterance Profiler, en-US development: 2 phrases (loopback_phrases)",
        "not understood as the corpus means (1):",
        '  [loopback_phrases] "it won\'t let go": expected StillHurtsIntent, Alexa heard '
        "AMAZON.FallbackIntent; also considered StillHurtsIntent, BetterIntent",
        "by intent meant     phrases  understood  fell back",
        "  CrampIntent             1      100.0%       0.0%",
        "  StillHurtsIntent        1        0.0%     100.0%",
        "all: 1/2 understood (50.0%), 50.0% fell back to AMAZON.FallbackIntent",
    ]
    profiles = smapi_server.asked_on("profile")
    assert [json.loads(asked.body) for asked in profiles] == [{"utterance": p["text"]} for p in TWO_PHRASES]
    assert (
        profiles[0].path
        == f"/v1/skills/{SKILL_ID}/stages/development/interactionModel/locales/en-US/profileNlu"
    )
    token_requests = smapi_server.asked_on("token")
    assert len(token_requests) == 1, "the access token is fetched once and reused"
    assert parse_qs(token_requests[0].body.decode())["grant_type"] == ["refresh_token"]


@pytest.mark.slow
def test_a_muscle_resolved_to_another_id_is_not_understood(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("profile", profiled("CrampIntent", "FOOT"))
    corpus = write_corpus(tmp_path, TWO_PHRASES[:1])

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert "expected CrampIntent (CALF), Alexa heard CrampIntent (FOOT)" in ran.out


@pytest.mark.slow
@pytest.mark.parametrize(("minimum", "code"), [("50", 0), ("90", 1)])
def test_the_minimum_accuracy_sets_the_exit_code(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str], minimum: str, code: int
) -> None:
    smapi_server.script("profile", profiler(TWO_ANSWERS))
    corpus = write_corpus(tmp_path, TWO_PHRASES)

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), "--min-accuracy", minimum, capsys=capsys)

    assert ran.code == code
    assert ran.out.splitlines()[-1] == (
        f"{'at or above' if code == 0 else 'BELOW'} the minimum accuracy of {float(minimum):.1f}%"
    )


@pytest.mark.slow
def test_throttling_is_waited_out_with_retry_after_then_doubling(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("profile", throttled("7"), throttled(None), throttled(None), profiler(TWO_ANSWERS))
    corpus = write_corpus(tmp_path, TWO_PHRASES[:1])

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 0, ran.err
    assert "all: 1/1 understood (100.0%)" in ran.out
    assert len(smapi_server.asked_on("profile")) == 4, "three throttled calls, then the one that succeeded"
    backoff = Backoff()
    assert ran.sleeps == [7.0, backoff.first_wait * 2, backoff.first_wait * 4], "Retry-After, then doubling"


@pytest.mark.slow
def test_a_throttled_answer_without_a_json_body_is_still_waited_out(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("profile", Reply(429, b""), profiler(TWO_ANSWERS))
    corpus = write_corpus(tmp_path, TWO_PHRASES[:1])

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 0, ran.err
    assert ran.sleeps == [Backoff().first_wait]
    assert len(smapi_server.asked_on("profile")) == 2


@pytest.mark.slow
def test_a_server_error_page_is_one_line_with_its_status(
    smapi_server: LoopbackSmapi, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("history", Reply(500, b"<html><body>Internal Server Error</body></html>"))

    ran = run("history", smapi_server, capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(
        ran, "history: reading the intent request history: SMAPI answered 500, with a body that is not JSON"
    )


@pytest.mark.slow
def test_throttling_without_end_gives_up_after_the_bounded_retries(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("profile", throttled("1"))
    corpus = write_corpus(tmp_path, TWO_PHRASES[:1])

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(ran, "nlu-profile:", "429", f"after {Backoff().retries} retries")
    assert len(smapi_server.asked_on("profile")) == Backoff().retries + 1


@pytest.mark.slow
def test_refused_credentials_are_one_line_from_login_with_amazon(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script(
        "token",
        Reply(
            401,
            serialized(
                LwaError(error_type="invalid_client", error_description="Client authentication failed")
            ),
        ),
    )
    corpus = write_corpus(tmp_path, TWO_PHRASES)

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(
        ran, "Login with Amazon refused the credentials (401: invalid_client: Client authentication failed)"
    )
    assert "loopback-secret" not in ran.err and REFRESH_TOKEN not in ran.err
    assert smapi_server.asked_on("profile") == [], "nothing is measured with refused credentials"


@pytest.mark.slow
@pytest.mark.parametrize("body", [b"{not json", b"<html>Bad gateway</html>", b"[1, 2]"])
def test_a_malformed_answer_is_one_line(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: bytes
) -> None:
    smapi_server.script("profile", Reply(200, body))
    corpus = write_corpus(tmp_path, TWO_PHRASES)

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(ran, "nlu-profile: profiling 'my calf is cramping': the answer was not the JSON")


@pytest.mark.slow
def test_an_error_from_smapi_names_its_status_and_reason(
    smapi_server: LoopbackSmapi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script(
        "profile", Reply(403, json.dumps({"message": "The skill is not enabled for testing"}).encode())
    )
    corpus = write_corpus(tmp_path, TWO_PHRASES)

    ran = run("nlu-profile", smapi_server, "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(ran, "SMAPI answered 403", "The skill is not enabled for testing")


# ----------------------------------------------------------------------------------------------------------
# Credentials


@pytest.mark.parametrize("command", ["nlu-profile", "simulate", "history"])
def test_missing_credentials_are_named_in_one_line(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("ASK_CLIENT_ID", "ASK_CLIENT_SECRET", "ASK_REFRESH_TOKEN", "ASK_SKILL_ID"):
        monkeypatch.delenv(name, raising=False)
    for name in ("ASK_LWA_CLIENT_ID", "ASK_LWA_CLIENT_CONFIRMATION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ASK_CLIENT_ID", "amzn1.application-oa2-client.loopback")

    code = main([command, "--smapi-endpoint", "https://127.0.0.1:9", "--lwa-endpoint", "https://127.0.0.1:9"])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{command}: missing ASK_CLIENT_SECRET, ASK_REFRESH_TOKEN (or a refresh token in profile "
        f"'default' of {tmp_path / '.ask' / 'cli_config'}), the skill id (--skill-id or ASK_SKILL_ID): "
        "see docs/deploy.md, 'Measure on Alexa itself'"
    ]


@pytest.mark.slow
def test_the_ask_cli_profiles_refresh_token_is_used_when_the_environment_has_none(
    smapi_server: LoopbackSmapi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ASK_REFRESH_TOKEN")
    (tmp_path / ".ask").mkdir()
    (tmp_path / ".ask" / "cli_config").write_text(
        json.dumps({"profiles": {"work": {"token": {"refresh_token": "Atzr|from-the-profile"}}}})
    )
    smapi_server.script("profile", profiler(TWO_ANSWERS))
    corpus = write_corpus(tmp_path, TWO_PHRASES[:1])

    ran = run("nlu-profile", smapi_server, "--profile", "work", "--corpus", str(corpus), capsys=capsys)

    assert ran.code == 0, ran.err
    (token_request,) = smapi_server.asked_on("token")
    assert parse_qs(token_request.body.decode())["refresh_token"] == ["Atzr|from-the-profile"]


def test_the_commands_say_how_to_install_the_packages_when_they_are_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] in ("ask_smapi_model", "ask_smapi_sdk")]:
        monkeypatch.setitem(sys.modules, name, None)  # an import of it now fails, as if not installed
    for name in [name for name in sys.modules if name.startswith("tooling.smapi.")]:
        monkeypatch.delitem(sys.modules, name)

    code = main(["history"])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "history: needs Amazon's SMAPI packages (ask_smapi_model is not installed): "
        "pip install -e '.[dev]', or make test-fast"
    ]


# ----------------------------------------------------------------------------------------------------------
# simulate


def simulation_done(
    simulation_id: str, reached: dict[str, Any], session_ended: bool = False
) -> SimulationsApiResponse:
    envelope = {"version": "1.0", "request": {**reached, "locale": "en-US"}}
    answer = {"version": "1.0", "response": {"shouldEndSession": session_ended}}
    return SimulationsApiResponse(
        id=simulation_id,
        status=SimulationsApiResponseStatus.SUCCESSFUL,
        result=SimulationResult(
            skill_execution_info=SkillExecutionInfo(
                invocations=[
                    Invocation(
                        invocation_request=InvocationRequest(
                            endpoint="arn:aws:lambda:loopback", body=envelope
                        ),
                        invocation_response=InvocationResponse(body=answer),
                    )
                ]
            )
        ),
    )


def intent(name: str) -> dict[str, Any]:
    return {"type": "IntentRequest", "intent": {"name": name, "slots": {}}}


class SimulationService:
    """Skill Simulation: each POST starts one, which is in progress on its first poll and then done."""

    def __init__(self, reaches: dict[str, tuple[dict[str, Any], bool]]) -> None:
        self.reaches = reaches
        self.said: dict[str, str] = {}
        self.polled: set[str] = set()

    def start(self, asked: Asked) -> Reply:
        simulation_id = f"simulation-{len(self.said) + 1}"
        self.said[simulation_id] = json.loads(asked.body)["input"]["content"]
        return Reply(200, serialized(SimulationsApiResponse(id=simulation_id, status="IN_PROGRESS")))

    def poll(self, asked: Asked) -> Reply:
        simulation_id = asked.path.rsplit("/", 1)[1]
        if simulation_id not in self.polled:
            self.polled.add(simulation_id)
            return Reply(200, serialized(SimulationsApiResponse(id=simulation_id, status="IN_PROGRESS")))
        reached, session_ended = self.reaches[self.said[simulation_id]]
        return Reply(200, serialized(simulation_done(simulation_id, reached, session_ended)))


LOOPBACK_CONVERSATIONS = """
[[conversation]]
name = "calf cramp that eases"
turns = ["open cramp coach", "my calf", "wobbly wobbly", "it's gone"]

[[conversation]]
name = "a quick goodbye"
turns = ["open cramp coach", "thanks", "this turn is never said"]
"""


def loopback_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """A conversation set named "loopback", for ``simulate --set loopback``, for this test only."""
    conversations = tmp_path / "loopback_conversations.toml"
    conversations.write_text(text, encoding="utf-8")
    monkeypatch.setitem(tooling.understanding.CONVERSATION_SETS, "loopback", conversations)


@pytest.mark.slow
def test_simulate_plays_each_conversation_in_one_session_and_counts_fallbacks(
    smapi_server: LoopbackSmapi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loopback_set(tmp_path, monkeypatch, LOOPBACK_CONVERSATIONS)
    service = SimulationService(
        {
            "open cramp coach": ({"type": "LaunchRequest"}, False),
            "my calf": (intent("CrampIntent"), False),
            "wobbly wobbly": (intent("AMAZON.FallbackIntent"), False),
            "it's gone": (intent("BetterIntent"), False),
            "thanks": (intent("ThanksIntent"), True),
        }
    )
    smapi_server.script("simulate", service.start)
    smapi_server.script("simulation", service.poll)

    ran = run("simulate", smapi_server, "--set", "loopback", capsys=capsys)

    assert ran.code == 0, ran.err
    assert ran.out.splitlines() == [
        "Skill Simulation, en-US development",
        "[loopback] calf cramp that eases",
        "  'open cramp coach' -> LaunchRequest",
        "  'my calf' -> CrampIntent",
        "  'wobbly wobbly' -> AMAZON.FallbackIntent  (fell back)",
        '  "it\'s gone" -> BetterIntent',
        "  1 of 4 turns fell back (25.0%)",
        "[loopback] a quick goodbye",
        "  'open cramp coach' -> LaunchRequest",
        "  'thanks' -> ThanksIntent",
        "  0 of 2 turns fell back (0.0%)",
        "loopback: 1 of 6 turns fell back (16.7%)",
        "all: 1 of 6 turns fell back (16.7%)",
    ]
    started = [json.loads(asked.body) for asked in smapi_server.asked_on("simulate")]
    assert [(s["input"]["content"], s["session"]["mode"]) for s in started] == [
        ("open cramp coach", "FORCE_NEW_SESSION"),
        ("my calf", "DEFAULT"),
        ("wobbly wobbly", "DEFAULT"),
        ("it's gone", "DEFAULT"),
        ("open cramp coach", "FORCE_NEW_SESSION"),
        ("thanks", "DEFAULT"),
    ], "the first turn opens a session, the rest continue it; none after the skill ended it"
    assert {s["device"]["locale"] for s in started} == {"en-US"}
    assert len(smapi_server.asked_on("simulation")) == 2 * len(started), "polled until done"
    assert ran.sleeps and set(ran.sleeps) == {1.0}, "each poll waits, through the injectable sleep"


@pytest.mark.slow
def test_simulate_rejects_an_unknown_set_in_one_line(
    smapi_server: LoopbackSmapi, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run("simulate", smapi_server, "--set", "nonesuch", capsys=capsys)

    assert ran.code == 2
    assert_one_clear_line(ran, "no conversation set 'nonesuch'", "dev")


# ----------------------------------------------------------------------------------------------------------
# history


def heard(text: str, intent_name: str, confidence: ConfidenceBin) -> IntentRequest:
    return IntentRequest(
        utterance_text=text,
        intent=HistoryIntent(name=intent_name, confidence=Confidence(bin=confidence), slots={}),
    )


HISTORY_PAGES = [
    IntentRequests(
        skill_id=SKILL_ID,
        is_truncated=True,
        next_token="page-2",
        items=[
            heard("my calf is cramping", "CrampIntent", ConfidenceBin.HIGH),
            heard("my leg has gone all wobbly and weird", "AMAZON.FallbackIntent", ConfidenceBin.LOW),
            heard("the back of my knee is twanging", "CrampIntent", ConfidenceBin.LOW),
            heard("it still hurts", "AMAZON.FallbackIntent", ConfidenceBin.LOW),  # covered: in the model
        ],
    ),
    IntentRequests(
        skill_id=SKILL_ID,
        is_truncated=False,
        items=[
            heard("My leg has gone all wobbly and weird", "AMAZON.FallbackIntent", ConfidenceBin.LOW),
            heard("what is a cramp", "WhatIsCrampIntent", ConfidenceBin.MEDIUM),
            heard("my calf", "CrampIntent", ConfidenceBin.LOW),  # covered
        ],
    ),
]


@pytest.mark.slow
def test_history_prints_the_uncovered_utterances_ready_to_add_and_leaves_out_the_covered(
    smapi_server: LoopbackSmapi, capsys: pytest.CaptureFixture[str]
) -> None:
    smapi_server.script("history", *(Reply(200, serialized(page)) for page in HISTORY_PAGES))

    ran = run("history", smapi_server, capsys=capsys)

    assert ran.code == 0, ran.err
    assert ran.out.splitlines() == [
        "Intent Request History, en-US development (the last 30 days): 7 utterances",
        "by intent                  HIGH  MEDIUM     LOW",
        "  AMAZON.FallbackIntent       0       0       3",
        "  CrampIntent                 1       0       2",
        "  WhatIsCrampIntent           0       1       0",
        "not covered by the grammar yet (2): add each line to that intent's samples in "
        "interaction_model/grammar/en.toml, then `python -m skill model`",
        "[intents.CrampIntent]",
        '  "the back of my knee is twanging",',
        "# unsorted: Alexa fell back; choose the intent",
        '  "my leg has gone all wobbly and weird",',
    ]
    pages = smapi_server.asked_on("history")
    assert [asked.query.get("nextToken") for asked in pages] == [None, ["page-2"]]
    assert all(
        asked.query["locale"] == ["en-US"] and asked.query["stage"] == ["development"] for asked in pages
    )
    assert pages[0].path == f"/v1/skills/{SKILL_ID}/history/intentRequests"


def test_the_lwa_and_smapi_defaults_are_amazons() -> None:
    from ask_sdk_model_runtime.lwa import LwaClient
    from ask_smapi_sdk.smapi_builder import DEFAULT_API_ENDPOINT

    from skill.__main__ import AMAZON_LWA_ENDPOINT, AMAZON_SMAPI_ENDPOINT

    assert (AMAZON_SMAPI_ENDPOINT, AMAZON_LWA_ENDPOINT) == (
        DEFAULT_API_ENDPOINT,
        LwaClient.DEFAULT_LWA_ENDPOINT,
    )


def test_backoff_honours_retry_after_in_seconds_and_caps_every_wait() -> None:
    backoff = Backoff(sleep=lambda seconds: None, first_wait=1.0, longest_wait=30.0)
    assert backoff.wait_before_retry(0, [("retry-after", "12")]) == 12.0
    assert (
        backoff.wait_before_retry(3, [("Retry-After", "Wed"), ("Retry-After", "21 Oct 2015 07:28:00 GMT")])
        == 8.0
    )
    assert backoff.wait_before_retry(9, None) == 30.0
    assert backoff.wait_before_retry(0, [("Retry-After", "600")]) == 30.0


def test_the_report_of_a_run_keeps_no_secret_in_repr() -> None:
    from tooling.smapi.client import Credentials

    text = repr(Credentials("client", "very-secret", "Atzr|token"))
    assert "very-secret" not in text and "Atzr" not in text


@pytest.mark.slow
def test_every_corpus_phrase_is_profiled_and_judged_as_the_simulator_judges_it(
    smapi_server: LoopbackSmapi, capsys: pytest.CaptureFixture[str]
) -> None:
    """With an Alexa that understands exactly as the simulator does, the profiler's figures are the
    simulator's: the same phrases of every corpus, judged by the same rules."""
    understanding = tooling.understanding.resolver()

    def like_the_simulator(asked: Asked) -> Reply:
        resolution = understanding.resolve_in_session(json.loads(asked.body)["utterance"])
        fill = (resolution.slots or {}).get("muscle")
        muscle = fill.resolved_id if fill is not None and fill.matched else None
        return profiled(str(resolution.intent_name), muscle)

    smapi_server.script("profile", like_the_simulator)

    ran = run("nlu-profile", smapi_server, capsys=capsys)

    assert ran.code == 0, ran.err
    said_in_us = [
        phrase
        for path in PHRASE_CORPORA.values()
        for phrase in tooling.understanding.load_phrases(path)
        if phrase.get("locale", "en-US") == "en-US"
    ]
    phrases = len(said_in_us)
    understood = 0
    for phrase in said_in_us:
        resolution = understanding.resolve_in_session(phrase["text"])
        fill = (resolution.slots or {}).get("muscle")
        muscle = fill.resolved_id if fill is not None and fill.matched else None
        expected, heard = tooling.understanding.judge_phrase(phrase, str(resolution.intent_name), muscle)
        understood += expected == heard
    assert f"all: {understood}/{phrases} understood ({understood / phrases * 100:.1f}%)" in ran.out
    assert len(smapi_server.asked_on("profile")) == phrases
    assert ran.out.splitlines()[0].endswith(f"{phrases} phrases ({', '.join(PHRASE_CORPORA)})")


@pytest.mark.slow
def test_a_failed_simulation_is_reported_on_its_turn_and_the_conversation_goes_on(
    smapi_server: LoopbackSmapi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    short = '[[conversation]]\nname = "short"\nturns = ["open cramp coach", "my calf"]\n'
    loopback_set(tmp_path, monkeypatch, short)
    failed = SimulationsApiResponse(
        id="simulation-1",
        status=SimulationsApiResponseStatus.FAILED,
        result=SimulationResult(error=SimulationErrorBody(message="Skill endpoint timed out")),
    )
    smapi_server.script(
        "simulate",
        Reply(200, serialized(failed)),
        Reply(200, serialized(simulation_done("simulation-2", intent("CrampIntent")))),
    )

    ran = run("simulate", smapi_server, "--set", "loopback", capsys=capsys)

    assert ran.code == 0, ran.err
    assert "  'open cramp coach' -> (simulation failed): Skill endpoint timed out" in ran.out.splitlines()
    assert "  'my calf' -> CrampIntent" in ran.out.splitlines()
    assert smapi_server.asked_on("simulation") == [], "a simulation already done is not polled"


@pytest.mark.slow
def test_a_simulation_that_never_finishes_stops_after_the_bounded_polls(
    smapi_server: LoopbackSmapi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    in_progress = Reply(200, serialized(SimulationsApiResponse(id="simulation-1", status="IN_PROGRESS")))
    smapi_server.script("simulate", in_progress)
    smapi_server.script("simulation", in_progress)

    ran = run("simulate", smapi_server, "--set", "dev", capsys=capsys)

    assert ran.code == 3
    assert_one_clear_line(ran, "simulate: simulating 'open cramp coach': not finished after 60 polls")
    assert len(smapi_server.asked_on("simulation")) == 60


@pytest.mark.slow
def test_an_unreachable_server_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name, value in (("ASK_CLIENT_ID", "c"), ("ASK_CLIENT_SECRET", "s"), ("ASK_REFRESH_TOKEN", "r")):
        monkeypatch.setenv(name, value)
    unreachable = "https://127.0.0.1:1"  # port 1: nothing listens, the connection is refused at once

    code = main(
        ["history", "--skill-id", SKILL_ID, "--smapi-endpoint", unreachable, "--lwa-endpoint", unreachable]
    )

    err = capsys.readouterr().err
    assert code == 3
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("history: signing in with Login with Amazon: Call to service failed"), err
