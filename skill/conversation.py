"""The conversation: a pure state machine from (state, event) to (next state, reply).

No SDK here, no text: the handlers turn Alexa requests into ``Event``s, and replies name content keys that
the speech layer renders. ``TRANSITIONS`` is the whole flow as one table, so that a reader can check "in
mode X, event Y leads to Z" against the design, and a test can prove every pair is defined.

    START ──launch──> ASKED_IF_CRAMPING ──yes──> GUIDE(stretch) ──next──> GUIDE(massage)
                            │ no                                              │ next (rest)
                            v                                                 v
                        INFO_MENU ──topic──> AFTER_INFO         CHECKS(q1..q4) ──any yes──> call provider, end
                                                                        └──all no──> rest, end

A cramp, a topic or "should I see a doctor" jump straight to GUIDE, AFTER_INFO or CHECKS from any mode
(also as one-shots in a new session); stop and cancel end in every mode.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum, StrEnum
from typing import NamedTuple

from skill.reply import Card, Part, Pause, Reply, Say, SayList


class Mode(StrEnum):
    """Where the user is in the conversation."""

    START = "start"
    ASKED_IF_CRAMPING = "asked_if_cramping"
    GUIDE = "guide"
    CHECKS = "checks"
    INFO_MENU = "info_menu"
    AFTER_INFO = "after_info"


class Muscle(StrEnum):
    """Muscle groups with their own stretch wording; OTHER gets the seed's general form."""

    CALF = "calf"
    FOOT = "foot"
    HAMSTRING = "hamstring"
    QUADRICEPS = "quadriceps"
    HAND = "hand"
    OTHER = "other"


class Topic(StrEnum):
    """Information topics, in the order next/previous walk through them."""

    WHAT_IS = "what_is"
    CAUSES = "causes"
    TREATMENT = "treatment"
    PREVENTION = "prevention"
    WHEN_TO_CALL = "when_to_call"


class GuideStep(IntEnum):
    """Steps of the guide that wait for the user; resting is said on the way into the checks."""

    STRETCH = 0
    MASSAGE = 1


RED_FLAG_COUNT = 4  # the seed page's four reasons to call; tests tie this to the content list


class EventKind(StrEnum):
    """What the user did, independent of how Alexa delivered it."""

    LAUNCH = "launch"
    CRAMP = "cramp"
    INFO = "info"
    START_CHECKS = "start_checks"
    YES = "yes"
    NO = "no"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    START_OVER = "start_over"
    HELP = "help"
    STOP = "stop"
    NAVIGATE_HOME = "navigate_home"
    FALLBACK = "fallback"


class Event(NamedTuple):
    """One user action; ``muscle`` matters for CRAMP, ``topic`` for INFO."""

    kind: EventKind
    muscle: Muscle = Muscle.OTHER
    topic: Topic | None = None


class State(NamedTuple):
    """The whole conversation state; it lives in session attributes between turns.

    This and the other records are ``NamedTuple``s, not frozen dataclasses: as immutable, and a sixth
    of the cost to create, which every Lambda cold start pays (see ``skill/reply.py``)."""

    mode: Mode = Mode.START
    guide_step: GuideStep = GuideStep.STRETCH
    muscle: Muscle = Muscle.OTHER
    question: int = 0
    topic: Topic = Topic.WHAT_IS
    safety_said: bool = False
    navigation_hint_said: bool = False


class Turn(NamedTuple):
    """The outcome of one step: the state to keep and the reply to speak."""

    state: State
    reply: Reply


Transition = Callable[[State, Event], Turn]

# Hold a stretch about 30 seconds: three 10-second pauses with a calm cue between them.
STRETCH_HOLD: tuple[Part, ...] = (
    Say("guide.hold.start"),
    Pause(10),
    Say("guide.hold.breathe"),
    Pause(10),
    Say("guide.hold.almost"),
    Pause(10),
    Say("guide.hold.done"),
)
MASSAGE_PACE: tuple[Part, ...] = (
    Pause(10),
    Say("guide.massage.slow"),
    Pause(10),
    Say("guide.massage.done"),
)

SAFETY_LINES: tuple[Part, ...] = (Say("safety.disclaimer"), Say("safety.emergency"))

