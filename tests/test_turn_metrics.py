"""One CloudWatch embedded-metric line per spoken turn, through the real Lambda handler, when switched on:
valid EMF, a fallback counted as one, and nothing in it that the request log may not hold."""

from __future__ import annotations

import io
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from log_guard import identifiers_of, metric_line_leaks
from ssml_rules import assert_valid_response
from test_lambda_function import load_lambda_function

from skill.conversation.events import HEALTH_ANSWER_INTENTS
from skill.conversation.state import Mode, State
from skill.handlers.turn_metrics import EMF, SWITCH, TurnCount, emf_document, metrics_switched_on
from skill.session import state_to_attributes
from tooling.envelopes import (
    TEST_SKILL_ID,
    SessionInfo,
    SlotFill,
    apl_runtime_error_request,
    can_fulfill_request,
    envelope,
    intent_request,
    launch_request,
    session_ended_request,
    touch_request,
)
from tooling.simulator import UtteranceResolver
from tooling.speaker import Speaker

Send = Callable[..., dict[str, Any]]

# Whole conversations, health answers included (yes, no, not sure, it still hurts, worse, better, wait,
# an emergency, chest pain, a stomach cramp), and things the model does not know.
CONVERSATIONS = (
    ("open cramp coach", "my calf is cramping", "it still hurts", "next", "next", "i'm not sure", "no", "no",
     "yes"),
    ("open cramp coach", "no", "what causes cramps", "yes", "stop"),
    ("open cramp coach", "my foot", "it hurts more", "wait", "next", "it's gone", "no", "no", "no", "no",
     "thanks"),
    ("open cramp coach", "yes", "my thigh", "the back", "blah blah purple", "hmm what", "zzz", "stop"),
    ("open cramp coach", "i have chest pain"),
    ("open cramp coach", "my stomach is cramping", "this is an emergency"),
    ("open cramp coach", "should i see a doctor", "yes"),
)  # fmt: skip


def metric_lines(captured: str) -> list[str]:
    """The metric lines among what was printed (each a JSON object with EMF's metadata member)."""
    return [line for line in captured.splitlines() if line.startswith('{"_aws"')]


def assert_valid_emf(line: str) -> dict[str, Any]:
    """The EMF specification's rules for one log event: one JSON object on one line; a millisecond
    timestamp; every metric a directive names is a number on the root, every dimension key a string."""
    assert "\n" not in line and line == line.strip()
    document = json.loads(line)
    assert isinstance(document, dict)
    metadata = document["_aws"]
    timestamp = metadata["Timestamp"]
    assert type(timestamp) is int, "milliseconds since the epoch, as an integer"
    assert abs(timestamp - time.time() * 1000) < 60_000, "milliseconds of now, not seconds"
    directives = metadata["CloudWatchMetrics"]
    assert directives, "at least one metric directive"
    for directive in directives:
        assert isinstance(directive["Namespace"], str) and 1 <= len(directive["Namespace"]) <= 255
        assert directive["Metrics"] and len(directive["Metrics"]) <= 100
        for metric in directive["Metrics"]:
            value = document[metric["Name"]]
            assert isinstance(value, int | float) and not isinstance(value, bool), metric["Name"]
            assert metric.get("Unit", "None") == "Count"
        assert directive["Dimensions"], "at least one dimension set"
        for dimension_set in directive["Dimensions"]:
            assert len(dimension_set) <= 30
            for key in dimension_set:
                assert isinstance(document[key], str) and document[key], key
    return document


def without_timestamp(line: str) -> dict[str, Any]:
    document = json.loads(line)
    del document["_aws"]["Timestamp"]
    return document


