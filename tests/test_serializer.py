"""``EnvelopeSerializer`` against the SDK's own ``DefaultSerializer``: the same objects, the same JSON.

A differential test over a corpus of real-shaped envelopes: every request type the skill answers (and
the CanFulfillIntentRequest and APL UserEvent shapes the SDK's models know), slots with and without
entity resolution, multi-value slots, screens in the context, the timestamp forms Alexa sends and some
it does not, fields the models do not declare, and envelopes the SDK cannot read. For each, both
serializers must build the very same tree of model objects (class by class, value by value, each
datetime's offset included) or fail with the same error, serialize it to the same JSON text, and the
skill must answer with the same response envelope through either.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from skill.builder import answer_envelope, build_skill
from skill.serializer import EnvelopeSerializer
from tooling.envelopes import (
    ECHO_SHOW_8,
    FIRE_TV,
    SessionInfo,
    SlotFill,
    can_fulfill_request,
    envelope,
    intent_request,
    launch_request,
    session_ended_request,
)

MUSCLE = {"muscle": SlotFill("calves", "CALF", "calf", matched=True)}


def with_request_fields(event: dict[str, Any], **fields: Any) -> dict[str, Any]:
    event["request"].update(fields)
    return event


def with_screen(event: dict[str, Any]) -> dict[str, Any]:
    """The context of an Echo Show: APL supported, a viewport, the visual state of a rendered document."""
    system = event["context"]["System"]
    system["device"]["supportedInterfaces"] = {
        "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}},
        "AudioPlayer": {},
    }
    event["context"]["Viewport"] = {
        "experiences": [
            {"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False, "canResize": False}
        ],
        "mode": "HUB",
        "shape": "RECTANGLE",
        "pixelWidth": 1280,
        "pixelHeight": 800,
        "dpi": 160,
        "currentPixelWidth": 1280,
        "currentPixelHeight": 800,
        "touch": ["SINGLE"],
        "keyboard": ["DIRECTION"],
        "video": {"codecs": ["H_264_42", "H_264_41"]},
    }
    event["context"]["Alexa.Presentation.APL"] = {
        "token": "guide",
        "version": "1.9",
        "componentsVisibleOnScreen": [
            {"uid": ":1000", "position": "1280x800+0+0:0", "type": "mixed", "tags": {"viewport": {}}}
        ],
    }
    system["unit"] = {"unitId": "amzn1.ask.unit.TEST", "persistentUnitId": "amzn1.alexa.unit.did.TEST"}
    system["person"] = {"personId": "amzn1.ask.person.TEST", "accessToken": "TEST.PERSON.TOKEN"}
    return event


def apl_user_event(arguments: list[Any]) -> dict[str, Any]:
    event = with_screen(envelope(launch_request()))
    event["request"] = {
        "type": "Alexa.Presentation.APL.UserEvent",
        "requestId": "amzn1.echo-api.request.apl",
        "timestamp": "2026-11-26T05:07:56Z",
        "locale": "en-US",
        "token": "guide",
        "arguments": arguments,
        "source": {"type": "TouchWrapper", "handler": "Press", "id": "nextButton", "value": False},
        "components": {"stepText": "Stretch"},
    }
    return event


def multi_value_slot_request() -> dict[str, Any]:
    event = envelope(intent_request("CrampIntent", MUSCLE))
    event["request"]["intent"]["slots"]["muscle"]["slotValue"] = {
        "type": "List",
        "values": [
            {"type": "Simple", "value": "calf", "resolutions": {"resolutionsPerAuthority": []}},
            {"type": "Simple", "value": "foot"},
        ],
    }
    return event


def corpus() -> list[tuple[str, dict[str, Any]]]:
    """Named envelopes; built fresh for each test, so no test sees another's changes."""
    in_guide = SessionInfo(new=False, attributes={"cramp_coach": {"v": 1, "mode": "guide", "step": 2}})
    cases = [
        ("launch", envelope(launch_request())),
        ("launch, en-GB, no session", envelope(launch_request(locale="en-GB"), in_session=False)),
        ("cramp with a matched slot", envelope(intent_request("CrampIntent", MUSCLE))),
        (
            "cramp with an unmatched slot",
            envelope(intent_request("CrampIntent", {"muscle": SlotFill("elbow")})),
        ),
        ("cramp with an empty slot", envelope(intent_request("CrampIntent", {"muscle": SlotFill(None)}))),
        ("cramp, multi-value slot", multi_value_slot_request()),
        ("yes in a session", envelope(intent_request("AMAZON.YesIntent"), session=in_guide)),
        ("no in a session", envelope(intent_request("AMAZON.NoIntent"), session=in_guide)),
        ("help", envelope(intent_request("AMAZON.HelpIntent"))),
        ("stop", envelope(intent_request("AMAZON.StopIntent"))),
        ("fallback", envelope(intent_request("AMAZON.FallbackIntent"))),
        ("session ended", envelope(session_ended_request())),
        (
            "session ended with an error",
            with_request_fields(
                envelope(session_ended_request(reason="ERROR")),
                error={"type": "INVALID_RESPONSE", "message": "bad SSML"},
            ),
        ),
        ("can fulfill", envelope(can_fulfill_request("CrampIntent", MUSCLE), in_session=False)),
        ("can fulfill, no slot", envelope(can_fulfill_request("CausesIntent"), in_session=False)),
        ("APL user event", apl_user_event(["next", 2, {"step": 1}, None])),
        ("launch on a screen", with_screen(envelope(launch_request()))),
        ("cramp on an Echo Show", envelope(intent_request("CrampIntent", MUSCLE), device=ECHO_SHOW_8)),
        ("help on a Fire TV", envelope(intent_request("AMAZON.HelpIntent"), device=FIRE_TV)),
        (
            "system exception",
            with_request_fields(
                envelope(launch_request()),
                type="System.ExceptionEncountered",
                error={"type": "INVALID_RESPONSE", "message": "x"},
                cause={"requestId": "amzn1.echo-api.request.1"},
            ),
        ),
        (
            "audio player event",
            with_request_fields(
                envelope(launch_request(), in_session=False),
                type="AudioPlayer.PlaybackStopped",
                token="t",
                offsetInMilliseconds=1200,
            ),
        ),
        (
            "playback controller",
            with_request_fields(
                envelope(launch_request(), in_session=False), type="PlaybackController.NextCommandIssued"
            ),
        ),
        (
            "APL runtime error",
            with_request_fields(
                envelope(launch_request(), device=ECHO_SHOW_8),
                type="Alexa.Presentation.APL.RuntimeError",
                token="cramp-coach.guide",
                errors=[{"type": "LIST_ERROR", "reason": "INVALID_INDEX", "message": "x", "listId": "l"}],
            ),
        ),
        (
            "fields the models do not declare",
            with_request_fields(envelope(launch_request()), shouldLinkResultBeReturned=False, extra={"a": 1}),
        ),
        ("unknown request type", with_request_fields(envelope(launch_request()), type="Future.Request")),
        (
            "intent that is text",
            with_request_fields(envelope(launch_request()), type="IntentRequest", intent="x"),
        ),
        ("wrong-typed session flag", envelope(launch_request(), session=SessionInfo(new="maybe"))),
        (
            "a list where a model goes",
            with_request_fields(envelope(intent_request("CrampIntent")), intent=[1]),
        ),
    ]
    for stamp in (
        "2026-11-26T05:07:56Z",
        "2026-11-26T05:07:56.123Z",
        "2026-11-26T05:07:56.123456Z",
        "2026-11-26T05:07:56+00:00",
        "2026-11-26T05:07:56-05:30",
        "2026-11-26T05:07:56",
        "2026-11-26T05:07:56.123456789Z",
        "2026-11-26",
        "20261126T050756Z",
        "2026-W48-4",
        "2026-11-26T25:07:56Z",
        "Thu, 26 Nov 2026 05:07:56 GMT",
        "yesterday",
        "",
        12345,
    ):
        cases.append(
            (f"timestamp {stamp!r}", with_request_fields(envelope(launch_request()), timestamp=stamp))
        )
    return cases


