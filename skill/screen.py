"""What a screen shows: a conversation turn as an APL document and the datasources that fill it in.

Screens are for devices that say they can show APL (Echo Show, Echo Spot, Fire TV). The response writer
imports this module only for such a request, and the document, a data file (``skill/screens/``), is read
and parsed when the first screen device asks, once per process: a voice-only request never pays for it.
The document holds no text; every word shown comes from the reviewed content file, through the
datasources, so a clinician still reviews one file. A screen is derived from the turn the conversation
already decided (its state and its reply), so a screen can never say something the voice did not.

    Turn ──screen_of()──> Screen (content keys, touch targets, the hold) ──datasources()──> text, for a locale
    skill/screens/cramp-coach.json ──load_document(), once──> RenderDocument(document, datasources)

Each touch target carries the conversation event that saying its label sends, as the arguments of an
``Alexa.Presentation.APL.UserEvent`` (``touch_arguments``); ``skill.handlers.touch`` turns them back into
that event, so a touch goes through exactly the same conversation step as the spoken word.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple

from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

from skill.conversation import (
    MUSCLES_WITH_THEIR_OWN_STRETCH,
    TOPIC_BODIES,
    Event,
    EventKind,
    GuideStep,
    Mode,
    Muscle,
    State,
    Topic,
    Turn,
)
from skill.reply import Part, Pause, Reply, Say, SayList
from skill.speech import shown_text

DOCUMENT_FILE = os.path.join(os.path.dirname(__file__), "screens", "cramp-coach.json")
# The APL version the document declares (apl-suggester knows APL up to 2024.2). A device whose runtime is
# older gets the voice and the card only: it would refuse a document newer than its maxVersion.
APL_VERSION = (2024, 2)
DOCUMENT_TOKEN = "cramp-coach"
DATASOURCE = "cramp_coach"  # the document reads payload.cramp_coach
WORDS_PER_MINUTE = 150  # Alexa's speaking pace, for when the speech reaches the hold
# "The total size of your response can't exceed 120 kilobytes" (Alexa Skills Kit, Request and Response
# JSON Reference, "Response format"; it was 24 KB before APL). The document and the longest datasource
# take under a fifth of it (tests/test_screen.py): the rest is room for 8,000 characters of speech and a card.
RESPONSE_SIZE_LIMIT_BYTES = 120 * 1024


class ScreenKind(StrEnum):
    """Which layout of the document a screen uses."""

    QUESTION = "question"  # the question, large, with touch targets for the answers
    STEP = "step"  # a guide step: the instruction, large, the hold's countdown, next / repeat / stop
    TOPIC = "topic"  # an information topic: its text as a readable list, and the offer
    ADVICE = "advice"  # the provider advice or the emergency line: large and plain, with the number
    MESSAGE = "message"  # any other ending: what was said, as text


class Touch(NamedTuple):
    """A touch target: its label (a content key) and the event that saying the label sends."""

    label: Say
    event: Event


class Screen(NamedTuple):
    """One screen, in content keys: what the layout shows, before it is worded for a locale."""

    kind: ScreenKind
    heading: tuple[Part, ...] = ()
    body: tuple[Part, ...] = ()  # lines; a whole list (SayList without item) is shown as bullets
    question: tuple[Part, ...] = ()
    touches: tuple[Touch, ...] = ()
    hold_seconds: float = 0  # the countdown's length (0: no countdown)
    hold_label: Say | None = None
    said_before_hold: tuple[Part, ...] = ()  # what the speech says before the hold begins


def _touch(label: str, kind: EventKind, **detail: Any) -> Touch:
    return Touch(Say(f"screen.touch.{label}"), Event(kind, **detail))


MUSCLE_TOUCHES = (
    _touch("calf", EventKind.CRAMP, muscle=Muscle.CALF),
    _touch("foot", EventKind.CRAMP, muscle=Muscle.FOOT),
    _touch("thigh", EventKind.CRAMP, muscle=Muscle.THIGH),
    _touch("hand", EventKind.CRAMP, muscle=Muscle.HAND),
    _touch("somewhere_else", EventKind.CRAMP, muscle=Muscle.OTHER),
)
NOT_CRAMPING = _touch("not_cramping", EventKind.NO)
THIGH_SIDE_TOUCHES = (
    _touch("front", EventKind.CRAMP, muscle=Muscle.QUADRICEPS),
    _touch("back", EventKind.CRAMP, muscle=Muscle.BACK),
)
YES_NO = (_touch("yes", EventKind.YES), _touch("no", EventKind.NO))
NOT_SURE = _touch("not_sure", EventKind.UNSURE)
GUIDE_TOUCHES = (
    _touch("next", EventKind.NEXT),
    _touch("repeat", EventKind.REPEAT),
    _touch("stop", EventKind.STOP),
)
# The topics, labelled as their cards are titled.
TOPIC_TOUCHES = tuple(
    Touch(Say(f"card.{topic.value}.title"), Event(EventKind.INFO, topic=topic)) for topic in Topic
)


def touch_arguments(event: Event) -> list[str]:
    """The UserEvent arguments of a touch: the event's kind, and the muscle or topic it names (or "")."""
    if event.kind is EventKind.CRAMP:
        return [event.kind.value, event.muscle.value]
    if event.kind is EventKind.INFO and event.topic is not None:
        return [event.kind.value, event.topic.value]
    return [event.kind.value, ""]


# ---------------------------------------------------------------------------------------------------------
# Which screen a turn shows


