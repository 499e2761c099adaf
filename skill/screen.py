"""What a screen shows: a conversation turn as an APL document and the datasources that fill it in.

Screens are for devices that say they can show APL (Echo Show, Echo Spot, Fire TV). The response writer
imports this module only for such a request, and the document, a data file (``skill/screens/``), is read
and parsed when the first screen device asks, once per process: a voice-only request never pays for it.
The document holds no text; every word shown comes from the reviewed content file, through the
datasources, so a clinician still reviews one file. What a turn shows is said by the conversation, with
its reply (``Reply.screen``: the layout, its lines and touch targets in content keys); this module only
words it for a locale and times a guide step's countdown from the speech's pauses.

    Turn.reply.screen (content keys, touch targets) ──datasources()──> text, for a locale
    skill/screens/cramp-coach.json ──load_document(), once──> RenderDocument(document, datasources)

Each touch target carries, as the arguments of an ``Alexa.Presentation.APL.UserEvent``, the conversation
event that saying its label sends (``skill.conversation.events``), so a touch goes through exactly the
same conversation step as the spoken word.
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from typing import Any, NamedTuple

from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

from skill.conversation import Turn
from skill.conversation.touches import screen_token
from skill.reply import Part, Pause, Reply, SayList, Screen, ScreenKind
from skill.speech import shown_text

DOCUMENT_FILE = os.path.join(os.path.dirname(__file__), "screens", "cramp-coach.json")
# The APL version the document declares: the lowest that has every feature it uses, so that older Echo
# Show, Echo Spot and Fire TV devices get the screen too. The newest features it uses are `role` (APL 1.5),
# Container `wrap` (1.4), `Time.format` and `elapsedTime` (1.3); tests/test_screen.py keeps that list. A
# device whose runtime is older gets the voice and the card only: it would refuse a newer document.
APL_VERSION = (1, 5)
DATASOURCE = "cramp_coach"  # the document reads payload.cramp_coach
WORDS_PER_MINUTE = 150  # Alexa's speaking pace: when the speech reaches the hold, and the cues within it
# "The total size of your response can't exceed 120 kilobytes" (Alexa Skills Kit, Request and Response
# JSON Reference, "Response format"; it was 24 KB before APL). The document and the longest datasource
# take under a fifth of it (tests/test_screen.py): the rest is room for 8,000 characters of speech and a card.
RESPONSE_SIZE_LIMIT_BYTES = 120 * 1024


class Hold(NamedTuple):
    """A guide step's countdown, timed from the turn's speech: its pauses, what is said before the first
    (when the countdown starts) and the cues between them (said in real time too)."""

    seconds: float = 0  # the pauses (0: no countdown)
    said_before: tuple[Part, ...] = ()
    said_during: tuple[Part, ...] = ()


def screen_of(turn: Turn) -> Screen:
    """The screen the conversation said this turn shows."""
    if turn.reply.screen is None:
        raise ValueError("the conversation gave a reply without its screen")
    return turn.reply.screen


def hold_of(screen: Screen, reply: Reply) -> Hold:
    """The hold of a guide step's screen, from the pauses of the speech (none for any other screen)."""
    if screen.kind is not ScreenKind.STEP:
        return Hold()
    pauses = [index for index, part in enumerate(reply.speech) if isinstance(part, Pause)]
    if not pauses:
        return Hold()
    return Hold(
        seconds=sum(part.seconds for part in reply.speech if isinstance(part, Pause)),
        said_before=reply.speech[: pauses[0]],
        said_during=reply.speech[pauses[0] + 1 : pauses[-1]],
    )


# ---------------------------------------------------------------------------------------------------------
# The screen in words, for the document


def datasources(screen: Screen, locale: str | None, hold: Hold | None = None) -> dict[str, Any]:
    """The document's datasource: the screen's text in the locale's language, with its emergency number."""
    hold = hold or Hold()
    lines = [
        {"text": text, "bullet": isinstance(part, SayList) and part.item is None}
        for part in screen.body
        if not isinstance(part, Pause)
        for text in shown_text(part, locale)
    ]
    hold_ms = hold_length_ms(hold, locale)
    return {
        DATASOURCE: {
            "kind": screen.kind.value,
            "heading": _joined(screen.heading, locale),
            "lines": lines,
            "question": _joined(screen.question, locale),
            "touches": [
                dict(zip(("event", "detail"), touch.arguments, strict=True))
                | {"label": _joined((touch.label,), locale)}
                for touch in screen.touches
            ],
            "hold": {
                "seconds": math.ceil(hold_ms / 1000),  # as the countdown first shows it
                "lengthMs": hold_ms,
                "startsAfterMs": _speaking_ms(hold.said_before, locale),
                "label": _joined((screen.hold_label,), locale) if screen.hold_label else "",
            },
        }
    }


def _joined(parts: tuple[Part, ...], locale: str | None) -> str:
    return " ".join(
        text for part in parts if not isinstance(part, Pause) for text in shown_text(part, locale)
    )


def hold_length_ms(hold: Hold, locale: str | None) -> int:
    """How long the hold lasts: its pauses, and the cues spoken between them ("Keep holding, and breathe
    freely."), which Alexa says in real time too (0 for a screen without a hold)."""
    if not hold.seconds:
        return 0
    return round(hold.seconds * 1000) + _speaking_ms(hold.said_during, locale)


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
    screen = screen_of(turn)
    return RenderDocumentDirective(
        token=screen_token(turn),
        document=load_document(),
        datasources=datasources(screen, locale, hold_of(screen, turn.reply)),
    )
