"""Session attributes: every state the conversation tests walk, and some odd ones, round-trip; anything not
ours starts fresh instead of crashing."""

from __future__ import annotations

import pytest
from case_ids import short, state_id

from skill.conversation import Mode, Muscle, State, Topic
from skill.conversation.state import Question
from skill.session import SESSION_KEY, STATE_VERSION, state_from_attributes, state_to_attributes
from tooling.conversation_states import every_state

SOME_STATES = [
    State(),
    State(mode=Mode.MASSAGE, muscle=Muscle.HAND, navigation_hint_said=True),
    State(mode=Mode.CHECKS, question=Question.COMING_BACK, safety_said=True),
    State(mode=Mode.AFTER_INFO, topic=Topic.WHEN_TO_CALL, topics_heard=frozenset({Topic.CAUSES})),
    State(
        mode=Mode.MASSAGE_OFFERED,
        holds=2,
        stretch_holds=3,
        cramping_now=True,
        eased=True,
        not_eased=True,
        unsure=1,
        fallbacks=2,
    ),
    State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH),
]


@pytest.mark.parametrize("state", SOME_STATES + every_state(), ids=state_id)
def test_every_state_round_trips_through_session_attributes(state: State) -> None:
    assert state_from_attributes(state_to_attributes(state)) == state


def stored(**changes: object) -> dict:
    attributes = state_to_attributes(State(mode=Mode.CHECKS, question=Question.NOT_EASED))
    attributes[SESSION_KEY].update(changes)
    return attributes


def tampering(attributes: object) -> str | None:
    """A case's id: the fields changed from ``stored()`` (type included: ``eased=0`` is not ``False``), or
    the value itself, cut short."""
    ours = attributes.get(SESSION_KEY) if isinstance(attributes, dict) else None
    fresh = stored()[SESSION_KEY]
    if isinstance(ours, dict) and ours.keys() == fresh.keys():
        changed = [
            f"{key}={value!r}"
            for key, value in ours.items()
            if (type(value), value) != (type(fresh[key]), fresh[key])
        ]
        return "stored:" + ",".join(changed)
    return short(repr(attributes))


@pytest.mark.parametrize(
    "attributes",
    [
        None,
        {},
        "not a mapping",
        {"someone_else": {"mode": "checks"}},
        {SESSION_KEY: "checks"},
        stored(version=STATE_VERSION - 1),
        stored(version=str(STATE_VERSION)),
        stored(mode="lost"),
        stored(question=8),
        stored(holds=-1),
        stored(fallbacks=1000),
        stored(unsure="1"),
        stored(eased=0),
        stored(topics_heard="causes"),
        stored(topics_heard=["lunch"]),
        stored(question=-1),
        stored(question="2"),
        stored(question=2),  # version 5 stored the question's place, not its name
        stored(question="NOT_EASED"),
        stored(question="bleeding"),
        stored(question=True),
        stored(mode="guide"),  # version 2's single guide mode
        stored(muscle="elbow"),
        stored(topic=None),
        stored(safety_said="yes"),
        stored(navigation_hint_said=1),
        {SESSION_KEY: {"version": STATE_VERSION}},
    ],
    ids=tampering,
)
def test_missing_unknown_or_tampered_state_starts_fresh(attributes: object) -> None:
    assert state_from_attributes(attributes) == State()  # type: ignore[arg-type]


def test_other_keys_beside_ours_are_ignored() -> None:
    attributes = {**stored(), "someone_else": [1, 2, 3]}
    assert state_from_attributes(attributes) == State(mode=Mode.CHECKS, question=Question.NOT_EASED)


def test_the_red_flag_question_is_stored_by_its_name() -> None:
    """By name, not by place: a question added or moved in a later version never makes an answer stored
    for one question count as an answer to another."""
    attributes = state_to_attributes(State(mode=Mode.CHECKS, question=Question.TINGLING))
    assert attributes[SESSION_KEY]["question"] == "tingling"
    assert state_from_attributes(attributes).question is Question.TINGLING
