"""Assembles the skill: the one ordered list of handlers, the interceptors and the exception handler."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, cast

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope, ResponseEnvelope

from skill.handlers.can_fulfill import CAN_FULFILL_REQUEST, CanFulfillIntentRequestHandler
from skill.handlers.intents import IntentHandler, LaunchRequestHandler
from skill.handlers.request_log import RequestLogger, ResponseLogger
from skill.handlers.touch import TouchHandler
from skill.handlers.turn_metrics import TurnMetricsWriter
from skill.handlers.unanswerable import (
    APL_RUNTIME_ERROR,
    CatchAllExceptionHandler,
    Policy,
    SilentRequestHandler,
    UnexpectedRequestHandler,
    answer,
    log_screen_errors,
    policy_for,
)
from skill.serializer import EnvelopeSerializer
from skill.session import state_to_attributes

logger = logging.getLogger(__name__)

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


class WrongSkillError(AskSdkException):
    """A request for another skill (or one without a skill id) where this one is deployed with its id.

    Raised, as the SDK raises its own refusal, so that Lambda reports a failed invocation and Alexa
    never hears an answer meant for another skill; a subclass, so callers need not know the SDK's."""


def build_skill(
    skill_id: str | None = None,
    *,
    serializer: DefaultSerializer | None = None,
    turn_metrics: bool = False,
) -> CustomSkill:
    """Build the skill; when ``skill_id`` is given, requests for any other skill are refused by the SDK.

    ``serializer`` reads and writes the envelopes: ``EnvelopeSerializer`` unless another is given (the
    benchmarks give the SDK's own ``DefaultSerializer``, to measure the path it replaced in the same run).
    ``turn_metrics`` prints a CloudWatch metric line per spoken turn (``skill.handlers.turn_metrics``):
    only Lambda asks for it, where CloudWatch reads standard output.
    """
    builder = SkillBuilder()
    builder.skill_id = skill_id  # type: ignore[assignment]  # the SDK annotates it as always None
    # Order matters: the SDK asks each handler in turn and the first whose can_handle() is true wins, so
    # the catch-all for unexpected requests must stay last.
    for handler in (
        CanFulfillIntentRequestHandler(),  # a name-free query carries an intent, but is never that intent
        LaunchRequestHandler(),
        IntentHandler(),  # every intent skill.conversation.events declares
        TouchHandler(),  # a touch on a screen: before the catch-all, so touches never reach the fallback
        SilentRequestHandler(),
        UnexpectedRequestHandler(),
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(RequestLogger())
    if turn_metrics:
        builder.add_global_request_interceptor(TurnMetricsWriter())
    builder.add_global_response_interceptor(ResponseLogger())
    skill = builder.create()
    # The SDK's serializer with what never changes between requests remembered (skill/serializer.py):
    # the same model objects and JSON, proven against the SDK's own in tests/test_serializer.py.
    skill.serializer = serializer or EnvelopeSerializer()
    return skill


def lambda_handler_for(skill: CustomSkill) -> LambdaHandler:
    """An AWS Lambda handler for an already built skill.

    ``SkillBuilder.lambda_handler()`` builds a new ``CustomSkill`` on every request; building once and
    reusing it across warm invocations is safe because the skill keeps no per-user state.
    """

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        check_application_id(event, skill.skill_id)
        return answer_envelope(skill, event, context=context)

    return lambda_handler


def answer_envelope(
    skill: CustomSkill, event: Any, *, payload: str | None = None, context: Any = None
) -> dict[str, Any]:
    """One request envelope in, one response envelope out: the path Lambda and the web service share.

    ``EnvelopeSerializer`` reads ``event`` as it is, already parsed (on Lambda by the runtime, in the web
    service by the verifier, from the very bytes it verified): parsing it again would cost a JSON dump and
    load per request. ``payload``, the envelope's JSON text when the caller has it, is for a serializer
    that reads text (the SDK's own, the benchmarks' baseline).

    An envelope the SDK cannot read (a request type newer than the SDK, a wrong-typed field) never reaches
    the skill's exception handler, so it is answered here, with the same apology and fresh start, on
    both."""
    serializer = skill.serializer
    try:
        if isinstance(serializer, EnvelopeSerializer) and isinstance(event, dict):
            envelope = serializer.deserialize_data(event, RequestEnvelope)
        else:
            envelope = serializer.deserialize(
                payload=payload if payload is not None else json.dumps(event), obj_type=RequestEnvelope
            )
    except Exception as error:
        logger.error("unreadable request envelope: %s", type(error).__name__)
        return apology_envelope(skill, event)
    response = skill.invoke(request_envelope=envelope, context=context)
    if getattr(envelope.request, "object_type", None) == CAN_FULFILL_REQUEST:
        response.session_attributes = None  # the SDK hands a session's attributes back; a query keeps none
    return cast(dict[str, Any], skill.serializer.serialize(response))


def check_application_id(event: Any, skill_id: str | None) -> None:
    """Refuse a request for another skill, as the SDK would, also when the envelope lacks the id."""
    if skill_id is None:
        return
    system = event.get("context") if isinstance(event, dict) else None
    system = system.get("System") if isinstance(system, dict) else None
    application = system.get("application") if isinstance(system, dict) else None
    if not isinstance(application, dict) or application.get("applicationId") != skill_id:
        raise WrongSkillError("the request is for another skill")


def apology_envelope(skill: CustomSkill, event: Any) -> dict[str, Any]:
    """The response envelope for a request the SDK cannot read, by the one policy for what cannot be
    answered normally (``skill.handlers.unanswerable``), written by the same response writer as every
    other answer: an apology and a fresh start (its state kept only if the request had a session), a
    plain NO for a name-free query, nothing for a request that takes no speech (its session's attributes
    go back as they came)."""
    request = event.get("request") if isinstance(event, dict) else None
    request_type = request.get("type") if isinstance(request, dict) else None
    locale = request.get("locale") if isinstance(request, dict) else None
    policy = policy_for(request_type)
    if request_type == APL_RUNTIME_ERROR:  # (an error type newer than the SDK)
        log_screen_errors(request.get("errors") if isinstance(request, dict) else None)
    answered = answer(policy, locale=locale if isinstance(locale, str) else None)
    session = event.get("session") if isinstance(event, dict) else None
    attributes: Any = None
    if isinstance(session, dict):
        if answered.state is not None:
            attributes = state_to_attributes(answered.state)
        elif policy is Policy.SILENT and isinstance(session.get("attributes"), dict):
            attributes = session["attributes"]
    envelope = ResponseEnvelope(version="1.0", session_attributes=attributes, response=answered.response)
    return cast(dict[str, Any], skill.serializer.serialize(envelope))
