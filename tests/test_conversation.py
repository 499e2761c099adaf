"""The state machine alone: every (mode, event) pair is defined, pinned, and does what the design says."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from case_ids import state_id

from skill.content import load_content
from skill.conversation import (
    CHECK_QUESTIONS,
    TRANSITIONS,
    Event,
    EventKind,
    Mode,
    Muscle,
    State,
    Topic,
    Turn,
    step,
)
from skill.conversation.modes import GUIDE_MODES, MODE_SPECS, MODES, RESUMABLE
from skill.conversation.state import Question
from skill.conversation.table import (
    COUNTS_MISSES,
    DECIDED_BY,
    LEADS_TO,
    NEVER_DECIDES,
    ROWS,
    Fact,
    Lands,
    cannot_decide,
)
from skill.reply import Pause, Say, SayList
from tooling.conversation_states import EVERY_EVENT, WALK_EVENTS, every_state, reachable_states
from tooling.transition_outcomes import REPRESENTATIVE_STATES, Outcome, golden, outcome


def keys(parts: tuple[object, ...]) -> list[str]:
    return [part.key for part in parts if isinstance(part, Say | SayList)]


CONTENT = load_content()
NEW_SESSION = State()


def names_the_emergency_number(turn: Turn) -> bool:
    return any(
        "{emergency_number}" in CONTENT.line(part.key).text
        for part in turn.reply.speech
        if isinstance(part, Say)
    )


def test_every_mode_and_event_pair_has_a_transition() -> None:
    missing = [(mode, kind) for mode in Mode for kind in EventKind if (mode, kind) not in TRANSITIONS]
    assert missing == []


@pytest.mark.parametrize("state", every_state(), ids=state_id)
def test_every_event_in_every_state_gives_a_well_formed_reply(state: State) -> None:
    for event in EVERY_EVENT:
        turn = step(state, event)
        reply = turn.reply
        assert reply.speech, f"{event} in {state} says nothing"
        assert reply.screen is not None, f"{event} in {state} does not say what it shows"
        if reply.end_session:
            assert not reply.reprompt
        else:
            assert reply.reprompt, f"{event} in {state} keeps the session open without a reprompt"
            last = reply.speech[-1]
            assert isinstance(last, Say | SayList), f"{event} in {state} does not end with a question"


# ---------------------------------------------------------------------------------------------------------
# The table, pinned: for one representative state of each mode, every event's next mode, the first and
# last content keys it speaks, and whether the session ends, as the reviewed golden file
# tests/data/transition_outcomes.tsv (python -m tooling.transition_outcomes --write). Changing any single
# entry of TRANSITIONS fails a test (make mutate proves it: every single-entry change is run against the
# suite).


def test_the_golden_file_covers_every_pair() -> None:
    pinned = {(row.mode, row.event) for row in golden()}
    assert pinned == {(mode.value, kind.value) for mode, kind in TRANSITIONS}


@pytest.mark.parametrize("pinned", golden(), ids=lambda row: f"{row.mode}-{row.event}")
def test_each_pair_leads_where_the_golden_file_says(pinned: Outcome) -> None:
    assert outcome(Mode(pinned.mode), EventKind(pinned.event)) == pinned


# ---------------------------------------------------------------------------------------------------------
# The flow


def test_the_opening_asks_where_and_a_muscle_starts_its_stretch() -> None:
    opening = step(State(), Event(EventKind.LAUNCH))
    assert keys(opening.reply.speech) == ["welcome", "ask_cramping"]
    where = step(opening.state, Event(EventKind.YES))
    assert where.state.mode is Mode.ASKED_WHERE
    stretch = step(where.state, Event(EventKind.CRAMP, muscle=Muscle.FOOT))
    assert stretch.state.mode is Mode.STRETCH
    assert keys(stretch.reply.speech)[:2] == ["guide.stretch.foot", "guide.stop_if_it_hurts"]


def test_the_instruction_comes_first_and_the_hold_right_after_it() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    speech = turn.reply.speech
    assert speech[:3] == (Say("guide.stretch.calf"), Say("guide.stop_if_it_hurts"), Pause(10))
    assert sum(part.seconds for part in speech if isinstance(part, Pause)) == 30
    for index, part in enumerate(speech):
        if isinstance(part, Pause):
            assert isinstance(speech[index + 1], Say), "each pause is followed by a voiced cue"
    hint = keys(speech).index("guide.how_to_navigate")
    assert hint > keys(speech).index("guide.hold.done"), "the hint comes after the hold"


def test_the_navigation_hint_is_given_once() -> None:
    first = step(State(), Event(EventKind.CRAMP))
    again = step(first.state, Event(EventKind.REPEAT))
    assert "guide.how_to_navigate" not in keys(again.reply.speech)


def test_safety_lines_never_sit_inside_a_step_and_come_before_the_checks() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    massage = step(turn.state, Event(EventKind.NEXT))
    checks = step(massage.state, Event(EventKind.NEXT))
    for step_turn in (turn, massage):
        assert "safety.disclaimer" not in keys(step_turn.reply.speech)
    spoken = keys(checks.reply.speech)
    assert spoken.index("safety.disclaimer") < spoken.index("checks.intro") < spoken.index("check.severe.now")


def test_safety_lines_are_said_once_per_session() -> None:
    state, said = State(), 0
    for event in [Event(EventKind.START_CHECKS), Event(EventKind.NO), Event(EventKind.STOP)]:
        turn = step(state, event)
        said += keys(turn.reply.speech).count("safety.disclaimer")
        state = turn.state
    assert said == 1


@pytest.mark.parametrize("yes_at", range(len(CHECK_QUESTIONS)))
def test_a_yes_at_any_question_ends_with_its_seed_reason_and_a_card(yes_at: int) -> None:
    turn = step(State(), Event(EventKind.START_CHECKS))
    for _ in range(yes_at):
        turn = step(turn.state, Event(EventKind.NO))
    turn = step(turn.state, Event(EventKind.YES))
    assert turn.reply.end_session
    assert SayList("provider_reasons", CHECK_QUESTIONS[yes_at].red_flag) in turn.reply.speech
    assert "safety.emergency" in keys(turn.reply.speech)
    assert turn.reply.card is not None and turn.reply.card.title_key == "card.call_provider.title"


def test_the_questions_are_asked_in_the_order_of_their_keys() -> None:
    """``Question``'s value is its place: the checks walk the questions by it."""
    assert [question.key for question in CHECK_QUESTIONS] == list(Question)
    assert [question.name for question in CHECK_QUESTIONS][:3] == ["severe", "lasting", "not_eased"]


