"""Touches on a screen: each screen's token says where in the conversation it was shown, and a touch
answers the screen that was touched, which need not be where the conversation is now (a screen can stay on
display after its session ended, and a touch on it starts a new one).

When the touched screen is where the user is, the touch is the event saying its label sends. When not:

- Yes on a red-flag question is the person telling us they have that red flag: the provider advice for
  that question. (The token is the skill's own; the worst a forged one can do is advise calling a
  provider.)
- A touch that says what it means on any screen (a muscle, a topic, Stop) is that event.
- Any other answer (Yes, No, Not sure, Next, Repeat) belongs to a question no longer asked: the current
  question is asked again, or, in a new session, the skill starts as the opening does.

Arguments that name no touch target of ours get the help for where the user is. Each is an event of its
own (``YES_ON_A_QUESTION_SHOWN``, ``ANSWER_TO_A_SCREEN_GONE``), stepped through the table like any other,
so where a touch lands is declared there and walked by its tests: this module only reads the screen.
"""

from __future__ import annotations

from skill.conversation.events import SAME_ON_ANY_SCREEN, Event, EventKind, event_from_touch
from skill.conversation.state import Mode, Question, State, Turn
from skill.conversation.table import step

TOKEN_PREFIX = "cramp-coach"


def state_token(state: State) -> str:
    """The token of the screen that shows this state of an open session: the mode, and for the checks
    the red-flag question's number, for a topic the topic. It names a place in the skill's own
    conversation, nothing about the person, and is never logged."""
    match state.mode:
        case Mode.CHECKS:
            detail = str(int(state.question))  # its place in the order, as screens of earlier versions
        case Mode.AFTER_INFO | Mode.AFTER_INFO_MID_CRAMP:
            detail = state.topic.value
        case _:
            detail = ""
    return ".".join(part for part in (TOKEN_PREFIX, state.mode.value, detail) if part)


def screen_token(turn: Turn) -> str:
    """The token of a turn's screen: where it leaves the user, or the end of the session."""
    return f"{TOKEN_PREFIX}.end" if turn.reply.end_session else state_token(turn.state)


RED_FLAG_QUESTION_BY_TOKEN = {state_token(State(mode=Mode.CHECKS, question=key)): key for key in Question}


def red_flag_question_of(token: object) -> Question | None:
    """The red-flag question the screen with this token asked, or None for any other screen, or a token
    that is not one of ours."""
    return RED_FLAG_QUESTION_BY_TOKEN.get(token) if isinstance(token, str) else None


def event_of_touch(state: State, token: object, arguments: object) -> Event:
    """The event a touch with these UserEvent arguments on the screen with this token makes, where the
    conversation is now: it is stepped like any other (``touched``)."""
    event = event_from_touch(arguments) or Event(EventKind.HELP)
    if token == state_token(state):
        return event
    red_flag_question = red_flag_question_of(token)
    if red_flag_question is not None and event.kind is EventKind.YES:
        return Event(EventKind.YES_ON_A_QUESTION_SHOWN, question=red_flag_question)
    if event.kind in SAME_ON_ANY_SCREEN or event.kind is EventKind.HELP:
        return event
    return Event(EventKind.ANSWER_TO_A_SCREEN_GONE)


def touched(state: State, token: object, arguments: object) -> Turn:
    """The turn for a touch: the table's step for the event it makes."""
    return step(state, event_of_touch(state, token, arguments))
