"""Builders of real-shaped Alexa request envelopes, as plain JSON-safe dicts.

The terminal chat, the tests and the benchmarks all talk to the skill the way Alexa does, through
``lambda_handler``; this module is the one place that knows what Alexa's requests look like (version,
session, context.System, request), so no one copies JSON blobs around. Ids are random per call and
clearly fake, which also lets the tests prove that no id ever reaches a log line.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

DEFAULT_LOCALE = "en-US"
TEST_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000c0ac"
API_ENDPOINT = "https://api.amazonalexa.com"


@dataclass(frozen=True)
class SlotFill:
    """A slot as Alexa fills it: the words heard and, for custom types, the entity resolution."""

    value: str | None
    resolved_id: str | None = None
    resolved_name: str | None = None
    matched: bool = False


class Device(NamedTuple):
    """What a device tells the skill about itself: its interfaces and, with a screen, its viewport."""

    name: str
    supported_interfaces: Mapping[str, Any]
    viewport: Mapping[str, Any] | None = None


def _screen(name: str, mode: str, shape: str, width: int, height: int, dpi: int, touch: bool) -> Device:
    return Device(
        name,
        {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.2"}}},
        {
            "experiences": [{"canRotate": False, "canResize": False}],
            "mode": mode,
            "shape": shape,
            "pixelWidth": width,
            "pixelHeight": height,
            "currentPixelWidth": width,
            "currentPixelHeight": height,
            "dpi": dpi,
            "touch": ["SINGLE"] if touch else [],
            "keyboard": [] if touch else ["DIRECTION"],
        },
    )


VOICE_ONLY = Device("echo", {})
ECHO_SHOW_8 = _screen("echo-show-8", "HUB", "RECTANGLE", 1280, 800, 213, touch=True)
ECHO_SHOW_15 = _screen("echo-show-15", "HUB", "RECTANGLE", 1920, 1080, 160, touch=True)
ECHO_SPOT = _screen("echo-spot", "HUB", "ROUND", 480, 480, 160, touch=True)
FIRE_TV = _screen("fire-tv", "TV", "RECTANGLE", 1920, 1080, 320, touch=False)
SCREEN_DEVICES = (ECHO_SHOW_8, ECHO_SHOW_15, ECHO_SPOT, FIRE_TV)
DEVICES = {device.name: device for device in (VOICE_ONLY, *SCREEN_DEVICES)}


@dataclass
class SessionInfo:
    """Who is talking and the session they are in; reused across turns like Alexa does."""

    session_id: str = field(default_factory=lambda: f"amzn1.echo-api.session.{uuid.uuid4()}")
    user_id: str = field(default_factory=lambda: f"amzn1.ask.account.TEST{uuid.uuid4().hex.upper()}")
    device_id: str = field(default_factory=lambda: f"amzn1.ask.device.TEST{uuid.uuid4().hex.upper()}")
    new: bool = True
    attributes: dict[str, Any] = field(default_factory=dict)


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(
    request: Mapping[str, Any],
    *,
    session: SessionInfo | None = None,
    in_session: bool = True,
    application_id: str = TEST_SKILL_ID,
    device: Device = VOICE_ONLY,
) -> dict[str, Any]:
    """Wrap a request body in an envelope; ``in_session=False`` leaves the session out, as Alexa does for
    requests that do not belong to a conversation. ``device`` says what it can show."""
    session = session or SessionInfo()
    application = {"applicationId": application_id}
    user = {"userId": session.user_id}
    result: dict[str, Any] = {
        "version": "1.0",
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {
                    "deviceId": session.device_id,
                    "supportedInterfaces": dict(device.supported_interfaces),
                },
                "apiEndpoint": API_ENDPOINT,
                "apiAccessToken": f"TEST.TOKEN.{uuid.uuid4().hex}",
            }
        },
        "request": dict(request),
    }
    if device.viewport is not None:
        result["context"]["Viewport"] = dict(device.viewport)
    if in_session:
        result["session"] = {
            "new": session.new,
            "sessionId": session.session_id,
            "application": application,
            "user": user,
            "attributes": session.attributes,
        }
    return result


def _request(request_type: str, locale: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": _timestamp(),
        "locale": locale,
        **fields,
    }


def launch_request(*, locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    return _request("LaunchRequest", locale)


def slot_json(name: str, fill: SlotFill) -> dict[str, Any]:
    """One slot as Alexa sends it, with the entity resolution Alexa adds for custom slot types."""
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if fill.value is None:
        return slot
    slot["value"] = fill.value
    status = "ER_SUCCESS_MATCH" if fill.matched else "ER_SUCCESS_NO_MATCH"
    authority: dict[str, Any] = {
        "authority": "amzn1.er-authority.echo-sdk.TEST.MuscleType",
        "status": {"code": status},
    }
    if fill.matched:
        authority["values"] = [{"value": {"name": fill.resolved_name, "id": fill.resolved_id}}]
    slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
    return slot


def _intent(intent_name: str, slots: Mapping[str, SlotFill] | None) -> dict[str, Any]:
    intent: dict[str, Any] = {"name": intent_name, "confirmationStatus": "NONE"}
    if slots is not None:
        intent["slots"] = {name: slot_json(name, fill) for name, fill in slots.items()}
    return intent


def intent_request(
    intent_name: str,
    slots: Mapping[str, SlotFill] | None = None,
    *,
    locale: str = DEFAULT_LOCALE,
) -> dict[str, Any]:
    return _request("IntentRequest", locale, dialogState="COMPLETED", intent=_intent(intent_name, slots))


def can_fulfill_request(
    intent_name: str,
    slots: Mapping[str, SlotFill] | None = None,
    *,
    locale: str = DEFAULT_LOCALE,
) -> dict[str, Any]:
    """Alexa's name-free query "could you take this intent?"; wrap it with ``in_session=False``, as Alexa
    sends it outside any session."""
    return _request("CanFulfillIntentRequest", locale, intent=_intent(intent_name, slots))


def touch_request(arguments: list[str], *, locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    """A touch on a screen: the arguments of the touched target's SendEvent."""
    return _request(
        "Alexa.Presentation.APL.UserEvent",
        locale,
        token="cramp-coach",
        arguments=list(arguments),
        source={"type": "TouchWrapper", "handler": "Press", "id": ""},
        components={},
    )


def session_ended_request(*, reason: str = "USER_INITIATED", locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    return _request("SessionEndedRequest", locale, reason=reason)
