"""The conversation state in Alexa session attributes, and back.

Alexa hands the attributes back on every turn, so any Lambda container or web worker can serve any
request. They arrive from outside, though: a session from an older version of the skill, another skill's
keys, or tampered values. Reading is therefore forgiving in one direction only: anything that is not
exactly a state this version wrote starts the conversation afresh, never a crash and never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from skill.conversation import Mode, Muscle, State, Topic
from skill.conversation.modes import RESUMABLE
from skill.conversation.state import Question

T = TypeVar("T")

SESSION_KEY = "cramp_coach"
QUESTION_BY_NAME = {question.name.lower(): question for question in Question}
STATE_VERSION = 6  # 3: the guide's stages are modes; 4: what "it hurts more" said, where a topic
# interrupted; 5: a place not yet known (none named, "somewhere else") and the is-it-a-muscle question;
# 6: the massage once it hurt more, and a topic asked mid-cramp, are modes of their own, and the red-flag
# question is stored by its name (a question added or moved never makes an older session's answer another's)


def state_to_attributes(state: State) -> dict[str, Any]:
    """The JSON-safe form of a state, under one versioned key."""
    return {
        SESSION_KEY: {
            "version": STATE_VERSION,
            "mode": state.mode.value,
            "muscle": state.muscle.value,
            "question": state.question.name.lower(),
            "topic": state.topic.value,
            "safety_said": state.safety_said,
            "navigation_hint_said": state.navigation_hint_said,
            "holds": state.holds,
            "stretch_holds": state.stretch_holds,
            "cramping_now": state.cramping_now,
            "eased": state.eased,
            "not_eased": state.not_eased,
            "unsure": state.unsure,
            "fallbacks": state.fallbacks,
            "topics_heard": sorted(topic.value for topic in state.topics_heard),
            "worse": state.worse,
            "resume": state.resume.value,
        }
    }


def state_from_attributes(attributes: Mapping[str, Any] | None) -> State:
    """The state stored in the attributes, or a fresh one if they hold nothing valid of ours."""
    stored = attributes.get(SESSION_KEY) if isinstance(attributes, Mapping) else None
    if not isinstance(stored, Mapping) or stored.get("version") != STATE_VERSION:
        return State()
    try:
        question = QUESTION_BY_NAME[_exact(str, stored["question"])]
        counters = [_exact(int, stored[name]) for name in ("holds", "stretch_holds", "unsure", "fallbacks")]
        if not all(0 <= count <= 99 for count in counters):
            return State()
        holds, stretch_holds, unsure, fallbacks = counters
        topics_heard = stored["topics_heard"]
        if not isinstance(topics_heard, list):
            return State()
        return State(
            mode=Mode(stored["mode"]),
            muscle=Muscle(stored["muscle"]),
            question=question,
            topic=Topic(stored["topic"]),
            safety_said=_exact(bool, stored["safety_said"]),
            navigation_hint_said=_exact(bool, stored["navigation_hint_said"]),
            holds=holds,
            stretch_holds=stretch_holds,
            cramping_now=_exact(bool, stored["cramping_now"]),
            eased=_exact(bool, stored["eased"]),
            not_eased=_exact(bool, stored["not_eased"]),
            unsure=unsure,
            fallbacks=fallbacks,
            topics_heard=frozenset(Topic(topic) for topic in topics_heard),
            worse=_exact(bool, stored["worse"]),
            resume=_resumable(Mode(stored["resume"])),
        )
    except (KeyError, ValueError, TypeError):
        return State()


def _resumable(mode: Mode) -> Mode:
    """Where a topic may go back to: a stage of the guide, the checks, or nowhere (START)."""
    if mode is not Mode.START and mode not in RESUMABLE:
        raise ValueError("not a place a topic goes back to")
    return mode


def _exact(kind: type[T], value: object) -> T:
    """The value if it has exactly this type (JSON true is not the number 1, and 1 is not True)."""
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}")
    return value
