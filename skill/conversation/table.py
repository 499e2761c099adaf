"""The conversation's front page: every (mode, event) and the transition it leads to, and ``step()``.

    START ──launch──> ASKED_IF_CRAMPING ("if a muscle is cramping, where is it?") ──"my calf"──┐
                          │ no    │ yes: ASKED_WHERE     "thigh": ASKED_THIGH_SIDE ──"the back"──┤
                          v                                                                      v
    INFO_MENU ──topic──> AFTER_INFO ──yes──> a topic not yet heard         STRETCH (hold ~30 s)
                                                                  held twice, │ next    "it still hurts"
                                                                 still hurts  v         x2 ──> MASSAGE_OFFERED
                                     CHECKS (one condition per question) <── rest <── MASSAGE <──yes──┘
                                       ├─ any yes, or unsure twice ──> call your provider (+ card), end
                                       └─ all no ──> rest, call if that changes, end

    ASKED_WHERE ──"somewhere else", "I don't know"──> ASKED_IF_MUSCLE ("a muscle in your leg, ...?")
                                                        ├─ yes ──> STRETCH (the seed's general form)
                                                        └─ no, not sure ──> the scope line, end
    anywhere: an emergency (by its name or its signs), a fall ──> the number, end; a red flag in the
    person's words ──> call your provider (+ card), end; misses ──> the number each time, and when to call

Rows that are the same in every mode come first; the rest is per mode. Where each pair leads is pinned in
the reviewed golden file ``tests/data/transition_outcomes.tsv`` (``python -m tooling.transition_outcomes
--write`` after a change, then read its diff), and ``make mutate`` changes each entry in turn to prove the
tests notice. The transitions live with the part
of the conversation they serve: ``opening``, ``guide``, ``checks``, ``info``, ``moments`` (what is said
mid-cramp, anywhere) and ``anywhere`` (help, fallback, stop, emergency).
"""

from __future__ import annotations

from collections.abc import Callable

from skill.conversation.anywhere import (
    ask_again,
    ask_yes_or_no,
    chest_pain,
    didnt_catch,
    emergency,
    fallen,
    goodbye,
    goodbye_with_thanks,
    help_here,
    no_more_topics,
    out_of_scope,
    take_your_time,
    where_we_are,
)
from skill.conversation.care import (
    heat_or_cold,
    how_long_to_hold,
    medicines,
    painkillers,
    pregnant,
    somewhere_safe,
)
from skill.conversation.checks import (
    cramp_gone_in_the_checks,
    hurting_more_in_the_checks,
    previous_question,
    red_flag_absent,
    red_flag_present,
    red_flag_unsure,
    restart_checks,
    start_checks,
    stop_the_checks,
    volunteered_red_flag,
)
from skill.conversation.events import Event, EventKind
from skill.conversation.guide import (
    back_to_the_stretch,
    go_on_to_the_massage,
    massage_again,
    rest_and_advise,
    rest_then_checks,
    restart_guide,
    stop_massaging,
    stop_stretching,
    stretch_again,
    stretch_is_the_first_step,
)
from skill.conversation.info import (
    follow_offer,
    info_menu,
    next_topic,
    previous_topic,
    repeat_topic,
    tell_topic,
)
from skill.conversation.moments import (
    cramp_gone,
    cramp_named_at_the_massage_offer,
    cramp_named_in_the_checks,
    cramp_named_in_the_massage,
    cramp_named_in_the_stretch,
    cramp_named_where_asked,
    cramp_still_there,
    glad_it_is_better,
    hurting_more,
    not_ready_in_the_massage,
    not_ready_in_the_stretch,
    still_hurting,
    still_hurting_after_the_massage,
)
from skill.conversation.opening import (
    ask_where,
    ask_where_again,
    back_to_start,
    is_it_a_muscle,
    not_known_if_a_muscle,
    start_guide,
    stretch_any_muscle,
    thigh_side_named,
    welcome,
)
from skill.conversation.state import Mode, State, Turn

Transition = Callable[[State, Event], Turn]

