"""The events and states the conversation tests walk: every event, and a state for every mode and for the
combinations of what the conversation can know in the guide and the checks (shared by the conversation,
speech and screen tests, and by ``make mutate``)."""

from __future__ import annotations

from skill.conversation import CHECK_QUESTIONS, Event, EventKind, Mode, Muscle, State, Topic
from skill.conversation.modes import GUIDE_MODES

EVERY_EVENT = (
    [Event(EventKind.CRAMP, muscle=muscle) for muscle in Muscle]
    + [Event(EventKind.INFO, topic=topic) for topic in Topic]
    + [Event(kind) for kind in EventKind if kind not in (EventKind.CRAMP, EventKind.INFO)]
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
        )
        for question in range(len(CHECK_QUESTIONS))
        for now in (False, True)
        for eased in (False, True)
        for not_eased in (False, True)
        for unsure in (0, 1)
    ]
    states += [State(mode=Mode.AFTER_INFO, topic=topic, topics_heard=frozenset(Topic)) for topic in Topic]
    states += [State(mode=mode, fallbacks=2) for mode in Mode]
    states += [State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH)]
    return states
