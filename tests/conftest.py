"""Shared fixtures: the skill behind its real Lambda handler, request builders and a ``converse`` helper.

Tests talk to the skill the way Alexa does (envelopes through ``lambda_handler``) or the way a person
does (typed utterances through the simulator's resolver), never by calling handlers directly.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from log_guard import PERSONAL_DATA_IN_LOGS
from ssml_rules import assert_valid_response

from skill.builder import build_skill, lambda_handler_for
from tooling.envelopes import SessionInfo, envelope
from tooling.simulator import UtteranceResolver, load_interaction_model
from tooling.speaker import Speaker, SpokenTurn

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]

# Property tests: a quick, repeatable profile for `make test`; `make fuzz` runs the "fuzz" profile.
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "fuzz", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class _RecordKeeper(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(autouse=True)
def no_personal_data_in_logs() -> Iterator[list[str]]:
    """Every test, transcripts and property tests included, runs with every log record of the skill
    kept (INFO and up, tracebacks included) and fails if one holds an id, a token or a yes/no answer."""
    keeper = _RecordKeeper()
    root, skill_logger = logging.getLogger(), logging.getLogger("skill")
    previous_level = skill_logger.level
    root.addHandler(keeper)
    skill_logger.setLevel(logging.INFO)
    try:
        yield keeper.lines
    finally:
        root.removeHandler(keeper)
        skill_logger.setLevel(previous_level)
    leaks = [line for line in keeper.lines if PERSONAL_DATA_IN_LOGS.search(line)]
    assert leaks == [], f"personal data in {len(leaks)} log lines, for example: {leaks[0]!r}"


@pytest.fixture(scope="session")
def lambda_handler() -> LambdaHandler:
    return lambda_handler_for(build_skill())


@pytest.fixture(scope="session")
def resolver() -> UtteranceResolver:
    return UtteranceResolver(load_interaction_model("en-US"))


@pytest.fixture
def speaker(lambda_handler: LambdaHandler, resolver: UtteranceResolver) -> Speaker:
    """A fresh device, not yet in a session."""
    return Speaker(lambda_handler, resolver)


@pytest.fixture
def converse(speaker: Speaker) -> Callable[..., list[SpokenTurn]]:
    """Say each utterance in turn on one device (or, with ``locale``, on a new device of that locale);
    returns every turn, each checked against Alexa's response rules, for transcript-style tests."""

    def run(*utterances: str, locale: str | None = None) -> list[SpokenTurn]:
        device = speaker if locale is None else Speaker(speaker.lambda_handler, speaker.resolver, locale)
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