# After each topic: the follow-up question, and where "yes" leads.
TOPIC_FOLLOW_UPS: dict[Topic, EventKind | Topic] = {
    Topic.WHAT_IS: Topic.CAUSES,
    Topic.CAUSES: Topic.PREVENTION,
    Topic.TREATMENT: EventKind.CRAMP,
    Topic.PREVENTION: Topic.WHEN_TO_CALL,
    Topic.WHEN_TO_CALL: EventKind.START_CHECKS,
}
TOPIC_BODIES: dict[Topic, tuple[Part, ...]] = {
    Topic.WHAT_IS: (Say("topic.what_is"),),
    Topic.CAUSES: (Say("topic.causes"), SayList("causes")),
    Topic.TREATMENT: (Say("topic.treatment"),),
    # The seed's caveat (little or no evidence) always comes before the tips.
    Topic.PREVENTION: (
        Say("topic.prevention.caveat"),
        Say("topic.prevention.tips"),
        SayList("prevention_tips"),
    ),
    Topic.WHEN_TO_CALL: (Say("topic.when_to_call"), SayList("red_flags")),
}
HELP_BY_MODE: dict[Mode, str] = {
    Mode.START: "help.start",
    Mode.ASKED_IF_CRAMPING: "help.start",
    Mode.GUIDE: "help.guide",
    Mode.CHECKS: "help.checks",
    Mode.INFO_MENU: "help.info",
    Mode.AFTER_INFO: "help.info",
}


# ---------------------------------------------------------------------------------------------------------
# Reply builders


def _ask(
    state: State,
    body: tuple[Part, ...],
    question: tuple[Part, ...],
    reprompt: tuple[Part, ...] | None = None,
    *,
    card: Card | None = None,
    safety_allowed: bool = False,
) -> Turn:
    """A reply that keeps the session open: body, the safety lines once if allowed here, then the question."""
    safety: tuple[Part, ...] = ()
    if safety_allowed and not state.safety_said:
        safety, state = SAFETY_LINES, state._replace(safety_said=True)
    return Turn(state, Reply(speech=body + safety + question, reprompt=reprompt or question, card=card))


def _end(state: State, body: tuple[Part, ...], *, card: Card | None = None) -> Turn:
    return Turn(state, Reply(speech=body, card=card, end_session=True))


def _ask_if_cramping(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.ASKED_IF_CRAMPING),
        preamble,
        (Say("ask_cramping"),),
        (Say("ask_cramping.reprompt"),),
    )


def _guide_step(state: State, preamble: tuple[Part, ...] = (), *, introduce: bool = False) -> Turn:
    """Speak the current guide step with its paced hold; the stretch is never delayed by the safety lines.

    How to say next or stop comes once, before the first hold, so the user knows how to get out of it.
    """
    muscle = state.muscle.value
    intro: tuple[Part, ...] = (Say(f"guide.intro.{muscle}"),) if introduce else ()
    hint: tuple[Part, ...] = ()
    if not state.navigation_hint_said:
        hint, state = (Say("guide.how_to_navigate"),), state._replace(navigation_hint_said=True)
    if state.guide_step is GuideStep.STRETCH:
        body = (
            *preamble,
            *intro,
            Say(f"guide.stretch.{muscle}"),
            Say("guide.stop_if_it_hurts"),
            *hint,
            *STRETCH_HOLD,
        )
        card = Card(
            "card.guide.title",
            (
                Say(f"guide.stretch.{muscle}"),
                Say("guide.stop_if_it_hurts"),
                Say(f"guide.massage.{muscle}"),
                Say("guide.massage.why"),
                Say("guide.rest"),
            ),
        )
    else:
        body = (
            *preamble,
            *intro,
            Say(f"guide.massage.{muscle}"),
            Say("guide.massage.why"),
            *hint,
            *MASSAGE_PACE,
        )
        card = None
    return _ask(
        state._replace(mode=Mode.GUIDE),
        body,
        (Say("guide.ask_next"),),
        (Say("guide.ask_next.reprompt"),),
        card=card,
        safety_allowed=state.guide_step is not GuideStep.STRETCH,
    )


def _red_flag_question(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.CHECKS),
        preamble,
        (SayList("red_flag_questions", state.question),),
        (Say("say_yes_or_no"), SayList("red_flag_questions", state.question)),
        safety_allowed=True,
    )


def _topic(state: State, topic: Topic, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.AFTER_INFO, topic=topic),
        (*preamble, *TOPIC_BODIES[topic]),
        (Say(f"topic.{topic.value}.follow_up"),),
        card=Card(f"card.{topic.value}.title", TOPIC_BODIES[topic]),
        safety_allowed=True,
    )


def _info_menu(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.INFO_MENU),
        (*preamble, Say("info.menu")),
        (Say("info.ask_topic"),),
        (Say("info.ask_topic.reprompt"),),
    )


# ---------------------------------------------------------------------------------------------------------
# Transitions that mean the same in every mode


def welcome(state: State, event: Event) -> Turn:
    fresh = State(safety_said=state.safety_said, navigation_hint_said=state.navigation_hint_said)
    return _ask_if_cramping(fresh, (Say("welcome"),))


