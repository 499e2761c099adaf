"""What leads to each safety line: found by stepping the pure conversation, never listed by hand.

A **safety event** is one that ``skill/conversation/events.py`` declares a health answer (an emergency,
chest pain, a cramp outside a muscle, yes or not sure to a red-flag question, "it hurts more", "it's
gone", ...) and the turn not understood (the miss endings). Each is stepped with ``step()`` from every
place a conversation reaches from the launch (``reachable``: never a state set up by hand, so every turn
shown can be played from the launch, as ``played.py`` does); what its reply says, beyond the question it
asks next, is its *answer*. A line is *ordinary* when some other event says it too (the
massage after "next", the emergency line before the checks); a **safety line** is a line of an answer
that is not ordinary and carries content (its source is not ``skill``, the navigation lines) or ends the
session with it. A row of a route is shown when it ends the session or says a line that is not ordinary
(every row of the turn not understood is shown); the rest answer the question asked, as any other answer
would. So an event, an intent or a line added to the
conversation appears here when it is declared, without an edit to this module.

Conversations name the calf for every muscle being coached (and the thigh and back, whose questions
differ): which muscle it is changes the stretch's words, never where a safety event leads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from skill.content import load_content, load_locales
from skill.conversation import Event, EventKind, Mode, Muscle, State, Topic, Turn, step
from skill.conversation.anywhere import repeat_question
from skill.conversation.events import EVENT_BY_INTENT, SOURCES, USER_EVENT_REQUEST, Source
from skill.conversation.modes import GUIDE_MODES
from skill.reply import Part, Reply, Say, SayList
from skill.speech import readable, render
from tooling.conversation_states import EVERY_EVENT
from tooling.review.said import signature
from tooling.review.words import condition, event_phrase, mode_words, places

NAVIGATION_SOURCE = "skill"
# The disclaimer is said once per session, wherever the session first turns: it does not make a new route.
ONCE_PER_SESSION = frozenset({"safety.disclaimer"})


def safety_events() -> tuple[EventKind, ...]:
    """The events whose routes the review shows: every declared health answer, the turn not understood,
    and any event that alone says a line of one of CONTENT-SOURCES.md's own rules (medicines, somewhere
    unsafe: a line whose source, in the content's ``[sources]``, cites CONTENT-SOURCES.md). Not the events
    a touch on a screen left on display makes (a yes there is that question's yes, shown under it): no
    words lead to them."""
    ruled = _rule_lines()
    return tuple(
        kind
        for kind, source in SOURCES.items()
        if source.request != USER_EVENT_REQUEST
        and (source.health_answer or kind is EventKind.FALLBACK or _only_said_by(kind) & ruled)
    )


def _plain_states() -> list[State]:
    """Each mode with nothing known, and with a calf being coached: the conversation's ordinary places."""
    plain = [State(mode=mode) for mode in Mode]
    return plain + [State(mode=mode, cramping_now=True, muscle=REPRESENTATIVE_MUSCLE) for mode in Mode]


@cache
def _lines_by_event() -> dict[EventKind, frozenset[str]]:
    found: dict[EventKind, set[str]] = defaultdict(set)
    for state in _plain_states():
        for event in EVERY_EVENT:
            found[event.kind].update(line_id(part) for part in _said(step(state, event).reply.speech))
    return {kind: frozenset(lines) for kind, lines in found.items()}


def _only_said_by(kind: EventKind) -> frozenset[str]:
    others = {line for other, lines in _lines_by_event().items() if other is not kind for line in lines}
    return _lines_by_event().get(kind, frozenset()) - others


@cache
def _rule_lines() -> frozenset[str]:
    """Every line whose source is one of CONTENT-SOURCES.md's own rules."""
    content = load_content()
    rules = {key for key, text in content.sources.items() if text.startswith("CONTENT-SOURCES.md")}
    lines = {key for key, line in content.lines.items() if line.source in rules}
    return frozenset(lines | {key for key, items in content.lists.items() if items.source in rules})


def line_id(part: Say | SayList) -> str:
    """A line's name on the page: its key, or a list's key and the item said ("provider_reasons 2")."""
    if isinstance(part, SayList) and part.item is not None:
        return f"{part.key} {part.item + 1}"
    return part.key


def heard(parts: tuple[Part, ...], locale: str | None = None) -> str:
    """Parts as they are heard in a locale (the first registered one unless told)."""
    locale = locale or next(iter(load_locales().locales))
    return readable(render(Reply(speech=parts), locale).speech_ssml)


def _said(parts: tuple[Part, ...]) -> list[Say | SayList]:
    return [part for part in parts if isinstance(part, Say | SayList)]


@dataclass(frozen=True)
class Outcome:
    """One event stepped from one state."""

    before: State
    event: Event
    turn: Turn

    @property
    def ends(self) -> bool:
        return self.turn.reply.end_session

    @property
    def question(self) -> tuple[Part, ...]:
        """What the person was last asked before this turn."""
        return last_question(self.before)

    @property
    def asked_next(self) -> tuple[Part, ...]:
        """The question this turn leaves the person with (empty when the session ends)."""
        return () if self.ends else self.turn.reply.reprompt

    @cached_property
    def answer(self) -> tuple[Say | SayList, ...]:
        """What the turn says beyond the question it asks next: its answer to the event."""
        asked = set(_said(self.turn.reply.reprompt)) if not self.ends else set()
        return tuple(part for part in _said(self.turn.reply.speech) if part not in asked)

    @cached_property
    def shape(self) -> tuple[tuple[str, ...], bool, str]:
        """What a reader tells apart: the answer's lines, whether it ends, where it leaves the person."""
        lines = tuple(line_id(part) for part in self.answer if line_id(part) not in ONCE_PER_SESSION)
        return lines, self.ends, "" if self.ends else self.turn.state.mode.value


@cache
def last_question(state: State) -> tuple[Part, ...]:
    if state.mode is Mode.START:
        return ()
    return repeat_question(state, ()).reply.speech  # asked again with nothing before it: the question


@dataclass
class Row:
    """One way an event is answered: where, what is heard, and what happens next."""

    shape: tuple[tuple[str, ...], bool, str]
    outcomes: list[Outcome] = field(default_factory=list)
    shared_modes: frozenset[str] = frozenset()  # modes where another row answers the same event otherwise

    @cached_property
    def example(self) -> Outcome:
        """The state to show it from: the one a conversation reaches from the start in the fewest turns,
        then the plainest (fewest things known beyond the mode)."""
        paths = reachable()
        fewest = min(len(paths[o.before]) for o in self.outcomes)
        return min(
            (o for o in self.outcomes if len(paths[o.before]) == fewest),
            key=lambda o: (len(known(o.before)), len(o.before.mode.value)),
        )

    def path(self) -> tuple[Event, ...]:
        """The events that bring a new session to the example's state."""
        return reachable()[self.example.before]

    @property
    def modes(self) -> list[str]:
        return sorted({o.before.mode.value for o in self.outcomes}, key=_mode_order)

    @property
    def ends(self) -> bool:
        return self.shape[1]

    def where(self) -> str:
        """Where and when, in words: the modes, and what the conversation knew if that matters."""
        return self._where

    @cached_property
    def _where(self) -> str:
        by_mode: dict[str, list[str]] = defaultdict(list)
        for mode in self.modes:
            states = [o for o in self.outcomes if o.before.mode.value == mode]
            plainest = min(states, key=lambda o: len(known(o.before)))
            by_mode[known(plainest.before)].append(mode)
        parts = []
        for what, modes in by_mode.items():
            if not what and set(modes) & self.shared_modes:
                what = "otherwise"
            parts.append(places(modes) + (f" ({what})" if what else ""))
        return "; ".join(parts)

    def befores(self, limit: int = 3) -> list[str]:
        """The questions the person had just heard, as heard (the first few that differ)."""
        found: list[str] = []
        for outcome in sorted(self.outcomes, key=lambda o: _mode_order(o.before.mode.value)):
            text = heard(outcome.question) if outcome.question else "(nothing yet: a new session)"
            if text not in found:
                found.append(text)
            if len(found) == limit:
                break
        return found


def _mode_order(mode: str) -> int:
    order = [m.value for m in Mode]
    return order.index(mode) if mode in order else len(order)


@dataclass
class Route:
    """One safety event: how it reaches the skill, and every way it is answered that matters to safety
    (``rows``), and how many other places it only answers the question asked (``elsewhere``)."""

    kind: EventKind
    source: Source
    rows: list[Row]
    elsewhere: list[Row] = field(default_factory=list)

    @property
    def phrase(self) -> str:
        return event_phrase(variants(self.kind)[0])


REPRESENTATIVE_MUSCLE = Muscle.CALF


def _canonical(state: State) -> State:
    """The state with the calf for any muscle being coached (a thigh whose side is asked stays a thigh;
    with no cramp coached, no muscle: a new session's own), and the hint on how to get on already given."""
    if state.mode is Mode.ASKED_THIGH_SIDE:
        muscle = state.muscle
    else:
        coached = state.cramping_now or state.mode in GUIDE_MODES
        muscle = REPRESENTATIVE_MUSCLE if coached else Muscle.OTHER
    return signature(state._replace(muscle=muscle, navigation_hint_said=True))


# The events a conversation is played with: one topic and the muscles that matter to where a turn leads
# (every topic and muscle would multiply the places a hundredfold and find no other route).
PATH_EVENTS = tuple(
    event
    for event in EVERY_EVENT
    if (event.kind is not EventKind.INFO or event.topic is Topic.WHEN_TO_CALL)
    and (
        event.kind is not EventKind.CRAMP
        or event.muscle in (REPRESENTATIVE_MUSCLE, Muscle.THIGH, Muscle.HAMSTRING)
    )
)
# After the first EVERY_EVENT_TURNS turns, a conversation goes on with the events that move it along (a
# cramp named, the answers, the guide's steps, a topic, a miss): the rest (help, repeat, a medicine, ...)
# answer and leave the person where they were, so they lead to no place these do not.
EVERY_EVENT_TURNS = 3
MOVING_ON = frozenset(
    {
        EventKind.CRAMP, EventKind.INFO, EventKind.START_CHECKS, EventKind.YES, EventKind.NO,
        EventKind.UNSURE, EventKind.NEXT, EventKind.STILL_HURTS, EventKind.WORSE, EventKind.BETTER,
        EventKind.NOT_READY, EventKind.FALLBACK,
    }
)  # fmt: skip


def _place(state: State) -> State:
    """What tells two places apart for the search: the canonical state without the topics already heard
    and where a topic would go back to (they change which topic is offered next, never a safety turn)."""
    return _canonical(state)._replace(topics_heard=frozenset(), topic=Topic.WHAT_IS, resume=Mode.START)


def awkwardness(path: tuple[Event, ...]) -> int:
    """How unlike a person a path reads: the same muscle named again where the person means that it still
    hurts ("my calf", "my calf", "my calf"; another muscle named is a new cramp, as a person says it). Of
    the paths of fewest turns to a place, the search keeps the least awkward. The same answer said again
    ("no" to each red-flag question) is what a person does: each is said in other words when played
    (``played.utterance``'s ``nth``)."""
    return sum(
        1 for index, event in enumerate(path) if event.kind is EventKind.CRAMP and event in path[:index]
    )


@cache
def reachable() -> dict[State, tuple[Event, ...]]:
    """Every place a conversation reaches from a new session, as the very state it is in there, with the
    fewest events that reach it (breadth first, until no new place is found), and of those the least
    awkward (``awkwardness``): every state this section steps from is one a real conversation is in, and
    its path is played to show it."""
    start = State()
    paths: dict[State, tuple[Event, ...]] = {start: ()}
    seen = {_place(start)}
    frontier = [start]
    turns = 0
    while frontier:
        turns += 1
        events = (
            PATH_EVENTS
            if turns <= EVERY_EVENT_TURNS
            else [event for event in PATH_EVENTS if event.kind in MOVING_ON]
        )
        best: dict[State, tuple[int, State, tuple[Event, ...]]] = {}  # place -> its least awkward path
        for state in frontier:
            for event in events:
                turn = step(state, event)
                place = _place(turn.state)
                if turn.reply.end_session or place in seen:
                    continue
                path = (*paths[state], event)
                cost = awkwardness(path)
                if place not in best or cost < best[place][0]:
                    best[place] = (cost, turn.state, path)
        following = []
        for place, (_, state, path) in best.items():
            seen.add(place)
            paths.setdefault(state, path)
            following.append(state)
        frontier = following
    return paths


@cache
def first_reached(mode: Mode) -> State:
    """The place in ``mode`` that a conversation reaches first (the fewest turns from the launch)."""
    return next(state for state in reachable() if state.mode is mode)


def known(state: State) -> str:
    """What the conversation knows in ``state`` beyond the place as first reached, in words."""
    return condition(state, first_reached(state.mode))


def route_states() -> tuple[State, ...]:
    """The states the routes are stepped from: every place a conversation reaches."""
    return tuple(reachable())


@cache
def ordinary_lines() -> frozenset[str]:
    """Every line some event other than a safety event says from a plain state of a mode (nothing known
    but the mode, or a calf being coached): the conversation's ordinary path."""
    safety = set(safety_events())
    return frozenset(
        line for kind, lines in _lines_by_event().items() if kind not in safety for line in lines
    )


def variants(kind: EventKind) -> list[Event]:
    """The events of a kind that Alexa's intents make (a red flag told in one of several ways is one
    event each), or the kind itself when no intent makes it."""
    made = [EVENT_BY_INTENT[intent] for intent in SOURCES[kind].intents if intent in EVENT_BY_INTENT]
    return list(dict.fromkeys(made)) or [Event(kind)]


@cache
def routes() -> tuple[Route, ...]:
    """Every safety event, answered from every place a conversation reaches, grouped by what it says."""
    found = []
    for kind in safety_events():
        rows: dict[tuple[tuple[str, ...], bool, str], Row] = {}
        for event in variants(kind):
            for state in route_states():
                outcome = Outcome(state, event, step(state, event))
                rows.setdefault(outcome.shape, Row(outcome.shape)).outcomes.append(outcome)
        ordered = sorted(rows.values(), key=lambda row: (_mode_order(row.modes[0]), not row.ends))
        modes_by_event = [
            {(outcome.event, outcome.before.mode.value) for outcome in row.outcomes} for row in ordered
        ]
        for index, row in enumerate(ordered):  # "otherwise" only beside another answer to the same event
            mine = {event for event, _ in modes_by_event[index]}
            others = {
                mode
                for other, pairs in enumerate(modes_by_event)
                if other != index
                for event, mode in pairs
                if event in mine
            }
            row.shared_modes = frozenset(set(row.modes) & others)
        shown = [row for row in ordered if _matters(kind, row)]
        found.append(Route(kind, SOURCES[kind], shown, [row for row in ordered if not _matters(kind, row)]))
    return tuple(found)


def _matters(kind: EventKind, row: Row) -> bool:
    """A turn not understood always matters (the skill never heard what was said); any other answer
    matters when it ends the session or says a line the ordinary path does not."""
    ordinary = ordinary_lines()
    return kind is EventKind.FALLBACK or row.ends or any(line not in ordinary for line in row.shape[0])


@dataclass
class SafetyLine:
    """A line said as a safety event's answer, and every route to it."""

    part: Say | SayList
    routes: list[tuple[Route, Row]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return line_id(self.part)

    @property
    def source(self) -> str:
        return (
            load_content().lists[self.part.key].source
            if isinstance(self.part, SayList)
            else (load_content().line(self.part.key).source)
        )

    @property
    def ends_always(self) -> bool | None:
        """True when every route to it ends the session, False when none does, None when it depends."""
        ends = {row.ends for _, row in self.routes}
        return next(iter(ends)) if len(ends) == 1 else None


def is_safety_line(part: Say | SayList, opens_an_ending: bool) -> bool:
    """A line only safety events say, that carries content or opens an answer that ends the session."""
    if line_id(part) in ordinary_lines():
        return False
    content = load_content()
    key = part.key
    source = content.lists[key].source if key in content.lists else content.line(key).source
    return source != NAVIGATION_SOURCE or opens_an_ending


@cache
def safety_lines() -> tuple[SafetyLine, ...]:
    """Each safety line with the routes that lead to it: first the lines said the same way wherever they
    are said (an emergency), then by how many ways their routes answer, then in the order first said."""
    found: dict[str, SafetyLine] = {}
    for route in routes():
        for row in route.rows:
            for index, part in enumerate(row.example.answer):
                if not is_safety_line(part, row.ends and index == 0):
                    continue
                line = found.setdefault(line_id(part), SafetyLine(part))
                if not any(r is row for _, r in line.routes):
                    line.routes.append((route, row))
    return tuple(sorted(found.values(), key=lambda line: min(len(route.rows) for route, _ in line.routes)))


def mode_of_next(row: Row) -> str:
    """Where a row leaves the person, in words."""
    return "the session ends" if row.ends else f"the conversation goes on, {mode_words(row.shape[2])}"
