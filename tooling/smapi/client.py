"""The Skill Management API client the three commands share: where the credentials come from, how the
client is built, and how every call is made.

Credentials, in this order: ``ASK_CLIENT_ID``, ``ASK_CLIENT_SECRET`` and ``ASK_REFRESH_TOKEN`` from the
environment; else the refresh token of an ASK CLI profile (``~/.ask/cli_config``) with the client id and
secret the ASK CLI itself reads from the environment (``ASK_LWA_CLIENT_ID``,
``ASK_LWA_CLIENT_CONFIRMATION``). The ASK CLI's own built-in Login with Amazon client is marked internal
to the CLI, so it is not copied here: a refresh token must come with the client that issued it.

The client is ``ask_smapi_model``'s ``SkillManagementServiceClient`` on ``ask_sdk_model_runtime``'s
default HTTPS client and serializer, with a ``LwaClient`` for the token refresh. ``ask_smapi_sdk``'s
builders set only the SMAPI endpoint (their LWA client always calls Amazon's), so the client is built
the way ``StandardSmapiClientBuilder.client()`` builds it, with our own ``LwaClient`` carrying the LWA
endpoint: the same classes and code paths, pointed where the caller says.

Failures, each one line (``SmapiError``)::

    SmapiError                      the command prints it and exits 3
    └── MissingSetting              credentials or skill id not given: exit 2
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ask_sdk_model_runtime import (
    ApiClientRequest,
    ApiClientResponse,
    ApiConfiguration,
    AuthenticationConfiguration,
    DefaultApiClient,
    DefaultSerializer,
)
from ask_sdk_model_runtime.exceptions import SerializationException, ServiceException
from ask_sdk_model_runtime.lwa import LwaClient
from ask_sdk_model_runtime.lwa.error import Error as LwaError
from ask_smapi_model.services.skill_management import SkillManagementServiceClient
from ask_smapi_sdk.smapi_builder import DEFAULT_API_ENDPOINT

DEFAULT_SMAPI_ENDPOINT: str = DEFAULT_API_ENDPOINT
DEFAULT_LWA_ENDPOINT: str = LwaClient.DEFAULT_LWA_ENDPOINT
DEFAULT_PROFILE = "default"
USER_AGENT = "cramp-coach-tooling"
SEE_DOCS = "see docs/deploy.md, 'Measure on Alexa itself'"
CHECK_CREDENTIALS = (
    "check ASK_CLIENT_ID, ASK_CLIENT_SECRET and ASK_REFRESH_TOKEN (or run `ask configure` again)"
)
# How much of an unexpected answer's body a message quotes: enough to recognise it, never a page.
QUOTED_BODY_CHARACTERS = 160

Answer = TypeVar("Answer")


class SmapiError(Exception):
    """A failure said in one line: the command prints it and exits non-zero, without a traceback."""


class MissingSetting(SmapiError):
    """Something the command needs was not given: credentials, the skill id, a corpus or a set."""


@dataclass(frozen=True)
class Credentials:
    """A Login with Amazon client and the refresh token it issued (secrets kept out of ``repr``)."""

    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass(frozen=True)
class Target:
    """Which skill, stage and locale the commands measure."""

    skill_id: str
    stage: str
    locale: str


def cli_config_path() -> Path:
    """The ASK CLI's configuration, looked up when asked (so a test's HOME is honoured)."""
    return Path.home() / ".ask" / "cli_config"


def _profile_refresh_token(cli_config: Path, profile: str) -> str | None:
    if not cli_config.is_file():
        return None
    try:
        profiles = json.loads(cli_config.read_text(encoding="utf-8")).get("profiles", {})
        token = profiles.get(profile, {}).get("token", {}).get("refresh_token")
    except (ValueError, AttributeError):
        raise MissingSetting(f"cannot read {cli_config} as the ASK CLI's JSON configuration") from None
    return token if isinstance(token, str) and token else None


def find_settings(
    environ: Mapping[str, str], *, profile: str, skill_id: str | None, cli_config: Path
) -> tuple[Credentials, str]:
    """The credentials and the skill id, or one ``MissingSetting`` naming everything that is missing (so
    one run tells the developer all of it)."""
    refresh_token = environ.get("ASK_REFRESH_TOKEN") or _profile_refresh_token(cli_config, profile)
    client_id = environ.get("ASK_CLIENT_ID") or environ.get("ASK_LWA_CLIENT_ID")
    client_secret = environ.get("ASK_CLIENT_SECRET") or environ.get("ASK_LWA_CLIENT_CONFIRMATION")
    skill_id = skill_id or environ.get("ASK_SKILL_ID")
    missing = [
        name
        for name, value in (
            ("ASK_CLIENT_ID", client_id),
            ("ASK_CLIENT_SECRET", client_secret),
            (f"ASK_REFRESH_TOKEN (or a refresh token in profile {profile!r} of {cli_config})", refresh_token),
            ("the skill id (--skill-id or ASK_SKILL_ID)", skill_id),
        )
        if not value
    ]
    if missing:
        raise MissingSetting(f"missing {', '.join(missing)}: {SEE_DOCS}")
    assert client_id and client_secret and refresh_token and skill_id  # for the type checker: all checked
    return Credentials(client_id, client_secret, refresh_token), skill_id


@dataclass(frozen=True)
class Backoff:
    """How a throttled call (HTTP 429) waits before trying again: SMAPI's Retry-After when it sends one in
    seconds, else doubling from ``first_wait``; never longer than ``longest_wait``, at most ``retries``
    times. ``sleep`` is injectable so that tests never really wait."""

    sleep: Callable[[float], None] = time.sleep
    retries: int = 5
    first_wait: float = 1.0
    longest_wait: float = 60.0

    def wait_before_retry(self, attempt: int, headers: list[tuple[str, str]] | None) -> float:
        retry_after = next((value for name, value in headers or [] if name.lower() == "retry-after"), None)
        try:
            seconds = float(retry_after) if retry_after is not None else -1.0
        except ValueError:  # the HTTP-date form: rare from SMAPI, and doubling is as good
            seconds = -1.0
        if seconds < 0:
            seconds = self.first_wait * 2**attempt
        return min(seconds, self.longest_wait)


def _one_line(text: object) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= QUOTED_BODY_CHARACTERS else flat[:QUOTED_BODY_CHARACTERS] + "..."


def describe_failure(what: str, error: ServiceException) -> str:
    """One line for a failed call: who refused, with which status, and the reason the service gave (its
    ``message`` and violations; LWA's error and description), never a token or a whole body."""
    body: Any = error.body
    if isinstance(body, LwaError):
        reason = ": ".join(part for part in (body.error_type, body.error_description) if part)
        status = f"{error.status_code}{': ' + _one_line(reason) if reason else ''}"
        if error.status_code in (400, 401, 403):  # LWA's answers to a wrong client or an expired token
            return f"Login with Amazon refused the credentials ({status}): {CHECK_CREDENTIALS}"
        return f"{what}: Login with Amazon answered {status}"
    if body is None and str(error).startswith("Call to service failed"):
        return f"{what}: {_one_line(error)}"  # no answer at all: the reason is the connection's
    message = html.unescape(str(error))  # the SDK's messages carry HTML entities ("doesn&#39;t")
    details = [getattr(body, "message", None)] if body is not None and not isinstance(body, str) else []
    details += [getattr(violation, "message", None) for violation in getattr(body, "violations", None) or []]
    if isinstance(body, str) and body.strip():
        details.append(body)
    reason = "; ".join(_one_line(detail) for detail in details if detail)
    return f"{what}: SMAPI answered {error.status_code} ({message}){': ' + reason if reason else ''}"


class RememberingApiClient(DefaultApiClient):
    """The SDK's own HTTPS client (``requests``, HTTPS only), keeping the last answer's status and headers:
    when the SDK cannot read an error's body, they still say what happened."""

    def __init__(self) -> None:
        self.last_status: int | None = None
        self.last_headers: list[tuple[str, str]] = []

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        self.last_status, self.last_headers = None, []
        response = super().invoke(request)
        self.last_status, self.last_headers = response.status_code, list(response.headers or [])
        return response


class Smapi:
    """The Skill Management API for one set of credentials, every call through ``call``."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        smapi_endpoint: str = DEFAULT_SMAPI_ENDPOINT,
        lwa_endpoint: str = DEFAULT_LWA_ENDPOINT,
        backoff: Backoff | None = None,
    ) -> None:
        serializer = DefaultSerializer()
        self._transport = api_client = RememberingApiClient()
        authentication = AuthenticationConfiguration(
            client_id=credentials.client_id,
            client_secret=credentials.client_secret,
            refresh_token=credentials.refresh_token,
        )
        # The refresh-token grant, as SkillManagementServiceClient builds its own LwaClient, but here with
        # the endpoint set: LwaClient calls {lwa_endpoint}/auth/O2/token and caches the access token.
        self.lwa = LwaClient(
            api_configuration=ApiConfiguration(
                serializer=serializer, api_client=api_client, api_endpoint=lwa_endpoint.rstrip("/")
            ),
            authentication_configuration=authentication,
            grant_type=LwaClient.LWA_CREDENTIALS_GRANT_TYPE,
        )
        self.skills = SkillManagementServiceClient(
            api_configuration=ApiConfiguration(
                serializer=serializer, api_client=api_client, api_endpoint=smapi_endpoint.rstrip("/")
            ),
            authentication_configuration=authentication,
            lwa_client=self.lwa,
            custom_user_agent=USER_AGENT,
        )
        self.backoff = backoff or Backoff()

    def sign_in(self) -> None:
        """Get the first access token now, so that refused credentials are said before any work starts."""
        try:
            self.lwa.get_access_token_from_refresh_token()
        except ServiceException as error:
            raise SmapiError(describe_failure("signing in with Login with Amazon", error)) from None
        except SerializationException:
            status = self._transport.last_status
            if status in (400, 401, 403):
                raise SmapiError(
                    f"Login with Amazon refused the credentials ({status}): {CHECK_CREDENTIALS}"
                ) from None
            if status is not None and not 200 <= status < 300:
                raise SmapiError(f"signing in: Login with Amazon answered {status}, not with JSON") from None
            raise SmapiError("signing in: Login with Amazon's answer was not the JSON it sends") from None
        except ValueError:  # LwaClient's own check: an answer without an expiry
            raise SmapiError("signing in: Login with Amazon's answer held no access token") from None

    def call(self, what: str, operation: Callable[[], object], expected: type[Answer]) -> Answer:
        """``operation()`` (one SDK call), retried while SMAPI throttles it, its answer checked to be an
        ``expected``; any failure becomes one ``SmapiError`` line starting with ``what``."""
        status: int | None
        headers: list[tuple[str, str]] | None
        for attempt in range(self.backoff.retries + 1):
            try:
                answer = operation()
            except ServiceException as error:
                status, headers, failure = error.status_code, error.headers, describe_failure(what, error)
            # The SDK's deserializer fails on a body that is not JSON with SerializationException, and on
            # JSON of the wrong shape (a list for an object, a string for a list) with these. On an error
            # it loses the status too (an empty 429, a 500 page): the transport still knows it.
            except (SerializationException, TypeError, AttributeError):
                status, headers = self._transport.last_status, self._transport.last_headers
                if status is None or 200 <= status < 300:
                    raise SmapiError(f"{what}: the answer was not the JSON SMAPI sends") from None
                failure = f"{what}: SMAPI answered {status}, with a body that is not JSON"
            else:
                if not isinstance(answer, expected):
                    raise SmapiError(
                        f"{what}: the answer was not the JSON SMAPI sends (no {expected.__name__})"
                    )
                return answer
            if status != 429:
                raise SmapiError(failure)
            if attempt == self.backoff.retries:
                raise SmapiError(
                    f"{what}: SMAPI still throttled the call (429) after {self.backoff.retries} retries: "
                    "wait a minute and run it again"
                )
            self.backoff.sleep(self.backoff.wait_before_retry(attempt, headers))
        raise AssertionError("unreachable: the last attempt returns or raises")
