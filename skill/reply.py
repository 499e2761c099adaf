"""What the conversation decides to say, before it becomes SSML.

The conversation speaks in content keys, never in text: a reply is a sequence of parts (a keyed line, a
whole list, one item of a list, a pause) plus a reprompt, an optional card and whether the session ends.
The speech layer turns these into SSML and card text for a locale. Keeping replies as data lets tests
assert which line was chosen, and then, separately, what it sounds like.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    """Speak the content line with this key."""

    key: str


@dataclass(frozen=True)
class SayList:
    """Speak a whole content list as one sentence (bullets on a card)."""

    key: str


@dataclass(frozen=True)
class SayItem:
    """Speak one item of a content list."""

    key: str
    index: int


@dataclass(frozen=True)
class Pause:
    """Silence of this many seconds: the speech layer chains breaks of at most 10 s."""

    seconds: float


Part = Say | SayList | SayItem | Pause


@dataclass(frozen=True)
class Card:
    """A simple card for the Alexa app: a keyed title and body parts (pauses are dropped)."""

    title_key: str
    body: tuple[Part, ...]


@dataclass(frozen=True)
class Reply:
    """Everything one response says; a reply that keeps the session open must have a reprompt."""

    speech: tuple[Part, ...]
    reprompt: tuple[Part, ...] = ()
    card: Card | None = None
    end_session: bool = False

    def __post_init__(self) -> None:
        if self.end_session == bool(self.reprompt):
            raise ValueError("a reply has a reprompt if and only if it keeps the session open")
