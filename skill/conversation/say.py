"""The reply builders every part of the conversation shares: ask a question, end the session, and say
what the turn shows on a screen.

A reply that keeps the session open ends with its question and repeats it as the reprompt; a reply that
ends says the safety lines if the session has not heard them yet. Each names its screen here, from where
it leaves the person, so that the screen layer never guesses what a turn was.
"""

from __future__ import annotations

from typing import Any

from skill.conversation.events import Event, EventKind, touch_arguments
from skill.conversation.state import Mode, Muscle, State, Topic, Turn, wording_of
from skill.reply import Card, Part, Pause, Reply, Say, SayList, Screen, ScreenKind, Touch

# Hold a stretch about 30 seconds (Mayo Clinic): three 10-second pauses with a calm cue after each. Nothing
# comes between the instruction and the first pause.
STRETCH_HOLD: tuple[Part, ...] = (
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
SAFETY_PARTS = frozenset(SAFETY_LINES)

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


# ---------------------------------------------------------------------------------------------------------
# What a screen offers to touch


def _touch(label: str, kind: EventKind, **detail: Any) -> Touch:
    return Touch(Say(f"screen.touch.{label}"), touch_arguments(Event(kind, **detail)))


MUSCLE_TOUCHES = (
    _touch("calf", EventKind.CRAMP, muscle=Muscle.CALF),
    _touch("foot", EventKind.CRAMP, muscle=Muscle.FOOT),
    _touch("thigh", EventKind.CRAMP, muscle=Muscle.THIGH),
    _touch("hand", EventKind.CRAMP, muscle=Muscle.HAND),
    _touch("somewhere_else", EventKind.CRAMP, muscle=Muscle.ELSEWHERE),
)
NOT_CRAMPING = _touch("not_cramping", EventKind.NO)
THIGH_SIDE_TOUCHES = (
    _touch("front", EventKind.CRAMP, muscle=Muscle.QUADRICEPS),
    _touch("back", EventKind.CRAMP, muscle=Muscle.BACK),
)
YES_NO = (_touch("yes", EventKind.YES), _touch("no", EventKind.NO))
NOT_SURE = _touch("not_sure", EventKind.UNSURE)
# A guide step offers the moments too, each the same event as its words.
GUIDE_TOUCHES = (
    _touch("next", EventKind.NEXT),
    _touch("still_hurts", EventKind.STILL_HURTS),
    _touch("worse", EventKind.WORSE),
    _touch("gone", EventKind.BETTER),
    _touch("repeat", EventKind.REPEAT),
    _touch("stop", EventKind.STOP),
)
# The topics, labelled as their cards are titled.
TOPIC_TOUCHES = tuple(
    Touch(Say(f"card.{topic.value}.title"), touch_arguments(Event(EventKind.INFO, topic=topic)))
    for topic in Topic
)
# What a question screen offers in each mode. A guide step and a topic have screens of their own, and the
# conversation never leaves a session open at the start.
QUESTION_TOUCHES: dict[Mode, tuple[Touch, ...]] = {
    Mode.START: YES_NO,
    Mode.ASKED_IF_CRAMPING: (*MUSCLE_TOUCHES, NOT_CRAMPING),
    Mode.ASKED_WHERE: MUSCLE_TOUCHES,
    Mode.ASKED_THIGH_SIDE: THIGH_SIDE_TOUCHES,
    Mode.ASKED_IF_MUSCLE: (*YES_NO, NOT_SURE),
    Mode.STRETCH: GUIDE_TOUCHES,
    Mode.MASSAGE: GUIDE_TOUCHES,
    Mode.MASSAGE_OFFERED: YES_NO,
    Mode.CHECKS: (*YES_NO, NOT_SURE),
    Mode.INFO_MENU: TOPIC_TOUCHES,
    Mode.AFTER_INFO: YES_NO,
}


def screen_for(state: State, question: tuple[Part, ...]) -> Screen:
    """What a turn that leaves the person in ``state``, asked ``question``, shows."""
    match state.mode:
        case Mode.STRETCH:
            wording = wording_of(state.muscle)
            return _step_screen(
                state, Say(f"guide.stretch.{wording}"), Say("guide.stop_if_it_hurts"), question
            )
        case Mode.MASSAGE:
            wording = wording_of(state.muscle)
            return _step_screen(state, Say(f"guide.massage.{wording}"), Say("guide.massage.why"), question)
        case Mode.AFTER_INFO:
            return Screen(
                ScreenKind.TOPIC,
                heading=(Say(f"card.{state.topic.value}.title"),),
                body=TOPIC_BODIES[state.topic],
                question=question[-1:],
                touches=QUESTION_TOUCHES[state.mode],
            )
        case _:
            return Screen(ScreenKind.QUESTION, heading=question[-1:], touches=QUESTION_TOUCHES[state.mode])


def _step_screen(state: State, instruction: Say, note: Say, question: tuple[Part, ...]) -> Screen:
    """A guide step: the instruction, large, with its countdown (timed by the screen layer from the
    speech's pauses), and next, repeat, stop."""
    label = "screen.hold" if state.mode is Mode.STRETCH else "screen.massage"
    return Screen(
        ScreenKind.STEP,
        heading=(instruction,),
        body=(note,),
        question=question[-1:],
        touches=QUESTION_TOUCHES[state.mode],
        hold_label=Say(label),
    )


def ending_screen(kind: ScreenKind, speech: tuple[Part, ...], card: Card | None) -> Screen:
    """The end of a session: the card's text when there is one (it names the signs and the number), else
    what was said; a safety line spoken is shown too."""
    if card is not None:
        return _with_safety_said(Screen(kind, heading=(Say(card.title_key),), body=card.body), speech)
    return Screen(kind, body=speech)


def _with_safety_said(screen: Screen, speech: tuple[Part, ...]) -> Screen:
    """A safety line that was spoken is shown too, below what the screen shows already."""
    shown = {*screen.heading, *screen.body, *screen.question}
    said = tuple(part for part in speech if part in SAFETY_PARTS and part not in shown)
    return screen._replace(body=screen.body + said) if said else screen


# ---------------------------------------------------------------------------------------------------------
# Replies


def ask(
    state: State,
    body: tuple[Part, ...],
    question: tuple[Part, ...],
    reprompt: tuple[Part, ...] | None = None,
    *,
    card: Card | None = None,
) -> Turn:
    """A reply that keeps the session open: the body, then the question, and the screen for the mode."""
    return Turn(
        state,
        Reply(
            speech=body + question,
            reprompt=reprompt or question,
            card=card,
            screen=_with_safety_said(screen_for(state, question), body),
        ),
    )


def end(
    state: State,
    body: tuple[Part, ...],
    *,
    card: Card | None = None,
    then: tuple[Part, ...] = (),
    screen: ScreenKind = ScreenKind.MESSAGE,
) -> Turn:
    """A reply that ends the session: the body, the safety lines if they were not said yet, then ``then``."""
    safety: tuple[Part, ...] = () if state.safety_said else SAFETY_LINES
    speech = body + safety + then
    return Turn(
        state._replace(safety_said=True),
        Reply(speech=speech, card=card, end_session=True, screen=ending_screen(screen, speech, card)),
    )
