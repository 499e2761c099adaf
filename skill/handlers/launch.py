"""The skill's opening: "Alexa, open cramp coach"."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind
from skill.handlers.turn import respond


class LaunchRequestHandler(AbstractRequestHandler):
    """Opens the skill with the one question that matters: is a muscle cramping now?"""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EventKind.LAUNCH))
