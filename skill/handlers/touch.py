"""Touches on a screen: an ``Alexa.Presentation.APL.UserEvent`` becomes the conversation event that saying
the touched label sends (touching "Yes" is YES), and goes through the same conversation step.

The arguments are the ones ``skill.screen.touch_arguments`` gives each touch target: the event's kind, and
the muscle or topic it names. Every UserEvent is answered here, never by the fallback: arguments this
version does not send (a document from an older version still on screen, a hand-made request) get the
help for where the user is, which asks the question again.

A touch answers the screen that was touched, which need not be where the conversation is: a screen can
stay on display after its session ended, and a touch on it starts a new one. Each screen's token says
where it was shown (``skill.screen.state_token``); when it is not where the user is now:

- Yes on a red-flag question is the person telling us they have that red flag: the provider advice for
  that question. (The token is the skill's own; the worst a forged one can do is advise calling a
  provider.)
- A touch that says what it means wherever it is touched (a muscle, a topic, Stop) is that event;
  arguments that name nothing get the help, as above.
- Any other answer (Yes, No, Not sure, Next, Repeat) belongs to a question no longer asked: the current
  question is asked again, or, in a new session, the skill starts as the opening does.
"""

from __future__ import annotations

from collections.abc import Sequence

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind, Mode, Muscle, State, Topic, Turn, ask_again, step
from skill.handlers.turn import current_state, respond_with_turn

USER_EVENT = "Alexa.Presentation.APL.UserEvent"
# What a screen can offer to touch: answers and navigation, a muscle, a topic. Anything else ("launch",
# "fallback", a health moment the screen does not offer) is not a touch.
TOUCHABLE_EVENTS = frozenset(
    {
        EventKind.YES,
        EventKind.NO,
        EventKind.UNSURE,
        EventKind.NEXT,
        EventKind.PREVIOUS,
        EventKind.REPEAT,
        EventKind.STOP,
        EventKind.START_CHECKS,
        EventKind.CRAMP,
        EventKind.INFO,
    }
)
KIND_BY_VALUE = {kind.value: kind for kind in TOUCHABLE_EVENTS}
MUSCLE_BY_VALUE = {muscle.value: muscle for muscle in Muscle if muscle is not Muscle.UNKNOWN}
TOPIC_BY_VALUE = {topic.value: topic for topic in Topic}
# Touches that mean the same on any screen: a muscle, a topic, Stop, and arguments that name nothing.
MEANS_THE_SAME_ON_ANY_SCREEN = frozenset({EventKind.CRAMP, EventKind.INFO, EventKind.STOP, EventKind.HELP})


def event_from_touch(arguments: object) -> Event:
    """The event a touch sends; HELP for arguments that name no touch target of ours."""
    if not isinstance(arguments, Sequence) or isinstance(arguments, str) or not arguments:
        return Event(EventKind.HELP)
    kind = KIND_BY_VALUE.get(arguments[0]) if isinstance(arguments[0], str) else None
    detail = arguments[1] if len(arguments) > 1 and isinstance(arguments[1], str) else ""
    if kind is EventKind.CRAMP:
        muscle = MUSCLE_BY_VALUE.get(detail)
        return Event(kind, muscle=muscle) if muscle is not None else Event(EventKind.HELP)
    if kind is EventKind.INFO:
        topic = TOPIC_BY_VALUE.get(detail)
        return Event(kind, topic=topic) if topic is not None else Event(EventKind.HELP)
    return Event(kind) if kind is not None else Event(EventKind.HELP)


class TouchHandler(AbstractRequestHandler):
    """A touch target was touched: the same step as saying its label."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(USER_EVENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        from skill.screen import red_flag_question_of, state_token  # only screen devices touch

        request = handler_input.request_envelope.request
        event = event_from_touch(getattr(request, "arguments", None))
        state = current_state(handler_input)
        token = getattr(request, "token", None)
        if token == state_token(state):
            return respond_with_turn(handler_input, step(state, event))
        return respond_with_turn(
            handler_input, touch_on_another_screen(state, red_flag_question_of(token), event)
        )


def touch_on_another_screen(state: State, red_flag_question: int | None, event: Event) -> Turn:
    """A touch on a screen that does not show where the user is: ``red_flag_question`` is the red-flag
    question that screen asked, if it asked one."""
    if red_flag_question is not None and event.kind is EventKind.YES:
        return step(state._replace(mode=Mode.CHECKS, question=red_flag_question, unsure=0), event)
    if event.kind in MEANS_THE_SAME_ON_ANY_SCREEN:
        return step(state, event)
    if state.mode is Mode.START:  # a new session: start as the opening does
        return step(state, Event(EventKind.LAUNCH))
    return ask_again(state._replace(fallbacks=0), event)  # a touch was understood, like step() says
