"""Shared fixtures: the skill behind its real Lambda handler, request builders and a ``converse`` helper.

Tests talk to the skill the way Alexa does (envelopes through ``lambda_handler``) or the way a person
does (typed utterances through the simulator's resolver), never by calling handlers directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from ssml_rules import assert_valid_response

from skill.builder import build_skill, lambda_handler_for
from skill.envelopes import SessionInfo, envelope
from skill.simulator import UtteranceResolver, load_interaction_model
from skill.speaker import SpeakerSession, SpokenTurn

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


@pytest.fixture(scope="session")
def lambda_handler() -> LambdaHandler:
    return lambda_handler_for(build_skill())


@pytest.fixture(scope="session")
def resolver() -> UtteranceResolver:
    return UtteranceResolver(load_interaction_model("en-US"))


@pytest.fixture
def speaker(lambda_handler: LambdaHandler, resolver: UtteranceResolver) -> SpeakerSession:
    """A fresh device, not yet in a session."""
    return SpeakerSession(lambda_handler, resolver)


@pytest.fixture
def converse(speaker: SpeakerSession) -> Callable[..., list[SpokenTurn]]:
    """Say each utterance in turn on one device (or, with ``locale``, on a new device of that locale);
    returns every turn, each checked against Alexa's response rules, for transcript-style tests."""

    def run(*utterances: str, locale: str | None = None) -> list[SpokenTurn]:
        device = (
            speaker if locale is None else SpeakerSession(speaker.lambda_handler, speaker.resolver, locale)
        )
        turns = [device.say(utterance) for utterance in utterances]
        for turn in turns:
            assert_valid_response(turn.response)
        return turns

    return run


@pytest.fixture
def send(lambda_handler: LambdaHandler) -> Callable[..., dict[str, Any]]:
    """Send one request body in a fresh session (or none, with ``in_session=False``)."""

    def run(request: dict[str, Any], *, session: SessionInfo | None = None, in_session: bool = True) -> Any:
        response = lambda_handler(envelope(request, session=session, in_session=in_session), None)
        assert_valid_response(response)
        return response

    return run
