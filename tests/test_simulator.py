"""The utterance resolver: invocation forms, built-ins, slots and the fallback, as Alexa resolves them."""

from __future__ import annotations

import pytest

from tooling.simulator import FALLBACK_INTENT, LAUNCH, UtteranceResolver


@pytest.mark.parametrize(
    "utterance", ["open cramp coach", "Alexa, open Cramp Coach.", "start cramp coach", "ask cramp coach"]
)
def test_invocation_alone_launches(resolver: UtteranceResolver, utterance: str) -> None:
    resolution = resolver.resolve(utterance)
    assert resolution.request_type == LAUNCH and resolution.invoked


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("ask cramp coach to help with my calf cramp", "CrampIntent"),
        ("tell cramp coach i have a cramp", "CrampIntent"),
        ("ask cramp coach what causes cramps", "CausesIntent"),
        ("ask cramp coach about preventing cramps", "PreventionIntent"),
        ("ask cramp coach should i see a doctor", "SymptomCheckIntent"),
        ("ask cramp coach for help", "AMAZON.HelpIntent"),
    ],
)
def test_one_shots_resolve_to_the_intent_after_the_invocation(
    resolver: UtteranceResolver, utterance: str, intent: str
) -> None:
    resolution = resolver.resolve(utterance)
    assert (resolution.intent_name, resolution.invoked) == (intent, True)


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("Yes.", "AMAZON.YesIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("go back", "AMAZON.PreviousIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("what can i say", "AMAZON.HelpIntent"),
        ("next", "AMAZON.NextIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_built_in_phrasings_resolve(resolver: UtteranceResolver, utterance: str, intent: str) -> None:
    assert resolver.resolve(utterance).intent_name == intent


def test_every_declared_slot_is_sent_even_when_not_said(resolver: UtteranceResolver) -> None:
    resolution = resolver.resolve_in_session("i have a cramp")
    assert resolution.intent_name == "CrampIntent"
    assert resolution.slots is not None and resolution.slots["muscle"].value is None


def test_anything_else_falls_back(resolver: UtteranceResolver) -> None:
    assert resolver.resolve("what's the weather like").intent_name == FALLBACK_INTENT
    assert resolver.resolve("ask cramp coach to order a pizza").intent_name == FALLBACK_INTENT


def test_a_speaker_opens_a_new_session_after_one_ends(speaker) -> None:
    first = speaker.say("ask cramp coach what is a cramp")
    assert first.request["session"]["new"] is True
    second = speaker.say("no")
    assert second.request["session"]["new"] is False and second.session_ended
    third = speaker.say("open cramp coach")
    assert third.request["session"]["new"] is True
    assert third.request["session"]["sessionId"] != first.request["session"]["sessionId"]


@pytest.mark.parametrize(
    ("reply", "intent", "muscle_id"),
    [
        ("my calf", "CrampIntent", "CALF"),
        ("yes my calf", "CrampIntent", "CALF"),
        ("in my toes", "CrampIntent", "FOOT"),
        ("the back of my thigh is cramping", "CrampIntent", "HAMSTRING"),
        ("i've got cramp in my leg", "CrampIntent", "LEG"),
        ("charley horse in my calf", "CrampIntent", "CALF"),
        ("help my hand is cramping", "CrampIntent", "HAND"),
    ],
)
def test_natural_answers_to_is_a_muscle_cramping_name_the_muscle(
    resolver: UtteranceResolver, reply: str, intent: str, muscle_id: str
) -> None:
    resolution = resolver.resolve_in_session(reply)
    assert resolution.intent_name == intent
    assert resolution.slots is not None and resolution.slots["muscle"].resolved_id == muscle_id


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("how do i stop this cramp", "CrampIntent"),
        ("how do i stop a cramp", "TreatmentIntent"),
        ("how do you stop a cramp", "TreatmentIntent"),
        ("how to get rid of a cramp", "TreatmentIntent"),
        ("how to stop one", "TreatmentIntent"),
        ("how do you treat a cramp", "TreatmentIntent"),
        ("why do i get a cramp", "CausesIntent"),
        ("what is a leg cramp", "WhatIsCrampIntent"),
        ("what's the weather in paris", FALLBACK_INTENT),
        ("yes", "AMAZON.YesIntent"),
        ("the weather", "CrampIntent"),  # a short unknown place is taken as where the cramp is, as Alexa does
    ],
)
def test_near_identical_phrasings_land_in_one_intent(
    resolver: UtteranceResolver, utterance: str, intent: str
) -> None:
    assert resolver.resolve_in_session(utterance).intent_name == intent