CASES = corpus()


def tz_kind(tzinfo: Any) -> str:
    """The one allowed difference (see skill/serializer.py): the standard library's fixed-offset zones
    stand for dateutil's tzutc, tzlocal and tzoffset. Any other kind of zone is compared by its class."""
    from datetime import timezone

    from dateutil import tz

    if tzinfo is None:
        return "naive"
    if isinstance(tzinfo, (timezone, tz.tzutc, tz.tzlocal, tz.tzoffset)):
        return "fixed offset"
    return f"other: {type(tzinfo).__qualname__}"


def model_tree(value: Any) -> Any:
    """Everything that makes two deserialized envelopes the same: each object's class and attributes,
    each enum's class and value, each datetime's fields and offset, and the types of plain values."""
    if isinstance(value, Enum):
        return ("enum", type(value), value.value)
    if isinstance(value, datetime):
        return ("datetime", value.isoformat(), value.utcoffset(), tz_kind(value.tzinfo))
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, list):
        return ("list", [model_tree(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(key, model_tree(item)) for key, item in value.items()])
    if hasattr(value, "__dict__"):
        return (type(value), [(name, model_tree(item)) for name, item in sorted(vars(value).items())])
    return (type(value), value)


def outcome(read: Any) -> Any:
    """The tree read, or the error it failed with (class and message)."""
    try:
        return model_tree(read())
    except Exception as error:
        return ("error", type(error), str(error))


@pytest.mark.parametrize(("name", "event"), CASES, ids=[name for name, _ in CASES])
def test_the_objects_are_those_of_the_sdks_own_serializer(name: str, event: dict[str, Any]) -> None:
    payload = json.dumps(event)
    sdk = outcome(lambda: DefaultSerializer().deserialize(payload, RequestEnvelope))
    ours = EnvelopeSerializer()
    assert outcome(lambda: ours.deserialize(payload, RequestEnvelope)) == sdk
    assert outcome(lambda: ours.deserialize_data(copy.deepcopy(event), RequestEnvelope)) == sdk
    assert outcome(lambda: ours.deserialize(payload, RequestEnvelope)) == sdk, "the same again, from caches"


def test_the_corpus_is_mostly_readable_envelopes() -> None:
    """Not a corpus of errors: most envelopes are read, and the unreadable ones fail in both alike."""
    unreadable = [
        name
        for name, event in CASES
        if outcome(lambda e=event: DefaultSerializer().deserialize(json.dumps(e), RequestEnvelope))[0]
        == "error"
    ]
    assert "launch" not in unreadable and "unknown request type" in unreadable
    assert len(unreadable) < len(CASES) // 3, unreadable


def sdk_can_read(event: dict[str, Any]) -> bool:
    try:
        DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
    except SerializationException:
        return False
    return True


# Only an envelope the SDK reads has a model to write back; the others are compared as errors above, and
# the test above this keeps them a minority, so this list cannot quietly empty.
READABLE_CASES = [(name, event) for name, event in CASES if sdk_can_read(event)]


@pytest.mark.parametrize(("name", "event"), READABLE_CASES, ids=[name for name, _ in READABLE_CASES])
def test_the_json_written_is_that_of_the_sdks_own_serializer(name: str, event: dict[str, Any]) -> None:
    sdk = DefaultSerializer()
    model = sdk.deserialize(json.dumps(event), RequestEnvelope)
    ours = EnvelopeSerializer()
    assert json.dumps(ours.serialize(model)) == json.dumps(sdk.serialize(model))


def test_the_timestamps_alexa_sends_are_read_without_dateutil() -> None:
    """The point of the exercise: an aware datetime in UTC, by the standard library alone."""
    event = with_request_fields(envelope(launch_request()), timestamp="2026-11-26T05:07:56.250Z")
    read = EnvelopeSerializer().deserialize_data(event, RequestEnvelope)
    assert read.request.timestamp == datetime.fromisoformat("2026-11-26T05:07:56.250+00:00")
    assert type(read.request.timestamp.tzinfo).__module__ == "datetime"


@pytest.fixture(scope="module")
def skills() -> tuple[Any, Any]:
    """The skill as built, and the same skill with the SDK's own serializer put back."""
    return build_skill(), build_skill(serializer=DefaultSerializer())


@pytest.mark.parametrize(("name", "event"), CASES, ids=[name for name, _ in CASES])
def test_the_skill_answers_the_same_through_either_serializer(
    name: str, event: dict[str, Any], skills: tuple[Any, Any]
) -> None:
    ours, sdk = skills
    with_ours = answer_envelope(ours, copy.deepcopy(event))
    with_sdk = answer_envelope(sdk, copy.deepcopy(event))
    assert json.dumps(with_ours) == json.dumps(with_sdk)
    assert "response" in with_ours
