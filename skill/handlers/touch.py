"""Touches on a screen: an ``Alexa.Presentation.APL.UserEvent`` becomes the conversation event that saying
the touched label sends (touching "Yes" is YES), and goes through the same conversation step.

The arguments are the ones ``skill.screen.touch_arguments`` gives each touch target: the event's kind, and
the muscle or topic it names. Every UserEvent is answered here, never by the fallback: arguments this
version does not send (a document from an older version still on screen, a hand-made request) get the
help for where the user is, which asks the question again.
"""

from __future__ import annotations

from collections.abc import Sequence

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind, Muscle, Topic
from skill.handlers.turn import respond

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
        arguments = getattr(handler_input.request_envelope.request, "arguments", None)
        return respond(handler_input, event_from_touch(arguments))
