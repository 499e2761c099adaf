"""Where each (mode, event) pair of the transition table leads, as a reviewed golden file.

For one representative state of each mode, every event's next mode, the first and last content keys it
speaks, and whether the session ends: ``tests/data/transition_outcomes.tsv``. A test compares the table with
the file, so that changing any entry of TRANSITIONS fails (``make mutate`` proves it), and a change that is
meant shows up as a diff of that file in review, instead of as rows edited by hand in a test.

    python -m tooling.transition_outcomes --write    # after a change to the table: write it, read the diff
    python -m tooling.transition_outcomes --count    # pairs with more than one outcome, and what decides
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from skill.conversation import Event, EventKind, Mode, Muscle, State, Topic, step
from skill.conversation.state import Question, Sign
from skill.conversation.table import LEADS_TO, NEVER_DECIDES, Fact, cannot_decide
from skill.reply import Say, SayList
from tooling.conversation_states import WALK_EVENTS, reachable_states

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "data" / "transition_outcomes.tsv"
HEADER = "# mode\tevent\tnext mode\tfirst key spoken\tlast key spoken\tends"

CALF_IN_THE_GUIDE = State(
    muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True, navigation_hint_said=True
)
REPRESENTATIVE_STATES: dict[Mode, State] = {
    Mode.START: State(),
    Mode.ASKED_IF_CRAMPING: State(mode=Mode.ASKED_IF_CRAMPING),
    Mode.ASKED_WHERE: State(mode=Mode.ASKED_WHERE),
    Mode.ASKED_THIGH_SIDE: State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH),
    Mode.ASKED_IF_MUSCLE: State(mode=Mode.ASKED_IF_MUSCLE, muscle=Muscle.ELSEWHERE),
    Mode.STRETCH: CALF_IN_THE_GUIDE._replace(mode=Mode.STRETCH),
    Mode.MASSAGE: CALF_IN_THE_GUIDE._replace(mode=Mode.MASSAGE),
    Mode.MASSAGE_AFTER_WORSE: CALF_IN_THE_GUIDE._replace(mode=Mode.MASSAGE_AFTER_WORSE, worse=True),
    Mode.MASSAGE_OFFERED: CALF_IN_THE_GUIDE._replace(
        mode=Mode.MASSAGE_OFFERED, holds=2, stretch_holds=2, not_eased=True
    ),
    # After a guide for a muscle without a stretch of its own (as the table was first pinned).
    Mode.CHECKS: State(
        mode=Mode.CHECKS,
        question=Question.LASTING,
        cramping_now=True,
        safety_said=True,
        muscle=Muscle.OTHER,
        holds=1,
        stretch_holds=1,
    ),
    Mode.INFO_MENU: State(mode=Mode.INFO_MENU),
    Mode.AFTER_INFO: State(mode=Mode.AFTER_INFO, topic=Topic.CAUSES, topics_heard=frozenset({Topic.CAUSES})),
    # Causes, asked in the stretch.
    Mode.AFTER_INFO_MID_CRAMP: CALF_IN_THE_GUIDE._replace(
        mode=Mode.AFTER_INFO_MID_CRAMP,
        resume=Mode.STRETCH,
        topic=Topic.CAUSES,
        topics_heard=frozenset({Topic.CAUSES}),
    ),
}


def representative_event(kind: EventKind) -> Event:
    if kind is EventKind.CRAMP:
        return Event(kind, muscle=Muscle.CALF)
    if kind is EventKind.INFO:
        return Event(kind, topic=Topic.PREVENTION)
    if kind is EventKind.PREGNANCY:
        return Event(kind, muscle=Muscle.CALF)
    if kind is EventKind.RED_FLAG:
        return Event(kind, sign=Sign.LIMB)
    if kind is EventKind.YES_ON_A_QUESTION_SHOWN:
        return Event(kind, question=Question.TINGLING)
    return Event(kind)


class Outcome(NamedTuple):
    mode: str
    event: str
    next_mode: str
    first_key: str
    last_key: str
    ends: str

    def line(self) -> str:
        return "\t".join(self)


def outcome(mode: Mode, kind: EventKind) -> Outcome:
    turn = step(REPRESENTATIVE_STATES[mode], representative_event(kind))
    spoken = [part.key for part in turn.reply.speech if isinstance(part, Say | SayList)]
    ends = "ends" if turn.reply.end_session else "open"
    return Outcome(mode.value, kind.value, turn.state.mode.value, spoken[0], spoken[-1], ends)


def outcomes() -> list[Outcome]:
    return [outcome(mode, kind) for mode in Mode for kind in EventKind]


def golden() -> list[Outcome]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [Outcome(*line.split("\t")) for line in lines if line and not line.startswith("#")]


class OutcomeCounts(NamedTuple):
    pairs: int  # in the table
    declared: int  # declaring more than one place to land (LEADS_TO)
    walked: int  # seen landing in more than one place on the walk
    by_a_fact: int  # of those, sent elsewhere by what the state remembers, the event the same
    by_a_fact_unnamed: int  # ... by a fact their row does not name (DECIDED_BY): goal 0


def multi_outcome_counts(turns: int = 2) -> OutcomeCounts:
    """How many pairs may land in more than one place, and what decides it: the event's own words (which
    muscle, which sign) or a fact the state remembers, named in the table or not."""
    fresh = State()
    seen: dict[tuple[Mode, EventKind], set[str]] = defaultdict(set)
    by_facts: dict[tuple[Event, State], set[str]] = defaultdict(set)
    by_unnamed: dict[tuple[Event, State], set[str]] = defaultdict(set)
    for state in reachable_states(turns):
        for event in WALK_EVENTS:
            turn = step(state, event)
            landed = "end" if turn.reply.end_session else turn.state.mode.value
            seen[state.mode, event.kind].add(landed)
            remembered = {f.value for f in Fact} | NEVER_DECIDES
            by_facts[event, state._replace(**{f: getattr(fresh, f) for f in remembered})].add(landed)
            unnamed = cannot_decide((state.mode, event.kind))
            by_unnamed[event, state._replace(**{f: getattr(fresh, f) for f in unnamed})].add(landed)
    declared = sum(len(leads_to) > 1 for leads_to in LEADS_TO.values())

    def split(groups: dict[tuple[Event, State], set[str]]) -> int:
        return len({(state.mode, event.kind) for (event, state), landed in groups.items() if len(landed) > 1})

    walked = sum(len(landed) > 1 for landed in seen.values())
    return OutcomeCounts(len(LEADS_TO), declared, walked, split(by_facts), split(by_unnamed))


def write() -> None:
    GOLDEN.write_text("\n".join([HEADER, *(row.line() for row in outcomes())]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--count"]:
        counts = multi_outcome_counts()
        print(
            f"{counts.pairs} pairs; more than one outcome: {counts.declared} declared, "
            f"{counts.walked} seen on the walk; decided by a remembered fact: {counts.by_a_fact}, "
            f"by one the table does not name: {counts.by_a_fact_unnamed}"
        )
    elif sys.argv[1:] == ["--write"]:
        write()
        print(f"wrote {GOLDEN}")
    else:
        sys.exit("usage: python -m tooling.transition_outcomes --write | --count")
