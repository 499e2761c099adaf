"""The state machine alone: every (mode, event) pair is defined, pinned, and does what the design says."""

from __future__ import annotations

import pytest
from case_ids import state_id

from skill.conversation import (
    CHECK_QUESTIONS,
    TRANSITIONS,
    Event,
    EventKind,
    Mode,
    Muscle,
    State,
    Topic,
    step,
)
from skill.conversation.anywhere import DIDNT_CATCH_AGAIN_BY_MODE
from skill.conversation.state import GUIDE_MODES
from skill.reply import Pause, Say, SayList
from tooling.conversation_states import EVERY_EVENT, every_state


def keys(parts: tuple[object, ...]) -> list[str]:
    return [part.key for part in parts if isinstance(part, Say | SayList)]


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
# last content keys it speaks, and whether the session ends. Changing any single entry of TRANSITIONS
# fails a test (make mutate proves it: every single-entry change is run against the suite).

(START, ASKED_IF_CRAMPING, ASKED_WHERE, ASKED_THIGH_SIDE, STRETCH, MASSAGE, MASSAGE_OFFERED, CHECKS,
 INFO_MENU, AFTER_INFO) = tuple(Mode)  # fmt: skip
(LAUNCH, CRAMP, INFO, START_CHECKS, YES, NO, UNSURE, NEXT, PREVIOUS, REPEAT, START_OVER, HELP, STOP, THANKS,
 NAVIGATE_HOME, STILL_HURTS, WORSE, BETTER, NOT_READY, EMERGENCY, CHEST, OUT_OF_SCOPE, HOW_LONG, HEAT_OR_COLD,
 PAINKILLERS, WHICH_STEP, FALLBACK) = tuple(EventKind)  # fmt: skip

CALF_IN_THE_GUIDE = State(
    muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True, navigation_hint_said=True
)
REPRESENTATIVE_STATES: dict[Mode, State] = {
    Mode.START: State(),
    Mode.ASKED_IF_CRAMPING: State(mode=Mode.ASKED_IF_CRAMPING),
    Mode.ASKED_WHERE: State(mode=Mode.ASKED_WHERE),
    Mode.ASKED_THIGH_SIDE: State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH),
    Mode.STRETCH: CALF_IN_THE_GUIDE._replace(mode=Mode.STRETCH),
    Mode.MASSAGE: CALF_IN_THE_GUIDE._replace(mode=Mode.MASSAGE),
    Mode.MASSAGE_OFFERED: CALF_IN_THE_GUIDE._replace(
        mode=Mode.MASSAGE_OFFERED, holds=2, stretch_holds=2, not_eased=True
    ),
    Mode.CHECKS: State(mode=Mode.CHECKS, question=1, cramping_now=True, safety_said=True),
    Mode.INFO_MENU: State(mode=Mode.INFO_MENU),
    Mode.AFTER_INFO: State(mode=Mode.AFTER_INFO, topic=Topic.CAUSES, topics_heard=frozenset({Topic.CAUSES})),
}


def representative_event(kind: EventKind) -> Event:
    if kind is EventKind.CRAMP:
        return Event(kind, muscle=Muscle.CALF)
    if kind is EventKind.INFO:
        return Event(kind, topic=Topic.PREVENTION)
    return Event(kind)


