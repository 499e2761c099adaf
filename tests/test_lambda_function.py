"""``lambda/lambda_function.py`` answers real-shaped request envelopes, as Lambda would call it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from ssml_rules import assert_valid_response

from skill.builder import WrongSkillError
from skill.session import SESSION_KEY
from tooling.envelopes import (
    TEST_SKILL_ID,
    SessionInfo,
    SlotFill,
    envelope,
    intent_request,
    launch_request,
    session_ended_request,
)

LAMBDA_FUNCTION = Path(__file__).resolve().parent.parent / "lambda" / "lambda_function.py"


def load_lambda_function(monkeypatch: pytest.MonkeyPatch, skill_id: str | None) -> ModuleType:
    """Import the file Lambda imports, fresh, with SKILL_ID set as Lambda's environment would."""
    if skill_id is None:
        monkeypatch.delenv("SKILL_ID", raising=False)
    else:
        monkeypatch.setenv("SKILL_ID", skill_id)
    spec = importlib.util.spec_from_file_location("lambda_function", LAMBDA_FUNCTION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "lambda_function", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def lambda_function(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return load_lambda_function(monkeypatch, TEST_SKILL_ID)


def call(module: ModuleType, event: dict) -> dict:
    response = module.lambda_handler(event, None)
    assert_valid_response(response)
    return response


def speech(response: dict) -> str:
    return response["response"]["outputSpeech"]["ssml"]


def test_launch_request(lambda_function: ModuleType) -> None:
    response = call(lambda_function, envelope(launch_request()))
    assert "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?" in speech(
        response
    )
    assert response["response"]["shouldEndSession"] is False
    assert response["sessionAttributes"][SESSION_KEY]["mode"] == "asked_if_cramping"


def test_intent_request_with_a_resolved_slot_value(lambda_function: ModuleType) -> None:
    slots = {"muscle": SlotFill("calves", "CALF", "calf", matched=True)}
    response = call(lambda_function, envelope(intent_request("CrampIntent", slots)))
    assert "Very gently stretch your calf:" in speech(response)
    assert response["sessionAttributes"][SESSION_KEY]["muscle"] == "calf"


def test_intent_request_with_an_unresolved_slot_value(lambda_function: ModuleType) -> None:
    slots = {"muscle": SlotFill("elbow")}
    response = call(lambda_function, envelope(intent_request("CrampIntent", slots)))
    assert "Where is the cramp:" in speech(response), "words that are no known muscle: ask where"


def test_intent_request_with_an_empty_slot_and_with_no_slots(lambda_function: ModuleType) -> None:
    for slots in ({"muscle": SlotFill(None)}, None):
        response = call(lambda_function, envelope(intent_request("CrampIntent", slots)))
        assert "Where is the cramp" in speech(response), "a cramp with no place: where, first"


def test_session_ended_request_gets_an_empty_response(lambda_function: ModuleType) -> None:
    response = call(lambda_function, envelope(session_ended_request(reason="EXCEEDED_MAX_REPROMPTS")))
    assert "outputSpeech" not in response["response"]
    assert "reprompt" not in response["response"]


def test_a_request_with_no_session_is_answered_without_session_attributes(
    lambda_function: ModuleType,
) -> None:
    response = call(lambda_function, envelope(intent_request("CausesIntent"), in_session=False))
    assert "Often, the cause of a muscle spasm" in speech(response)
    assert response.get("sessionAttributes") is None


def test_a_conversation_carries_its_state_in_session_attributes(lambda_function: ModuleType) -> None:
    session = SessionInfo()
    first = call(lambda_function, envelope(intent_request("SymptomCheckIntent"), session=session))
    session.new, session.attributes = False, first["sessionAttributes"]
    second = call(lambda_function, envelope(intent_request("AMAZON.NoIntent"), session=session))
    assert "Do your cramps last a long time?" in speech(second)


def test_skill_id_from_the_environment_refuses_other_skills(monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_lambda_function(monkeypatch, TEST_SKILL_ID)
    with pytest.raises(WrongSkillError):
        module.lambda_handler(envelope(launch_request(), application_id="amzn1.ask.skill.someone-else"), None)


def test_without_skill_id_any_application_is_served(monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_lambda_function(monkeypatch, None)
    response = call(module, envelope(launch_request(), application_id="amzn1.ask.skill.someone-else"))
    assert "Cramp Coach" in speech(response)


def test_lambda_requirements_pin_the_same_ask_sdk_as_pyproject() -> None:
    import tomllib

    root = LAMBDA_FUNCTION.parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = (root / "lambda" / "requirements.txt").read_text().splitlines()
    lambda_pins = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert {pin for pin in lambda_pins if pin.startswith("ask-sdk")} == {
        pin for pin in project if pin.startswith("ask-sdk")
    }


def broken(change: Callable[[dict], None]) -> dict:
    """A good CrampIntent envelope with one thing broken by ``change``."""
    event = envelope(
        intent_request("CrampIntent", {"muscle": SlotFill("calf", "CALF", "calf", matched=True)})
    )
    change(event)
    return event


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda e: e["request"].update(type="Foo.Bar"), id="request type newer than the SDK"),
        pytest.param(lambda e: e["request"].pop("type"), id="no request type"),
        pytest.param(lambda e: e["request"].update(timestamp="not a time"), id="unparseable timestamp"),
        pytest.param(lambda e: e["session"].update(attributes="a string"), id="attributes a string"),
        pytest.param(lambda e: e["session"].update(attributes=[1, 2]), id="attributes a list"),
        pytest.param(lambda e: e["request"]["intent"].update(slots=[]), id="slots a list"),
        pytest.param(
            lambda e: e["request"]["intent"]["slots"]["muscle"]["resolutions"]["resolutionsPerAuthority"][0][
                "status"
            ].update(code="ER_SOMETHING_NEW"),
            id="unknown resolution status",
        ),
    ],
)
def test_an_envelope_the_sdk_cannot_read_gets_the_apology_not_an_exception(
    lambda_function: ModuleType, change: Callable[[dict], None], caplog: pytest.LogCaptureFixture
) -> None:
    response = call(lambda_function, broken(change))
    assert "Sorry, something went wrong on my side." in speech(response)
    assert response["response"]["shouldEndSession"] is False
    assert response["sessionAttributes"][SESSION_KEY]["mode"] == "asked_if_cramping"
    assert any(record.getMessage().startswith("unreadable request envelope") for record in caplog.records)


def test_with_a_skill_id_an_envelope_without_one_is_refused(lambda_function: ModuleType) -> None:
    event = envelope(launch_request())
    del event["context"]
    with pytest.raises(WrongSkillError):
        lambda_function.lambda_handler(event, None)
