"""What to answer when a request cannot be answered normally: the one policy, for every entry point.

- A name-free query (CanFulfillIntentRequest) may have no observable effect: a plain NO, nothing else.
- A request Alexa accepts no speech for (the session ended, Alexa's or a screen's error report, audio
  player events): an empty response, with the session's attributes as they came, so the conversation goes
  on where it was. A screen's errors are logged by type only.
- Anything else that fails (an error inside the skill, an envelope the SDK cannot read): a short apology
  and the opening question, from a fresh state. After an error we cannot know which question the person
  heard last, and a "yes" must never be taken as the answer to a red-flag question they were not asked.
- An intent or request type this version does not know is not a failure: it is the conversation's
  FALLBACK ("sorry, I didn't catch that", fitted to where the person is).

The SDK's exception handler, the silent and unexpected request handlers here, and ``skill.builder`` for
envelopes the SDK cannot read all decide through ``policy_for`` and answer through ``answer``.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from typing import NamedTuple

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.utils import get_request_type
from ask_sdk_model import Response

from skill.conversation import Event, EventKind, State, restart_after_error
from skill.handlers.can_fulfill import CAN_FULFILL_REQUEST, write_verdict
from skill.handlers.turn import apl_max_version, current_state, respond, write_response
from skill.session import state_to_attributes

logger = logging.getLogger(__name__)

# A screen reporting an APL error (Alexa.Presentation.APL Interface Reference, "RuntimeError request").
APL_RUNTIME_ERROR = "Alexa.Presentation.APL.RuntimeError"
# Requests to which Alexa accepts no speech.
SILENT_REQUEST_TYPES = frozenset({"SessionEndedRequest", "System.ExceptionEncountered", APL_RUNTIME_ERROR})
SILENT_REQUEST_PREFIXES = ("AudioPlayer.", "PlaybackController.")
# An APL error type is an upper-case name (LIST_ERROR); anything else from outside is logged as "unknown".
ERROR_TYPE_PATTERN = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


class Policy(StrEnum):
    """How a request that cannot be answered normally is answered."""

    VERDICT_NO = "verdict_no"
    SILENT = "silent"
    APOLOGY = "apology"


class Answer(NamedTuple):
    """The response, and what becomes of the session's attributes."""

    response: Response
    state: State | None  # the state to keep; None: keep the attributes as they came (or none, for a query)


def is_silent(request_type: object) -> bool:
    return isinstance(request_type, str) and (
        request_type in SILENT_REQUEST_TYPES or request_type.startswith(SILENT_REQUEST_PREFIXES)
    )


def policy_for(request_type: object) -> Policy:
    if request_type == CAN_FULFILL_REQUEST:
        return Policy.VERDICT_NO
    if is_silent(request_type):
        return Policy.SILENT
    return Policy.APOLOGY


def answer(
    policy: Policy,
    *,
    locale: str | None = None,
    builder: ResponseFactory | None = None,
    apl_runtime: str | None = None,
    known: State | None = None,
) -> Answer:
    """Write the policy's response (with the opening screen for a device whose APL runtime is given);
    ``known`` is the state the request carried, when it could be read."""
    builder = builder or ResponseFactory()
    match policy:
        case Policy.VERDICT_NO:
            return Answer(write_verdict(builder, None), None)
        case Policy.SILENT:
            return Answer(builder.response, None)
        case Policy.APOLOGY:
            turn = restart_after_error(known)
            return Answer(write_response(builder, turn, locale, apl_runtime=apl_runtime), turn.state)


def log_screen_errors(errors: object) -> None:
    """Log the request type and the type of each error a screen reports: never the message, which can
    quote the document's data, nor the token."""
    kinds = []
    for error in errors if isinstance(errors, list) else []:
        kind = error.get("type") if isinstance(error, dict) else getattr(error, "object_type", None)
        kinds.append(kind if isinstance(kind, str) and ERROR_TYPE_PATTERN.fullmatch(kind) else "unknown")
    logger.warning("%s types=%s", APL_RUNTIME_ERROR, ",".join(kinds) or "-")


class SilentRequestHandler(AbstractRequestHandler):
    """The session ended, or Alexa or a screen reports an error: nothing may be said, nothing changes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_silent(get_request_type(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        if getattr(request, "object_type", None) == APL_RUNTIME_ERROR:
            log_screen_errors(getattr(request, "errors", None))
        return answer(Policy.SILENT, builder=handler_input.response_builder).response


class UnexpectedRequestHandler(AbstractRequestHandler):
    """Anything no other handler took (an intent this version does not know, a new request type)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, Event(EventKind.FALLBACK))


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Any exception inside the skill: the policy's answer for the request, never a crash."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        # The type only: messages and tracebacks can quote request content.
        logger.error("request failed: %s", type(exception).__name__)
        envelope = handler_input.request_envelope
        request = envelope.request
        answered = answer(
            policy_for(getattr(request, "object_type", None)),
            locale=getattr(request, "locale", None),
            builder=handler_input.response_builder,
            apl_runtime=apl_max_version(handler_input),
            known=current_state(handler_input) if envelope.session is not None else None,
        )
        if answered.state is not None and envelope.session is not None:
            handler_input.attributes_manager.session_attributes = state_to_attributes(answered.state)
        return answered.response