@pytest.fixture
def metrics_on(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """lambda/lambda_function.py as Lambda imports it, with the environment template.yaml gives it."""
    monkeypatch.setenv(SWITCH, EMF)
    return load_lambda_function(monkeypatch, TEST_SKILL_ID)


@pytest.fixture
def metrics_off(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.delenv(SWITCH, raising=False)
    return load_lambda_function(monkeypatch, TEST_SKILL_ID)


@pytest.fixture
def send_to(metrics_on: ModuleType) -> Send:
    """Send one request body, in a session in ``mode`` (or none, with ``in_session=False``)."""

    def run(request: dict[str, Any], *, mode: Mode = Mode.START, in_session: bool = True) -> dict[str, Any]:
        session = SessionInfo(new=False, attributes=state_to_attributes(State(mode=mode)))
        response = metrics_on.lambda_handler(envelope(request, session=session, in_session=in_session), None)
        assert_valid_response(response)
        return response

    return run


def converse(module: ModuleType, resolver: UtteranceResolver, utterances: tuple[str, ...]) -> Iterator[Any]:
    speaker = Speaker(module.lambda_handler, resolver)
    return (speaker.say(utterance) for utterance in utterances)


def test_each_spoken_turn_writes_one_valid_emf_line(
    metrics_on: ModuleType, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    turns = list(converse(metrics_on, resolver, CONVERSATIONS[0]))
    captured = capsys.readouterr().out
    lines = metric_lines(captured)
    assert len(lines) == len(turns), captured
    assert captured.splitlines() == lines, "nothing else is printed: each line is an EMF log event alone"
    documents = [assert_valid_emf(line) for line in lines]
    assert [document["Mode"] for document in documents[:3]] == ["start", "asked_if_cramping", "stretch"]
    assert {document["Locale"] for document in documents} == {"en-US"}


def test_the_totals_the_alarm_divides_have_no_dimension() -> None:
    (directive,) = emf_document(TurnCount("en-US", Mode.START, False), 0)["_aws"]["CloudWatchMetrics"]
    assert [] in directive["Dimensions"], "the alarm reads the sums over every locale and mode"


def test_switched_off_no_line_is_written(
    metrics_off: ModuleType, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    list(converse(metrics_off, resolver, CONVERSATIONS[0]))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("value", "on"), [(EMF, True), ("", False), ("off", False), ("EMF", False), ("yes", False)]
)
def test_only_emf_switches_the_lines_on(value: str, on: bool, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    assert metrics_switched_on({SWITCH: value}) is on
    warned = [record.getMessage() for record in caplog.records]
    assert warned == ([] if on or not value else [f"{SWITCH} must be 'emf' or empty: metrics are off"])
    assert metrics_switched_on({}) is False


def test_a_fallback_counts_one_and_an_understood_turn_none(
    send_to: Send, capsys: pytest.CaptureFixture[str]
) -> None:
    send_to(launch_request(), in_session=False)
    send_to(intent_request("AMAZON.FallbackIntent"), mode=Mode.ASKED_IF_CRAMPING)
    send_to(intent_request("MyPhoneNumberIs5551234Intent"), mode=Mode.CHECKS)  # not in this version
    send_to(intent_request("CrampIntent", {"muscle": SlotFill("elbow")}), mode=Mode.STRETCH)
    send_to(intent_request("AMAZON.HelpIntent"), mode=Mode.MASSAGE)
    lines = metric_lines(capsys.readouterr().out)
    counted = [(json.loads(line)["Mode"], json.loads(line)["Fallbacks"]) for line in lines]
    assert counted == [
        ("start", 0),
        ("asked_if_cramping", 1),
        ("checks", 1),  # "sorry, I didn't catch that", as for the fallback intent
        ("stretch", 0),  # the intent was placed; its words are the conversation's to judge
        ("massage", 0),
    ]
    assert "MyPhoneNumber" not in "\n".join(lines)


def test_the_mode_is_the_one_the_turn_arrived_in(send_to: Send, capsys: pytest.CaptureFixture[str]) -> None:
    """Where an answer led would tell the answer: a yes to a red-flag question ends in the advice to call."""
    send_to(intent_request("AMAZON.YesIntent"), mode=Mode.CHECKS)
    (line,) = metric_lines(capsys.readouterr().out)
    assert json.loads(line)["Mode"] == "checks"


def test_requests_that_are_no_spoken_turn_write_no_line(
    send_to: Send, metrics_on: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    send_to(session_ended_request())
    send_to(can_fulfill_request("CrampIntent"), in_session=False)
    send_to(touch_request(["next", ""], token="cramp-coach"), mode=Mode.STRETCH)
    send_to(apl_runtime_error_request([{"type": "LIST_ERROR", "message": "x"}]))
    unreadable = envelope(launch_request())
    unreadable["request"]["timestamp"] = "not a time"
    metrics_on.lambda_handler(unreadable, None)
    assert metric_lines(capsys.readouterr().out) == []


def test_a_turn_that_fails_inside_the_skill_is_a_turn_but_no_fallback(
    send_to: Send, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from skill.handlers.intents import IntentHandler

    def broken(self: IntentHandler, handler_input: Any) -> Any:
        raise RuntimeError("inside the turn")

    monkeypatch.setattr(IntentHandler, "handle", broken)
    send_to(intent_request("AMAZON.HelpIntent"), mode=Mode.CHECKS)
    (line,) = metric_lines(capsys.readouterr().out)
    assert json.loads(line)["Fallbacks"] == 0


def test_a_locale_the_skill_is_not_published_in_is_no_dimension_value(
    send_to: Send, capsys: pytest.CaptureFixture[str]
) -> None:
    send_to(launch_request(locale="en-GB"), in_session=False)
    send_to(launch_request(locale="xx-MyNameIsAnna"), in_session=False)
    locales = [json.loads(line)["Locale"] for line in metric_lines(capsys.readouterr().out)]
    assert locales == ["en-GB", "other"]


def test_a_metric_that_cannot_be_written_costs_no_answer(
    send_to: Send, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    response = send_to(launch_request(), in_session=False)
    assert "where is it" in response["response"]["outputSpeech"]["ssml"]
    assert "turn metric not written: ValueError" in [record.getMessage() for record in caplog.records]


# ---------------------------------------------------------------------------------------------------------
# Privacy: the request log's rule holds for the metric lines


def test_whole_conversations_write_nothing_personal(
    metrics_on: ModuleType, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets: set[str] = set()
    spoken = 0
    for utterances in CONVERSATIONS:
        for turn in converse(metrics_on, resolver, utterances):
            spoken += 1
            secrets |= identifiers_of(turn.request)
            intent = turn.request["request"].get("intent") or {}
            secrets |= {slot["value"] for slot in intent.get("slots", {}).values() if slot.get("value")}
    lines = metric_lines(capsys.readouterr().out)
    assert len(lines) == spoken
    assert {"calf", "foot", "thigh", "back", "stomach"} <= secrets, "the slot values said are looked for"
    for line in lines:
        assert metric_line_leaks(line) == [], line
        document = json.loads(line)
        values = {document["Locale"], document["Mode"]}
        assert not values & secrets, line
    assert sum(json.loads(line)["Fallbacks"] for line in lines) == 3, "the three turns of nonsense"


@pytest.mark.parametrize("mode", list(Mode))
def test_a_health_answer_writes_the_same_line_whatever_it_is(
    send_to: Send, capsys: pytest.CaptureFixture[str], mode: Mode
) -> None:
    """Yes, no, not sure, it still hurts, worse, better, wait, an emergency, chest pain, a stomach cramp:
    in any one mode, the line of each is the same, so no line tells which was said."""
    for intent in sorted(HEALTH_ANSWER_INTENTS):
        send_to(intent_request(intent), mode=mode)
    lines = metric_lines(capsys.readouterr().out)
    assert len(lines) == len(HEALTH_ANSWER_INTENTS)
    assert all(metric_line_leaks(line) == [] for line in lines)
    first = without_timestamp(lines[0])
    assert all(without_timestamp(line) == first for line in lines)
    assert (first["Mode"], first["Fallbacks"]) == (mode.value, 0)


def test_the_log_guard_catches_a_line_with_more_in_it() -> None:
    line = json.loads(json.dumps(emf_document(TurnCount("en-US", Mode.CHECKS, False), 1)))
    assert metric_line_leaks(json.dumps(line)) == []
    for member, value in (("Intent", "AMAZON.YesIntent"), ("User", "amzn1.ask.account.TEST1"), ("Said", "x")):
        assert metric_line_leaks(json.dumps({**line, member: value})), member
    assert metric_line_leaks(json.dumps({**line, "Mode": "calf"}))
    assert metric_line_leaks(json.dumps({**line, "Locale": "en-US-my-name"}))
    line["_aws"]["CloudWatchMetrics"][0]["Dimensions"].append(["Said"])
    assert metric_line_leaks(json.dumps(line))
