"""What the conversation decides to say, before it becomes SSML.

The conversation speaks in content keys, never in text: a reply is a sequence of parts (a keyed line, a
content list or one of its items, a pause) plus a reprompt, an optional card and whether the session
ends. The speech layer turns these into SSML and card text for a locale. Keeping replies as data lets
tests assert which line was chosen, and then, separately, what it sounds like.

The types are ``NamedTuple``s: immutable and hashable (rendered replies are cached by value), and each
class costs a sixth of a frozen dataclass to create, which every Lambda cold start pays. Their shapes
differ (``Say`` has one text field, ``SayList`` two, ``Pause`` a number), so no two parts of different
kinds are ever equal as tuples.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Say(NamedTuple):
    """Speak the content line with this key."""

    key: str


class SayList(NamedTuple):
    """Speak a content list: all of it as one sentence (bullets on a card), or only the item at ``item``."""

    key: str
    item: int | None = None


class Pause(NamedTuple):
    """Silence of this many seconds: the speech layer chains breaks of at most 10 s."""

    seconds: float


Part = Say | SayList | Pause


class Card(NamedTuple):
    """A simple card for the Alexa app: a keyed title and body parts (pauses are dropped)."""

    title_key: str
    body: tuple[Part, ...]


class ScreenKind(StrEnum):
    """Which layout of the screen document a turn uses."""

    QUESTION = "question"  # the question, large, with touch targets for the answers
    STEP = "step"  # a guide step: the instruction, large, the hold's countdown, next / repeat / stop
    TOPIC = "topic"  # an information topic: its text as a readable list, and the offer
    ADVICE = "advice"  # the provider advice or the emergency line: large and plain, with the number
    MESSAGE = "message"  # any other ending: what was said, as text


class Touch(NamedTuple):
    """A touch target: its label (a content key) and the arguments of the ``Alexa.Presentation.APL.
    UserEvent`` it sends, which ``skill.conversation.events`` writes and reads back as the event that
    saying the label sends."""

    label: Say
    arguments: tuple[str, str]


class Screen(NamedTuple):
    """What a device with a screen shows for one turn, in content keys, as the conversation decided it.
    The screen layer only words it and times the hold from the speech's pauses."""

    kind: ScreenKind
    heading: tuple[Part, ...] = ()
    body: tuple[Part, ...] = ()  # lines; a whole list (SayList without item) is shown as bullets
    question: tuple[Part, ...] = ()
    touches: tuple[Touch, ...] = ()
    hold_label: Say | None = None  # a guide step: what its countdown is called ("Hold", "Massage")


class Reply(NamedTuple):
    """Everything one response says and shows. A reply that keeps the session open has a reprompt and one
    that ends has none, and every reply names its screen (``tests/test_conversation.py`` proves both of
    every reply the conversation can give)."""

    speech: tuple[Part, ...]
    reprompt: tuple[Part, ...] = ()
    card: Card | None = None
    end_session: bool = False
    screen: Screen | None = None
