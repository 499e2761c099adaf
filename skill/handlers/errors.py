"""The last line of defence: any exception becomes a short apology and a fresh start, never a crash."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation import restart_after_error
from skill.handlers.can_fulfill import CAN_FULFILL_REQUEST, write_verdict
from skill.handlers.turn import respond_with_turn

logger = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Apologises and restarts at the opening question.

    The state is reset on purpose: after an error we cannot know which question the user heard last, and
    a "yes" must never be taken as the answer to a red-flag question the user was not asked.
    """

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        # The type only: messages and tracebacks can quote request content.
        logger.error("request failed: %s", type(exception).__name__)
        if getattr(handler_input.request_envelope.request, "object_type", None) == CAN_FULFILL_REQUEST:
            return write_verdict(handler_input.response_builder, None)  # a name-free query never speaks
        return respond_with_turn(handler_input, restart_after_error())
