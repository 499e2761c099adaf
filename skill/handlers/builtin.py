"""Alexa's built-in intents, the end of a session, and whatever else arrives.

Built-ins mean different things in different places (yes to "is a muscle cramping?" is not yes to "is the
cramping severe?"); this module only names the event, and the conversation decides.
"""

from __future__ import annotations

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

# Requests to which Alexa accepts no speech: answer with an empty response.
SILENT_REQUEST_TYPES = frozenset({"SessionEndedRequest", "System.ExceptionEncountered"})
SILENT_REQUEST_PREFIXES = ("AudioPlayer.", "PlaybackController.")


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
    """The session ended (or Alexa reports an error): nothing may be said, and nothing is kept."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request_type = str(get_request_type(handler_input))
        return request_type in SILENT_REQUEST_TYPES or request_type.startswith(SILENT_REQUEST_PREFIXES)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class UnexpectedRequestHandler(AbstractRequestHandler):
    """Anything no other handler took (an intent this version does not know, a new request type)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EventKind.FALLBACK))