# (mode, event) -> (next mode, first content key spoken, last content key spoken, whether the session ends)
END, OPEN = True, False
PINNED: dict[tuple[Mode, EventKind], tuple[Mode, str, str, bool]] = {
    # START
    (START, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (START, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (START, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (START, YES): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, NO): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, UNSURE): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, NEXT): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, PREVIOUS): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, REPEAT): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, START_OVER): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (START, HELP): (ASKED_IF_CRAMPING, "help.start", "ask_cramping", OPEN),
    (START, STOP): (START, "goodbye", "safety.emergency", END),
    (START, THANKS): (START, "thanks.goodbye", "safety.emergency", END),
    (START, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (START, STILL_HURTS): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (START, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (START, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (START, NOT_READY): (ASKED_IF_CRAMPING, "take_your_time", "ask_cramping", OPEN),
    (START, EMERGENCY): (START, "emergency", "emergency", END),
    (START, CHEST): (START, "emergency.chest", "emergency.chest", END),
    (START, OUT_OF_SCOPE): (START, "scope", "safety.emergency", END),
    (START, HOW_LONG): (ASKED_IF_CRAMPING, "care.how_long", "ask_cramping", OPEN),
    (START, HEAT_OR_COLD): (ASKED_IF_CRAMPING, "care.heat_or_cold", "ask_cramping", OPEN),
    (START, PAINKILLERS): (ASKED_IF_CRAMPING, "care.painkillers", "ask_cramping", OPEN),
    (START, WHICH_STEP): (ASKED_IF_CRAMPING, "where.start", "ask_cramping", OPEN),
    (START, FALLBACK): (ASKED_IF_CRAMPING, "didnt_catch", "ask_cramping", OPEN),
    # ASKED_IF_CRAMPING
    (ASKED_IF_CRAMPING, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (ASKED_IF_CRAMPING, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (ASKED_IF_CRAMPING, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (ASKED_IF_CRAMPING, YES): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (ASKED_IF_CRAMPING, NO): (INFO_MENU, "info.menu", "info.ask_topic", OPEN),
    (ASKED_IF_CRAMPING, UNSURE): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_IF_CRAMPING, NEXT): (ASKED_IF_CRAMPING, "ask_cramping", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, PREVIOUS): (ASKED_IF_CRAMPING, "ask_cramping", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, REPEAT): (ASKED_IF_CRAMPING, "ask_cramping", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, START_OVER): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, HELP): (ASKED_IF_CRAMPING, "help.start", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, STOP): (ASKED_IF_CRAMPING, "goodbye", "safety.emergency", END),
    (ASKED_IF_CRAMPING, THANKS): (ASKED_IF_CRAMPING, "thanks.goodbye", "safety.emergency", END),
    (ASKED_IF_CRAMPING, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, STILL_HURTS): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (ASKED_IF_CRAMPING, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (ASKED_IF_CRAMPING, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (ASKED_IF_CRAMPING, NOT_READY): (ASKED_IF_CRAMPING, "take_your_time", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, EMERGENCY): (ASKED_IF_CRAMPING, "emergency", "emergency", END),
    (ASKED_IF_CRAMPING, CHEST): (ASKED_IF_CRAMPING, "emergency.chest", "emergency.chest", END),
    (ASKED_IF_CRAMPING, OUT_OF_SCOPE): (ASKED_IF_CRAMPING, "scope", "safety.emergency", END),
    (ASKED_IF_CRAMPING, HOW_LONG): (ASKED_IF_CRAMPING, "care.how_long", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, HEAT_OR_COLD): (ASKED_IF_CRAMPING, "care.heat_or_cold", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, PAINKILLERS): (ASKED_IF_CRAMPING, "care.painkillers", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, WHICH_STEP): (ASKED_IF_CRAMPING, "where.start", "ask_cramping", OPEN),
    (ASKED_IF_CRAMPING, FALLBACK): (ASKED_IF_CRAMPING, "didnt_catch", "ask_cramping", OPEN),
    # ASKED_WHERE
    (ASKED_WHERE, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (ASKED_WHERE, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (ASKED_WHERE, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (ASKED_WHERE, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (ASKED_WHERE, YES): (ASKED_WHERE, "ask_where.reprompt", "ask_where.reprompt", OPEN),
    (ASKED_WHERE, NO): (ASKED_WHERE, "ask_where.reprompt", "ask_where.reprompt", OPEN),
    (ASKED_WHERE, UNSURE): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_WHERE, NEXT): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_WHERE, PREVIOUS): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_WHERE, REPEAT): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (ASKED_WHERE, START_OVER): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_WHERE, HELP): (ASKED_WHERE, "help.where", "ask_where", OPEN),
    (ASKED_WHERE, STOP): (ASKED_WHERE, "goodbye", "safety.emergency", END),
    (ASKED_WHERE, THANKS): (ASKED_WHERE, "thanks.goodbye", "safety.emergency", END),
    (ASKED_WHERE, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_WHERE, STILL_HURTS): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_WHERE, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (ASKED_WHERE, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (ASKED_WHERE, NOT_READY): (ASKED_WHERE, "take_your_time", "ask_where", OPEN),
    (ASKED_WHERE, EMERGENCY): (ASKED_WHERE, "emergency", "emergency", END),
    (ASKED_WHERE, CHEST): (ASKED_WHERE, "emergency.chest", "emergency.chest", END),
    (ASKED_WHERE, OUT_OF_SCOPE): (ASKED_WHERE, "scope", "safety.emergency", END),
    (ASKED_WHERE, HOW_LONG): (ASKED_WHERE, "care.how_long", "ask_where", OPEN),
    (ASKED_WHERE, HEAT_OR_COLD): (ASKED_WHERE, "care.heat_or_cold", "ask_where", OPEN),
    (ASKED_WHERE, PAINKILLERS): (ASKED_WHERE, "care.painkillers", "ask_where", OPEN),
    (ASKED_WHERE, WHICH_STEP): (ASKED_WHERE, "where.where", "ask_where", OPEN),
    (ASKED_WHERE, FALLBACK): (ASKED_WHERE, "didnt_catch", "ask_where", OPEN),
    # ASKED_THIGH_SIDE
    (ASKED_THIGH_SIDE, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (ASKED_THIGH_SIDE, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (ASKED_THIGH_SIDE, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (ASKED_THIGH_SIDE, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (ASKED_THIGH_SIDE, YES): (ASKED_THIGH_SIDE, "help.thigh_side", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, NO): (ASKED_THIGH_SIDE, "help.thigh_side", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, UNSURE): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_THIGH_SIDE, NEXT): (STRETCH, "guide.stretch.other", "guide.ask_next", OPEN),
    (ASKED_THIGH_SIDE, PREVIOUS): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (ASKED_THIGH_SIDE, REPEAT): (ASKED_THIGH_SIDE, "ask_thigh_side", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, START_OVER): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_THIGH_SIDE, HELP): (ASKED_THIGH_SIDE, "help.thigh_side", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, STOP): (ASKED_THIGH_SIDE, "goodbye", "safety.emergency", END),
    (ASKED_THIGH_SIDE, THANKS): (ASKED_THIGH_SIDE, "thanks.goodbye", "safety.emergency", END),
    (ASKED_THIGH_SIDE, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (ASKED_THIGH_SIDE, STILL_HURTS): (ASKED_THIGH_SIDE, "ask_thigh_side", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (ASKED_THIGH_SIDE, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (ASKED_THIGH_SIDE, NOT_READY): (ASKED_THIGH_SIDE, "take_your_time", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, EMERGENCY): (ASKED_THIGH_SIDE, "emergency", "emergency", END),
    (ASKED_THIGH_SIDE, CHEST): (ASKED_THIGH_SIDE, "emergency.chest", "emergency.chest", END),
    (ASKED_THIGH_SIDE, OUT_OF_SCOPE): (ASKED_THIGH_SIDE, "scope", "safety.emergency", END),
    (ASKED_THIGH_SIDE, HOW_LONG): (ASKED_THIGH_SIDE, "care.how_long", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, HEAT_OR_COLD): (ASKED_THIGH_SIDE, "care.heat_or_cold", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, PAINKILLERS): (ASKED_THIGH_SIDE, "care.painkillers", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, WHICH_STEP): (ASKED_THIGH_SIDE, "where.where", "ask_thigh_side", OPEN),
    (ASKED_THIGH_SIDE, FALLBACK): (ASKED_THIGH_SIDE, "didnt_catch", "ask_thigh_side", OPEN),
    # STRETCH
    (STRETCH, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (STRETCH, CRAMP): (STRETCH, "guide.hold.again", "guide.ask_next", OPEN),
    (STRETCH, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (STRETCH, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.now", OPEN),
    (STRETCH, YES): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (STRETCH, NO): (STRETCH, "take_your_time", "guide.ask_next", OPEN),
    (STRETCH, UNSURE): (STRETCH, "take_your_time", "guide.ask_next", OPEN),
    (STRETCH, NEXT): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (STRETCH, PREVIOUS): (STRETCH, "guide.first_step", "guide.ask_next", OPEN),
    (STRETCH, REPEAT): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (STRETCH, START_OVER): (STRETCH, "guide.from_the_top", "guide.ask_next", OPEN),
    (STRETCH, HELP): (STRETCH, "help.guide", "guide.ask_next", OPEN),
    (STRETCH, STOP): (STRETCH, "goodbye", "safety.emergency", END),
    (STRETCH, THANKS): (STRETCH, "thanks.goodbye", "safety.emergency", END),
    (STRETCH, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (STRETCH, STILL_HURTS): (STRETCH, "guide.hold.again", "guide.ask_next", OPEN),
    (STRETCH, WORSE): (MASSAGE, "guide.stop_stretching", "guide.ask_next", OPEN),
    (STRETCH, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (STRETCH, NOT_READY): (STRETCH, "take_your_time", "guide.ask_next", OPEN),
    (STRETCH, EMERGENCY): (STRETCH, "emergency", "emergency", END),
    (STRETCH, CHEST): (STRETCH, "emergency.chest", "emergency.chest", END),
    (STRETCH, OUT_OF_SCOPE): (STRETCH, "scope", "guide.ask_next", OPEN),
    (STRETCH, HOW_LONG): (STRETCH, "care.how_long", "guide.ask_next", OPEN),
    (STRETCH, HEAT_OR_COLD): (STRETCH, "care.heat_or_cold", "guide.ask_next", OPEN),
    (STRETCH, PAINKILLERS): (STRETCH, "care.painkillers", "guide.ask_next", OPEN),
    (STRETCH, WHICH_STEP): (STRETCH, "where.stretch", "guide.ask_next", OPEN),
    (STRETCH, FALLBACK): (STRETCH, "didnt_catch", "guide.ask_next", OPEN),
    # MASSAGE
    (MASSAGE, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (MASSAGE, CRAMP): (STRETCH, "guide.hold.again", "guide.ask_next", OPEN),
    (MASSAGE, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (MASSAGE, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.now", OPEN),
    (MASSAGE, YES): (CHECKS, "guide.rest", "check.severe.now", OPEN),
    (MASSAGE, NO): (MASSAGE, "take_your_time", "guide.ask_next", OPEN),
    (MASSAGE, UNSURE): (MASSAGE, "take_your_time", "guide.ask_next", OPEN),
    (MASSAGE, NEXT): (CHECKS, "guide.rest", "check.severe.now", OPEN),
    (MASSAGE, PREVIOUS): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (MASSAGE, REPEAT): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (MASSAGE, START_OVER): (STRETCH, "guide.from_the_top", "guide.ask_next", OPEN),
    (MASSAGE, HELP): (MASSAGE, "help.guide", "guide.ask_next", OPEN),
    (MASSAGE, STOP): (MASSAGE, "goodbye", "safety.emergency", END),
    (MASSAGE, THANKS): (MASSAGE, "thanks.goodbye", "safety.emergency", END),
    (MASSAGE, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (MASSAGE, STILL_HURTS): (STRETCH, "guide.hold.again", "guide.ask_next", OPEN),
    (MASSAGE, WORSE): (CHECKS, "guide.stop_massaging", "outcome.take_care", END),
    (MASSAGE, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (MASSAGE, NOT_READY): (MASSAGE, "take_your_time", "guide.ask_next", OPEN),
    (MASSAGE, EMERGENCY): (MASSAGE, "emergency", "emergency", END),
    (MASSAGE, CHEST): (MASSAGE, "emergency.chest", "emergency.chest", END),
    (MASSAGE, OUT_OF_SCOPE): (MASSAGE, "scope", "guide.ask_next", OPEN),
    (MASSAGE, HOW_LONG): (MASSAGE, "care.how_long", "guide.ask_next", OPEN),
    (MASSAGE, HEAT_OR_COLD): (MASSAGE, "care.heat_or_cold", "guide.ask_next", OPEN),
    (MASSAGE, PAINKILLERS): (MASSAGE, "care.painkillers", "guide.ask_next", OPEN),
    (MASSAGE, WHICH_STEP): (MASSAGE, "where.massage", "guide.ask_next", OPEN),
    (MASSAGE, FALLBACK): (MASSAGE, "didnt_catch", "guide.ask_next", OPEN),
    # MASSAGE_OFFERED
    (MASSAGE_OFFERED, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (MASSAGE_OFFERED, CRAMP): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (MASSAGE_OFFERED, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.now", OPEN),
    (MASSAGE_OFFERED, YES): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, NO): (CHECKS, "guide.rest", "outcome.take_care", END),
    (MASSAGE_OFFERED, UNSURE): (MASSAGE_OFFERED, "take_your_time", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, NEXT): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, PREVIOUS): (STRETCH, "guide.first_step", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, REPEAT): (MASSAGE_OFFERED, "guide.ask_massage", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, START_OVER): (STRETCH, "guide.from_the_top", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, HELP): (MASSAGE_OFFERED, "help.guide", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, STOP): (MASSAGE_OFFERED, "checks.stopped", "outcome.take_care", END),
    (MASSAGE_OFFERED, THANKS): (MASSAGE_OFFERED, "thanks.goodbye", "safety.emergency", END),
    (MASSAGE_OFFERED, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (MASSAGE_OFFERED, STILL_HURTS): (MASSAGE, "guide.massage.calf", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (MASSAGE_OFFERED, BETTER): (CHECKS, "guide.gone", "check.severe.gone", OPEN),
    (MASSAGE_OFFERED, NOT_READY): (MASSAGE_OFFERED, "take_your_time", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, EMERGENCY): (MASSAGE_OFFERED, "emergency", "emergency", END),
    (MASSAGE_OFFERED, CHEST): (MASSAGE_OFFERED, "emergency.chest", "emergency.chest", END),
    (MASSAGE_OFFERED, OUT_OF_SCOPE): (MASSAGE_OFFERED, "scope", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, HOW_LONG): (MASSAGE_OFFERED, "care.how_long", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, HEAT_OR_COLD): (MASSAGE_OFFERED, "care.heat_or_cold", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, PAINKILLERS): (MASSAGE_OFFERED, "care.painkillers", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, WHICH_STEP): (MASSAGE_OFFERED, "where.massage_offered", "guide.ask_massage", OPEN),
    (MASSAGE_OFFERED, FALLBACK): (MASSAGE_OFFERED, "didnt_catch", "guide.ask_massage", OPEN),
    # CHECKS
    (CHECKS, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (CHECKS, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (CHECKS, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (CHECKS, START_CHECKS): (CHECKS, "checks.intro", "check.severe.now", OPEN),
    (CHECKS, YES): (CHECKS, "outcome.call_provider", "outcome.take_care", END),
    (CHECKS, NO): (CHECKS, "check.not_eased.now", "check.not_eased.now", OPEN),
    (CHECKS, UNSURE): (CHECKS, "check.plainer_intro", "check.lasting.plainer.now", OPEN),
    (CHECKS, NEXT): (CHECKS, "say_yes_or_no", "check.lasting.now", OPEN),
    (CHECKS, PREVIOUS): (CHECKS, "check.severe.now", "check.severe.now", OPEN),
    (CHECKS, REPEAT): (CHECKS, "check.lasting.now", "check.lasting.now", OPEN),
    (CHECKS, START_OVER): (CHECKS, "checks.from_the_first", "check.severe.now", OPEN),
    (CHECKS, HELP): (CHECKS, "help.checks", "check.lasting.now", OPEN),
    (CHECKS, STOP): (CHECKS, "checks.stopped", "outcome.take_care", END),
    (CHECKS, THANKS): (CHECKS, "thanks.goodbye", "thanks.goodbye", END),
    (CHECKS, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (CHECKS, STILL_HURTS): (STRETCH, "guide.hold.again", "guide.ask_next", OPEN),
    (CHECKS, WORSE): (CHECKS, "outcome.call_provider", "outcome.take_care", END),
    (CHECKS, BETTER): (CHECKS, "guide.gone", "check.lasting.gone", OPEN),
    (CHECKS, NOT_READY): (CHECKS, "take_your_time", "check.lasting.now", OPEN),
    (CHECKS, EMERGENCY): (CHECKS, "emergency", "emergency", END),
    (CHECKS, CHEST): (CHECKS, "emergency.chest", "emergency.chest", END),
    (CHECKS, OUT_OF_SCOPE): (CHECKS, "scope", "safety.emergency", END),
    (CHECKS, HOW_LONG): (CHECKS, "care.how_long", "check.lasting.now", OPEN),
    (CHECKS, HEAT_OR_COLD): (CHECKS, "care.heat_or_cold", "check.lasting.now", OPEN),
    (CHECKS, PAINKILLERS): (CHECKS, "care.painkillers", "check.lasting.now", OPEN),
    (CHECKS, WHICH_STEP): (CHECKS, "where.checks", "check.lasting.now", OPEN),
    (CHECKS, FALLBACK): (CHECKS, "didnt_catch", "check.lasting.now", OPEN),
    # INFO_MENU
    (INFO_MENU, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (INFO_MENU, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (INFO_MENU, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.causes", OPEN),
    (INFO_MENU, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (INFO_MENU, YES): (INFO_MENU, "info.menu", "info.ask_topic", OPEN),
    (INFO_MENU, NO): (INFO_MENU, "goodbye", "safety.emergency", END),
    (INFO_MENU, UNSURE): (INFO_MENU, "info.menu", "info.ask_topic", OPEN),
    (INFO_MENU, NEXT): (INFO_MENU, "info.menu", "info.ask_topic", OPEN),
    (INFO_MENU, PREVIOUS): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (INFO_MENU, REPEAT): (INFO_MENU, "info.menu", "info.ask_topic", OPEN),
    (INFO_MENU, START_OVER): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (INFO_MENU, HELP): (INFO_MENU, "help.info", "info.ask_topic", OPEN),
    (INFO_MENU, STOP): (INFO_MENU, "goodbye", "safety.emergency", END),
    (INFO_MENU, THANKS): (INFO_MENU, "thanks.goodbye", "safety.emergency", END),
    (INFO_MENU, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (INFO_MENU, STILL_HURTS): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (INFO_MENU, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (INFO_MENU, BETTER): (INFO_MENU, "guide.gone", "info.ask_topic", OPEN),
    (INFO_MENU, NOT_READY): (INFO_MENU, "take_your_time", "info.ask_topic", OPEN),
    (INFO_MENU, EMERGENCY): (INFO_MENU, "emergency", "emergency", END),
    (INFO_MENU, CHEST): (INFO_MENU, "emergency.chest", "emergency.chest", END),
    (INFO_MENU, OUT_OF_SCOPE): (INFO_MENU, "scope", "safety.emergency", END),
    (INFO_MENU, HOW_LONG): (INFO_MENU, "care.how_long", "info.ask_topic", OPEN),
    (INFO_MENU, HEAT_OR_COLD): (INFO_MENU, "care.heat_or_cold", "info.ask_topic", OPEN),
    (INFO_MENU, PAINKILLERS): (INFO_MENU, "care.painkillers", "info.ask_topic", OPEN),
    (INFO_MENU, WHICH_STEP): (INFO_MENU, "where.info", "info.ask_topic", OPEN),
    (INFO_MENU, FALLBACK): (INFO_MENU, "didnt_catch", "info.ask_topic", OPEN),
    # AFTER_INFO
    (AFTER_INFO, LAUNCH): (ASKED_IF_CRAMPING, "welcome", "ask_cramping", OPEN),
    (AFTER_INFO, CRAMP): (STRETCH, "guide.stretch.calf", "guide.ask_next", OPEN),
    (AFTER_INFO, INFO): (AFTER_INFO, "topic.prevention.caveat", "offer.when_to_call", OPEN),
    (AFTER_INFO, START_CHECKS): (CHECKS, "safety.disclaimer", "check.severe.general", OPEN),
    (AFTER_INFO, YES): (AFTER_INFO, "topic.prevention.caveat", "offer.when_to_call", OPEN),
    (AFTER_INFO, NO): (AFTER_INFO, "goodbye", "safety.emergency", END),
    (AFTER_INFO, UNSURE): (AFTER_INFO, "say_yes_or_no", "offer.prevention", OPEN),
    (AFTER_INFO, NEXT): (AFTER_INFO, "topic.treatment", "offer.prevention", OPEN),
    (AFTER_INFO, PREVIOUS): (AFTER_INFO, "topic.what_is", "offer.prevention", OPEN),
    (AFTER_INFO, REPEAT): (AFTER_INFO, "topic.causes", "offer.prevention", OPEN),
    (AFTER_INFO, START_OVER): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (AFTER_INFO, HELP): (AFTER_INFO, "help.info", "offer.prevention", OPEN),
    (AFTER_INFO, STOP): (AFTER_INFO, "goodbye", "safety.emergency", END),
    (AFTER_INFO, THANKS): (AFTER_INFO, "thanks.goodbye", "safety.emergency", END),
    (AFTER_INFO, NAVIGATE_HOME): (ASKED_IF_CRAMPING, "back_to_start", "ask_cramping", OPEN),
    (AFTER_INFO, STILL_HURTS): (ASKED_WHERE, "ask_where", "ask_where", OPEN),
    (AFTER_INFO, WORSE): (MASSAGE, "guide.severe", "guide.ask_next", OPEN),
    (AFTER_INFO, BETTER): (AFTER_INFO, "guide.gone", "offer.prevention", OPEN),
    (AFTER_INFO, NOT_READY): (AFTER_INFO, "take_your_time", "offer.prevention", OPEN),
    (AFTER_INFO, EMERGENCY): (AFTER_INFO, "emergency", "emergency", END),
    (AFTER_INFO, CHEST): (AFTER_INFO, "emergency.chest", "emergency.chest", END),
    (AFTER_INFO, OUT_OF_SCOPE): (AFTER_INFO, "scope", "safety.emergency", END),
    (AFTER_INFO, HOW_LONG): (AFTER_INFO, "care.how_long", "offer.prevention", OPEN),
    (AFTER_INFO, HEAT_OR_COLD): (AFTER_INFO, "care.heat_or_cold", "offer.prevention", OPEN),
    (AFTER_INFO, PAINKILLERS): (AFTER_INFO, "care.painkillers", "offer.prevention", OPEN),
    (AFTER_INFO, WHICH_STEP): (AFTER_INFO, "where.info", "offer.prevention", OPEN),
    (AFTER_INFO, FALLBACK): (AFTER_INFO, "didnt_catch", "offer.prevention", OPEN),
}


def test_the_pinned_table_covers_every_pair() -> None:
    assert set(PINNED) == set(TRANSITIONS)


@pytest.mark.parametrize(("mode", "kind"), list(PINNED), ids=lambda value: str(value))
def test_each_pair_leads_where_the_table_says(mode: Mode, kind: EventKind) -> None:
    turn = step(REPRESENTATIVE_STATES[mode], representative_event(kind))
    spoken = keys(turn.reply.speech)
    assert (turn.state.mode, spoken[0], spoken[-1], turn.reply.end_session) == PINNED[mode, kind]


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
    eased = State(mode=Mode.CHECKS, question=1, cramping_now=True, eased=True, safety_said=True)
    turn = step(eased, Event(EventKind.NO))
    assert turn.state.question == 3, "the cramp went away: 'still cramping after the stretch?' is skipped"


def test_a_known_reason_to_call_stands_after_all_no() -> None:
    state = State(mode=Mode.CHECKS, question=len(CHECK_QUESTIONS) - 1, not_eased=True, safety_said=True)
    turn = step(state, Event(EventKind.NO))
    assert turn.reply.end_session and SayList("provider_reasons", 1) in turn.reply.speech


def test_unsure_twice_gives_the_advice_worded_for_doubt() -> None:
    state = State(mode=Mode.CHECKS, question=5, safety_said=True)
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
    once = State(mode=Mode.CHECKS, question=0, muscle=Muscle.CALF, stretch_holds=1, cramping_now=True)
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


def test_a_cramp_named_in_the_checks_goes_back_to_a_stretch_and_then_on_to_the_checks() -> None:
    """The coach follows the person: another muscle named mid-checks gets its stretch (not "please say yes
    or no"), the same one still cramping follows the stretch rules, and the checks come again after."""
    state = State(mode=Mode.CHECKS, question=3, muscle=Muscle.CALF, cramping_now=True, safety_said=True)
    hand = step(state, Event(EventKind.CRAMP, muscle=Muscle.HAND))
    assert hand.state.mode is Mode.STRETCH and keys(hand.reply.speech)[0] == "guide.stretch.hand"
    calf = step(state._replace(stretch_holds=1), Event(EventKind.CRAMP, muscle=Muscle.CALF))
    assert calf.state.mode is Mode.STRETCH and keys(calf.reply.speech)[:2] == [
        "guide.hold.again",
        "guide.stretch.calf",
    ]
    massage = step(hand.state, Event(EventKind.NEXT))
    checks = step(massage.state, Event(EventKind.NEXT))
    assert checks.state.mode is Mode.CHECKS and checks.state.question == 0
    unknown = step(state, Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN))
    assert unknown.state.mode is Mode.CHECKS and keys(unknown.reply.speech)[0] == "say_yes_or_no"


def test_its_fine_twice_in_the_checks_is_a_no() -> None:
    state = State(mode=Mode.CHECKS, question=0, cramping_now=True, safety_said=True)
    first = step(state, Event(EventKind.BETTER))
    assert first.state.question == 0 and keys(first.reply.speech)[-1] == "check.severe.gone"
    second = step(first.state, Event(EventKind.BETTER))
    assert second.state.question == 1, "said again, it answers the question"


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
    turn = step(asked.state, Event(EventKind.CRAMP, muscle=Muscle.BACK))
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


def test_a_back_cramp_elsewhere_gets_the_general_form() -> None:
    turn = step(State(), Event(EventKind.CRAMP, muscle=Muscle.BACK))
    assert keys(turn.reply.speech)[0] == "guide.stretch.other"


@pytest.mark.parametrize("mode", [mode for mode in Mode if mode not in GUIDE_MODES])
def test_fallback_escalates_with_the_emergency_number_and_the_third_ends_kindly(mode: Mode) -> None:
    state = REPRESENTATIVE_STATES[mode]
    first = step(state, Event(EventKind.FALLBACK))
    second = step(first.state, Event(EventKind.FALLBACK))
    third = step(second.state, Event(EventKind.FALLBACK))
    assert keys(first.reply.speech)[0] == "didnt_catch"
    assert keys(second.reply.speech)[:2] == [DIDNT_CATCH_AGAIN_BY_MODE[mode], "safety.emergency"]
    assert keys(third.reply.speech)[0] == "didnt_catch_stop" and third.reply.end_session
    assert "safety.emergency" in keys(third.reply.speech)


@pytest.mark.parametrize("mode", sorted(GUIDE_MODES))
def test_misses_mid_guide_never_end_the_session_they_say_the_step_and_point_to_the_card(mode: Mode) -> None:
    turns = [step(REPRESENTATIVE_STATES[mode], Event(EventKind.FALLBACK))]
    for _ in range(4):
        turns.append(step(turns[-1].state, Event(EventKind.FALLBACK)))
        assert not turns[-1].reply.end_session and turns[-1].reply.reprompt
    third, *later = turns[2:]
    assert keys(third.reply.speech)[0] == f"didnt_catch_guide.{mode.value}" and third.state.mode is mode
    if mode is Mode.MASSAGE_OFFERED:  # the stretch did not help: no card with it again
        assert third.reply.card is None
    else:
        assert third.reply.card is not None and third.reply.card.title_key == "card.guide.title"
    assert all(turn.reply.card is None for turn in later), "the card is sent once"


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
        turn = step(state, Event(kind))
        waiting = step(state, Event(EventKind.REPEAT)) if mode is not Mode.START else None
        assert keys(turn.reply.speech)[0] == answer and not turn.reply.end_session, mode
        assert turn.state.mode is (Mode.ASKED_IF_CRAMPING if mode is Mode.START else mode)
        if waiting is not None and mode is not Mode.AFTER_INFO:  # (repeat tells the topic again)
            assert keys(turn.reply.speech)[-1] == keys(waiting.reply.speech)[-1], mode


def test_which_step_says_where_in_a_few_words_in_every_mode() -> None:
    for mode, state in REPRESENTATIVE_STATES.items():
        turn = step(state, Event(EventKind.WHICH_STEP))
        assert keys(turn.reply.speech)[0].startswith("where.") and not turn.reply.end_session, mode


@pytest.mark.parametrize("mode", [Mode.STRETCH, Mode.MASSAGE, Mode.MASSAGE_OFFERED, Mode.CHECKS])
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
