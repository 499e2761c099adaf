"""Request and response logging without personal data.

Only the request type, the name of a known intent and the conversation mode are logged: never user,
device, session or request ids, slot values, or what the user answered about their health: yes, no,
"not sure", "it still hurts", "it hurts more", "it's gone", "wait", "this is an emergency" and every
touch on a screen are all logged as one label, "answer", and the response line after an answer leaves
out where it led (the next mode, and whether the session ended); in the guide and the checks it always
leaves out the end (an end there can mean a yes, or a cramp that did not ease).
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation.events import EVENT_BY_INTENT, HEALTH_ANSWER_INTENTS
from skill.conversation.modes import MODES
from skill.handlers.can_fulfill import CAN_FULFILL_REQUEST
from skill.handlers.touch import USER_EVENT
from skill.handlers.turn import current_state

logger = logging.getLogger("skill.requests")

ANSWER = "answer"
# Only intents the skill knows are named in the log: an intent name comes from outside like any other
# request field, and an unknown one could carry anything. The intents of events that tell something
# about health are logged as "answer" (skill.conversation.events says which).
KNOWN_INTENTS = frozenset(EVENT_BY_INTENT)


def _intent_label(handler_input: HandlerInput) -> str:
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) == USER_EVENT:
        return ANSWER  # a touch can be a yes or a no: logged like one
    intent = getattr(request, "intent", None)
    name = getattr(intent, "name", None)
    if name is None:
        return "-"
    if name in HEALTH_ANSWER_INTENTS:
        return ANSWER
    return name if name in KNOWN_INTENTS else "unknown"


class RequestLogger(AbstractRequestInterceptor):
    """Logs what kind of request arrived and where in the conversation it found the user."""

    def process(self, handler_input: HandlerInput) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        request_type = getattr(handler_input.request_envelope.request, "object_type", None) or "-"
        logger.info(
            "request type=%s intent=%s mode=%s",
            request_type,
            _intent_label(handler_input),
            current_state(handler_input).mode.value,
        )


class ResponseLogger(AbstractResponseInterceptor):
    """Logs where the conversation went and whether the session stays open."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        if getattr(handler_input.request_envelope.request, "object_type", None) == CAN_FULFILL_REQUEST:
            return  # a name-free query changes nothing: its request line is all there is to log
        if _intent_label(handler_input) == ANSWER:
            # Where an answer led (the next mode, or the end) would tell the answer: leave both out.
            logger.info("response mode=%s end_session=%s", "-", "-")
            return
        mode = current_state(handler_input).mode  # after the handler: the state it kept
        # In the guide and the checks, whether the session ended tells an answer: leave it out.
        ends = "-" if MODES[mode].resumes else getattr(response, "should_end_session", None)
        logger.info("response mode=%s end_session=%s", mode.value, ends)