def restart_after_error() -> Turn:
    """After an internal error: apologise and ask the opening question again, from a fresh state."""
    return _ask_if_cramping(State(), (Say("apology"),))


def back_to_start(state: State, event: Event) -> Turn:
    return _ask_if_cramping(state, (Say("back_to_start"),))


def start_guide(state: State, event: Event) -> Turn:
    return _guide_step(state._replace(guide_step=GuideStep.STRETCH, muscle=event.muscle), introduce=True)


def start_guide_for_any_muscle(state: State, event: Event) -> Turn:
    return _guide_step(state._replace(guide_step=GuideStep.STRETCH, muscle=Muscle.OTHER), introduce=True)


def start_checks(state: State, event: Event) -> Turn:
    return _red_flag_question(state._replace(question=0), (Say("checks.intro"),))


def tell_topic(state: State, event: Event) -> Turn:
    return _topic(state, event.topic or Topic.WHAT_IS)


def goodbye(state: State, event: Event) -> Turn:
    """Stop ends at once; a session that never reached the safety lines hears them on the way out."""
    safety: tuple[Part, ...] = () if state.safety_said else SAFETY_LINES
    return _end(state._replace(safety_said=True), (Say("goodbye"), *safety))


def help_here(state: State, event: Event) -> Turn:
    if state.mode is Mode.INFO_MENU:  # the help already lists the topics: just ask
        return _ask(state, (Say("help.info"),), (Say("info.ask_topic"),), (Say("info.ask_topic.reprompt"),))
    return _repeat_question(state, (Say(HELP_BY_MODE[state.mode]),))


def didnt_catch(state: State, event: Event) -> Turn:
    hint: tuple[Part, ...] = ()
    if state.mode in (Mode.ASKED_IF_CRAMPING, Mode.CHECKS, Mode.AFTER_INFO):
        hint = (Say("say_yes_or_no"),)
    return _repeat_question(state, (Say("didnt_catch"), *hint))


def _repeat_question(state: State, preamble: tuple[Part, ...]) -> Turn:
    """Ask again what the current mode is waiting for, after a short preamble, without redoing a step."""
    match state.mode:
        case Mode.GUIDE:
            return _ask(state, preamble, (Say("guide.ask_next"),), (Say("guide.ask_next.reprompt"),))
        case Mode.CHECKS:
            return _red_flag_question(state, preamble)
        case Mode.INFO_MENU:
            return _info_menu(state, preamble)
        case Mode.AFTER_INFO:
            return _ask(state, preamble, (Say(f"topic.{state.topic.value}.follow_up"),))
        case _:
            return _ask_if_cramping(state, preamble)


def ask_yes_or_no(state: State, event: Event) -> Turn:
    return _repeat_question(state, (Say("say_yes_or_no"),))


def ask_again(state: State, event: Event) -> Turn:
    return _repeat_question(state, ())


# ---------------------------------------------------------------------------------------------------------
# The guide


def next_guide_step(state: State, event: Event) -> Turn:
    if state.guide_step is GuideStep.STRETCH:
        return _guide_step(state._replace(guide_step=GuideStep.MASSAGE))
    # After the massage: rest, then straight into the red-flag checks.
    return _red_flag_question(state._replace(question=0), (Say("guide.rest"), Say("checks.intro")))


def previous_guide_step(state: State, event: Event) -> Turn:
    if state.guide_step is GuideStep.STRETCH:
        return _guide_step(state, (Say("guide.first_step"),))
    return _guide_step(state._replace(guide_step=GuideStep.STRETCH))


def repeat_guide_step(state: State, event: Event) -> Turn:
    return _guide_step(state)


def stay_on_guide_step(state: State, event: Event) -> Turn:
    return _guide_step(state, (Say("guide.stay_a_little_longer"),))


def restart_guide(state: State, event: Event) -> Turn:
    return _guide_step(
        state._replace(guide_step=GuideStep.STRETCH), (Say("guide.from_the_top"),), introduce=True
    )


# ---------------------------------------------------------------------------------------------------------
# The red-flag checks: any yes ends with the provider advice at once; four no's end with rest advice.


def red_flag_present(state: State, event: Event) -> Turn:
    advice: tuple[Part, ...] = (Say("outcome.call_provider"), SayList("provider_reasons", state.question))
    disclaimer: tuple[Part, ...] = () if state.safety_said else (Say("safety.disclaimer"),)
    return _end(
        state._replace(safety_said=True),
        (*advice, Say("outcome.card_sent"), *disclaimer, Say("safety.emergency"), Say("outcome.take_care")),
        card=Card("card.call_provider.title", (*advice, Say("safety.emergency"))),
    )


