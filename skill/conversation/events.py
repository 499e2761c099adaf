"""Every event the conversation answers, and everything that makes one: the one place to name them.

An event is what the person did, whatever way Alexa delivered it: an intent said, a screen touched, the
skill opened. Each event declares here the intents that make it, whether a screen offers it as a touch,
whether it tells something about the person's health (then it is logged as "answer", never by name), and
whether Alexa may route it to the skill without the skill's name. The handlers, the request log,
CanFulfill, the simulator, the privacy pattern of the tests and the README's table all read this module,
and tests check every locale model and every screen against it, so an event added here cannot be
forgotten anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from skill.conversation.state import Muscle, Question, Sign, Topic


class EventKind(StrEnum):
    """What the user did, independent of how Alexa delivered it."""

    LAUNCH = "launch"
    CRAMP = "cramp"
    INFO = "info"
    START_CHECKS = "start_checks"
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    START_OVER = "start_over"
    HELP = "help"
    STOP = "stop"
    THANKS = "thanks"
    NAVIGATE_HOME = "navigate_home"
    STILL_HURTS = "still_hurts"
    WORSE = "worse"
    BETTER = "better"
    NOT_READY = "not_ready"
    EMERGENCY = "emergency"
    FALL = "fall"  # "i fell", "i can't get up": the local number if hurt or can't get up (NHS)
    RED_FLAG = "red_flag"  # a red flag volunteered in the person's own words: its ``sign``
    CHEST = "chest"  # chest pain, tightness, or a "cramp" in the chest: never coached
    OUT_OF_SCOPE = "out_of_scope"  # stomach, side, period or jaw cramps: never coached as a muscle
    HOW_LONG = "how_long"  # "how long do I hold it?"
    HEAT_OR_COLD = "heat_or_cold"  # "heat or ice?"
    PAINKILLERS = "painkillers"  # "should I take a painkiller?"
    WHICH_STEP = "which_step"  # "which step are we on?"
    PREGNANCY = "pregnancy"  # "i'm pregnant and my calf is cramping": the seed's cause, then the cramp
    MEDICINE = "medicine"  # "should i take quinine / magnesium": never a recommendation or a dose
    UNSAFE_PLACE = "unsafe_place"  # "i'm up a ladder", "i'm driving": somewhere safe first
    FALLBACK = "fallback"
    # Touches on a screen that is no longer where the conversation is (one left on display, a new session):
    YES_ON_A_QUESTION_SHOWN = "yes_on_a_question_shown"  # yes on a red-flag question's screen: its red flag
    ANSWER_TO_A_SCREEN_GONE = "answer_to_a_screen_gone"  # any other answer there: to a question not asked now


class Event(NamedTuple):
    """One user action; ``muscle`` matters for CRAMP and PREGNANCY, ``topic`` for INFO, ``sign`` for
    RED_FLAG, ``question`` for YES_ON_A_QUESTION_SHOWN (the red-flag question that screen asked)."""

    kind: EventKind
    muscle: Muscle = Muscle.NONE
    topic: Topic | None = None
    sign: Sign | None = None
    question: Question | None = None


class Touchable(StrEnum):
    """Whether a screen offers an event as a touch target, and where a touch on it counts."""

    NO = "no"
    HERE = "here"  # an answer to the question on that screen (yes, next): only where it was asked
    ANYWHERE = "anywhere"  # says what it means on any screen (a muscle, a topic, stop)


class Source(NamedTuple):
    """How an event reaches the skill, and how it is treated on the way. The three decisions have no
    default: an event added without deciding them fails at import."""

    intents: tuple[str, ...]  # the intents that make it (or none: the launch)
    touch: Touchable  # whether a screen offers it
    health_answer: bool  # tells something about the person's health: logged only as "answer"
    name_free: bool  # Alexa may send it without the skill's name (CanFulfill takes it)
    slots: tuple[str, ...] = ()  # the slots its intents carry, each read by the handlers
    request: str | None = None  # a request type that makes it (the launch; a touch, for those made from one)


CRAMP_INTENT = "CrampIntent"
MUSCLE_SLOT = "muscle"  # the slot of CRAMP_INTENT that names the muscle
FALLBACK_INTENT = "AMAZON.FallbackIntent"
LAUNCH_REQUEST = "LaunchRequest"
USER_EVENT_REQUEST = "Alexa.Presentation.APL.UserEvent"  # a touch on a screen

TOPIC_BY_INTENT: dict[str, Topic] = {
    "WhatIsCrampIntent": Topic.WHAT_IS,
    "CausesIntent": Topic.CAUSES,
    "TreatmentIntent": Topic.TREATMENT,
    "PreventionIntent": Topic.PREVENTION,
    "WhenToCallIntent": Topic.WHEN_TO_CALL,
}

# The red flags a person may volunteer, each an intent of its own (their samples have little in common).
SIGN_BY_INTENT: dict[str, Sign] = {
    "WontStopIntent": Sign.LASTING,
    "NumbOrWeakIntent": Sign.LIMB,
    "NightPainIntent": Sign.NIGHT,
    "SwellingIntent": Sign.SWELLING,
}

_NO, _HERE, _ANYWHERE = Touchable.NO, Touchable.HERE, Touchable.ANYWHERE
# fmt: off
SOURCES: dict[EventKind, Source] = {
    #                                 intents                               touch      health  name-free
    EventKind.LAUNCH:        Source((),                                     _NO,       False,  False,
                                    request=LAUNCH_REQUEST),
    EventKind.CRAMP:         Source((CRAMP_INTENT,),                        _ANYWHERE, False,  True,
                                    slots=(MUSCLE_SLOT,)),
    EventKind.INFO:          Source(tuple(TOPIC_BY_INTENT),                 _ANYWHERE, False,  True),
    EventKind.START_CHECKS:  Source(("SymptomCheckIntent",),                _NO,       False,  False),
    EventKind.YES:           Source(("AMAZON.YesIntent",),                  _HERE,     True,   False),
    EventKind.NO:            Source(("AMAZON.NoIntent",),                   _HERE,     True,   False),
    EventKind.UNSURE:        Source(("UnsureIntent",),                      _HERE,     True,   False),
    EventKind.NEXT:          Source(("AMAZON.NextIntent",),                 _HERE,     False,  False),
    EventKind.PREVIOUS:      Source(("AMAZON.PreviousIntent",),             _NO,       False,  False),
    EventKind.REPEAT:        Source(("AMAZON.RepeatIntent",),               _HERE,     False,  False),
    EventKind.START_OVER:    Source(("AMAZON.StartOverIntent",),            _NO,       False,  False),
    EventKind.HELP:          Source(("AMAZON.HelpIntent",),                 _NO,       False,  False),
    EventKind.STOP:          Source(("AMAZON.StopIntent", "AMAZON.CancelIntent"), _ANYWHERE, False, False),
    EventKind.THANKS:        Source(("ThanksIntent",),                      _NO,       False,  False),
    EventKind.NAVIGATE_HOME: Source(("AMAZON.NavigateHomeIntent",),         _NO,       False,  False),
    EventKind.STILL_HURTS:   Source(("StillHurtsIntent",),                  _ANYWHERE, True,   False),
    EventKind.WORSE:         Source(("WorseIntent",),                       _ANYWHERE, True,   False),
    EventKind.BETTER:        Source(("BetterIntent",),                      _ANYWHERE, True,   False),
    EventKind.NOT_READY:     Source(("NotReadyIntent",),                    _NO,       True,   False),
    EventKind.EMERGENCY:     Source(("EmergencyIntent", "EmergencySignsIntent"), _NO, True,    False),
    EventKind.FALL:          Source(("FallIntent",),                        _NO,       True,   False),
    EventKind.RED_FLAG:      Source(tuple(SIGN_BY_INTENT),                  _NO,       True,   False),
    EventKind.CHEST:         Source(("ChestPainIntent",),                   _NO,       True,   False),
    EventKind.OUT_OF_SCOPE:  Source(("OutOfScopeIntent",),                  _NO,       True,   False),
    EventKind.HOW_LONG:      Source(("HoldHowLongIntent",),                 _NO,       False,  False),
    EventKind.HEAT_OR_COLD:  Source(("HeatOrColdIntent",),                  _NO,       False,  False),
    EventKind.PAINKILLERS:   Source(("PainkillersIntent",),                 _NO,       False,  False),
    EventKind.WHICH_STEP:    Source(("WhichStepIntent",),                   _NO,       False,  False),
    EventKind.PREGNANCY:     Source(("PregnancyIntent",),                   _NO,       True,   False,
                                    slots=(MUSCLE_SLOT,)),
    EventKind.MEDICINE:      Source(("MedicineIntent",),                    _NO,       False,  False),
    EventKind.UNSAFE_PLACE:  Source(("UnsafePlaceIntent",),                 _NO,       False,  False),
    EventKind.FALLBACK:      Source((FALLBACK_INTENT,),                     _NO,       False,  False),
    # Made from a touch by skill.conversation.touches, never by an intent or offered as a touch of its own.
    EventKind.YES_ON_A_QUESTION_SHOWN:
                             Source((),                                     _NO,       True,   False,
                                    request=USER_EVENT_REQUEST),
    EventKind.ANSWER_TO_A_SCREEN_GONE:
                             Source((),                                     _NO,       True,   False,
                                    request=USER_EVENT_REQUEST),
}
# fmt: on


def _event_by_intent() -> dict[str, Event]:
    """Each intent and the event it makes; an intent declared by two events is a bug, caught at import."""
    events: dict[str, Event] = {}
    for kind, source in SOURCES.items():
        for intent in source.intents:
            if intent in events:
                raise ValueError(f"{intent} makes both {events[intent].kind} and {kind}")
            events[intent] = Event(kind, topic=TOPIC_BY_INTENT.get(intent), sign=SIGN_BY_INTENT.get(intent))
    return events


EVENT_BY_INTENT: dict[str, Event] = _event_by_intent()
SLOTS_BY_INTENT: dict[str, tuple[str, ...]] = {
    intent: source.slots for source in SOURCES.values() for intent in source.intents
}
HEALTH_ANSWER_INTENTS = frozenset(
    intent for source in SOURCES.values() if source.health_answer for intent in source.intents
)
NAME_FREE_INTENTS = frozenset(
    intent for source in SOURCES.values() if source.name_free for intent in source.intents
)
TOUCHABLE = frozenset(kind for kind, source in SOURCES.items() if source.touch is not Touchable.NO)
SAME_ON_ANY_SCREEN = frozenset(kind for kind, source in SOURCES.items() if source.touch is Touchable.ANYWHERE)


# ---------------------------------------------------------------------------------------------------------
# Touches: an event as the arguments of a screen's UserEvent, and back

# A touch always names a place (a muscle, or "somewhere else").
_MUSCLE_BY_VALUE = {muscle.value: muscle for muscle in Muscle if muscle not in (Muscle.UNKNOWN, Muscle.NONE)}
_TOPIC_BY_VALUE = {topic.value: topic for topic in Topic}
_TOUCHABLE_BY_VALUE = {kind.value: kind for kind in TOUCHABLE}


def touch_arguments(event: Event) -> tuple[str, str]:
    """The UserEvent arguments of a touch: the event's kind, and the muscle or topic it names (or "")."""
    if event.kind not in TOUCHABLE:
        raise ValueError(f"{event.kind} is not declared touchable in SOURCES")
    if event.kind is EventKind.CRAMP:
        return (event.kind.value, event.muscle.value)
    if event.kind is EventKind.INFO and event.topic is not None:
        return (event.kind.value, event.topic.value)
    return (event.kind.value, "")


def event_from_touch(arguments: object) -> Event | None:
    """The event a touch sends, or None for arguments that name no touch target of ours (a document from
    an older version still on screen, a hand-made request)."""
    if not isinstance(arguments, Sequence) or isinstance(arguments, str) or not arguments:
        return None
    kind = _TOUCHABLE_BY_VALUE.get(arguments[0]) if isinstance(arguments[0], str) else None
    detail = arguments[1] if len(arguments) > 1 and isinstance(arguments[1], str) else ""
    if kind is EventKind.CRAMP:
        muscle = _MUSCLE_BY_VALUE.get(detail)
        return Event(kind, muscle=muscle) if muscle is not None else None
    if kind is EventKind.INFO:
        topic = _TOPIC_BY_VALUE.get(detail)
        return Event(kind, topic=topic) if topic is not None else None
    return Event(kind) if kind is not None else None
