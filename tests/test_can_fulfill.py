"""CanFulfillIntentRequest (skill/handlers/can_fulfill.py): Alexa's name-free "could you take this?" gets a
verdict and nothing else, for every intent of the model, Alexa's built-ins and intents of other skills."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from skill.conversation import Mode, State
from skill.conversation.state import Question
from skill.handlers.can_fulfill import CanFulfillIntentRequestHandler
from skill.session import state_to_attributes
from tooling.envelopes import SessionInfo, SlotFill, can_fulfill_request, envelope
from tooling.simulator import load_interaction_model

MODEL = load_interaction_model("en-US")
CUSTOM_INTENTS = sorted(i["name"] for i in MODEL["intents"] if not i["name"].startswith("AMAZON."))
BUILT_IN_INTENTS = sorted(i["name"] for i in MODEL["intents"] if i["name"].startswith("AMAZON."))
# Written out here, not taken from the code under test: what a person may say to Alexa without the
# skill's name that Cramp Coach exists to answer. The rest of its intents are answers inside its own
# conversation ("it still hurts", "wait", "thanks", "i'm not sure", "this is an emergency"), and the
# red-flag checks, whose words ("check my symptoms", "should i be worried") are about any health worry.
NAME_FREE_INTENTS = {
    "CrampIntent",
    "WhatIsCrampIntent",
    "CausesIntent",
    "TreatmentIntent",
    "PreventionIntent",
    "WhenToCallIntent",
}
IN_CONVERSATION_INTENTS = set(CUSTOM_INTENTS) - NAME_FREE_INTENTS
# A cramp in these is no muscle cramp of the seed page (the chest, the stomach, the side, the jaw).
NOT_NAME_FREE_MUSCLES = {"CHEST", "ABS", "SIDE", "JAW"}
MUSCLE_VALUES = [
    (said, value["id"], value["name"]["value"])
    for slot_type in MODEL["types"]
    for value in slot_type["values"]
    for said in (value["name"]["value"], *value["name"].get("synonyms", []))
]
LIMB_AND_BACK_MUSCLES = [muscle for muscle in MUSCLE_VALUES if muscle[1] not in NOT_NAME_FREE_MUSCLES]
OTHER_MUSCLES = [muscle for muscle in MUSCLE_VALUES if muscle[1] in NOT_NAME_FREE_MUSCLES]
NOTHING_BUT_THE_VERDICT = {"canFulfillIntent"}


def ask(lambda_handler, intent: str, slots: dict[str, SlotFill] | None = None, **options: Any) -> dict:
    """Send a CanFulfillIntentRequest as Alexa does: outside any session, unless a session is given."""
    session = options.pop("session", None)
    request = can_fulfill_request(intent, slots, **options)
    event = envelope(request, session=session, in_session=session is not None)
    return lambda_handler(json.loads(json.dumps(event)), None)


def verdict_of(response: dict) -> dict:
    assert set(response["response"]) == NOTHING_BUT_THE_VERDICT, (
        f"only the verdict may be sent, not {set(response['response']) - NOTHING_BUT_THE_VERDICT}"
    )
    assert "sessionAttributes" not in response, "a name-free query keeps no state"
    return response["response"]["canFulfillIntent"]


def test_the_intents_the_test_names_are_all_in_the_model() -> None:
    assert set(CUSTOM_INTENTS) >= NAME_FREE_INTENTS
    assert IN_CONVERSATION_INTENTS, "the model has in-conversation intents too"


@pytest.mark.parametrize("intent", sorted(NAME_FREE_INTENTS))
def test_each_name_free_intent_without_slots_is_yes(lambda_handler, intent: str) -> None:
    assert verdict_of(ask(lambda_handler, intent)) == {"canFulfill": "YES"}


@pytest.mark.parametrize(("said", "value_id", "name"), LIMB_AND_BACK_MUSCLES)
def test_a_cramp_in_a_limb_back_or_neck_muscle_is_yes_slot_understood_and_fulfilled(
    lambda_handler, said: str, value_id: str, name: str
) -> None:
    """The five muscles with their own stretch and every other one (the seed's general stretch) alike."""
    slots = {"muscle": SlotFill(said, value_id, name, matched=True)}
    assert verdict_of(ask(lambda_handler, "CrampIntent", slots)) == {
        "canFulfill": "YES",
        "slots": {"muscle": {"canUnderstand": "YES", "canFulfill": "YES"}},
    }


@pytest.mark.parametrize(("said", "value_id", "name"), OTHER_MUSCLES)
def test_a_cramp_in_the_stomach_side_or_jaw_is_understood_and_no(
    lambda_handler, said: str, value_id: str, name: str
) -> None:
    slots = {"muscle": SlotFill(said, value_id, name, matched=True)}
    assert verdict_of(ask(lambda_handler, "CrampIntent", slots)) == {
        "canFulfill": "NO",
        "slots": {"muscle": {"canUnderstand": "YES", "canFulfill": "NO"}},
    }


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("calf", ("YES", "YES")),
        ("Hand", ("YES", "YES")),
        ("hamstring", ("YES", "YES")),
        ("calves", ("YES", "YES")),
        ("chest", ("YES", "NO")),
        ("tummy", ("YES", "NO")),
    ],
)
def test_a_slot_sent_without_entity_resolution_is_read_as_the_cramp_handler_reads_it(
    lambda_handler, said: str, expected: tuple[str, str]
) -> None:
    """Amazon's documented query example sends a slot's words alone; a place's own words are still known."""
    event = envelope(can_fulfill_request("CrampIntent"), in_session=False)
    event["request"]["intent"]["slots"] = {"muscle": {"name": "muscle", "value": said}}
    verdict = verdict_of(lambda_handler(event, None))
    assert verdict["slots"]["muscle"] == {"canUnderstand": expected[0], "canFulfill": expected[1]}


