"""CanFulfillIntentRequest: Alexa asks, before any name-free routing, whether this skill could take a request.

Someone mid-cramp says "Alexa, I have a cramp in my calf", not "ask cramp coach ...". Alexa then asks the
skills that might help whether they can (Alexa docs, "Implement CanFulfillIntentRequest for Name-free
Interactions", developer.amazon.com/en-US/docs/alexa/custom-skills/
implement-canfulfillintentrequest-for-name-free-interaction.html). The answer is only a verdict: the docs
forbid any observable effect, so it has no speech, no card, no reprompt, no session flag and no state.

The verdicts:

- YES for what a person says outside the skill that the skill exists to answer: a cramp (with or without
  the muscle) and the five topics; each slot sent is judged on its own.
- MAYBE for one of those when a slot is not understood (a muscle word the model does not know, a slot
  the intent does not have): the skill would still help, by asking where the cramp is.
- NO for a cramp in the chest, the stomach, the side or the jaw: no muscle cramp of the kind the seed
  page's stretches are for (inside the skill, the chest gets the emergency number, the others the scope
  line).
- NO for everything else: other skills' intents, Alexa's built-ins ("yes", "stop": never a reason to
  pick this skill), the red-flag checks ("check my symptoms", "should I be worried": said to Alexa, they
  are about any health worry, not a cramp; "when should I see a doctor about cramps" is the WhenToCall
  topic), and this skill's in-conversation answers ("it still hurts", "wait", "thanks", "I'm not sure",
  "this is an emergency"). Those mean something only inside a Cramp Coach conversation; claiming them
  name-free would pull someone's "thanks" or "this is an emergency" said to Alexa into a cramp skill.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.conversation import Muscle
from skill.conversation.events import NAME_FREE_INTENTS, SLOTS_BY_INTENT
from skill.handlers.slots import EVENT_BY_PLACE_ID, muscle_of, resolved_id

CAN_FULFILL_REQUEST = "CanFulfillIntentRequest"
YES, MAYBE, NO = "YES", "MAYBE", "NO"

# The intents a person may say to Alexa without the skill's name, and the slots each understands
# (skill.conversation.events declares both).
NAME_FREE_SLOTS_BY_INTENT: Mapping[str, frozenset[str]] = {
    intent: frozenset(SLOTS_BY_INTENT[intent]) for intent in sorted(NAME_FREE_INTENTS)
}
# MuscleType values the skill understands but does not take name-free (see the module docstring): the
# places that are no muscle to coach.
NOT_NAME_FREE_MUSCLE_IDS = frozenset(EVENT_BY_PLACE_ID)


def slot_verdict(intent_name: str, slot_name: str, slot: Any) -> tuple[str, str]:
    """(canUnderstand, canFulfill) for one slot sent with an intent the skill takes name-free.

    The muscle is read exactly as the intent handler reads it (``muscle_of``). Any muscle the interaction
    model resolves is fulfilled (the five with a stretch of their own, the rest with the seed page's
    general stretch, safe for any muscle) but the chest, stomach, side and jaw. A slot sent empty is a cramp
    not yet placed, which the skill handles by asking where. Words that are no muscle the skill knows
    ("my chest") are not understood."""
    if slot_name not in NAME_FREE_SLOTS_BY_INTENT[intent_name]:
        return NO, NO
    if resolved_id(slot) in NOT_NAME_FREE_MUSCLE_IDS:
        return YES, NO
    if muscle_of(slot) is Muscle.UNKNOWN:
        return NO, NO
    return YES, YES


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