_EVERY_MODE: dict[EventKind, Transition] = {
    EventKind.LAUNCH: welcome,
    EventKind.CRAMP: start_guide,
    EventKind.INFO: tell_topic,
    EventKind.START_CHECKS: start_checks,
    EventKind.HELP: help_here,
    EventKind.STOP: goodbye,
    EventKind.THANKS: goodbye_with_thanks,
    EventKind.NAVIGATE_HOME: back_to_start,
    EventKind.STILL_HURTS: cramp_still_there,
    EventKind.WORSE: hurting_more,
    EventKind.BETTER: cramp_gone,
    EventKind.NOT_READY: take_your_time,
    EventKind.EMERGENCY: emergency,
    EventKind.FALL: fallen,
    EventKind.RED_FLAG: volunteered_red_flag,
    EventKind.CHEST: chest_pain,
    EventKind.OUT_OF_SCOPE: out_of_scope,
    EventKind.HOW_LONG: how_long_to_hold,
    EventKind.HEAT_OR_COLD: heat_or_cold,
    EventKind.PAINKILLERS: painkillers,
    EventKind.WHICH_STEP: where_we_are,
    EventKind.PREGNANCY: pregnant,
    EventKind.MEDICINE: medicines,
    EventKind.UNSAFE_PLACE: somewhere_safe,
    EventKind.FALLBACK: didnt_catch,
}