@pytest.mark.parametrize("said", ["left ear", "the weather", "my elbow"])
def test_a_muscle_word_the_model_does_not_know_is_maybe_slot_not_understood(
    lambda_handler, said: str
) -> None:
    assert verdict_of(ask(lambda_handler, "CrampIntent", {"muscle": SlotFill(said)})) == {
        "canFulfill": "MAYBE",
        "slots": {"muscle": {"canUnderstand": "NO", "canFulfill": "NO"}},
    }


def test_a_cramp_sent_with_its_slot_empty_is_a_cramp_not_yet_placed_and_yes(lambda_handler) -> None:
    assert verdict_of(ask(lambda_handler, "CrampIntent", {"muscle": SlotFill(None)})) == {
        "canFulfill": "YES",
        "slots": {"muscle": {"canUnderstand": "YES", "canFulfill": "YES"}},
    }


def test_a_slot_the_intent_does_not_have_is_not_understood_and_the_intent_is_maybe(lambda_handler) -> None:
    slots = {"muscle": SlotFill("calf", "CALF", "calf", matched=True), "date": SlotFill("tomorrow")}
    verdict = verdict_of(ask(lambda_handler, "CrampIntent", slots))
    assert verdict["canFulfill"] == "MAYBE"
    assert verdict["slots"]["date"] == {"canUnderstand": "NO", "canFulfill": "NO"}
    assert verdict["slots"]["muscle"] == {"canUnderstand": "YES", "canFulfill": "YES"}
    topic = verdict_of(ask(lambda_handler, "CausesIntent", {"muscle": SlotFill("calf")}))
    assert topic["canFulfill"] == "MAYBE"


@pytest.mark.parametrize("intent", CUSTOM_INTENTS)
def test_every_custom_intent_with_a_slot_it_does_not_have_is_never_yes(lambda_handler, intent: str) -> None:
    verdict = verdict_of(ask(lambda_handler, intent, {"city": SlotFill("boston")}))
    assert verdict["canFulfill"] == ("MAYBE" if intent in NAME_FREE_INTENTS else "NO")
    assert verdict["slots"] == {"city": {"canUnderstand": "NO", "canFulfill": "NO"}}


