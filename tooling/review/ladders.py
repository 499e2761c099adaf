"""Two sequences the clinician checks as wholes, found from the conversation and played from the launch:
the red-flag questions in the order they are asked, with what a yes, a no and a "not sure" to each leads
to; and the misses (a turn not understood once, twice, three times, and in the guide a fourth), in every
place where what they say or when they end differs.

Both are found by stepping the pure conversation (``step``) from every place a conversation reaches
(``routing.reachable``), grouped by what is said; each group is then shown by one conversation played
through the Lambda handler (``played.py``), from the launch, so what the page says is what the skill said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from skill.conversation import CHECK_QUESTIONS, Event, EventKind, Mode, State, Turn, step
from skill.conversation.anywhere import repeat_question
from skill.conversation.state import Question
from skill.reply import Say, SayList
from tooling.review.played import Conversation, NotHeardAsMeantError, Played, play_events
from tooling.review.routing import ONCE_PER_SESSION, Outcome, Row, heard, line_id, reachable

YES, NO, UNSURE, MISS = (
    Event(EventKind.YES),
    Event(EventKind.NO),
    Event(EventKind.UNSURE),
    Event(EventKind.FALLBACK),
)
MAX_MISSES = 5  # more than any place allows before it ends or moves on


def _lines(state: State, event: Event) -> tuple[tuple[str, ...], bool]:
    turn = step(state, event)
    asked = set(turn.reply.reprompt) if not turn.reply.end_session else set()
    parts = [part for part in turn.reply.speech if isinstance(part, Say | SayList) and part not in asked]
    said = tuple(line_id(part) for part in parts if line_id(part) not in ONCE_PER_SESSION)
    return said, turn.reply.end_session


def held(played: Played, turn: Turn) -> Played:
    """``played``, checked to be what the conversation's own step says: else the build fails."""
    if played.speech != heard(turn.reply.speech) or played.ends != turn.reply.end_session:
        raise NotHeardAsMeantError(
            f"played {played.said!r}, the skill said {played.speech!r}, not the step's"
        )
    return played


# ---------------------------------------------------------------------------------------------------------
# The red-flag questions, in order


@dataclass(frozen=True)
class Step:
    """One question of the checks as played: the question, and what each answer to it is followed by."""

    number: int  # 1-based, in the order asked
    name: str  # the question's name in CHECK_QUESTIONS
    red_flag: int
    question: str
    yes: Played
    no: Played
    unsure: Played
    unsure_again: Played | None  # None when the first "not sure" already ended or moved on


@dataclass
class Checks:
    """The questions as asked from one way into them (a cramp being coached, gone, or none)."""

    outcomes: list[Outcome] = field(default_factory=list)  # entering the first question, from each place
    steps: list[Step] = field(default_factory=list)
    entry: Conversation | None = None  # played up to the first question

    @property
    def row(self) -> Row:
        return Row(((), False, Mode.CHECKS.value), self.outcomes)


Said = tuple[tuple[str, ...], bool]  # the lines an answer says, and whether it ends the session


def _order(state: State) -> tuple[tuple[str, Said, Said, Said], ...]:
    """What tells two ways into the checks apart: each question in turn, as heard, with what a yes, a "not
    sure" and a second "not sure" say, following the no's to the end."""
    found: list[tuple[str, Said, Said, Said]] = []
    while state.mode is Mode.CHECKS:
        asked = heard(repeat_question(state, ()).reply.speech)
        unsure = step(state, UNSURE)
        again = _lines(unsure.state, UNSURE) if unsure.state.mode is Mode.CHECKS else ((), True)
        found.append((asked, _lines(state, YES), _lines(state, UNSURE), again))
        turn = step(state, NO)
        if turn.reply.end_session:
            found.append(("", _lines(state, NO), ((), True), ((), True)))
            break
        state = turn.state
    return tuple(found)


