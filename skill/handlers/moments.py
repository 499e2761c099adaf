"""What people say in the middle of a cramp, and around it: "it still hurts", "it hurts more", "it's gone",
"wait", "this is an emergency", "thanks", and an unsure "I'm not sure". Each is its own custom intent, so
it means the same in every mode; the conversation decides what it leads to where the user is."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind
from skill.handlers.turn import respond

EVENT_BY_MOMENT_INTENT: dict[str, EventKind] = {
    "StillHurtsIntent": EventKind.STILL_HURTS,
    "WorseIntent": EventKind.WORSE,
    "BetterIntent": EventKind.BETTER,
    "NotReadyIntent": EventKind.NOT_READY,
    "EmergencyIntent": EventKind.EMERGENCY,
    "ThanksIntent": EventKind.THANKS,
    "UnsureIntent": EventKind.UNSURE,
}


class MomentIntentHandler(AbstractRequestHandler):
    """Turns each of these intents into its conversation event."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and (
            get_intent_name(handler_input) in EVENT_BY_MOMENT_INTENT
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EVENT_BY_MOMENT_INTENT[str(get_intent_name(handler_input))]))