_BY_MODE: dict[Mode, dict[EventKind, Transition]] = {
    # Nothing asked yet (a one-shot like "tell cramp coach yes"): start from the opening question.
    Mode.START: {
        EventKind.YES: welcome,
        EventKind.NO: welcome,
        EventKind.UNSURE: welcome,
        EventKind.NEXT: welcome,
        EventKind.PREVIOUS: welcome,
        EventKind.REPEAT: welcome,
        EventKind.START_OVER: welcome,
    },
    # "If a muscle is cramping, where is it?" A muscle arrives as CRAMP; not knowing asks if it is a muscle.
    Mode.ASKED_IF_CRAMPING: {
        EventKind.YES: ask_where,
        EventKind.NO: info_menu,
        EventKind.UNSURE: is_it_a_muscle,
        EventKind.NEXT: ask_again,  # the question is where, not yes or no
        EventKind.PREVIOUS: ask_again,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
    },
    Mode.ASKED_WHERE: {
        EventKind.CRAMP: cramp_named_where_asked,
        EventKind.YES: ask_where_again,
        EventKind.NO: ask_where_again,
        EventKind.UNSURE: is_it_a_muscle,
        EventKind.NEXT: is_it_a_muscle,
        EventKind.PREVIOUS: back_to_start,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
        EventKind.STILL_HURTS: ask_where_again,
    },
    Mode.ASKED_THIGH_SIDE: {
        EventKind.CRAMP: thigh_side_named,
        EventKind.YES: help_here,
        EventKind.NO: help_here,
        EventKind.UNSURE: stretch_any_muscle,
        EventKind.NEXT: stretch_any_muscle,
        EventKind.PREVIOUS: ask_where,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
        EventKind.STILL_HURTS: ask_again,
    },
    # "Somewhere else", or not knowing where: "is it a muscle in your leg, foot, arm, hand, neck or back?"
    # Only a yes is stretched; no, or not sure, is never coached as a muscle.
    Mode.ASKED_IF_MUSCLE: {
        EventKind.CRAMP: not_known_if_a_muscle,  # a muscle named starts its stretch
        EventKind.YES: stretch_any_muscle,
        EventKind.NO: out_of_scope,
        EventKind.UNSURE: not_known_if_a_muscle,
        EventKind.NEXT: ask_yes_or_no,
        EventKind.PREVIOUS: ask_where,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
        EventKind.STILL_HURTS: ask_yes_or_no,
    },
    # The stretch was held: "ready for the next step?" No means not yet.
    Mode.STRETCH: {
        EventKind.CRAMP: cramp_named_in_the_stretch,
        EventKind.YES: go_on_to_the_massage,
        EventKind.NO: not_ready_in_the_stretch,
        EventKind.UNSURE: not_ready_in_the_stretch,
        EventKind.NEXT: go_on_to_the_massage,
        EventKind.PREVIOUS: stretch_is_the_first_step,
        EventKind.REPEAT: stretch_again,
        EventKind.START_OVER: restart_guide,
        EventKind.STILL_HURTS: still_hurting,
        EventKind.WORSE: stop_stretching,
        EventKind.NOT_READY: not_ready_in_the_stretch,
    },
    # The massage was done: "ready for the next step?" Next is rest and the checks.
    Mode.MASSAGE: {
        EventKind.CRAMP: cramp_named_in_the_massage,
        EventKind.YES: rest_then_checks,
        EventKind.NO: not_ready_in_the_massage,
        EventKind.UNSURE: not_ready_in_the_massage,
        EventKind.NEXT: rest_then_checks,
        EventKind.PREVIOUS: back_to_the_stretch,
        EventKind.REPEAT: massage_again,
        EventKind.START_OVER: restart_guide,
        EventKind.STILL_HURTS: still_hurting_after_the_massage,
        EventKind.WORSE: stop_massaging,
        EventKind.NOT_READY: not_ready_in_the_massage,
    },
    # Held twice and still cramping (the seed's reason to call was said): "shall we go on with a massage?"
    Mode.MASSAGE_OFFERED: {
        EventKind.CRAMP: cramp_named_at_the_massage_offer,
        EventKind.YES: go_on_to_the_massage,
        EventKind.NO: rest_and_advise,
        EventKind.UNSURE: take_your_time,
        EventKind.NEXT: go_on_to_the_massage,
        EventKind.PREVIOUS: stretch_is_the_first_step,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: restart_guide,
        EventKind.STILL_HURTS: go_on_to_the_massage,
        EventKind.WORSE: hurting_more,
        EventKind.NOT_READY: take_your_time,
    },
    # A red-flag question cannot be skipped: "next" asks for a yes or no.
    Mode.CHECKS: {
        EventKind.CRAMP: cramp_named_in_the_checks,
        EventKind.YES: red_flag_present,
        EventKind.NO: red_flag_absent,
        EventKind.UNSURE: red_flag_unsure,
        EventKind.NEXT: ask_yes_or_no,
        EventKind.PREVIOUS: previous_question,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: restart_checks,
        EventKind.WORSE: hurting_more_in_the_checks,
        EventKind.BETTER: cramp_gone_in_the_checks,
        EventKind.STOP: stop_the_checks,
    },
    Mode.INFO_MENU: {
        EventKind.BETTER: glad_it_is_better,
        EventKind.YES: info_menu,
        EventKind.NO: goodbye,
        EventKind.UNSURE: info_menu,
        EventKind.NEXT: info_menu,
        EventKind.PREVIOUS: back_to_start,
        EventKind.REPEAT: info_menu,
        EventKind.START_OVER: back_to_start,
    },
    Mode.AFTER_INFO: {
        EventKind.BETTER: glad_it_is_better,
        EventKind.YES: follow_offer,
        EventKind.NO: no_more_topics,
        EventKind.UNSURE: ask_yes_or_no,
        EventKind.NEXT: next_topic,
        EventKind.PREVIOUS: previous_topic,
        EventKind.REPEAT: repeat_topic,
        EventKind.START_OVER: back_to_start,
    },
}

TRANSITIONS: dict[tuple[Mode, EventKind], Transition] = {
    (mode, kind): transition
    for mode in Mode
    for kind, transition in {**_EVERY_MODE, **_BY_MODE[mode]}.items()
}


def step(state: State, event: Event) -> Turn:
    """Advance the conversation by one user event; a pair missing from the table is a bug, so it raises.

    Anything understood ends a run of "I didn't catch that" (words that are no muscle, mid-stretch, are
    not understood: they count like a fallback)."""
    turn = TRANSITIONS[state.mode, event.kind](state, event)
    counted_a_fallback = turn.state.fallbacks > state.fallbacks
    if not counted_a_fallback and turn.state.fallbacks:
        return Turn(turn.state._replace(fallbacks=0), turn.reply)
    return turn
