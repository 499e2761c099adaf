"""Alexa's built-in intents, the end of a session, and whatever else arrives.

Built-ins mean different things in different places (yes to "is a muscle cramping?" is not yes to "is the
cramping severe?"); this module only names the event, and the conversation decides.
"""

from __future__ import annotations

import logging
import re

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_request_type, is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind
from skill.handlers.turn import respond

EVENT_BY_BUILT_IN_INTENT: dict[str, EventKind] = {
    "AMAZON.YesIntent": EventKind.YES,
    "AMAZON.NoIntent": EventKind.NO,
    "AMAZON.NextIntent": EventKind.NEXT,
    "AMAZON.PreviousIntent": EventKind.PREVIOUS,
    "AMAZON.RepeatIntent": EventKind.REPEAT,
    "AMAZON.StartOverIntent": EventKind.START_OVER,
    "AMAZON.HelpIntent": EventKind.HELP,
    "AMAZON.StopIntent": EventKind.STOP,
    "AMAZON.CancelIntent": EventKind.STOP,
    "AMAZON.NavigateHomeIntent": EventKind.NAVIGATE_HOME,
    "AMAZON.FallbackIntent": EventKind.FALLBACK,
}

logger = logging.getLogger(__name__)

# A screen reporting an APL error (Alexa.Presentation.APL Interface Reference, "RuntimeError request").
APL_RUNTIME_ERROR = "Alexa.Presentation.APL.RuntimeError"
# Requests to which Alexa accepts no speech: answer with an empty response. The session's attributes go
# back as they came (the SDK writes them back), so the conversation goes on where it was.
SILENT_REQUEST_TYPES = frozenset({"SessionEndedRequest", "System.ExceptionEncountered", APL_RUNTIME_ERROR})
SILENT_REQUEST_PREFIXES = ("AudioPlayer.", "PlaybackController.")
# An APL error type is an upper-case name (LIST_ERROR); anything else from outside is logged as "unknown".
ERROR_TYPE_PATTERN = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


def log_screen_errors(errors: object) -> None:
    """Log the request type and the type of each error a screen reports: never the message, which can
    quote the document's data, nor the token."""
    kinds = []
    for error in errors if isinstance(errors, list) else []:
        kind = error.get("type") if isinstance(error, dict) else getattr(error, "object_type", None)
        kinds.append(kind if isinstance(kind, str) and ERROR_TYPE_PATTERN.fullmatch(kind) else "unknown")
    logger.warning("%s types=%s", APL_RUNTIME_ERROR, ",".join(kinds) or "-")


class BuiltInIntentHandler(AbstractRequestHandler):
    """Yes, no, next, previous, repeat, start over, help, stop, cancel, navigate home, fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and (
            get_intent_name(handler_input) in EVENT_BY_BUILT_IN_INTENT
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        event = Event(EVENT_BY_BUILT_IN_INTENT[str(get_intent_name(handler_input))])
        return respond(handler_input, event)


class SilentRequestHandler(AbstractRequestHandler):
    """The session ended, or Alexa or a screen reports an error: nothing may be said, nothing changes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request_type = str(get_request_type(handler_input))
        return request_type in SILENT_REQUEST_TYPES or request_type.startswith(SILENT_REQUEST_PREFIXES)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        if getattr(request, "object_type", None) == APL_RUNTIME_ERROR:
            log_screen_errors(getattr(request, "errors", None))
        return handler_input.response_builder.response


class UnexpectedRequestHandler(AbstractRequestHandler):
    """Anything no other handler took (an intent this version does not know, a new request type)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EventKind.FALLBACK))