@cache
def checks_orders() -> tuple[Checks, ...]:
    """Every way the checks run, from each place a conversation first hears the first question."""
    groups: dict[object, Checks] = {}
    for state, path in reachable().items():
        if (
            state.mode is not Mode.CHECKS
            or state.question is not Question.SEVERE
            or state.unsure
            or state.fallbacks
        ):
            continue
        order = _order(state)
        previous = _previous(path)
        if previous is None:
            continue
        groups.setdefault(order, Checks()).outcomes.append(Outcome(previous[0], previous[1], step(*previous)))
    ordered = sorted(
        groups.values(), key=lambda checks: min(len(reachable()[o.before]) for o in checks.outcomes)
    )
    for checks in ordered:
        _play(checks)
    return tuple(ordered)


def _previous(path: tuple[Event, ...]) -> tuple[State, Event] | None:
    """The place just before the last event of ``path``, and that event (None for an empty path)."""
    if not path:
        return None
    state = State()
    for event in path[:-1]:
        state = step(state, event).state
    return state, path[-1]


def _play(checks: Checks) -> None:
    example = min(checks.outcomes, key=lambda o: len(reachable()[o.before]))
    conversation = play_events([*reachable()[example.before], example.event])
    checks.entry = conversation.branch()
    state = example.turn.state
    number = 0
    while state.mode is Mode.CHECKS:
        number += 1
        question = CHECK_QUESTIONS[state.question]
        yes = held(conversation.branch().event(YES), step(state, YES))
        unsure_conversation = conversation.branch()
        unsure = held(unsure_conversation.event(UNSURE), step(state, UNSURE))
        again = (
            None
            if unsure.ends
            else held(unsure_conversation.event(UNSURE), step(step(state, UNSURE).state, UNSURE))
        )
        no = held(conversation.event(NO), step(state, NO))
        checks.steps.append(
            Step(number, question.name, question.red_flag, heard(repeat_question(state, ()).reply.speech),
                 yes, no, unsure, again)
        )  # fmt: skip
        state = step(state, NO).state
        if no.ends:
            break


# ---------------------------------------------------------------------------------------------------------
# The misses


@dataclass
class Ladder:
    """The misses in a row from one kind of place: what each says and whether it ends."""

    misses: tuple[tuple[tuple[str, ...], bool], ...]
    outcomes: list[Outcome] = field(default_factory=list)
    played: tuple[Played, ...] = ()
    before: tuple[Played, ...] = ()

    @property
    def row(self) -> Row:
        return Row(((), False, ""), self.outcomes)

    @property
    def ends_at(self) -> int | None:
        """The miss that ends the session (1-based), or None when none of them does."""
        return next((n for n, (_, ends) in enumerate(self.misses, start=1) if ends), None)


def _misses(state: State) -> tuple[tuple[tuple[str, ...], bool], ...]:
    found = []
    for _ in range(MAX_MISSES):
        lines, ends = _lines(state, MISS)
        found.append((lines, ends))
        if ends:
            break
        state = step(state, MISS).state
    return tuple(found)


@cache
def miss_ladders() -> tuple[Ladder, ...]:
    """Every different run of misses, from every place a conversation reaches with none missed yet."""
    groups: dict[tuple[tuple[tuple[str, ...], bool], ...], Ladder] = {}
    for state in reachable():
        if state.fallbacks or state.mode is Mode.START:
            continue
        misses = _misses(state)
        groups.setdefault(misses, Ladder(misses)).outcomes.append(Outcome(state, MISS, step(state, MISS)))
    order = [mode.value for mode in Mode]
    ladders = sorted(
        groups.values(),
        key=lambda ladder: (
            min(order.index(o.before.mode.value) for o in ladder.outcomes),
            len(ladder.misses),
        ),
    )
    for ladder in ladders:
        example = ladder.row.example
        conversation = play_events(reachable()[example.before])
        ladder.before = tuple(conversation.turns)
        state, played = example.before, []
        for _ in ladder.misses:
            turn = step(state, MISS)
            played.append(held(conversation.event(MISS), turn))
            state = turn.state
        ladder.played = tuple(played)
    return tuple(ladders)
