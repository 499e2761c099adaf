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

Each row names the transition that runs, every place it may leave the person (``go(transition, *leads_to)``:
a mode, END, or HERE, the mode's own question again) and, where it may leave the person in more than one
place for the same words, every remembered fact that may decide (``decided_by``: it hurt more, it did not
ease, the holds and the misses counted, the muscle known, the question or topic reached, where a topic
interrupted); otherwise the event's own words decide (which muscle, which sign). The defaults come first; a
mode's own rows replace them (CRAMP in most modes, STOP in the checks). A test walks the conversation from a
new session and fails on any turn that lands where its row did not declare (``LEADS_TO``), or elsewhere for
a fact its row does not name (``DECIDED_BY``); the reviewed golden file
``tests/data/transition_outcomes.tsv`` pins, for one state of each mode, where each pair leads and what it
says first and last (``python -m tooling.transition_outcomes --write`` after a change, then read its diff),
and ``make mutate`` changes each entry in turn to prove the tests notice. The transitions live with the part
of the conversation they serve: ``opening``, ``guide``, ``checks``, ``info``, ``moments`` (what is said
mid-cramp, anywhere), ``care`` (questions and circumstances answered in every mode) and ``anywhere`` (help,
fallback, stop, emergency); what each mode is, in ``modes``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

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
    red_flag_on_its_screen,
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
    massage_from_the_top,
    no_more_stretching,
    not_ready_after_it_hurt_more,
    rest_and_advise,
    rest_and_advise_severe,
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
    cramp_named_after_it_hurt_more,
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


class Lands(StrEnum):
    """Where a turn may land besides a named mode."""

    END = "end"  # the session ends
    HERE = "here"  # the mode's own question again (START's is the opening's: ASKED_IF_CRAMPING)


class Fact(StrEnum):
    """What the state remembers that may decide where a turn lands, named as the state names it: with the
    mode and the event the same, only the facts a row names can send the person somewhere else."""

    WORSE = "worse"  # it hurt more: no more stretching, and the advice to call at the end
    NOT_EASED = "not_eased"  # it still hurt after two holds: the seed's reason to call is known
    EASED = "eased"
    CRAMPING_NOW = "cramping_now"
    STRETCH_HOLDS = "stretch_holds"  # whether the stretch was held at all, and how often
    HOLDS = "holds"  # how often this step was held in a row: the stretch rules count them
    RESUME = "resume"  # a topic asked mid-cramp goes back there
    MUSCLE = "muscle"  # whether a muscle is known yet (else "where?"), and whether the one named is it
    QUESTION = "question"  # the red-flag question reached: a no to the last ends the checks
    UNSURE = "unsure"  # not sure twice, on one question, is an answer
    TOPIC = "topic"  # the topic told: the last has no next
    TOPICS_HEARD = "topics_heard"  # every topic heard: nothing more to offer
    MISSES = "fallbacks"  # the run of "I didn't catch that": the third (the fourth mid-guide) ends


# What the state remembers of what was said (the safety lines, the hint on how to get on): it changes
# the words, never where a turn lands (the walk test proves it, with every Fact, of the whole state).
NEVER_DECIDES = frozenset({"safety_said", "navigation_hint_said"})


class Row(NamedTuple):
    """One entry of the table: the transition that runs, every place it may leave the person, the facts
    that may decide among those places (besides the event's own words: which muscle, which sign), and whether
    it may count a miss ("I didn't catch that"). Every other row is understood: ``step()`` ends the run of
    misses before it runs."""

    transition: Transition
    leads_to: frozenset[Mode | Lands]
    decided_by: frozenset[Fact]
    counts_misses: bool


def go(
    transition: Transition,
    *leads_to: Mode | Lands,
    decided_by: tuple[Fact, ...] = (),
    counts_misses: bool = False,
) -> Row:
    """A row; one that may count a miss is decided by the run of misses too (``Fact.MISSES``)."""
    misses = (Fact.MISSES,) if counts_misses else ()
    return Row(transition, frozenset(leads_to), frozenset((*decided_by, *misses)), counts_misses)


END, HERE = Lands.END, Lands.HERE
IF_CRAMPING, WHERE, THIGH_SIDE, IF_MUSCLE = (
    Mode.ASKED_IF_CRAMPING,
    Mode.ASKED_WHERE,
    Mode.ASKED_THIGH_SIDE,
    Mode.ASKED_IF_MUSCLE,
)
STRETCH, MASSAGE, OFFERED, CHECKS = Mode.STRETCH, Mode.MASSAGE, Mode.MASSAGE_OFFERED, Mode.CHECKS
AFTER_WORSE = Mode.MASSAGE_AFTER_WORSE
MENU, AFTER_INFO, AFTER_INFO_MID_CRAMP = Mode.INFO_MENU, Mode.AFTER_INFO, Mode.AFTER_INFO_MID_CRAMP
WORSE, NOT_EASED, CRAMPING_NOW, STRETCH_HOLDS, HOLDS, RESUME = (
    Fact.WORSE,
    Fact.NOT_EASED,
    Fact.CRAMPING_NOW,
    Fact.STRETCH_HOLDS,
    Fact.HOLDS,
    Fact.RESUME,
)
MUSCLE, QUESTION, UNSURE, TOPIC, TOPICS_HEARD = (
    Fact.MUSCLE,
    Fact.QUESTION,
    Fact.UNSURE,
    Fact.TOPIC,
    Fact.TOPICS_HEARD,
)
# Where a stretch begun outside the guide leaves the person: once it hurt more, the massage instead.
STRETCHED = (STRETCH, AFTER_WORSE)
# Where a cramp named leads: its stretch, or which side of the thigh, where it is, whether it is a muscle.
NAMED = (*STRETCHED, THIGH_SIDE, WHERE, IF_MUSCLE)
# "It still hurts" by the stretch rules: held again, the massage offered, or rest and the advice (an end).
STRETCH_RULES = (STRETCH, OFFERED, END)
# The checks: the first question, or the advice at once when "it hurts more" was said.
CHECKED = (CHECKS, END)
# Back where a topic asked mid-cramp interrupted.
RESUMED = (STRETCH, MASSAGE, AFTER_WORSE, OFFERED, CHECKS)

# The defaults: a mode's own rows below replace them (CRAMP in most modes, STOP in the checks).
_EVERY_MODE: dict[EventKind, Row] = {
    EventKind.LAUNCH: go(welcome, IF_CRAMPING),
    EventKind.CRAMP: go(start_guide, *NAMED, decided_by=(WORSE,)),
    EventKind.INFO: go(tell_topic, AFTER_INFO),
    EventKind.START_CHECKS: go(start_checks, *CHECKED, decided_by=(WORSE,)),
    EventKind.HELP: go(help_here, HERE),
    EventKind.STOP: go(goodbye, END),
    EventKind.THANKS: go(goodbye_with_thanks, END),
    EventKind.NAVIGATE_HOME: go(back_to_start, IF_CRAMPING),
    EventKind.STILL_HURTS: go(
        cramp_still_there, WHERE, *STRETCH_RULES, decided_by=(MUSCLE, NOT_EASED, STRETCH_HOLDS, WORSE)
    ),
    EventKind.WORSE: go(hurting_more, WHERE, AFTER_WORSE, decided_by=(MUSCLE,)),
    EventKind.BETTER: go(cramp_gone, *CHECKED, decided_by=(WORSE,)),
    EventKind.NOT_READY: go(take_your_time, HERE),
    EventKind.EMERGENCY: go(emergency, END),
    EventKind.FALL: go(fallen, END),
    EventKind.RED_FLAG: go(volunteered_red_flag, END),
    EventKind.CHEST: go(chest_pain, END),
    EventKind.OUT_OF_SCOPE: go(out_of_scope, HERE, END),  # mid-guide the muscle is still coached
    EventKind.HOW_LONG: go(how_long_to_hold, HERE),
    EventKind.HEAT_OR_COLD: go(heat_or_cold, HERE),
    EventKind.PAINKILLERS: go(painkillers, HERE),
    EventKind.WHICH_STEP: go(where_we_are, HERE),
    EventKind.PREGNANCY: go(pregnant, HERE, IF_MUSCLE, *STRETCHED, THIGH_SIDE, decided_by=(MUSCLE, WORSE)),
    EventKind.MEDICINE: go(medicines, HERE),
    EventKind.UNSAFE_PLACE: go(somewhere_safe, HERE),
    EventKind.FALLBACK: go(didnt_catch, HERE, END, counts_misses=True),
    EventKind.YES_ON_A_QUESTION_SHOWN: go(red_flag_on_its_screen, END),
    EventKind.ANSWER_TO_A_SCREEN_GONE: go(ask_again, HERE),  # the question asked now, again
}

_BY_MODE: dict[Mode, dict[EventKind, Row]] = {
    # Nothing asked yet (a one-shot like "tell cramp coach yes"): start from the opening question.
    Mode.START: {
        EventKind.YES: go(welcome, IF_CRAMPING),
        EventKind.NO: go(welcome, IF_CRAMPING),
        EventKind.UNSURE: go(welcome, IF_CRAMPING),
        EventKind.NEXT: go(welcome, IF_CRAMPING),
        EventKind.PREVIOUS: go(welcome, IF_CRAMPING),
        EventKind.REPEAT: go(welcome, IF_CRAMPING),
        EventKind.START_OVER: go(welcome, IF_CRAMPING),
        EventKind.ANSWER_TO_A_SCREEN_GONE: go(welcome, IF_CRAMPING),  # a new session: as the opening
    },
    # "If a muscle is cramping, where is it?" A muscle arrives as CRAMP; not knowing asks if it is a muscle.
    Mode.ASKED_IF_CRAMPING: {
        EventKind.YES: go(ask_where, WHERE),
        EventKind.NO: go(info_menu, MENU),
        EventKind.UNSURE: go(is_it_a_muscle, IF_MUSCLE),
        EventKind.NEXT: go(ask_again, HERE),  # the question is where, not yes or no
        EventKind.PREVIOUS: go(ask_again, HERE),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
    },
    Mode.ASKED_WHERE: {
        EventKind.CRAMP: go(
            cramp_named_where_asked, *NAMED, END, decided_by=(WORSE,), counts_misses=True
        ),  # no muscle: a miss
        EventKind.YES: go(ask_where_again, HERE),
        EventKind.NO: go(ask_where_again, HERE),
        EventKind.UNSURE: go(is_it_a_muscle, IF_MUSCLE),
        EventKind.NEXT: go(is_it_a_muscle, IF_MUSCLE),
        EventKind.PREVIOUS: go(back_to_start, IF_CRAMPING),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
        EventKind.STILL_HURTS: go(ask_where_again, HERE),
    },
    Mode.ASKED_THIGH_SIDE: {
        EventKind.CRAMP: go(thigh_side_named, *STRETCHED, HERE, IF_MUSCLE, decided_by=(WORSE,)),
        EventKind.YES: go(help_here, HERE),
        EventKind.NO: go(help_here, HERE),
        EventKind.UNSURE: go(stretch_any_muscle, *STRETCHED, decided_by=(WORSE,)),
        EventKind.NEXT: go(stretch_any_muscle, *STRETCHED, decided_by=(WORSE,)),
        EventKind.PREVIOUS: go(ask_where, WHERE),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
        EventKind.STILL_HURTS: go(ask_again, HERE),
    },
    # "Somewhere else", or not knowing where: "is it a muscle in your leg, foot, arm, hand, neck or back?"
    # Only a yes is stretched; no, or not sure, is never coached as a muscle.
    Mode.ASKED_IF_MUSCLE: {
        EventKind.CRAMP: go(
            not_known_if_a_muscle, *STRETCHED, THIGH_SIDE, HERE, END, decided_by=(UNSURE, WORSE)
        ),  # a muscle: its stretch
        EventKind.YES: go(stretch_any_muscle, *STRETCHED, decided_by=(WORSE,)),
        EventKind.NO: go(out_of_scope, END),
        EventKind.UNSURE: go(not_known_if_a_muscle, HERE, END, decided_by=(UNSURE,)),
        EventKind.NEXT: go(ask_yes_or_no, HERE),
        EventKind.PREVIOUS: go(ask_where, WHERE),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
        EventKind.STILL_HURTS: go(ask_yes_or_no, HERE),
    },
    # The stretch was held: "ready for the next step?" No means not yet.
    Mode.STRETCH: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),  # a topic asked here goes back here
        EventKind.CRAMP: go(
            cramp_named_in_the_stretch,
            *STRETCH_RULES,
            THIGH_SIDE,
            IF_MUSCLE,
            decided_by=(MUSCLE, NOT_EASED, STRETCH_HOLDS),
            counts_misses=True,
        ),
        EventKind.YES: go(go_on_to_the_massage, MASSAGE),
        EventKind.NO: go(not_ready_in_the_stretch, *STRETCH_RULES, decided_by=(HOLDS, NOT_EASED)),
        EventKind.UNSURE: go(not_ready_in_the_stretch, *STRETCH_RULES, decided_by=(HOLDS, NOT_EASED)),
        EventKind.NEXT: go(go_on_to_the_massage, MASSAGE),
        EventKind.PREVIOUS: go(stretch_is_the_first_step, STRETCH),
        EventKind.REPEAT: go(stretch_again, STRETCH),
        EventKind.START_OVER: go(restart_guide, STRETCH),
        EventKind.STILL_HURTS: go(still_hurting, *STRETCH_RULES, decided_by=(NOT_EASED, STRETCH_HOLDS)),
        EventKind.WORSE: go(stop_stretching, AFTER_WORSE),
        EventKind.NOT_READY: go(not_ready_in_the_stretch, *STRETCH_RULES, decided_by=(HOLDS, NOT_EASED)),
    },
    # The massage was done: "ready for the next step?" Next is rest and the checks.
    Mode.MASSAGE: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),
        EventKind.CRAMP: go(
            cramp_named_in_the_massage,
            HERE,
            STRETCH,
            END,
            THIGH_SIDE,
            IF_MUSCLE,
            decided_by=(MUSCLE, STRETCH_HOLDS),
            counts_misses=True,
        ),
        EventKind.YES: go(rest_then_checks, *CHECKED, decided_by=(NOT_EASED,)),
        EventKind.NO: go(not_ready_in_the_massage, MASSAGE, *CHECKED, decided_by=(HOLDS, NOT_EASED)),
        EventKind.UNSURE: go(not_ready_in_the_massage, MASSAGE, *CHECKED, decided_by=(HOLDS, NOT_EASED)),
        EventKind.NEXT: go(rest_then_checks, *CHECKED, decided_by=(NOT_EASED,)),
        EventKind.PREVIOUS: go(back_to_the_stretch, STRETCH),
        EventKind.REPEAT: go(massage_again, MASSAGE),
        EventKind.START_OVER: go(restart_guide, STRETCH),
        EventKind.STILL_HURTS: go(still_hurting_after_the_massage, STRETCH, END, decided_by=(STRETCH_HOLDS,)),
        EventKind.WORSE: go(stop_massaging, END),
        EventKind.NOT_READY: go(not_ready_in_the_massage, MASSAGE, *CHECKED, decided_by=(HOLDS, NOT_EASED)),
    },
    # It hurt more: the massage, and never a stretch again (back, or from the top, is the massage); next,
    # or still hurting, is rest with severe cramping as the reason to call.
    Mode.MASSAGE_AFTER_WORSE: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),
        EventKind.CRAMP: go(
            cramp_named_after_it_hurt_more,
            *STRETCHED,
            END,
            THIGH_SIDE,
            IF_MUSCLE,
            decided_by=(MUSCLE, WORSE),
            counts_misses=True,
        ),
        EventKind.YES: go(rest_and_advise_severe, END),
        EventKind.NO: go(not_ready_after_it_hurt_more, HERE, END, decided_by=(HOLDS,)),
        EventKind.UNSURE: go(not_ready_after_it_hurt_more, HERE, END, decided_by=(HOLDS,)),
        EventKind.NEXT: go(rest_and_advise_severe, END),
        EventKind.PREVIOUS: go(no_more_stretching, HERE),
        EventKind.REPEAT: go(massage_again, HERE),
        EventKind.START_OVER: go(massage_from_the_top, HERE),
        EventKind.STILL_HURTS: go(rest_and_advise_severe, END),
        EventKind.WORSE: go(stop_massaging, END),
        EventKind.NOT_READY: go(not_ready_after_it_hurt_more, HERE, END, decided_by=(HOLDS,)),
    },
    # Held twice and still cramping (the seed's reason to call was said): "shall we go on with a massage?"
    Mode.MASSAGE_OFFERED: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),
        EventKind.CRAMP: go(
            cramp_named_at_the_massage_offer,
            STRETCH,
            MASSAGE,
            HERE,
            END,
            THIGH_SIDE,
            IF_MUSCLE,
            decided_by=(MUSCLE,),
            counts_misses=True,
        ),
        EventKind.YES: go(go_on_to_the_massage, MASSAGE),
        EventKind.NO: go(rest_and_advise, END),
        EventKind.UNSURE: go(take_your_time, HERE),
        EventKind.NEXT: go(go_on_to_the_massage, MASSAGE),
        EventKind.PREVIOUS: go(stretch_is_the_first_step, STRETCH),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(restart_guide, STRETCH),
        EventKind.STILL_HURTS: go(go_on_to_the_massage, MASSAGE),
        EventKind.WORSE: go(hurting_more, AFTER_WORSE, WHERE, decided_by=(MUSCLE,)),
        EventKind.NOT_READY: go(take_your_time, HERE),
    },
    # A red-flag question cannot be skipped: "next" asks for a yes or no.
    Mode.CHECKS: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),
        EventKind.CRAMP: go(
            cramp_named_in_the_checks,
            HERE,
            END,
            *NAMED,
            *STRETCH_RULES,
            decided_by=(CRAMPING_NOW, MUSCLE, NOT_EASED, STRETCH_HOLDS),
            counts_misses=True,
        ),
        EventKind.YES: go(red_flag_present, END),
        EventKind.NO: go(
            red_flag_absent, HERE, END, decided_by=(QUESTION,)
        ),  # the next question, or the end of the checks
        EventKind.UNSURE: go(red_flag_unsure, HERE, END, decided_by=(UNSURE,)),
        EventKind.NEXT: go(ask_yes_or_no, HERE),
        EventKind.PREVIOUS: go(previous_question, HERE),
        EventKind.REPEAT: go(ask_again, HERE),
        EventKind.START_OVER: go(restart_checks, HERE),
        EventKind.WORSE: go(hurting_more_in_the_checks, END),
        EventKind.BETTER: go(cramp_gone_in_the_checks, HERE, END),
        EventKind.STOP: go(stop_the_checks, END),
    },
    Mode.INFO_MENU: {
        EventKind.BETTER: go(
            glad_it_is_better, HERE, *CHECKED, decided_by=(RESUME, WORSE)
        ),  # checks: a topic interrupted a cramp
        EventKind.YES: go(info_menu, HERE),
        EventKind.NO: go(goodbye, END),
        EventKind.UNSURE: go(info_menu, HERE),
        EventKind.NEXT: go(info_menu, HERE),
        EventKind.PREVIOUS: go(back_to_start, IF_CRAMPING),
        EventKind.REPEAT: go(info_menu, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
    },
    # A topic was told: "would you like to hear ...?"
    Mode.AFTER_INFO: {
        EventKind.BETTER: go(glad_it_is_better, HERE),
        EventKind.YES: go(
            follow_offer, HERE, *CHECKED, decided_by=(TOPIC, TOPICS_HEARD, WORSE)
        ),  # the next topic, or the checks
        EventKind.NO: go(goodbye, END),
        EventKind.UNSURE: go(ask_yes_or_no, HERE),
        EventKind.NEXT: go(next_topic, HERE, MENU, decided_by=(TOPIC,)),
        EventKind.PREVIOUS: go(previous_topic, HERE),
        EventKind.REPEAT: go(repeat_topic, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
    },
    # A topic asked mid-cramp was told: the same offer; "no" goes back to where it interrupted (the guide,
    # the checks: ``resume``), "it's gone" is the cramp's end, and the third miss goes back to the guide.
    Mode.AFTER_INFO_MID_CRAMP: {
        EventKind.INFO: go(tell_topic, AFTER_INFO_MID_CRAMP),
        EventKind.BETTER: go(glad_it_is_better, *CHECKED, decided_by=(WORSE,)),
        EventKind.YES: go(follow_offer, HERE, *CHECKED, decided_by=(TOPIC, TOPICS_HEARD, WORSE)),
        EventKind.NO: go(no_more_topics, *RESUMED, decided_by=(RESUME,)),
        EventKind.UNSURE: go(ask_yes_or_no, HERE),
        EventKind.NEXT: go(next_topic, HERE, MENU, decided_by=(TOPIC,)),
        EventKind.PREVIOUS: go(previous_topic, HERE),
        EventKind.REPEAT: go(repeat_topic, HERE),
        EventKind.START_OVER: go(back_to_start, IF_CRAMPING),
        EventKind.FALLBACK: go(
            didnt_catch,
            HERE,
            END,
            STRETCH,
            MASSAGE,
            AFTER_WORSE,
            OFFERED,
            decided_by=(RESUME,),
            counts_misses=True,
        ),
    },
}


def _resolved(mode: Mode, leads_to: frozenset[Mode | Lands]) -> frozenset[Mode | Lands]:
    """HERE as the mode it names: the mode itself, or the opening's question for START."""
    here = Mode.ASKED_IF_CRAMPING if mode is Mode.START else mode
    return frozenset(here if lands is Lands.HERE else lands for lands in leads_to)


# Each pair's row: a default is one row serving every mode that keeps it.
ROWS: dict[tuple[Mode, EventKind], Row] = {
    (mode, kind): row for mode in Mode for kind, row in {**_EVERY_MODE, **_BY_MODE[mode]}.items()
}
TRANSITIONS: dict[tuple[Mode, EventKind], Transition] = {pair: row.transition for pair, row in ROWS.items()}
# The pairs whose transition may count a miss (words that are no muscle, mid-guide, count as one).
COUNTS_MISSES = frozenset(pair for pair, row in ROWS.items() if row.counts_misses)
# Where each pair may land (a mode, or END); a test walks the conversation and fails on any other outcome.
LEADS_TO: dict[tuple[Mode, EventKind], frozenset[Mode | Lands]] = {
    (mode, kind): _resolved(mode, row.leads_to) for (mode, kind), row in ROWS.items()
}
# What may decide among those places: with the mode and the event the same, a fact a row does not name
# (nor one of NEVER_DECIDES) never changes where the turn lands, and each fact a row names changes it
# somewhere (a test walks the conversation to prove both).
DECIDED_BY: dict[tuple[Mode, EventKind], frozenset[Fact]] = {
    pair: row.decided_by for pair, row in ROWS.items()
}


def cannot_decide(pair: tuple[Mode, EventKind]) -> frozenset[str]:
    """The state's fields that, by the table, never change where this pair lands: the facts its row does
    not name, and NEVER_DECIDES (the walk test and ``--count`` set them as a new session has them)."""
    return frozenset(fact.value for fact in Fact if fact not in DECIDED_BY[pair]) | NEVER_DECIDES


def step(state: State, event: Event) -> Turn:
    """Advance the conversation by one user event; a pair missing from the table is a bug, so it raises.

    Anything understood ends a run of "I didn't catch that": a row that cannot count a miss starts from
    none; one that can (a fallback; words that are no muscle, where a muscle is asked for or coached)
    is given the run, and ends it itself when it understood."""
    transition = TRANSITIONS[state.mode, event.kind]
    if (state.mode, event.kind) not in COUNTS_MISSES:
        state = state._replace(fallbacks=0)
    return transition(state, event)
