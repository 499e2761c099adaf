"""The state machine alone: every (mode, event) pair is defined, and the flow does what the design says."""

from __future__ import annotations

import pytest

from skill.conversation import (
    RED_FLAG_COUNT,
    TRANSITIONS,
    Event,
    EventKind,
    GuideStep,
    Mode,
    Muscle,
    State,
    Topic,
    step,
)
from skill.reply import Pause, Say, SayList

EVERY_EVENT = (
    [Event(EventKind.CRAMP, muscle=muscle) for muscle in Muscle]
    + [Event(EventKind.INFO, topic=topic) for topic in Topic]
    + [Event(kind) for kind in EventKind if kind not in (EventKind.CRAMP, EventKind.INFO)]
)


def every_state() -> list[State]:
    states = [State(mode=mode) for mode in Mode]
    states += [
        State(mode=Mode.GUIDE, guide_step=guide_step, muscle=muscle)
        for guide_step in GuideStep
        for muscle in Muscle
    ]
    states += [State(mode=Mode.CHECKS, question=question) for question in range(RED_FLAG_COUNT)]
    states += [State(mode=Mode.AFTER_INFO, topic=topic) for topic in Topic]
    return states


def keys(parts: tuple[object, ...]) -> list[str]:
    return [part.key for part in parts if isinstance(part, Say | SayList)]


def test_every_mode_and_event_pair_has_a_transition() -> None:
    missing = [(mode, kind) for mode in Mode for kind in EventKind if (mode, kind) not in TRANSITIONS]
    assert missing == []


@pytest.mark.parametrize("state", every_state(), ids=repr)
def test_every_event_in_every_state_gives_a_well_formed_reply(state: State) -> None:
    for event in EVERY_EVENT:
        turn = step(state, event)
        reply = turn.reply
        assert reply.speech, f"{event} in {state} says nothing"
        if reply.end_session:
            assert not reply.reprompt
        else:
            assert reply.reprompt, f"{event} in {state} keeps the session open without a reprompt"
            last = reply.speech[-1]
            assert isinstance(last, Say | SayList), f"{event} in {state} does not end with a question"


def test_yes_to_the_opening_question_starts_the_stretch_at_once() -> None:
    turn = step(State(mode=Mode.ASKED_IF_CRAMPING), Event(EventKind.YES))
    assert turn.state.mode is Mode.GUIDE and turn.state.guide_step is GuideStep.STRETCH
    assert keys(turn.reply.speech)[:3] == [
        "guide.intro.other",
        "guide.stretch.other",
        "guide.stop_if_it_hurts",
    ]


def test_stretch_is_held_about_thirty_seconds_with_cues_between_pauses() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    pauses = [part.seconds for part in turn.reply.speech if isinstance(part, Pause)]
    assert sum(pauses) == 30
    speech = turn.reply.speech
    for index, part in enumerate(speech):
        if isinstance(part, Pause):
            assert isinstance(speech[index + 1], Say), "each pause is followed by a voiced cue"


def test_safety_lines_never_come_before_the_first_instruction() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    assert "safety.disclaimer" not in keys(turn.reply.speech)
    massage = step(turn.state, Event(EventKind.NEXT))
    assert "safety.disclaimer" in keys(massage.reply.speech)
    assert massage.state.safety_said


def test_safety_lines_are_said_once_per_session() -> None:
    state = State()
    said = 0
    for event in [Event(EventKind.INFO, topic=topic) for topic in Topic]:
        turn = step(state, event)
        said += keys(turn.reply.speech).count("safety.disclaimer")
        state = turn.state
    assert said == 1


def test_navigation_hint_is_given_once_early() -> None:
    first = step(State(), Event(EventKind.CRAMP))
    assert "guide.how_to_navigate" in keys(first.reply.speech)
    again = step(first.state, Event(EventKind.REPEAT))
    assert "guide.how_to_navigate" not in keys(again.reply.speech)


@pytest.mark.parametrize("yes_at", range(RED_FLAG_COUNT))
def test_a_yes_at_any_question_ends_with_the_provider_advice_and_a_card(yes_at: int) -> None:
    turn = step(State(), Event(EventKind.START_CHECKS))
    for _ in range(yes_at):
        turn = step(turn.state, Event(EventKind.NO))
    turn = step(turn.state, Event(EventKind.YES))
    assert turn.reply.end_session
    assert keys(turn.reply.speech)[:2] == ["outcome.call_provider", "provider_reasons"]
    assert SayList("provider_reasons", yes_at) in turn.reply.speech
    assert "safety.emergency" in keys(turn.reply.speech)
    assert turn.reply.card is not None and turn.reply.card.title_key == "card.call_provider.title"


def test_four_noes_end_with_rest_advice_after_exactly_four_questions() -> None:
    turn = step(State(), Event(EventKind.START_CHECKS))
    asked = [part.item for part in turn.reply.speech if isinstance(part, SayList)]
    while not turn.reply.end_session:
        turn = step(turn.state, Event(EventKind.NO))
        asked += [part.item for part in turn.reply.speech if isinstance(part, SayList)]
    assert asked == [0, 1, 2, 3]
    assert keys(turn.reply.speech)[:3] == [
        "outcome.no_red_flags",
        "outcome.rest",
        "outcome.call_if_that_changes",
    ]


def test_next_cannot_skip_a_red_flag_question() -> None:
    state = State(mode=Mode.CHECKS, question=1, safety_said=True)
    turn = step(state, Event(EventKind.NEXT))
    assert turn.state.question == 1
    assert keys(turn.reply.speech) == ["say_yes_or_no", "red_flag_questions"]


@pytest.mark.parametrize("state", every_state(), ids=repr)
def test_stop_ends_the_session_in_every_state(state: State) -> None:
    turn = step(state, Event(EventKind.STOP))
    assert turn.reply.end_session and not turn.reply.reprompt
    assert keys(turn.reply.speech) == ["goodbye", "safety.disclaimer", "safety.emergency"]
    said_before = step(state._replace(safety_said=True), Event(EventKind.STOP))
    assert keys(said_before.reply.speech) == ["goodbye"], "the safety lines are said once per session"


def test_prevention_always_starts_with_the_caveat() -> None:
    turn = step(State(), Event(EventKind.INFO, topic=Topic.PREVENTION))
    spoken = keys(turn.reply.speech)
    assert spoken[0] == "topic.prevention.caveat"
    assert turn.reply.card is not None and keys(turn.reply.card.body)[0] == "topic.prevention.caveat"


def test_after_when_to_call_yes_starts_the_checks() -> None:
    turn = step(State(mode=Mode.AFTER_INFO, topic=Topic.WHEN_TO_CALL), Event(EventKind.YES))
    assert turn.state.mode is Mode.CHECKS and turn.state.question == 0


def test_after_how_to_stop_yes_starts_the_guide() -> None:
    turn = step(State(mode=Mode.AFTER_INFO, topic=Topic.TREATMENT), Event(EventKind.YES))
    assert turn.state.mode is Mode.GUIDE