def red_flag_absent(state: State, event: Event) -> Turn:
    if state.question + 1 < RED_FLAG_COUNT:
        return _red_flag_question(state._replace(question=state.question + 1))
    disclaimer: tuple[Part, ...] = () if state.safety_said else SAFETY_LINES
    return _end(
        state._replace(safety_said=True),
        (
            Say("outcome.no_red_flags"),
            Say("outcome.rest"),
            Say("outcome.call_if_that_changes"),
            *disclaimer,
            Say("outcome.take_care"),
        ),
        # The card is read later, alone: it names the signs instead of "those things".
        card=Card(
            "card.all_clear.title",
            (Say("outcome.rest"), *TOPIC_BODIES[Topic.WHEN_TO_CALL], Say("safety.emergency")),
        ),
    )


def previous_question(state: State, event: Event) -> Turn:
    if state.question == 0:
        return _red_flag_question(state, (Say("checks.first_question"),))
    return _red_flag_question(state._replace(question=state.question - 1))


def restart_checks(state: State, event: Event) -> Turn:
    return _red_flag_question(state._replace(question=0), (Say("checks.from_the_first"),))


# ---------------------------------------------------------------------------------------------------------
# Information


def follow_topic_up(state: State, event: Event) -> Turn:
    match TOPIC_FOLLOW_UPS[state.topic]:
        case EventKind.CRAMP:
            return start_guide_for_any_muscle(state, event)
        case EventKind.START_CHECKS:
            return start_checks(state, event)
        case Topic() as next_topic:
            return _topic(state, next_topic)
        case other:
            raise AssertionError(f"no follow-up for {other}")


def next_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position + 1 == len(topics):
        return _info_menu(state)
    return _topic(state, topics[position + 1])


def previous_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position == 0:
        return _topic(state, state.topic, (Say("info.first_topic"),))
    return _topic(state, topics[position - 1])


def repeat_topic(state: State, event: Event) -> Turn:
    return _topic(state, state.topic)


def info_menu(state: State, event: Event) -> Turn:
    return _info_menu(state)


# ---------------------------------------------------------------------------------------------------------
# The table. Rows that are the same in every mode come first; the rest is per mode.

_EVERY_MODE: dict[EventKind, Transition] = {
    EventKind.LAUNCH: welcome,
    EventKind.CRAMP: start_guide,
    EventKind.INFO: tell_topic,
    EventKind.START_CHECKS: start_checks,
    EventKind.HELP: help_here,
    EventKind.STOP: goodbye,
    EventKind.NAVIGATE_HOME: back_to_start,
    EventKind.FALLBACK: didnt_catch,
}

_BY_MODE: dict[Mode, dict[EventKind, Transition]] = {
    # Nothing asked yet (a one-shot like "tell cramp coach yes"): start from the opening question.
    Mode.START: {
        EventKind.YES: welcome,
        EventKind.NO: welcome,
        EventKind.NEXT: welcome,
        EventKind.PREVIOUS: welcome,
        EventKind.REPEAT: welcome,
        EventKind.START_OVER: welcome,
    },
    Mode.ASKED_IF_CRAMPING: {
        EventKind.YES: start_guide_for_any_muscle,
        EventKind.NO: info_menu,
        EventKind.NEXT: ask_yes_or_no,
        EventKind.PREVIOUS: ask_again,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
    },
    Mode.GUIDE: {
        EventKind.YES: next_guide_step,
        EventKind.NO: stay_on_guide_step,
        EventKind.NEXT: next_guide_step,
        EventKind.PREVIOUS: previous_guide_step,
        EventKind.REPEAT: repeat_guide_step,
        EventKind.START_OVER: restart_guide,
    },
    # A red-flag question cannot be skipped: "next" asks for a yes or no.
    Mode.CHECKS: {
        EventKind.YES: red_flag_present,
        EventKind.NO: red_flag_absent,
        EventKind.NEXT: ask_yes_or_no,
        EventKind.PREVIOUS: previous_question,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: restart_checks,
    },
    Mode.INFO_MENU: {
        EventKind.YES: info_menu,
        EventKind.NO: goodbye,
        EventKind.NEXT: info_menu,
        EventKind.PREVIOUS: back_to_start,
        EventKind.REPEAT: info_menu,
        EventKind.START_OVER: back_to_start,
    },
    Mode.AFTER_INFO: {
        EventKind.YES: follow_topic_up,
        EventKind.NO: goodbye,
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
    """Advance the conversation by one user event; a pair missing from the table is a bug, so it raises."""
    return TRANSITIONS[state.mode, event.kind](state, event)
