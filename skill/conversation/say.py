"""The reply builders every part of the conversation shares: ask a question, end the session, and say
what the turn shows on a screen.

A reply that keeps the session open ends with its question and repeats it as the reprompt; a reply that
ends says the safety lines if the session has not heard them yet. Each names its screen here, from where
it leaves the person, so that the screen layer never guesses what a turn was.
"""

from __future__ import annotations

from skill.conversation.state import Mode, State, Topic, Turn, wording_of
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
# What a turn shows


def screen_for(state: State, question: tuple[Part, ...], touches: tuple[Touch, ...]) -> Screen:
    """What a turn that leaves the person in ``state``, asked ``question``, shows, offering ``touches``
    (the mode's record says which: ``modes.py``)."""
    match state.mode:
        case Mode.STRETCH:
            wording = wording_of(state.muscle)
            return _step_screen(
                state, Say(f"guide.stretch.{wording}"), Say("guide.stop_if_it_hurts"), question, touches
            )
        case Mode.MASSAGE | Mode.MASSAGE_AFTER_WORSE:
            wording = wording_of(state.muscle)
            return _step_screen(
                state, Say(f"guide.massage.{wording}"), Say("guide.massage.why"), question, touches
            )
        case Mode.AFTER_INFO | Mode.AFTER_INFO_MID_CRAMP:
            return Screen(
                ScreenKind.TOPIC,
                heading=(Say(f"card.{state.topic.value}.title"),),
                body=TOPIC_BODIES[state.topic],
                question=question[-1:],
                touches=touches,
            )
        case _:
            return Screen(ScreenKind.QUESTION, heading=question[-1:], touches=touches)


def _step_screen(
    state: State, instruction: Say, note: Say, question: tuple[Part, ...], touches: tuple[Touch, ...]
) -> Screen:
    """A guide step: the instruction, large, with its countdown (timed by the screen layer from the
    speech's pauses), and next, repeat, stop."""
    label = "screen.hold" if state.mode is Mode.STRETCH else "screen.massage"
    return Screen(
        ScreenKind.STEP,
        heading=(instruction,),
        body=(note,),
        question=question[-1:],
        touches=touches,
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
    touches: tuple[Touch, ...],
) -> Turn:
    """A reply that keeps the session open: the body, then the question, and the screen for the mode,
    offering ``touches`` (``modes.ask`` passes the mode's own)."""
    return Turn(
        state,
        Reply(
            speech=body + question,
            reprompt=reprompt or question,
            card=card,
            screen=_with_safety_said(screen_for(state, question, touches), body),
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
