"""The SDK layer: requests become the right events, odd requests get calm answers, errors never escape."""

from __future__ import annotations

import copy
import logging

import pytest
from case_ids import short

from skill.conversation import Mode, Muscle, State
from skill.conversation.state import Question
from skill.session import SESSION_KEY, state_to_attributes
from skill.speech import readable
from tooling.envelopes import (
    SessionInfo,
    SlotFill,
    apl_runtime_error_request,
    envelope,
    intent_request,
    launch_request,
)

OPENING = "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?"


def speech_of(response: dict) -> str:
    return readable(response["response"]["outputSpeech"]["ssml"])


def in_mode(mode: Mode, **fields: object) -> SessionInfo:
    return SessionInfo(new=False, attributes=state_to_attributes(State(mode=mode, **fields)))


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        (SlotFill("calves", "CALF", "calf", matched=True), "Very gently stretch your calf:"),
        (SlotFill("arch", "FOOT", "foot", matched=True), "Very gently stretch your foot:"),
        (
            SlotFill("back of my thigh", "HAMSTRING", "hamstring", matched=True),
            "Stretch the back of your thigh:",
        ),
        (SlotFill("quads", "QUADRICEPS", "quad", matched=True), "Stretch the front of your thigh:"),
        (SlotFill("pinky", "HAND", "hand", matched=True), "Very gently stretch your hand:"),
        (SlotFill("neck", "NECK", "neck", matched=True), "Very gently stretch the muscle."),
        (SlotFill("back", "BACK", "back", matched=True), "Very gently stretch the muscle."),
        (SlotFill("thigh", "THIGH", "thigh", matched=True), "Is it the front or the back of your thigh?"),
        (SlotFill("elbow"), "Where is the cramp:"),
        (SlotFill("calf"), "Very gently stretch your calf:"),
        (SlotFill(None), "Where is the cramp:"),
        (SlotFill("somewhere else", "ELSEWHERE", "somewhere else", matched=True), "Is it a muscle in"),
    ],
)
def test_the_muscle_comes_from_entity_resolution(send, fill: SlotFill, expected: str) -> None:
    response = send(intent_request("CrampIntent", {"muscle": fill}))
    assert speech_of(response).startswith(expected)


@pytest.mark.parametrize(
    "fill", [SlotFill("back", "BACK", "back", matched=True), SlotFill("back"), SlotFill("the back of it")]
)
def test_back_answering_the_thigh_question_is_read_as_the_back_of_the_thigh(send, fill: SlotFill) -> None:
    """The one word whose meaning depends on the question is read where the words are read: "back" is the
    back of the thigh there, and the back (the seed's general stretch) anywhere else."""
    session = in_mode(Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH)
    response = send(intent_request("CrampIntent", {"muscle": fill}), session=session)
    assert speech_of(response).startswith("Stretch the back of your thigh:")


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("StillHurtsIntent", "Where is the cramp"),
        ("WorseIntent", "Severe cramping is a reason to call your healthcare provider."),
        ("BetterIntent", "Good. Remember, I give general information"),
        ("NotReadyIntent", "Take your time."),
        ("EmergencyIntent", "I can't call for help"),
        ("ThanksIntent", "Glad to help."),
        ("UnsureIntent", "Hi, this is Cramp Coach."),
    ],
    ids=short,
)
def test_each_mid_cramp_intent_reaches_its_event(send, intent: str, expected: str) -> None:
    assert speech_of(send(intent_request(intent))).startswith(expected)


def test_an_unknown_intent_gets_i_didnt_catch_that_with_a_reprompt(send) -> None:
    response = send(intent_request("OrderPizzaIntent"), session=in_mode(Mode.STRETCH))
    assert speech_of(response).startswith("Sorry, I didn't catch that.")
    assert speech_of(response).endswith("Ready for the next step?")
    assert response["response"]["shouldEndSession"] is False
    assert response["response"]["reprompt"]


def test_an_unknown_request_type_gets_a_calm_answer(send) -> None:
    request = {**launch_request(), "type": "Messaging.MessageReceived"}
    response = send(request)
    assert speech_of(response).startswith("Sorry, I didn't catch that.")


def test_alexas_error_report_gets_no_speech(send) -> None:
    request = {**launch_request(), "type": "System.ExceptionEncountered"}
    response = send(request)
    assert "outputSpeech" not in response["response"]


def test_a_failure_inside_the_skill_becomes_an_apology_and_a_fresh_start(send, caplog) -> None:
    # An IntentRequest without its intent breaks the SDK's own helpers inside the handlers.
    request = intent_request("CrampIntent")
    del request["intent"]
    with caplog.at_level(logging.ERROR):
        response = send(request, session=in_mode(Mode.CHECKS, question=Question.NOT_EASED))
    assert speech_of(response) == f"Sorry, something went wrong on my side. Let's start again. {OPENING}"
    assert response["response"]["reprompt"]
    assert response["sessionAttributes"][SESSION_KEY]["mode"] == Mode.ASKED_IF_CRAMPING.value
    assert [record.getMessage() for record in caplog.records] == ["request failed: AttributeError"]


def test_tampered_session_attributes_start_fresh(send) -> None:
    session = SessionInfo(
        new=False, attributes={SESSION_KEY: {"version": 1, "mode": "checks", "question": 9}}
    )
    response = send(intent_request("AMAZON.YesIntent"), session=session)
    assert speech_of(response) == f"Hi, this is Cramp Coach. {OPENING}"


def test_a_one_shot_without_a_session_still_gets_its_answer(lambda_handler) -> None:
    response = lambda_handler(envelope(intent_request("SymptomCheckIntent"), in_session=False), None)
    assert speech_of(response).endswith("Are your cramps severe?")
    assert response.get("sessionAttributes") is None


@pytest.mark.parametrize(
    "error",
    [
        {"type": "LIST_ERROR", "reason": "INVALID_DATASOURCE", "listId": "x", "message": "quoted data"},
        {"type": "RENDER_FAILURE", "message": "quoted data"},  # a type the SDK does not know
    ],
    ids=["known", "unknown"],
)
def test_a_screens_error_report_mid_checks_says_nothing_and_keeps_the_state(
    send, caplog: pytest.LogCaptureFixture, error: dict
) -> None:
    """Alexa expects no speech for an APL RuntimeError: no "didn't catch that", no fallback counted, no
    fresh start; the next yes is still the answer to the red-flag question on screen."""
    session = in_mode(Mode.CHECKS, question=Question.COMING_BACK, safety_said=True)
    kept = copy.deepcopy(session.attributes)
    with caplog.at_level(logging.INFO):
        response = send(apl_runtime_error_request([error]), session=session)
    assert "outputSpeech" not in response["response"] and "reprompt" not in response["response"]
    assert response["response"].get("shouldEndSession") is not True
    assert response["sessionAttributes"] == kept
    assert f"Alexa.Presentation.APL.RuntimeError types={error['type']}" in caplog.text
    assert "quoted data" not in caplog.text, "an error's message can quote the document's data"
    session.new, session.attributes = False, response["sessionAttributes"]
    answer = send(intent_request("AMAZON.YesIntent"), session=session)
    assert speech_of(answer).startswith("Please call your healthcare provider")


def test_a_screens_error_type_that_is_no_plain_name_is_logged_as_unknown(
    send, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        send(apl_runtime_error_request([{"type": "user said: my calf", "message": "x"}, "junk"]))
    assert "Alexa.Presentation.APL.RuntimeError types=unknown,unknown" in caplog.text
    assert "my calf" not in caplog.text
