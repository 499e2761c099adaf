"""Every event, and everything that makes one, against everything that reads them: an event added in
``skill.conversation.events`` and forgotten in a model, the table, a screen or the handlers fails here."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest

from skill.content import load_locales
from skill.conversation import Event, EventKind, Mode, Muscle, State, Topic, step
from skill.conversation.events import (
    CRAMP_INTENT,
    EVENT_BY_INTENT,
    SIGN_BY_INTENT,
    SLOTS_BY_INTENT,
    SOURCES,
    TOPIC_BY_INTENT,
    TOUCHABLE,
    Touchable,
    event_from_touch,
    touch_arguments,
)
from skill.session import state_to_attributes
from skill.speech import render
from tooling.conversation_states import EVERY_EVENT, every_state
from tooling.envelopes import SessionInfo, SlotFill, intent_request
from tooling.simulator import BUILT_IN_PHRASES, load_interaction_model

LOCALES = tuple(load_locales().locales)


def test_every_event_has_a_source_that_makes_it() -> None:
    assert set(SOURCES) == set(EventKind)
    unmade = [kind for kind, source in SOURCES.items() if not source.intents and source.request is None]
    assert unmade == [], "an event nothing can make"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_of_every_locale_model_makes_exactly_one_event(locale: str) -> None:
    """Each model intent is declared by one event (duplicates fail at import), with the slots the handlers
    read; and each declared intent is in the model, so that Alexa can send it."""
    model_intents = {intent["name"]: intent for intent in load_interaction_model(locale)["intents"]}
    assert sorted(set(model_intents) - set(EVENT_BY_INTENT)) == [], "in the model, made by no event"
    assert sorted(set(EVENT_BY_INTENT) - set(model_intents)) == [], "declared, missing from the model"
    for name, intent in model_intents.items():
        slots = tuple(slot["name"] for slot in intent.get("slots", []))
        assert slots == SLOTS_BY_INTENT[name], name


def intent_fills(intent: str) -> dict[str, SlotFill]:
    if intent == CRAMP_INTENT:
        return {"muscle": SlotFill("calves", "CALF", "calf", matched=True)}
    return {}


# Each intent with the event that declares it (SOURCES, read directly: not the mapping derived from it).
DECLARED = [(kind, intent) for kind, source in SOURCES.items() for intent in source.intents]
MID_STRETCH = State(mode=Mode.STRETCH, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True)


def declared_event(kind: EventKind, intent: str) -> Event:
    muscle = Muscle.CALF if kind is EventKind.CRAMP else Muscle.NONE
    return Event(kind, muscle=muscle, topic=TOPIC_BY_INTENT.get(intent), sign=SIGN_BY_INTENT.get(intent))


@pytest.mark.parametrize(("kind", "intent"), DECLARED, ids=lambda value: str(value))
def test_every_declared_intent_reaches_the_conversation_as_its_event(
    send: Any, kind: EventKind, intent: str
) -> None:
    """Through the real Lambda handler, mid-stretch (where almost every event says something of its own):
    the speech is what the conversation says for the event that declares the intent in SOURCES."""
    response = send(
        intent_request(intent, intent_fills(intent)),
        session=SessionInfo(new=False, attributes=state_to_attributes(MID_STRETCH)),
    )
    spoken = response["response"]["outputSpeech"]["ssml"]
    expected = render(step(MID_STRETCH, declared_event(kind, intent)).reply, "en-US").speech_ssml
    assert spoken == expected


@pytest.mark.parametrize(("kind", "intent"), DECLARED, ids=lambda value: str(value))
def test_every_intent_is_logged_by_name_and_a_health_answer_only_as_answer(
    send: Any, caplog: pytest.LogCaptureFixture, kind: EventKind, intent: str
) -> None:
    """The request log names the intent, except where its event tells something about health (SOURCES):
    then only "answer"; the response line after an answer leaves out where it led."""
    with caplog.at_level(logging.INFO, logger="skill.requests"):
        send(intent_request(intent, intent_fills(intent)))
    lines = [record.getMessage() for record in caplog.records if record.name == "skill.requests"]
    (request,) = [line for line in lines if line.startswith("request ")]
    (response,) = [line for line in lines if line.startswith("response ")]
    label = "answer" if SOURCES[kind].health_answer else intent
    assert f" intent={label} " in request
    if SOURCES[kind].health_answer:
        assert intent not in " ".join(lines) and response == "response mode=- end_session=-"


def test_the_simulators_built_in_phrases_are_for_declared_intents() -> None:
    assert set(BUILT_IN_PHRASES) <= set(EVENT_BY_INTENT)


def offered_touches() -> set[tuple[str, str]]:
    """Every touch target any screen offers, in every walked state, after every event."""
    return {
        touch.arguments
        for state in every_state()
        for event in EVERY_EVENT
        if (screen := step(state, event).reply.screen) is not None
        for touch in screen.touches
    }


def test_every_touchable_event_is_offered_by_a_screen_and_every_offered_touch_is_declared() -> None:
    offered = offered_touches()
    kinds = {event.kind for arguments in offered if (event := event_from_touch(arguments)) is not None}
    assert len(kinds) == len({arguments[0] for arguments in offered}), "a touch that names no event"
    assert kinds == TOUCHABLE, "declared touchable but on no screen, or on a screen but not declared"


@pytest.mark.parametrize(
    "event",
    [
        Event(EventKind.CRAMP, muscle=muscle)
        for muscle in Muscle
        if muscle not in (Muscle.UNKNOWN, Muscle.NONE)
    ]
    + [Event(EventKind.INFO, topic=topic) for topic in Topic]
    + [Event(kind) for kind in sorted(TOUCHABLE) if kind not in (EventKind.CRAMP, EventKind.INFO)],
    ids=lambda event: "-".join(str(part) for part in event if part is not None),
)
def test_a_touchable_event_round_trips_through_its_touch_arguments(event: Event) -> None:
    assert event_from_touch(touch_arguments(event)) == event


def test_an_event_not_declared_touchable_has_no_touch() -> None:
    untouchable = [kind for kind, source in SOURCES.items() if source.touch is Touchable.NO]
    for kind in untouchable:
        with pytest.raises(ValueError, match="not declared touchable"):
            touch_arguments(Event(kind))
        assert event_from_touch([kind.value, ""]) is None


# ---------------------------------------------------------------------------------------------------------
# The README's table of what people say mid-conversation

README = Path(__file__).resolve().parent.parent / "README.md"
TABLE_HEADER = "| they say | the skill |"
# What a person says inside a conversation in words of their own: every event a custom intent makes that
# is not a question Alexa routes by name (those are in the README's topics) needs a row.
SAID_IN_CONVERSATION = {
    kind
    for kind, source in SOURCES.items()
    if not source.name_free and any(not intent.startswith("AMAZON.") for intent in source.intents)
}


def readme_rows() -> list[list[str]]:
    """The quoted phrases of each row of the README's table of what people say."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        said = line.split("|")[1]
        rows.append(re.findall(r'"([^"]+)"', said))
    return rows


def test_the_readme_table_has_a_row_for_everything_said_in_a_conversation(resolver: Any) -> None:
    described: set[EventKind] = set()
    for phrases in readme_rows():
        assert phrases, "a row without a quoted phrase"
        kinds = {EVENT_BY_INTENT[resolver.resolve_in_session(phrase).intent_name].kind for phrase in phrases}
        assert len(kinds) == 1, f"one row, one event: {phrases} make {sorted(kinds)}"
        described |= kinds
    assert sorted(SAID_IN_CONVERSATION - described) == [], "said in a conversation, not in the README's table"
    assert sorted(described - SAID_IN_CONVERSATION) == [], "in the README's table, not said in conversation"
