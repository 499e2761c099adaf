"""Logs carry request type, intent and mode only: no ids, no tokens, no slot values, no yes/no answers."""

from __future__ import annotations

import logging

from log_guard import identifiers_of

from skill.speech import readable


def test_a_whole_conversation_logs_nothing_personal(speaker, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    turns = [
        speaker.say(utterance)
        for utterance in (
            "open cramp coach",
            "my calf is cramping",
            "it still hurts",
            "next",
            "next",
            "i'm not sure",
            "no",
            "no",
            "yes",
        )
    ]
    assert "Please call your healthcare provider." in readable(turns[-1].speech_ssml)
    secrets = set()
    for turn in turns:
        secrets |= identifiers_of(turn.request)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "type=IntentRequest intent=CrampIntent" in logged, "the request log is there"
    for secret in secrets:
        assert secret not in logged
    assert logged.count("intent=answer ") == 5
    for private in (
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "StillHurts",
        "Unsure",
        "calf",
        "end_session=True",
    ):
        assert private not in logged, f"{private!r} is logged"


def test_the_log_guard_of_every_test_recognises_every_id_and_answer() -> None:
    """conftest.no_personal_data_in_logs checks every test's log lines against this pattern: it must
    match every id and token the request builders make, and a yes or no said on its own."""
    from log_guard import PERSONAL_DATA_IN_LOGS

    from tooling.envelopes import envelope, launch_request

    event = envelope(launch_request())
    system = event["context"]["System"]
    for secret in (
        event["session"]["sessionId"],
        event["session"]["user"]["userId"],
        system["device"]["deviceId"],
        system["apiAccessToken"],
        event["request"]["requestId"],
        "intent=AMAZON.YesIntent",
        "intent=AMAZON.NoIntent",
        "intent=UnsureIntent",
        "intent=StillHurtsIntent",
        "intent=WorseIntent",
        "intent=BetterIntent",
        "intent=EmergencyIntent",
    ):
        assert PERSONAL_DATA_IN_LOGS.search(secret), secret
    assert not PERSONAL_DATA_IN_LOGS.search("request type=IntentRequest intent=answer mode=checks")


def test_an_unknown_intent_name_is_not_logged(send, no_personal_data_in_logs: list[str]) -> None:
    from tooling.envelopes import intent_request

    send(intent_request("MyPhoneNumberIs5551234Intent"))
    request_lines = [line for line in no_personal_data_in_logs if "request type=IntentRequest" in line]
    assert request_lines == ["skill.requests INFO request type=IntentRequest intent=unknown mode=start"]


def test_where_an_answer_led_is_not_logged(speaker, no_personal_data_in_logs: list[str]) -> None:
    """The mode after an answer, or the end of the session, would tell the answer (an emergency ends it,
    a no to the opening leads to the topics): after any answer the response line names neither."""
    for utterance in ("open cramp coach", "no", "open cramp coach", "this is an emergency"):
        speaker.say(utterance)
    responses = [line for line in no_personal_data_in_logs if "response" in line]
    assert responses[1] == responses[3] == "skill.requests INFO response mode=- end_session=-"
    assert "info_menu" not in "\n".join(no_personal_data_in_logs)