def screen_of(turn: Turn) -> Screen:
    """The screen for a turn the conversation decided: chosen by where it leaves the user."""
    state, reply = turn
    if reply.end_session:
        return _ending(reply)
    match state.mode:
        case Mode.ASKED_IF_CRAMPING:
            return _question(reply, (*MUSCLE_TOUCHES, NOT_CRAMPING))
        case Mode.ASKED_WHERE:
            return _question(reply, MUSCLE_TOUCHES)
        case Mode.ASKED_THIGH_SIDE:
            return _question(reply, THIGH_SIDE_TOUCHES)
        case Mode.GUIDE if state.massage_offered:
            return _question(reply, YES_NO)
        case Mode.GUIDE:
            return _guide_step(state, reply)
        case Mode.CHECKS:
            return _question(reply, (*YES_NO, NOT_SURE))
        case Mode.INFO_MENU:
            return _question(reply, TOPIC_TOUCHES)
        case Mode.AFTER_INFO:
            return _topic(state, reply)
        case _:  # the conversation never leaves a session open at the start; a yes or no restarts it
            return _question(reply, YES_NO)


def _question(reply: Reply, touches: tuple[Touch, ...]) -> Screen:
    """The question (the last thing said, always, in a reply that keeps the session open), large."""
    return Screen(ScreenKind.QUESTION, heading=reply.speech[-1:], touches=touches)


def _guide_step(state: State, reply: Reply) -> Screen:
    wording = state.muscle.value if state.muscle in MUSCLES_WITH_THEIR_OWN_STRETCH else Muscle.OTHER.value
    if state.guide_step is GuideStep.STRETCH:
        heading, body, label = Say(f"guide.stretch.{wording}"), Say("guide.stop_if_it_hurts"), "screen.hold"
    else:
        heading, body, label = Say(f"guide.massage.{wording}"), Say("guide.massage.why"), "screen.massage"
    pauses = [index for index, part in enumerate(reply.speech) if isinstance(part, Pause)]
    hold = sum(part.seconds for part in reply.speech if isinstance(part, Pause))
    return Screen(
        ScreenKind.STEP,
        heading=(heading,),
        body=(body,),
        question=reply.speech[-1:],
        touches=GUIDE_TOUCHES,
        hold_seconds=hold,
        hold_label=Say(label),
        said_before_hold=reply.speech[: pauses[0]] if pauses else (),
    )


def _topic(state: State, reply: Reply) -> Screen:
    return Screen(
        ScreenKind.TOPIC,
        heading=(Say(f"card.{state.topic.value}.title"),),
        body=TOPIC_BODIES[state.topic],
        question=reply.speech[-1:],
        touches=YES_NO,
    )


def _ending(reply: Reply) -> Screen:
    """The session ends: the card's text when there is one (the advice, with the reason and the number),
    else what was said."""
    if reply.card is not None:
        advice = reply.card.title_key == "card.call_provider.title"
        return Screen(
            ScreenKind.ADVICE if advice else ScreenKind.MESSAGE,
            heading=(Say(reply.card.title_key),),
            body=reply.card.body,
        )
    emergency = Say("emergency") in reply.speech
    return Screen(ScreenKind.ADVICE if emergency else ScreenKind.MESSAGE, body=reply.speech)


# ---------------------------------------------------------------------------------------------------------
# The screen in words, for the document


def datasources(screen: Screen, locale: str | None) -> dict[str, Any]:
    """The document's datasource: the screen's text in the locale's language, with its emergency number."""
    lines = [
        {"text": text, "bullet": isinstance(part, SayList) and part.item is None}
        for part in screen.body
        if not isinstance(part, Pause)
        for text in shown_text(part, locale)
    ]
    return {
        DATASOURCE: {
            "kind": screen.kind.value,
            "heading": _joined(screen.heading, locale),
            "lines": lines,
            "question": _joined(screen.question, locale),
            "touches": [
                dict(zip(("event", "detail"), touch_arguments(touch.event), strict=True))
                | {"label": _joined((touch.label,), locale)}
                for touch in screen.touches
            ],
            "hold": {
                "seconds": round(screen.hold_seconds),
                "startsAfterMs": _speaking_ms(screen.said_before_hold, locale),
                "label": _joined((screen.hold_label,), locale) if screen.hold_label else "",
            },
        }
    }


def _joined(parts: tuple[Part, ...], locale: str | None) -> str:
    return " ".join(
        text for part in parts if not isinstance(part, Pause) for text in shown_text(part, locale)
    )


def _speaking_ms(parts: tuple[Part, ...], locale: str | None) -> int:
    """How long Alexa takes to say these parts, at 150 words a minute: when the hold's countdown starts."""
    words = len(_joined(parts, locale).split())
    return round(words / WORDS_PER_MINUTE * 60_000)


# ---------------------------------------------------------------------------------------------------------
# The directive


def can_show(max_version: str | None) -> bool:
    """Whether a device whose APL runtime reports this ``maxVersion`` can show the document."""
    if not isinstance(max_version, str):
        return False
    try:
        version = tuple(int(number) for number in max_version.split("."))
    except ValueError:
        return False
    return version >= APL_VERSION


@cache
def load_document() -> dict[str, Any]:
    """The APL document, read and parsed once per process, when the first screen device asks."""
    with open(DOCUMENT_FILE, encoding="utf-8") as document:
        loaded: dict[str, Any] = json.load(document)
    return loaded


def render_document(turn: Turn, locale: str | None) -> RenderDocumentDirective:
    """The directive that shows a turn's screen."""
    return RenderDocumentDirective(
        token=DOCUMENT_TOKEN,
        document=load_document(),
        datasources=datasources(screen_of(turn), locale),
    )
