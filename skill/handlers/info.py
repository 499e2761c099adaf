"""Information topics: what a spasm is, causes, how to stop one, prevention, when to call a provider."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind, Topic
from skill.handlers.turn import respond

TOPIC_BY_INTENT: dict[str, Topic] = {
    "WhatIsCrampIntent": Topic.WHAT_IS,
    "CausesIntent": Topic.CAUSES,
    "TreatmentIntent": Topic.TREATMENT,
    "PreventionIntent": Topic.PREVENTION,
    "WhenToCallIntent": Topic.WHEN_TO_CALL,
}


class InfoIntentHandler(AbstractRequestHandler):
    """Answers a topic, any time and as a one-shot."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and (
            get_intent_name(handler_input) in TOPIC_BY_INTENT
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        topic = TOPIC_BY_INTENT[str(get_intent_name(handler_input))]
        return respond(handler_input, Event(EventKind.INFO, topic=topic))