def test_the_questions_cover_exactly_the_seeds_four_red_flags_in_order() -> None:
    flags = [question.red_flag for question in CHECK_QUESTIONS]
    assert flags == sorted(flags) and set(flags) == {0, 1, 2, 3}


def test_all_no_on_the_info_path_asks_every_question_then_ends_without_rest() -> None:
    turn = step(State(), Event(EventKind.START_CHECKS))
    asked = [keys(turn.reply.speech)[-1]]
    while not turn.reply.end_session:
        turn = step(turn.state, Event(EventKind.NO))
        asked.append(keys(turn.reply.speech)[-1])
    assert len(asked) == len(CHECK_QUESTIONS) + 1
    assert all(
        key.endswith(".general") or "." not in key[6:] for key in asked[:-1] if key.startswith("check.")
    )
    assert keys(turn.reply.speech)[:2] == ["outcome.no_red_flags", "outcome.call_if_any"]


def test_what_the_conversation_knows_is_not_asked_again() -> None:
    eased = State(
        mode=Mode.CHECKS, question=Question.LASTING, cramping_now=True, eased=True, safety_said=True
    )
    turn = step(eased, Event(EventKind.NO))
    assert turn.state.question is Question.COMING_BACK, (
        "the cramp went away: 'still cramping after the stretch?' is skipped"
    )


def test_a_known_reason_to_call_stands_after_all_no() -> None:
    state = State(mode=Mode.CHECKS, question=Question.NIGHT_PAIN, not_eased=True, safety_said=True)
    turn = step(state, Event(EventKind.NO))
    assert turn.reply.end_session and SayList("provider_reasons", 1) in turn.reply.speech


def test_unsure_twice_gives_the_advice_worded_for_doubt() -> None:
    state = State(mode=Mode.CHECKS, question=Question.TINGLING, safety_said=True)
    plainer = step(state, Event(EventKind.UNSURE))
    assert keys(plainer.reply.speech) == ["check.plainer_intro", "check.tingling.plainer"]
    assert not plainer.reply.end_session
    repeated = step(plainer.state, Event(EventKind.REPEAT))
    assert keys(repeated.reply.speech) == ["check.tingling.plainer"], "repeat keeps the plainer words"
    advice = step(plainer.state, Event(EventKind.UNSURE))
    assert keys(advice.reply.speech)[:2] == ["outcome.not_sure", "provider_reasons"]
    assert advice.reply.end_session


def test_still_hurting_holds_twice_then_gives_the_reason_and_offers_massage() -> None:
    first = step(State(), Event(EventKind.CRAMP, muscle=Muscle.HAND))
    second = step(first.state, Event(EventKind.STILL_HURTS))
    assert keys(second.reply.speech)[:2] == ["guide.hold.again", "guide.stretch.hand"]
    reason = step(second.state, Event(EventKind.STILL_HURTS))
    assert keys(reason.reply.speech) == ["guide.not_eased", "guide.ask_massage"]
    assert reason.reply.card is not None and reason.state.not_eased
    massage = step(reason.state, Event(EventKind.STILL_HURTS))
    assert keys(massage.reply.speech)[0] == "guide.massage.hand"


