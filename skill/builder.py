"""Assembles the skill: the one ordered list of handlers, the interceptors and the exception handler."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope

from skill.handlers.builtin import (
    BuiltInIntentHandler,
    SilentRequestHandler,
    UnexpectedRequestHandler,
)
from skill.handlers.cramp import CrampIntentHandler, SymptomCheckIntentHandler
from skill.handlers.errors import CatchAllExceptionHandler
from skill.handlers.info import InfoIntentHandler
from skill.handlers.launch import LaunchRequestHandler
from skill.handlers.request_log import RequestLogger, ResponseLogger

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def build_skill(skill_id: str | None = None) -> CustomSkill:
    """Build the skill; when ``skill_id`` is given, requests for any other skill are refused by the SDK."""
    builder = SkillBuilder()
    builder.skill_id = skill_id
    # Order matters: the SDK asks each handler in turn and the first whose can_handle() is true wins, so
    # the catch-all for unexpected requests must stay last.
    for handler in (
        LaunchRequestHandler(),
        CrampIntentHandler(),
        SymptomCheckIntentHandler(),
        InfoIntentHandler(),
        BuiltInIntentHandler(),
        SilentRequestHandler(),
        UnexpectedRequestHandler(),
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(RequestLogger())
    builder.add_global_response_interceptor(ResponseLogger())
    return builder.create()


def lambda_handler_for(skill: CustomSkill) -> LambdaHandler:
    """An AWS Lambda handler for an already built skill.

    ``SkillBuilder.lambda_handler()`` builds a new ``CustomSkill`` on every request; building once and
    reusing it across warm invocations is safe because the skill keeps no per-user state.
    """

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = skill.invoke(request_envelope=envelope, context=context)
        return skill.serializer.serialize(response)  # type: ignore[no-any-return]

    return lambda_handler
