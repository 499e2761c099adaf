"""The events and states the conversation tests walk: every event, and a state for every mode and for the
combinations of what the conversation can know in the guide and the checks (shared by the conversation,
speech and screen tests, and by ``make mutate``)."""

from __future__ import annotations

from skill.conversation import Event, EventKind, Mode, Muscle, State, Topic, step
from skill.conversation.modes import GUIDE_MODES, MODES, RESUMABLE
from skill.conversation.state import Question, Sign

_WITH_A_QUESTION = (EventKind.YES_ON_A_QUESTION_SHOWN,)  # a touch on a red-flag question's screen
EVERY_EVENT = (
    [Event(EventKind.CRAMP, muscle=muscle) for muscle in Muscle]
    + [Event(EventKind.INFO, topic=topic) for topic in Topic]
    + [Event(EventKind.YES_ON_A_QUESTION_SHOWN, question=Question.SEVERE)]
    + [Event(kind) for kind in EventKind if kind not in (EventKind.CRAMP, EventKind.INFO, *_WITH_A_QUESTION)]
)
# The walk also tries the events whose details the shared list leaves at one value: a pregnancy with each
# place, each volunteered sign.
WALK_EVENTS = (
    EVERY_EVENT
    + [Event(EventKind.PREGNANCY, muscle=muscle) for muscle in Muscle if muscle is not Muscle.NONE]
    + [Event(EventKind.RED_FLAG, sign=sign) for sign in Sign]
    + [Event(EventKind.YES_ON_A_QUESTION_SHOWN, question=question) for question in Question][1:]
)


def every_state() -> list[State]:
    """Every mode, and in the guide and the checks every combination of what the conversation knows."""
    states = [State(mode=mode) for mode in Mode]
    states += [State(mode=mode, cramping_now=True, muscle=Muscle.CALF) for mode in Mode]
    states += [
        State(
            mode=mode,
            muscle=muscle,
            holds=holds,
            stretch_holds=holds,
            not_eased=not_eased,
            cramping_now=True,
        )
        for mode in sorted(GUIDE_MODES)
        for muscle in Muscle
        for holds in (1, 2, 3)
        for not_eased in (False, True)
        if mode is not Mode.MASSAGE_OFFERED or (not_eased and holds >= 2)
    ]
    states += [
        State(
            mode=Mode.CHECKS,
            question=question,
            cramping_now=now,
            eased=eased,
            not_eased=not_eased,
            unsure=unsure,
            stretch_holds=stretched,
        )
        for question in Question
        for now in (False, True)
        for eased in (False, True)
        for not_eased in (False, True)
        for unsure in (0, 1)
        # After a stretch, or mid-cramp before any (it hurt more first: the massage, then the checks).
        for stretched in ((0, 1) if now else (0,))
    ]
    states += [State(mode=Mode.AFTER_INFO, topic=topic, topics_heard=frozenset(Topic)) for topic in Topic]
    states += [State(mode=mode, fallbacks=2) for mode in Mode]
    states += [State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH)]
    # A topic asked mid-cramp, with the stage it interrupted.
    return [_as_reached(state) for state in states]


def _as_reached(state: State) -> State:
    if state.mode is Mode.AFTER_INFO_MID_CRAMP and state.resume is Mode.START:  # asked in the stretch
        return state._replace(resume=Mode.STRETCH, muscle=Muscle.CALF, cramping_now=True)
    return state


def reachable_states(turns: int = 3) -> list[State]:
    """Every state the conversation reaches from a new session in at most ``turns`` turns, each event of
    ``WALK_EVENTS`` tried in every state reached, with ``every_state()`` as further starting points (the
    combinations a short walk does not reach: the later red-flag questions, long runs of holds), also once
    a stretch hurt more, and a topic asked at each place it goes back to. The full
    closure is not enumerable in a test (counts and the topics heard multiply it past 200,000 states)."""
    starts = every_state()
    # Once it hurt more, outside the guide and the checks (inside, it is a stage of its own; a topic asked
    # then goes back to it), and that stage as a conversation reaches it.
    starts += [
        state._replace(worse=True)
        for state in starts
        if state.mode is Mode.MASSAGE_AFTER_WORSE
        or (not MODES[state.mode].resumes and state.mode is not Mode.AFTER_INFO_MID_CRAMP)
    ]
    starts += [  # a topic asked mid-cramp, and the misses after it
        State(
            mode=Mode.AFTER_INFO_MID_CRAMP,
            resume=mode,
            muscle=Muscle.CALF,
            cramping_now=True,
            fallbacks=fallbacks,
            worse=mode is Mode.MASSAGE_AFTER_WORSE,
        )
        for mode in sorted(RESUMABLE)
        for fallbacks in (0, 2)
    ]
    seen = dict.fromkeys([State(), *starts])
    frontier = list(seen)
    for _ in range(turns):
        following = []
        for state in frontier:
            for event in WALK_EVENTS:
                turn = step(state, event)
                if not turn.reply.end_session and turn.state not in seen:
                    seen[turn.state] = None
                    following.append(turn.state)
        frontier = following
    return list(seen)