def test_still_hurting_during_the_checks_goes_back_to_the_stretch_rules() -> None:
    once = State(
        mode=Mode.CHECKS, question=Question.SEVERE, muscle=Muscle.CALF, stretch_holds=1, cramping_now=True
    )
    again = step(once, Event(EventKind.STILL_HURTS))
    assert keys(again.reply.speech)[:2] == ["guide.hold.again", "guide.stretch.calf"]
    twice = step(once._replace(stretch_holds=2), Event(EventKind.STILL_HURTS))
    assert keys(twice.reply.speech) == ["guide.not_eased", "guide.ask_massage"]
    assert twice.state.mode is Mode.MASSAGE_OFFERED and not twice.reply.end_session
    info_path = step(once._replace(cramping_now=False), Event(EventKind.STILL_HURTS))
    assert info_path.state.mode is Mode.ASKED_WHERE


def test_gone_then_hurting_again_stretches_again_instead_of_advising() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    gone = step(turn.state, Event(EventKind.BETTER))
    back = step(gone.state, Event(EventKind.STILL_HURTS))
    assert keys(back.reply.speech)[:2] == ["guide.hold.again", "guide.stretch.calf"]
    assert not back.state.eased


def test_the_same_muscle_named_again_is_still_cramping_and_keeps_the_count() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    again = step(turn.state, Event(EventKind.CRAMP, muscle=Muscle.CALF))
    assert again.state.stretch_holds == 2
    reason = step(again.state, Event(EventKind.CRAMP, muscle=Muscle.CALF))
    assert keys(reason.reply.speech)[0] == "guide.not_eased"


