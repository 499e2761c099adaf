"""What the skill can say, found by running the conversation itself: every key it can speak or show.

From a fresh session and from every state the conversation tests walk, every event is stepped through
``TRANSITIONS``, and again from every state that leads to (see ``WALK_DEPTH``). Each
reply is read for the content keys it speaks, prompts again with, writes on a card or shows on a screen,
and where: the mode the person was in and what they did. The error path (``restart_after_error``) is
added by hand: it is the one reply given outside the table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from skill.conversation import TRANSITIONS, Event, EventKind, Mode, State, Topic, restart_after_error
from skill.reply import Part, Reply, Say, SayList
from tooling.conversation_states import EVERY_EVENT, every_state

# The conversation's state space is too large to walk whole (counters, the topics heard, what was said).
# So the walk starts from every state the conversation tests walk, from a fresh session, and from each
# topic's offer (every other topic heard), and takes WALK_DEPTH turns from each; states that differ only
# in counters above their thresholds (3 or less in the conversation) count as one. That finds every key
# in about 2 s; a third turn (about 11 s) finds no other.
WALK_DEPTH = 2
COUNTER_CAPS = {"holds": 3, "stretch_holds": 3, "fallbacks": 3, "unsure": 2}


def signature(state: State) -> State:
    """The state with its counters capped: what the walk treats as the same place."""
    return state._replace(**{name: min(getattr(state, name), cap) for name, cap in COUNTER_CAPS.items()})


def starting_states() -> list[State]:
    offers = [
        State(mode=Mode.AFTER_INFO, topic=told, topics_heard=frozenset(Topic) - {offered})
        for offered in Topic
        for told in Topic
        if told is not offered
    ]
    return [State(), *every_state(), *offers]


class Where(NamedTuple):
    """One place a key is said: the mode the person was in, what they did, and how it reached them."""

    mode: str  # the mode before the event ("error" for the apology after an internal error)
    event: str
    channel: str  # "spoken", "reprompt", "card" or "screen"


@dataclass
class Said:
    """Every content key the conversation can say, and where."""

    where: dict[str, set[Where]] = field(default_factory=lambda: defaultdict(set))
    states: int = 0

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.where)


def part_keys(parts: Iterable[Part]) -> Iterable[str]:
    for part in parts:
        if isinstance(part, Say | SayList):
            yield part.key


def reply_keys(reply: Reply) -> Iterable[tuple[str, str]]:
    """(key, channel) for everything one reply says or shows."""
    for key in part_keys(reply.speech):
        yield key, "spoken"
    for key in part_keys(reply.reprompt):
        yield key, "reprompt"
    if reply.card is not None:
        yield reply.card.title_key, "card"
        for key in part_keys(reply.card.body):
            yield key, "card"
    screen = reply.screen
    if screen is not None:
        for key in part_keys((*screen.heading, *screen.body, *screen.question)):
            yield key, "screen"
        for touch in screen.touches:
            yield touch.label.key, "screen"
        if screen.hold_label is not None:
            yield screen.hold_label.key, "screen"


def event_name(event: Event) -> str:
    if event.kind is EventKind.CRAMP:
        return f"cramp: {event.muscle.value}"
    if event.kind is EventKind.INFO and event.topic is not None:
        return f"info: {event.topic.value}"
    return event.kind.value


def walk_conversation(depth: int = WALK_DEPTH) -> Said:
    """Every reply of every state reachable from a fresh session (and from the tests' states)."""
    said = Said()
    for key, channel in reply_keys(restart_after_error().reply):
        said.where[key].add(Where("error", "internal error", channel))
    seen: set[State] = set()
    frontier = {signature(state): state for state in starting_states()}
    for _ in range(depth):
        seen |= frontier.keys()
        following: dict[State, State] = {}
        for state in frontier.values():
            for event in EVERY_EVENT:
                turn = TRANSITIONS[state.mode, event.kind](state, event)
                for key, channel in reply_keys(turn.reply):
                    said.where[key].add(Where(state.mode.value, event_name(event), channel))
                if not turn.reply.end_session and signature(turn.state) not in seen:
                    following[signature(turn.state)] = turn.state
        frontier = following
    said.states = len(seen)
    return said


def describe_where(found: Iterable[Where]) -> str:
    """Where a line is said, in a clinician's words: how it reaches the person, and where in the
    conversation ("said and on a screen; during the stretch and during the massage, after “next”")."""
    from tooling.review.words import CHANNEL_WORDS, places

    found = list(found)
    channels = sorted({place.channel for place in found}, key=CHANNEL_ORDER.index)
    where = places(place.mode for place in found)
    events = {place.event for place in found}
    if len(events) == 1:
        where += f", after {_event_words(next(iter(events)))}"
    return f"{' and '.join(CHANNEL_WORDS.get(c, c) for c in channels)}; {where}"


def _event_words(name: str) -> str:
    """An event as the person says it ("it's worse"), from the walk's name for it ("worse")."""
    from tooling.review.words import event_phrase

    kind = EventKind(name.split(":")[0]) if name.split(":")[0] in EventKind._value2member_map_ else None
    if kind is None or kind in (EventKind.CRAMP, EventKind.INFO):
        return name.replace("_", " ")
    return f"\u201c{event_phrase(Event(kind))}\u201d"


CHANNEL_ORDER = ["spoken", "reprompt", "card", "screen"]
