"""CanFulfillIntentRequest: Alexa asks, before any name-free routing, whether this skill could take a request.

Someone mid-cramp says "Alexa, I have a cramp in my calf", not "ask cramp coach ...". Alexa then asks the
skills that might help whether they can (Alexa docs, "Implement CanFulfillIntentRequest for Name-free
Interactions", developer.amazon.com/en-US/docs/alexa/custom-skills/
implement-canfulfillintentrequest-for-name-free-interaction.html). The answer is only a verdict: the docs
forbid any observable effect, so it has no speech, no card, no reprompt, no session flag and no state.

The verdicts:

- YES for what a person says outside the skill that the skill exists to answer: a cramp (with or without
  the muscle) and the five topics; each slot sent is judged on its own.
- MAYBE for one of those when a slot is not understood (words that are no place the skill knows, a slot
  the intent does not have): the skill would still help, by asking where the cramp is.
- NO for everything else: other skills' intents, Alexa's built-ins ("yes", "stop": never a reason to
  pick this skill), the red-flag checks ("check my symptoms", "should I be worried": said to Alexa, they
  are about any health worry, not a cramp; "when should I see a doctor about cramps" is the WhenToCall
  topic), and this skill's in-conversation answers ("it still hurts", "wait", "thanks", "I'm not sure",
  "this is an emergency"). Those mean something only inside a Cramp Coach conversation; claiming them
  name-free would pull someone's "thanks" or "this is an emergency" said to Alexa into a cramp skill.

A cramp's place is read by ``skill.handlers.slots.read_place``, the reading the intent handler uses, and
answered as the event it makes would be (``SOURCES[kind].name_free``): the slot is understood (YES), and
fulfilled only if that event is one the skill takes name-free. So a cramp in a muscle is YES; a "cramp" in
the chest, the stomach, the side or the jaw, and a place whose words say an emergency ("he collapsed"), a
fall ("i fell") or a red flag ("my arm is numb"), is understood and NO, the verdict ChestPainIntent,
OutOfScopeIntent, EmergencyIntent, FallIntent and NumbOrWeakIntent get: inside the skill each is answered
for what it is (the emergency number, the fall line, the provider, the scope line), never coached, and
name-free it is no cramp for this skill to take. Never MAYBE ("I would ask where the cramp is"): the
conversation asks no such thing of those words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation import EventKind, Muscle
from skill.conversation.events import MUSCLE_SLOT, NAME_FREE_INTENTS, SLOTS_BY_INTENT, SOURCES
from skill.handlers.slots import read_place

CAN_FULFILL_REQUEST = "CanFulfillIntentRequest"
YES, MAYBE, NO = "YES", "MAYBE", "NO"

# The intents a person may say to Alexa without the skill's name, and the slots each understands
# (skill.conversation.events declares both).
NAME_FREE_SLOTS_BY_INTENT: Mapping[str, frozenset[str]] = {
    intent: frozenset(SLOTS_BY_INTENT[intent]) for intent in sorted(NAME_FREE_INTENTS)
}


def slot_verdict(intent_name: str, slot_name: str, slot: Any) -> tuple[str, str]:
    """(canUnderstand, canFulfill) for one slot sent with an intent the skill takes name-free.

    The place is read exactly as the intent handler reads it (``read_place``). A cramp in a muscle the
    skill knows, or one not yet placed (the slot sent empty, asked where), is understood and fulfilled;
    words that are no place the skill knows ("left ear") are not understood; a place that makes another
    event (the chest, the stomach, "he collapsed", "i fell", "my arm is numb") is understood, and
    fulfilled only if that event is taken name-free, which none of them is (the module docstring)."""
    if slot_name not in NAME_FREE_SLOTS_BY_INTENT[intent_name] or slot_name != MUSCLE_SLOT:
        return NO, NO
    place = read_place(slot)
    if place.kind is EventKind.CRAMP:
        return (NO, NO) if place.muscle is Muscle.UNKNOWN else (YES, YES)
    return YES, (YES if SOURCES[place.kind].name_free else NO)


def verdict(intent: Any) -> tuple[str, dict[str, tuple[str, str]]]:
    """The intent's verdict and each sent slot's (canUnderstand, canFulfill), as plain strings."""
    name = getattr(intent, "name", None)
    slots = getattr(intent, "slots", None) or {}
    if not isinstance(name, str) or name not in NAME_FREE_SLOTS_BY_INTENT:
        return NO, {str(slot_name): (NO, NO) for slot_name in slots}
    per_slot = {str(slot_name): slot_verdict(name, slot_name, slot) for slot_name, slot in slots.items()}
    if (YES, NO) in per_slot.values():
        return NO, per_slot  # understood, and not this skill's to take
    understood = all(answer == (YES, YES) for answer in per_slot.values())
    return (YES if understood else MAYBE), per_slot


def write_verdict(builder: ResponseFactory, intent: Any) -> Response:
    """The response that carries only the verdict: nothing spoken, shown or kept."""
    # Imported here: only a CanFulfillIntentRequest needs these models, and the cold start of every
    # other request should not pay for importing them.
    from ask_sdk_model.canfulfill import (
        CanFulfillIntent,
        CanFulfillIntentValues,
        CanFulfillSlot,
        CanFulfillSlotValues,
        CanUnderstandSlotValues,
    )

    intent_answer, slot_answers = verdict(intent)
    slots = {
        slot_name: CanFulfillSlot(
            can_understand=CanUnderstandSlotValues(understand),
            can_fulfill=CanFulfillSlotValues(fulfill),
        )
        for slot_name, (understand, fulfill) in slot_answers.items()
    }
    builder.set_can_fulfill_intent(
        CanFulfillIntent(can_fulfill=CanFulfillIntentValues(intent_answer), slots=slots or None)
    )
    return builder.response


class CanFulfillIntentRequestHandler(AbstractRequestHandler):
    """Answers Alexa's name-free question "could you take this?" with a verdict and nothing else."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(CAN_FULFILL_REQUEST)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        return write_verdict(handler_input.response_builder, intent)
