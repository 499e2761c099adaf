"""``python -m skill simulate``: the scripted conversations (``tooling.understanding.CONVERSATION_SETS``)
through the Skill Simulation API (``simulate_skill_v2``), turn by turn in one session each, so that every
turn goes through Alexa's own understanding and the deployed endpoint: the intent each turn reached, and
how many fell back, per conversation and overall (the figure ``bench.understanding`` gives for the
simulator).

A simulation is asynchronous: it starts, then is polled (``get_skill_simulation_v2``) until it is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ask_smapi_model.v2.skill.simulations.device import Device
from ask_smapi_model.v2.skill.simulations.input import Input
from ask_smapi_model.v2.skill.simulations.session import Session
from ask_smapi_model.v2.skill.simulations.session_mode import SessionMode
from ask_smapi_model.v2.skill.simulations.simulations_api_request import SimulationsApiRequest
from ask_smapi_model.v2.skill.simulations.simulations_api_response import SimulationsApiResponse
from ask_smapi_model.v2.skill.simulations.simulations_api_response_status import (
    SimulationsApiResponseStatus,
)

from skill.conversation.events import FALLBACK_INTENT
from tooling.smapi.client import Smapi, SmapiError, Target
from tooling.understanding import load_conversations

# A simulation usually finishes within seconds; the polls are bounded so a stuck one cannot hang the run.
POLL_SECONDS = 1.0
MAX_POLLS = 60
NOT_SENT = "(not sent to the skill)"


@dataclass(frozen=True)
class SimulatedTurn:
    """One thing said, and what reached the skill: an intent's name, a request type, or why nothing did."""

    said: str
    reached: str
    failure: str | None = None  # Alexa's reason when the simulation itself failed

    @property
    def fell_back(self) -> bool:
        return self.reached == FALLBACK_INTENT


@dataclass(frozen=True)
class SimulatedConversation:
    """One scripted conversation, as far as it went (it stops where the skill ended the session)."""

    set_name: str
    name: str
    turns: tuple[SimulatedTurn, ...]

    @property
    def fallbacks(self) -> int:
        return sum(turn.fell_back for turn in self.turns)


def _mapping(value: object) -> Mapping[str, Any]:
    """The envelopes the skill got and sent are plain JSON objects in the model: read them defensively."""
    return value if isinstance(value, Mapping) else {}


def _reached(answer: SimulationsApiResponse) -> tuple[str, bool, str | None]:
    """(what reached the skill, whether the skill ended the session, the failure) of a finished one."""
    result = answer.result
    if answer.status == SimulationsApiResponseStatus.FAILED:
        reason = result.error.message if result is not None and result.error is not None else None
        return "(simulation failed)", False, str(reason or "no reason given")
    invocations = (result and result.skill_execution_info and result.skill_execution_info.invocations) or []
    for invocation in invocations:
        request = _mapping(
            _mapping(invocation.invocation_request and invocation.invocation_request.body).get("request")
        )
        response = _mapping(
            _mapping(invocation.invocation_response and invocation.invocation_response.body).get("response")
        )
        if request:
            reached = (
                _mapping(request.get("intent")).get("name")
                if request.get("type") == "IntentRequest"
                else request.get("type")
            )
            return str(reached), response.get("shouldEndSession") is True, None
    considered = (
        result and result.alexa_execution_info and result.alexa_execution_info.considered_intents
    ) or []
    # Alexa kept it (its own intent, or another skill's): say what it considered, if anything.
    return (f"{NOT_SENT}: {considered[0].name}" if considered else NOT_SENT), False, None


def simulate_turn(
    smapi: Smapi, target: Target, said: str, *, new_session: bool
) -> tuple[SimulatedTurn, bool]:
    """Say one thing; the turn and whether the skill ended the session."""
    request = SimulationsApiRequest(
        input=Input(content=said),
        device=Device(locale=target.locale),
        session=Session(mode=SessionMode.FORCE_NEW_SESSION if new_session else SessionMode.DEFAULT),
    )
    answer = smapi.call(
        f"simulating {said!r}",
        partial(smapi.skills.simulate_skill_v2, target.skill_id, target.stage, request),
        SimulationsApiResponse,
    )
    polls = 0
    while answer.status == SimulationsApiResponseStatus.IN_PROGRESS or answer.status is None:
        polls += 1
        if polls > MAX_POLLS or not answer.id:
            raise SmapiError(f"simulating {said!r}: not finished after {MAX_POLLS} polls")
        smapi.backoff.sleep(POLL_SECONDS)
        answer = smapi.call(
            f"polling the simulation of {said!r}",
            partial(smapi.skills.get_skill_simulation_v2, target.skill_id, target.stage, answer.id),
            SimulationsApiResponse,
        )
    reached, session_ended, failure = _reached(answer)
    return SimulatedTurn(said, reached, failure), session_ended


def simulate_sets(smapi: Smapi, target: Target, sets: Mapping[str, Path]) -> list[SimulatedConversation]:
    """Each conversation of each set in its own session: the first turn opens it, the rest continue it."""
    conversations = []
    for set_name, path in sets.items():
        for conversation in load_conversations(path):
            turns = []
            for number, said in enumerate(conversation["turns"]):
                turn, session_ended = simulate_turn(smapi, target, said, new_session=number == 0)
                turns.append(turn)
                if session_ended:
                    break  # the rest of the script was for a conversation that went another way
            conversations.append(SimulatedConversation(set_name, conversation["name"], tuple(turns)))
    return conversations


def _share(fallbacks: int, turns: int) -> str:
    return f"{fallbacks} of {turns} turns fell back ({fallbacks / turns * 100 if turns else 0:.1f}%)"


def print_simulations(target: Target, conversations: list[SimulatedConversation], out: TextIO) -> None:
    """Every turn with what it reached, then the fallback share per conversation, per set and overall."""
    print(f"Skill Simulation, {target.locale} {target.stage}", file=out)
    for conversation in conversations:
        print(f"[{conversation.set_name}] {conversation.name}", file=out)
        for turn in conversation.turns:
            note = "  (fell back)" if turn.fell_back else (f": {turn.failure}" if turn.failure else "")
            print(f"  {turn.said!r} -> {turn.reached}{note}", file=out)
        print(f"  {_share(conversation.fallbacks, len(conversation.turns))}", file=out)
    for set_name in dict.fromkeys(conversation.set_name for conversation in conversations):
        in_set = [conversation for conversation in conversations if conversation.set_name == set_name]
        turns = sum(len(conversation.turns) for conversation in in_set)
        print(f"{set_name}: {_share(sum(c.fallbacks for c in in_set), turns)}", file=out)
    turns = sum(len(conversation.turns) for conversation in conversations)
    print(f"all: {_share(sum(c.fallbacks for c in conversations), turns)}", file=out)
