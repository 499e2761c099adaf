"""Every intent the skill knows, as the conversation event that ``skill.conversation.events`` says it
makes: one handler, so that an intent added to the events needs no handler of its own.

Intents mean different things in different places (yes to "is a muscle cramping?" is not yes to "is the
cramping severe?"); this module only names the event, and the conversation decides.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_slot, is_request_type
from ask_sdk_model import Response

from skill.conversation.events import EVENT_BY_INTENT, LAUNCH_REQUEST, MUSCLE_SLOT, Event, EventKind
from skill.conversation.state import Mode
from skill.handlers.slots import read_place
from skill.handlers.turn import current_state, respond


class LaunchRequestHandler(AbstractRequestHandler):
    """ "Alexa, open cramp coach"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(LAUNCH_REQUEST)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EventKind.LAUNCH))


class IntentHandler(AbstractRequestHandler):
    """An intent the events declare: its event; for a cramp, the event the named place makes, read by
    ``read_place`` exactly as CanFulfill reads it (its muscle's stretch, or the chest, scope, emergency,
    fall or red-flag answer its words call for)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and (
            get_intent_name(handler_input) in EVENT_BY_INTENT
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        event = EVENT_BY_INTENT[str(get_intent_name(handler_input))]
        if event.kind in (EventKind.CRAMP, EventKind.PREGNANCY):
            asked_thigh_side = current_state(handler_input).mode is Mode.ASKED_THIGH_SIDE
            slot = get_slot(handler_input, MUSCLE_SLOT)
            event = place_event(event, read_place(slot, answering_thigh_side=asked_thigh_side))
        return respond(handler_input, event)


def place_event(said: Event, place: Event) -> Event:
    """A cramp's place as the intent said it: a muscle keeps the intent's event (a cramp, or a cramp in
    pregnancy, with that muscle); a place that is no muscle to coach (the chest, the belly) or words that
    say an emergency are answered for what they are, whichever intent carried them."""
    if place.kind is EventKind.CRAMP:
        return said._replace(muscle=place.muscle)
    return place
