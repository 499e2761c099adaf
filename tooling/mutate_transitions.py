"""``make mutate``: does the test suite notice when one entry of the transition table changes?

For every (mode, event) entry of ``skill.conversation.TRANSITIONS``, one mutant replaces that entry's
transition with another transition of the table (the next different one, in a fixed order, so runs are
repeatable). A mutant that behaves exactly like the original in every state the conversation tests walk,
for every event of the entry's kind (no other event reaches it), is equivalent and skipped. Each other
mutant is run against the conversation, transcript and handler tests, in this process; it is killed when
a test fails, and it survives when they all pass.

Prints the count of mutants killed, surviving and equivalent, and the survivors; exits 1 if any survive.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from skill.conversation import TRANSITIONS, EventKind, Mode, Transition, Turn
from skill.conversation.table import COUNTS_MISSES
from tooling.conversation_states import EVERY_EVENT, every_state

REPO = Path(__file__).resolve().parent.parent

SUITE = [
    str(REPO / "tests" / name) for name in ("test_conversation.py", "test_transcripts.py", "test_handlers.py")
]


def behaviour(transition: Transition, mode: Mode, kind: EventKind) -> list[Turn | str]:
    """What a transition does in every walked state of a mode, for every event of the entry's kind (the
    only events that entry ever sees), errors included; each state as ``step()`` hands it over (a pair
    that cannot count a miss is given no run of misses), so a mutant that differs only in what ``step()``
    has already done is equivalent, not a survivor."""
    outcomes: list[Turn | str] = []
    for state in every_state():
        if state.mode is not mode:
            continue
        if (mode, kind) not in COUNTS_MISSES:
            state = state._replace(fallbacks=0)
        for event in EVERY_EVENT:
            if event.kind is not kind:
                continue
            try:
                outcomes.append(transition(state, event))
            except Exception as error:  # a mutant may raise where the original never does
                outcomes.append(type(error).__name__)
    return outcomes


def run_suite() -> bool:
    """True when every test passes."""
    with contextlib.redirect_stdout(io.StringIO()):
        code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *SUITE])
    return code == pytest.ExitCode.OK


def main() -> int:
    functions: list[Callable[..., Turn]] = list(dict.fromkeys(TRANSITIONS.values()))
    if not run_suite():
        print("the suite fails before any mutation: fix it first")
        return 2
    killed, survived, equivalent = 0, [], 0
    for (mode, kind), original in list(TRANSITIONS.items()):
        start = functions.index(original)
        expected = behaviour(original, mode, kind)
        mutant = None
        for offset in range(1, len(functions)):
            candidate = functions[(start + offset) % len(functions)]
            if behaviour(candidate, mode, kind) != expected:
                mutant = candidate
                break
        if mutant is None:
            equivalent += 1
            continue
        TRANSITIONS[mode, kind] = mutant
        try:
            passes = run_suite()
        finally:
            TRANSITIONS[mode, kind] = original
        if passes:
            survived.append(f"({mode.name}, {kind.name}): {original.__name__} -> {mutant.__name__}")
        else:
            killed += 1
        print(f"{'SURVIVED' if passes else 'killed  '} ({mode.name}, {kind.name})", flush=True)
    total = killed + len(survived)
    print(f"\nsingle-entry mutants of TRANSITIONS: {total} run, {killed} killed, {len(survived)} survived")
    print(f"equivalent (same behaviour in every walked state, not run): {equivalent}")
    for survivor in survived:
        print(f"  survived: {survivor}")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