@pytest.mark.parametrize("mode", [Mode.STRETCH, Mode.MASSAGE, Mode.MASSAGE_OFFERED])
def test_in_every_stage_of_the_guide_another_muscle_starts_its_stretch_and_no_muscle_is_not_understood(
    mode: Mode,
) -> None:
    state = REPRESENTATIVE_STATES[mode]
    other = step(state, Event(EventKind.CRAMP, muscle=Muscle.HAND))
    assert other.state.mode is Mode.STRETCH and other.state.muscle is Muscle.HAND
    assert keys(other.reply.speech)[0] == "guide.stretch.hand" and other.state.stretch_holds == 1
    unknown = step(state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert unknown.state.mode is mode and unknown.state.fallbacks == 1
    assert keys(unknown.reply.speech)[0] == "didnt_catch"


# Mid-cramp, at the fourth red-flag question, the safety line said.
CALF_AT_THE_CHECKS = State(
    mode=Mode.CHECKS, question=Question.COMING_BACK, muscle=Muscle.CALF, cramping_now=True, safety_said=True
)


def test_a_cramp_named_in_the_checks_goes_back_to_a_stretch_and_then_on_to_the_checks() -> None:
    """The coach follows the person: another muscle named mid-checks gets its stretch (not "please say yes
    or no"), the same one still cramping follows the stretch rules, and the checks come again after."""
    state = CALF_AT_THE_CHECKS
    hand = step(state, Event(EventKind.CRAMP, muscle=Muscle.HAND))
    assert hand.state.mode is Mode.STRETCH and keys(hand.reply.speech)[0] == "guide.stretch.hand"
    calf = step(state._replace(stretch_holds=1), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    assert calf.state.mode is Mode.STRETCH and keys(calf.reply.speech)[:2] == [
        "guide.hold.again",
        "guide.stretch.calf",
    ]
    massage = step(hand.state, Event(EventKind.NEXT))
    checks = step(massage.state, Event(EventKind.NEXT))
    assert checks.state.mode is Mode.CHECKS and checks.state.question is Question.SEVERE


def test_words_that_are_no_muscle_in_the_checks_are_misses_that_end_with_when_to_call() -> None:
    """Alexa hands over nonsense ("the weather") as a cramp with a place we do not know: in the checks each
    is a miss that names the number, and the third ends with when to call, as any run of misses does
    (asking for a yes or no without end would never reach that ending)."""
    state = CALF_AT_THE_CHECKS
    turns = []
    for _ in range(3):
        turns.append(step(state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN)))
        state = turns[-1].state
    names_the_number = {"didnt_catch", "safety.emergency"}  # the first miss's line names it itself
    assert all(names_the_number & set(keys(turn.reply.speech)) for turn in turns)
    assert [turn.reply.end_session for turn in turns] == [False, False, True]
    assert "topic.when_to_call" in keys(turns[-1].reply.speech)


def test_a_fallback_after_words_that_are_no_muscle_in_the_checks_counts_on_from_them() -> None:
    state = CALF_AT_THE_CHECKS
    first = step(state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    second = step(first.state, Event(EventKind.FALLBACK))
    third = step(second.state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert (first.state.fallbacks, second.state.fallbacks) == (1, 2) and third.reply.end_session


def test_its_gone_said_again_in_the_checks_asks_the_question_again_and_never_counts_as_a_no() -> None:
    """A yes said with it ("yes, it's gone") reaches us as "it's gone" alone: read as a no, it could end
    the checks with an all-clear they did not earn."""
    state = State(mode=Mode.CHECKS, question=Question.SEVERE, cramping_now=True, safety_said=True)
    first = step(state, Event(EventKind.BETTER))
    assert first.state.question is Question.SEVERE and keys(first.reply.speech)[-1] == "check.severe.gone"
    second = step(first.state, Event(EventKind.BETTER))
    assert second.state.question is Question.SEVERE and keys(second.reply.speech) == [
        "say_yes_or_no",
        "check.severe.gone",
    ]
    last = State(
        mode=Mode.CHECKS, question=Question.NIGHT_PAIN, cramping_now=True, eased=True, safety_said=True
    )
    at_the_last = step(last, Event(EventKind.BETTER))
    assert not at_the_last.reply.end_session and at_the_last.state.question is Question.NIGHT_PAIN


def test_its_gone_answers_is_it_still_cramping_with_a_no() -> None:
    state = State(mode=Mode.CHECKS, question=Question.NOT_EASED, cramping_now=True, stretch_holds=1)
    turn = step(state, Event(EventKind.BETTER))
    assert turn.state.question > Question.NOT_EASED and turn.state.eased


def test_words_that_are_no_muscle_mid_stretch_escalate_like_any_fallback_and_never_end_the_guide() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    for _ in range(3):
        turn = step(turn.state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert not turn.reply.end_session and keys(turn.reply.speech)[0] == "didnt_catch_guide.stretch"


def test_feeling_better_on_the_info_path_asks_nothing_about_a_cramp() -> None:
    turn = step(State(mode=Mode.AFTER_INFO, topic=Topic.CAUSES), Event(EventKind.BETTER))
    assert turn.state.mode is Mode.AFTER_INFO
    assert not any(key.startswith("check.") for key in keys(turn.reply.speech))


def test_waiting_through_the_massage_moves_on_to_rest_and_the_checks() -> None:
    stretching = State(mode=Mode.STRETCH, muscle=Muscle.CALF, holds=1, cramping_now=True)
    turn = step(stretching, Event(EventKind.NEXT))
    for _ in range(2):
        turn = step(turn.state, Event(EventKind.NOT_READY))
        assert keys(turn.reply.speech)[:2] == ["take_your_time", "guide.massage.calf"]
    turn = step(turn.state, Event(EventKind.NOT_READY))
    assert turn.state.mode is Mode.CHECKS and not turn.reply.end_session


OFFERED = State(
    mode=Mode.MASSAGE_OFFERED,
    muscle=Muscle.FOOT,
    stretch_holds=2,
    not_eased=True,
    cramping_now=True,
)


def test_after_the_massage_offer_a_repeat_or_a_wait_asks_the_offer_again() -> None:
    for kind in (EventKind.REPEAT, EventKind.NOT_READY, EventKind.HELP, EventKind.FALLBACK):
        assert keys(step(OFFERED, Event(kind)).reply.speech)[-1] == "guide.ask_massage", kind
    no = step(OFFERED, Event(EventKind.NO))
    assert no.reply.end_session and keys(no.reply.speech)[0] == "guide.rest"


def test_going_back_after_the_offer_closes_it() -> None:
    back = step(OFFERED, Event(EventKind.PREVIOUS))
    assert back.state.mode is Mode.STRETCH and keys(back.reply.speech)[-1] == "guide.ask_next"
    not_yet = step(back.state, Event(EventKind.NO))
    assert not not_yet.reply.end_session, "no to 'ready for the next step?' means not yet"


def test_start_over_counts_the_holds_afresh() -> None:
    again = step(OFFERED, Event(EventKind.START_OVER))
    assert not again.state.not_eased and again.state.stretch_holds == 1
    assert keys(step(again.state, Event(EventKind.STILL_HURTS)).reply.speech)[0] == "guide.hold.again"


def test_not_ready_holds_again_at_most_twice() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    for _ in range(2):
        turn = step(turn.state, Event(EventKind.NOT_READY))
        assert keys(turn.reply.speech)[:2] == ["take_your_time", "guide.stretch.calf"]
    turn = step(turn.state, Event(EventKind.NOT_READY))
    assert keys(turn.reply.speech)[0] == "guide.not_eased"


def test_the_back_answering_the_thigh_question_is_the_hamstring() -> None:
    asked = step(State(), Event(EventKind.CRAMP, muscle=Muscle.THIGH))
    assert asked.state.mode is Mode.ASKED_THIGH_SIDE
    turn = step(asked.state, Event(EventKind.CRAMP, muscle=Muscle.HAMSTRING))  # as the words are read there
    assert keys(turn.reply.speech)[0] == "guide.stretch.hamstring"


def test_words_that_are_no_muscle_ask_where_or_keep_the_stretch_going() -> None:
    asked = step(State(), Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert asked.state.mode is Mode.ASKED_WHERE
    answered = step(asked.state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert keys(answered.reply.speech)[0] == "didnt_catch", "words that are no muscle are never coached"
    assert answered.state.mode is Mode.ASKED_WHERE and answered.state.fallbacks == 1
    calf = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    kept = step(calf.state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert kept.state.muscle is Muscle.CALF and keys(kept.reply.speech)[0] == "didnt_catch"


# (After a topic asked mid-cramp, the third miss goes back to the guide: tested below.)
@pytest.mark.parametrize(
    "mode", [mode for mode in Mode if mode not in GUIDE_MODES and mode is not Mode.AFTER_INFO_MID_CRAMP]
)
def test_fallback_escalates_with_the_emergency_number_and_the_third_ends_kindly(mode: Mode) -> None:
    state = REPRESENTATIVE_STATES[mode]
    first = step(state, Event(EventKind.FALLBACK))
    second = step(first.state, Event(EventKind.FALLBACK))
    third = step(second.state, Event(EventKind.FALLBACK))
    assert keys(first.reply.speech)[0] == "didnt_catch"  # which names the emergency number
    assert keys(second.reply.speech)[:2] == [MODES[mode].didnt_catch_again, "safety.emergency"]
    assert keys(third.reply.speech)[:2] == ["didnt_catch_stop", "topic.when_to_call"]
    assert third.reply.end_session and "safety.emergency" in keys(third.reply.speech)
    assert third.reply.card is not None and third.reply.card.title_key == "card.when_to_call.title"


@pytest.mark.parametrize("mode", sorted(GUIDE_MODES))
def test_misses_mid_guide_say_the_step_with_the_card_once_then_end_with_when_to_call(mode: Mode) -> None:
    turns = [step(REPRESENTATIVE_STATES[mode], Event(EventKind.FALLBACK))]
    for _ in range(3):
        turns.append(step(turns[-1].state, Event(EventKind.FALLBACK)))
    *still_going, fourth = turns
    assert all(not turn.reply.end_session and turn.reply.reprompt for turn in still_going)
    assert all(names_the_emergency_number(turn) for turn in turns), "every miss: the number"
    third = still_going[2]
    few_words = MODES[mode].step_in_a_few_words
    assert keys(third.reply.speech)[0] == few_words and third.state.mode is mode
    assert "topic.when_to_call" in keys(third.reply.speech), "a step is never repeated without when to call"
    assert third.reply.card is not None and third.reply.card.title_key == "card.guide.title"
    on_the_card = keys(third.reply.card.body)
    assert "red_flags" in on_the_card
    # the stretch did not help: the steps are not sent with it again
    assert ("guide.stretch.calf" in on_the_card) is (mode is not Mode.MASSAGE_OFFERED)
    assert fourth.reply.end_session and keys(fourth.reply.speech)[0] == "didnt_catch_stop"
    assert fourth.reply.card is not None, "the fourth ends with when to call (or the reason known), on a card"
    said = keys(fourth.reply.speech)
    assert "topic.when_to_call" in said or "outcome.call_provider" in said


def test_anything_understood_resets_the_fallback_count() -> None:
    once = step(State(mode=Mode.ASKED_IF_CRAMPING), Event(EventKind.FALLBACK))
    assert once.state.fallbacks == 1
    assert step(once.state, Event(EventKind.REPEAT)).state.fallbacks == 0


@pytest.mark.parametrize("state", every_state(), ids=state_id)
def test_stop_ends_the_session_in_every_state(state: State) -> None:
    """Stop ends at once; in the checks, or once a reason to call is known, the signs to call about still
    go to the Alexa app."""
    to_the_app = state.mode is Mode.CHECKS or state.worse or state.not_eased
    first = "checks.stopped" if to_the_app else "goodbye"
    last: list[str] = ["outcome.take_care"] if to_the_app else []
    turn = step(state._replace(safety_said=False), Event(EventKind.STOP))
    assert turn.reply.end_session and not turn.reply.reprompt
    assert keys(turn.reply.speech) == [first, "safety.disclaimer", "safety.emergency", *last]
    said_before = step(state._replace(safety_said=True), Event(EventKind.STOP))
    assert keys(said_before.reply.speech) == [first, *last], "the safety lines are said once per session"
    if to_the_app:
        assert turn.reply.card is not None
        assert turn.reply.card.title_key in ("card.when_to_call.title", "card.call_provider.title")


@pytest.mark.parametrize("state", every_state(), ids=state_id)
def test_an_emergency_is_one_line_in_every_state(state: State) -> None:
    turn = step(state, Event(EventKind.EMERGENCY))
    assert keys(turn.reply.speech) == ["emergency"] and turn.reply.end_session


def test_prevention_always_starts_with_the_caveat() -> None:
    turn = step(State(), Event(EventKind.INFO, topic=Topic.PREVENTION))
    assert keys(turn.reply.speech)[0] == "topic.prevention.caveat"
    assert turn.reply.card is not None and keys(turn.reply.card.body)[0] == "topic.prevention.caveat"


def test_the_follow_up_offers_a_topic_not_yet_heard_then_the_checks() -> None:
    state = State()
    offered = []
    for topic in (Topic.TREATMENT, Topic.WHAT_IS, Topic.CAUSES, Topic.PREVENTION):
        turn = step(state, Event(EventKind.INFO, topic=topic))
        offered.append(keys(turn.reply.speech)[-1])
        state = turn.state
    assert offered == ["offer.causes", "offer.causes", "offer.prevention", "offer.when_to_call"]
    yes = step(state, Event(EventKind.YES))
    assert keys(yes.reply.speech)[-1] == "offer.checks"
    assert step(yes.state, Event(EventKind.YES)).state.mode is Mode.CHECKS


# ---------------------------------------------------------------------------------------------------------
# The coach follows the person


@pytest.mark.parametrize(
    ("kind", "answer"),
    [
        (EventKind.HOW_LONG, "care.how_long"),
        (EventKind.HEAT_OR_COLD, "care.heat_or_cold"),
        (EventKind.PAINKILLERS, "care.painkillers"),
    ],
)
def test_care_questions_get_their_sourced_answer_then_the_waiting_question_in_every_mode(
    kind: EventKind, answer: str
) -> None:
    for mode, state in REPRESENTATIVE_STATES.items():
        if kind is EventKind.HOW_LONG and state.worse:
            continue  # no hold is coached once it hurt more (the test below)
        turn = step(state, Event(kind))
        waiting = step(state, Event(EventKind.REPEAT)) if mode is not Mode.START else None
        assert keys(turn.reply.speech)[0] == answer and not turn.reply.end_session, mode
        assert turn.state.mode is (Mode.ASKED_IF_CRAMPING if mode is Mode.START else mode)
        if waiting is not None and mode is not Mode.AFTER_INFO:  # (repeat tells the topic again)
            assert keys(turn.reply.speech)[-1] == keys(waiting.reply.speech)[-1], mode


def test_once_it_hurt_more_how_long_to_hold_says_no_more_stretching_in_every_mode() -> None:
    """After "it hurts more", "how long do I hold it?" must not coach a hold: the stretch is over."""
    never_after_worse = {Mode.STRETCH, Mode.MASSAGE, Mode.MASSAGE_OFFERED}  # it hurt more: the massage
    for mode in set(Mode) - never_after_worse:
        state = REPRESENTATIVE_STATES[mode]._replace(worse=True)
        turn = step(state, Event(EventKind.HOW_LONG))
        spoken = keys(turn.reply.speech)
        assert spoken[0] == "care.how_long.after_worse" and "care.how_long" not in spoken, mode
        here = Mode.ASKED_IF_CRAMPING if mode is Mode.START else mode
        assert not turn.reply.end_session and turn.state.mode is here, mode


def test_which_step_says_where_in_a_few_words_in_every_mode() -> None:
    for mode, state in REPRESENTATIVE_STATES.items():
        turn = step(state, Event(EventKind.WHICH_STEP))
        assert keys(turn.reply.speech)[0].startswith("where.") and not turn.reply.end_session, mode


@pytest.mark.parametrize("mode", sorted(RESUMABLE))
def test_no_to_the_next_topic_while_a_cramp_is_coached_goes_back_to_it(mode: Mode) -> None:
    topic = step(REPRESENTATIVE_STATES[mode], Event(EventKind.INFO, topic=Topic.CAUSES))
    another = step(topic.state, Event(EventKind.YES))  # a second topic keeps where to go back to
    back = step(another.state, Event(EventKind.NO))
    assert back.state.mode is mode and not back.reply.end_session
    assert keys(back.reply.speech)[0] == "guide.back"
    waiting = step(REPRESENTATIVE_STATES[mode], Event(EventKind.HELP))
    assert keys(back.reply.speech)[-1] == keys(waiting.reply.speech)[-1], "the question that was waiting"


def test_no_to_the_next_topic_on_the_information_path_says_goodbye() -> None:
    topic = step(State(mode=Mode.ASKED_IF_CRAMPING), Event(EventKind.INFO, topic=Topic.CAUSES))
    assert step(topic.state, Event(EventKind.NO)).reply.end_session


@pytest.mark.parametrize(
    "after",
    [Event(EventKind.START_OVER), Event(EventKind.PREVIOUS), Event(EventKind.CRAMP, muscle=Muscle.CALF)],
)
def test_once_a_stretch_hurt_more_nothing_leads_to_a_stretch_again(after: Event) -> None:
    """Start over, go back, or the muscle named again (also after a topic): the massage, never the stretch."""
    worse = step(step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF)).state, Event(EventKind.WORSE))
    for state in (worse.state, step(worse.state, Event(EventKind.INFO, topic=Topic.CAUSES)).state):
        turn = step(state, after)
        assert not any(key.startswith("guide.stretch.") for key in keys(turn.reply.speech)), (
            state.mode,
            after,
        )


def test_stop_once_a_reason_to_call_is_known_sends_its_card() -> None:
    worse = step(step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF)).state, Event(EventKind.WORSE))
    stopped = step(worse.state, Event(EventKind.STOP))
    assert stopped.reply.end_session and stopped.reply.card is not None
    assert SayList("provider_reasons", 0) in stopped.reply.card.body, "severe cramping, on the card"


def test_three_misses_in_the_checks_end_with_the_signs_on_a_card() -> None:
    turn = step(REPRESENTATIVE_STATES[Mode.CHECKS], Event(EventKind.FALLBACK))
    for _ in range(2):
        turn = step(turn.state, Event(EventKind.FALLBACK))
    assert turn.reply.end_session and keys(turn.reply.speech)[0] == "didnt_catch_stop"
    assert turn.reply.card is not None and turn.reply.card.title_key == "card.when_to_call.title"


def test_after_a_topic_asked_mid_cramp_misses_go_back_to_the_guide_and_its_gone_rests_and_checks() -> None:
    topic = step(REPRESENTATIVE_STATES[Mode.STRETCH], Event(EventKind.INFO, topic=Topic.CAUSES))
    turn = topic
    for _ in range(3):
        turn = step(turn.state, Event(EventKind.FALLBACK))
    assert not turn.reply.end_session and turn.state.mode is Mode.STRETCH
    gone = step(topic.state, Event(EventKind.BETTER))
    assert gone.state.mode is Mode.CHECKS and gone.state.eased and keys(gone.reply.speech)[0] == "guide.gone"


def test_a_cramp_outside_a_muscle_said_mid_guide_keeps_coaching_the_muscle() -> None:
    turn = step(REPRESENTATIVE_STATES[Mode.STRETCH], Event(EventKind.OUT_OF_SCOPE))
    assert not turn.reply.end_session and turn.state.mode is Mode.STRETCH
    assert keys(turn.reply.speech) == ["scope", "safety.emergency", "guide.ask_next"]


def test_every_mode_has_exactly_one_record() -> None:
    """What a mode is lives in one ModeSpec (modes.py): a mode with none, or two, would answer help, a
    miss or "which step are we on?" from a record of another mode."""
    recorded = Counter(spec.mode for spec in MODE_SPECS)
    assert recorded == Counter(set(Mode))
    assert all(MODES[spec.mode] is spec for spec in MODE_SPECS)


@pytest.mark.parametrize(
    "turns", [1, pytest.param(2, marks=pytest.mark.slow)], ids=lambda turns: f"{turns}-turns"
)
def test_every_turn_lands_where_its_table_row_says_it_may(turns: int) -> None:
    """From a new session and every state the walk reaches (with every_state() as further starts), every
    event lands in a mode, or ends, that its row of the table declares (LEADS_TO); with the mode, the
    event and the facts its row names (DECIDED_BY) the same, the facts it does not name never send the
    person anywhere else; and only a row declared to count misses leaves a run of them (COUNTS_MISSES)."""
    undeclared, counted = set(), set()
    landings: dict[tuple[Event, State], set[Lands | Mode]] = defaultdict(set)
    for state in reachable_states(turns):
        pair_decided_by = {}
        for event in WALK_EVENTS:
            turn = step(state, event)
            landed = Lands.END if turn.reply.end_session else turn.state.mode
            if landed not in LEADS_TO[state.mode, event.kind]:
                undeclared.add((state.mode.name, event.kind.name, landed.name))
            if turn.state.fallbacks and (state.mode, event.kind) not in COUNTS_MISSES:
                counted.add((state.mode.name, event.kind.name))
            unnamed = pair_decided_by.get(event.kind)
            if unnamed is None:
                unnamed = pair_decided_by[event.kind] = _without_facts_unnamed(state, event.kind)
            landings[event, unnamed].add(landed)
    hidden = sorted(
        {(state.mode.name, event.kind.name) for (event, state), lands in landings.items() if len(lands) > 1}
    )
    assert sorted(undeclared) == []
    assert hidden == [], "decided by a fact its row does not name"
    assert sorted(counted) == [], "understood, yet a run of misses left"
    if turns > 1:  # the longer walk reaches every fact that decides; the shorter need not
        assert _facts_named_that_decide_nothing(landings) == []


def _facts_named_that_decide_nothing(landings: dict[tuple[Event, State], set[Lands | Mode]]) -> list[str]:
    """The facts a row names that, in every mode the row serves (a default serves many), never change
    where its turn lands: a row is told by itself, so two rows with one transition are two rows."""
    deciding: set[tuple[int, Fact]] = set()
    for fact in Fact:
        merged: dict[tuple[Event, State], set[Lands | Mode]] = defaultdict(set)
        for (event, state), lands in landings.items():
            if fact in DECIDED_BY[state.mode, event.kind]:
                merged[event, state._replace(**{fact.value: getattr(NEW_SESSION, fact.value)})] |= lands
        deciding |= {
            (id(ROWS[state.mode, event.kind]), fact)
            for (event, state), lands in merged.items()
            if len(lands) > 1
        }
    named = {(id(ROWS[pair]), fact): pair for pair, facts in DECIDED_BY.items() for fact in facts}
    return sorted(
        f"{named[key][0].name} {named[key][1].name}: {key[1].name}" for key in named.keys() - deciding
    )


def test_the_facts_a_row_may_name_are_what_the_state_remembers() -> None:
    """Every field of the state but the mode is a Fact a row may name, or one that never decides: a field
    added to the state is in the walk's proof the day it is added."""
    assert {fact.value for fact in Fact} | NEVER_DECIDES == set(State._fields) - {"mode"}
    assert not {fact.value for fact in Fact} & NEVER_DECIDES


def _without_facts_unnamed(state: State, kind: EventKind) -> State:
    """The state with every field its row cannot be decided by as a new session has it."""
    return state._replace(
        **{field: getattr(NEW_SESSION, field) for field in cannot_decide((state.mode, kind))}
    )


def test_every_row_declares_where_it_may_land() -> None:
    assert all(LEADS_TO[pair] for pair in TRANSITIONS)
    assert all(Lands.HERE not in leads_to for leads_to in LEADS_TO.values()), "HERE is resolved to a mode"


def test_once_it_hurt_more_back_is_the_massage_again_and_start_over_counts_it_afresh() -> None:
    """Both say no more stretching and massage; back keeps counting the massage held in a row (so "wait"
    soon counts it as done: rest, and severe cramping as the reason to call), start over counts afresh."""
    hurt = step(REPRESENTATIVE_STATES[Mode.STRETCH], Event(EventKind.WORSE)).state
    assert hurt.mode is Mode.MASSAGE_AFTER_WORSE
    held = step(step(hurt, Event(EventKind.NOT_READY)).state, Event(EventKind.NOT_READY)).state
    back = step(held, Event(EventKind.PREVIOUS))
    from_the_top = step(held, Event(EventKind.START_OVER))
    for turn in (back, from_the_top):
        assert keys(turn.reply.speech)[:2] == ["guide.no_more_stretching", "guide.massage.calf"]
    waited = step(back.state, Event(EventKind.NOT_READY))
    assert waited.reply.end_session and SayList("provider_reasons", 0) in waited.reply.speech
    assert not step(from_the_top.state, Event(EventKind.NOT_READY)).reply.end_session


def test_it_hurt_more_when_you_stretched_is_said_only_after_a_stretch_was_held() -> None:
    """Worse before any stretch gets the massage first; "start over" then must not claim a stretch hurt.
    After a stretch that hurt more, a new muscle named is massaged too, and says why."""
    before_any = step(State(mode=Mode.ASKED_WHERE), Event(EventKind.WORSE))
    calf = step(before_any.state, Event(EventKind.CRAMP, muscle=Muscle.CALF))
    again = step(calf.state, Event(EventKind.START_OVER))
    assert "guide.no_more_stretching" not in keys(calf.reply.speech) + keys(again.reply.speech)
    stretched = step(State(), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    hurt = step(stretched.state, Event(EventKind.WORSE))
    hand = step(hurt.state, Event(EventKind.CRAMP, muscle=Muscle.HAND))
    assert keys(hand.reply.speech)[0] == "guide.no_more_stretching" and hand.state.mode is not Mode.STRETCH


def test_is_it_still_cramping_even_after_the_stretch_is_asked_only_once_a_stretch_was_held() -> None:
    unstretched = State(mode=Mode.CHECKS, question=Question.NOT_EASED, cramping_now=True, muscle=Muscle.CALF)
    assert keys(step(unstretched, Event(EventKind.REPEAT)).reply.speech)[-1] == "check.not_eased.general"
    stretched = unstretched._replace(stretch_holds=1)
    assert keys(step(stretched, Event(EventKind.REPEAT)).reply.speech)[-1] == "check.not_eased.now"
