"""The one policy for what cannot be answered normally, as every entry point applies it: inside the SDK
(an exception), before it (an envelope the SDK cannot read), and for requests that take no speech."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from skill.builder import answer_envelope, build_skill
from skill.conversation import Mode, Muscle, State
from skill.conversation.state import Question
from skill.handlers import unanswerable
from skill.handlers.unanswerable import Policy, policy_for
from skill.session import SESSION_KEY, state_to_attributes
from skill.speech import readable
from tooling.envelopes import (
    SessionInfo,
    SlotFill,
    apl_runtime_error_request,
    can_fulfill_request,
    envelope,
    intent_request,
    session_ended_request,
)

MID_CHECKS = SessionInfo(
    new=False, attributes=state_to_attributes(State(mode=Mode.CHECKS, question=Question.NOT_EASED))
)
APOLOGY = "Sorry, something went wrong on my side. Let's start again."


@pytest.mark.parametrize(
    ("request_type", "policy"),
    [
        ("CanFulfillIntentRequest", Policy.VERDICT_NO),
        ("SessionEndedRequest", Policy.SILENT),
        ("System.ExceptionEncountered", Policy.SILENT),
        ("Alexa.Presentation.APL.RuntimeError", Policy.SILENT),
        ("AudioPlayer.PlaybackFailed", Policy.SILENT),
        ("PlaybackController.NextCommandIssued", Policy.SILENT),
        ("IntentRequest", Policy.APOLOGY),
        ("LaunchRequest", Policy.APOLOGY),
        ("Alexa.Presentation.APL.UserEvent", Policy.APOLOGY),
        ("Some.FutureRequest", Policy.APOLOGY),
        (None, Policy.APOLOGY),
    ],
)
def test_each_kind_of_request_has_one_answer_when_it_cannot_be_answered_normally(
    request_type: object, policy: Policy
) -> None:
    assert policy_for(request_type) is policy


def unreadable(request: dict[str, Any]) -> dict[str, Any]:
    """The request with a timestamp the SDK cannot read: the envelope never reaches the skill."""
    return {**request, "timestamp": "yesterday"}


def test_an_unreadable_request_that_takes_no_speech_gets_none_and_keeps_the_session() -> None:
    skill = build_skill()
    for request in (session_ended_request(), apl_runtime_error_request([{"type": "LIST_ERROR"}])):
        answered = answer_envelope(skill, envelope(unreadable(request), session=MID_CHECKS))
        assert answered["response"] == {}, request["type"]
        assert answered["sessionAttributes"] == MID_CHECKS.attributes


def test_an_unreadable_name_free_query_is_a_plain_no_and_keeps_nothing() -> None:
    answered = answer_envelope(build_skill(), envelope(unreadable(can_fulfill_request("CrampIntent"))))
    assert answered["response"] == {"canFulfillIntent": {"canFulfill": "NO"}}
    assert answered.get("sessionAttributes") is None


def test_an_unreadable_intent_is_an_apology_and_a_fresh_start() -> None:
    answered = answer_envelope(
        build_skill(), envelope(unreadable(intent_request("AMAZON.YesIntent")), session=MID_CHECKS)
    )
    assert readable(answered["response"]["outputSpeech"]["ssml"]).startswith(APOLOGY)
    assert answered["sessionAttributes"][SESSION_KEY]["mode"] == Mode.ASKED_IF_CRAMPING.value


def test_a_failure_while_answering_a_request_that_takes_no_speech_stays_silent(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A fault injected where a screen's error report is logged: the exception handler answers by the
    same policy, with no speech, and the session's state as it came."""

    def fail(errors: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(unanswerable, "log_screen_errors", fail)
    with caplog.at_level(logging.ERROR):
        answered = answer_envelope(
            build_skill(), envelope(apl_runtime_error_request([{"type": "LIST_ERROR"}]), session=MID_CHECKS)
        )
    assert "outputSpeech" not in answered["response"]
    assert answered["sessionAttributes"] == MID_CHECKS.attributes
    assert [record.getMessage() for record in caplog.records] == ["request failed: RuntimeError"]


def test_an_error_forgets_where_the_person_was_but_not_that_a_stretch_hurt_more(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The apology starts again at the opening question; naming the same muscle then gets the massage,
    never the stretch that hurt more."""
    hurt_more = State(mode=Mode.MASSAGE, muscle=Muscle.CALF, stretch_holds=1, cramping_now=True, worse=True)
    session = SessionInfo(new=False, attributes=state_to_attributes(hurt_more))
    broken = intent_request("CrampIntent")
    del broken["intent"]  # breaks the SDK's own helpers inside the handlers
    skill = build_skill()
    with caplog.at_level(logging.ERROR):
        apology = answer_envelope(skill, envelope(broken, session=session))
    assert readable(apology["response"]["outputSpeech"]["ssml"]).startswith(APOLOGY)
    after = SessionInfo(new=False, attributes=apology["sessionAttributes"])
    calf = intent_request("CrampIntent", {"muscle": SlotFill("calf", "CALF", "calf", matched=True)})
    named = answer_envelope(skill, envelope(calf, session=after))
    spoken = readable(named["response"]["outputSpeech"]["ssml"])
    assert "Very gently stretch" not in spoken and "no more stretching" in spoken