@pytest.mark.parametrize("intent", sorted(IN_CONVERSATION_INTENTS))
def test_answers_that_mean_something_only_inside_the_conversation_are_no(lambda_handler, intent: str) -> None:
    assert verdict_of(ask(lambda_handler, intent)) == {"canFulfill": "NO"}


@pytest.mark.parametrize("intent", BUILT_IN_INTENTS)
def test_alexas_built_in_intents_are_no(lambda_handler, intent: str) -> None:
    assert verdict_of(ask(lambda_handler, intent)) == {"canFulfill": "NO"}


OTHER_SKILLS_INTENTS = ["PlaySoundIntent", "OrderPizzaIntent", "AMAZON.SearchAction<object@Weather>", ""]


@pytest.mark.parametrize("intent", OTHER_SKILLS_INTENTS)
def test_other_skills_intents_are_no_with_each_slot_sent_not_understood(lambda_handler, intent: str) -> None:
    verdict = verdict_of(ask(lambda_handler, intent, {"Sound": SlotFill("crickets")}))
    assert verdict == {"canFulfill": "NO", "slots": {"Sound": {"canUnderstand": "NO", "canFulfill": "NO"}}}


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"])
def test_every_locale_gets_the_same_verdict(lambda_handler, locale: str) -> None:
    slots = {"muscle": SlotFill("calf", "CALF", "calf", matched=True)}
    assert verdict_of(ask(lambda_handler, "CrampIntent", slots, locale=locale))["canFulfill"] == "YES"


@pytest.mark.parametrize("new", [True, False])
def test_a_query_inside_a_session_gets_no_session_attributes(lambda_handler, new: bool) -> None:
    """Alexa sends the query outside any session; if one came, nothing is written to it."""
    session = SessionInfo(
        new=new, attributes=state_to_attributes(State(mode=Mode.CHECKS, question=Question.COMING_BACK))
    )
    response = ask(lambda_handler, "CausesIntent", session=session)
    assert verdict_of(response) == {"canFulfill": "YES"}


def test_a_failure_while_answering_a_query_is_a_silent_no(lambda_handler, monkeypatch, caplog) -> None:
    def broken(self, handler_input):
        raise RuntimeError("a fault injected into the query handler")

    monkeypatch.setattr(CanFulfillIntentRequestHandler, "handle", broken)
    with caplog.at_level(logging.ERROR):
        response = ask(lambda_handler, "CrampIntent")
    assert verdict_of(response) == {"canFulfill": "NO"}
    assert "request failed: RuntimeError" in [record.getMessage() for record in caplog.records]


def test_an_unreadable_query_is_answered_no_without_a_word(lambda_handler) -> None:
    event = envelope(can_fulfill_request("CrampIntent"), in_session=False)
    event["request"]["intent"] = {"name": 5, "slots": ["not", "a", "mapping"]}
    assert verdict_of(lambda_handler(event, None)) == {"canFulfill": "NO"}


def test_a_query_is_logged_as_its_request_line_only(lambda_handler, no_personal_data_in_logs) -> None:
    logging.getLogger("skill").setLevel(logging.INFO)
    ask(lambda_handler, "CrampIntent", {"muscle": SlotFill("calf", "CALF", "calf", matched=True)})
    lines = [line for line in no_personal_data_in_logs if line.startswith("skill.requests")]
    assert lines == ["skill.requests INFO request type=CanFulfillIntentRequest intent=CrampIntent mode=start"]


def test_the_manifest_declares_the_interface() -> None:
    from tooling.simulator import INTERACTION_MODEL_DIR

    manifest = json.loads((INTERACTION_MODEL_DIR / "skill.json").read_text(encoding="utf-8"))["manifest"]
    interfaces = manifest["apis"]["custom"].get("interfaces", [])
    assert {"type": "CAN_FULFILL_INTENT_REQUEST"} in interfaces
