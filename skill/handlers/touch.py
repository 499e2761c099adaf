"""Touches on a screen: an ``Alexa.Presentation.APL.UserEvent`` becomes the conversation's turn for that
touch (``skill.conversation.touches``: touching "Yes" is YES, on the screen where it was touched). Every
UserEvent is answered here, never by the fallback."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation.events import USER_EVENT_REQUEST
from skill.conversation.touches import touched
from skill.handlers.turn import current_state, respond_with_turn

USER_EVENT = USER_EVENT_REQUEST


class TouchHandler(AbstractRequestHandler):
    """A touch target was touched: the same step as saying its label, where it was shown."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(USER_EVENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        turn = touched(
            current_state(handler_input), getattr(request, "token", None), getattr(request, "arguments", None)
        )
        return respond_with_turn(handler_input, turn)
