"""Screens on Echo Show, Echo Spot and Fire TV: every mode gets its screen on a device with one and none on
a speaker, every touch target is the spoken word's event, and a speaker never loads a document."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.builder import build_skill, lambda_handler_for
from skill.conversation import CHECK_QUESTIONS, EventKind, Mode, Muscle, State, Topic, step
from skill.conversation.events import event_from_touch
from skill.conversation.state import Question
from skill.conversation.touches import screen_token, state_token, touched
from skill.reply import ScreenKind
from skill.screen import (
    APL_VERSION,
    RESPONSE_SIZE_LIMIT_BYTES,
    can_show,
    datasources,
    hold_of,
    load_document,
    screen_of,
)
from skill.session import state_from_attributes, state_to_attributes
from skill.speech import render
from tooling.conversation_states import EVERY_EVENT, every_state
from tooling.envelopes import (
    ECHO_SHOW_8,
    SCREEN_DEVICES,
    VOICE_ONLY,
    Device,
    SessionInfo,
    envelope,
    intent_request,
    launch_request,
    touch_request,
)
from tooling.screen_samples import conversation_screens

REPO = Path(__file__).resolve().parent.parent
LAMBDA_HANDLER = lambda_handler_for(build_skill())
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
SAMPLE_SCREENS = list(conversation_screens())


def screens_of(response: dict[str, Any]) -> list[dict[str, Any]]:
    directives = response["response"].get("directives") or []
    return [directive for directive in directives if directive.get("type") == RENDER_DOCUMENT]


def send(request: dict[str, Any], device: Device, attributes: dict[str, Any] | None = None) -> Any:
    session = SessionInfo(new=attributes is None, attributes=copy.deepcopy(attributes or {}))
    return LAMBDA_HANDLER(json.loads(json.dumps(envelope(request, session=session, device=device))), None)


def test_the_document_declares_the_version_the_skill_checks_against_and_no_imports() -> None:
    document = load_document()
    assert document["type"] == "APL"
    assert tuple(int(number) for number in document["version"].split(".")) == APL_VERSION
    # No package imports: the device would fetch them, and the validator could not check them offline.
    assert "import" not in document


@pytest.mark.parametrize("device", SCREEN_DEVICES, ids=lambda device: device.name)
def test_a_device_with_a_screen_gets_the_document_and_a_speaker_gets_none(device: Device) -> None:
    on_screen = screens_of(send(launch_request(), device))
    assert len(on_screen) == 1
    assert on_screen[0]["token"] == "cramp-coach.asked_if_cramping"
    assert on_screen[0]["document"] == load_document()
    assert screens_of(send(launch_request(), VOICE_ONLY)) == []


# When each APL feature the document uses was added (Amazon's APL reference, "Version added" columns and
# the apl-core-library changelog): a property name, a command or component type, or a word in a binding.
APL_FEATURE_ADDED = {
    "role": (1, 5),  # base component, "Accessibility: Added actions and role" (1.5.0)
    "wrap": (1, 4),  # Container (absent from the APL 1.3 Container reference, present in 1.4)
    "Time.format": (1, 3),  # "Added Time functions ... elapsedTime, localTime, utcTime" (1.3.0)
    "elapsedTime": (1, 3),
    "onMount": (1, 1),
    "SetFocus": (1, 1),
    "accessibilityLabel": (1, 1),
    "inheritParentState": (1, 0),
    "TouchWrapper": (1, 0),
    "SendEvent": (1, 0),
}


def _words_of(node: Any) -> set[str]:
    """Every property name, and every word of every string (types, bindings), in a JSON document."""
    if isinstance(node, dict):
        return set(node).union(*(_words_of(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_words_of(value) for value in node))
    return set(re.findall(r"[A-Za-z][\w.]*", node)) if isinstance(node, str) else set()


def test_the_document_declares_the_lowest_apl_version_that_has_every_feature_it_uses() -> None:
    words = _words_of(load_document())
    used = {feature: added for feature, added in APL_FEATURE_ADDED.items() if feature in words}
    assert {"role", "wrap", "Time.format", "elapsedTime"} <= set(used)
    assert max(used.values()) == APL_VERSION == (1, 5), used


@pytest.mark.parametrize(
    ("max_version", "shown"),
    [
        ("1.5", True),
        ("1.9", True),
        ("2023.3", True),
        ("2024.2", True),
        ("2025.1", True),
        ("1.4", False),
        ("1.0", False),
        ("x", False),
    ],
)
def test_a_device_whose_apl_runtime_is_older_than_the_document_gets_voice_only(
    max_version: str, shown: bool
) -> None:
    device = ECHO_SHOW_8._replace(
        supported_interfaces={"Alexa.Presentation.APL": {"runtime": {"maxVersion": max_version}}}
    )
    assert can_show(max_version) is shown
    assert len(screens_of(send(launch_request(), device))) == int(shown)


def test_every_mode_and_event_gets_a_screen_with_text_and_touch_targets_the_skill_handles() -> None:
    """For every state the conversation can be in and every event: the screen has something to read; an
    open session offers touch targets; each target's arguments come back as its own event, and that event,
    in the state it was shown in, is understood (never "I didn't catch that")."""
    kinds = set()
    for state in every_state():
        for event in EVERY_EVENT:
            turn = step(state, event)
            screen = screen_of(turn)
            kinds.add(screen.kind)
            shown = datasources(screen, "en-US")["cramp_coach"]
            assert shown["heading"] or shown["lines"], (state, event)
            if turn.reply.end_session:
                assert not shown["touches"], "an ended session offers nothing to touch"
                continue
            assert shown["touches"], (state.mode, event)
            for touch in screen.touches:
                event = event_from_touch(touch.arguments)
                assert event is not None, touch
                touched = step(turn.state, event)
                assert touched.state.fallbacks == 0 or event.kind is EventKind.STOP, (state, touch)
    assert kinds == set(ScreenKind)


def test_a_guide_step_counts_down_its_hold_from_when_the_speech_reaches_it() -> None:
    turn = step(State(mode=Mode.ASKED_IF_CRAMPING), EVERY_EVENT[0])  # a calf cramp
    screen = screen_of(turn)
    shown = datasources(screen, "en-US", hold_of(screen, turn.reply))["cramp_coach"]
    assert shown["kind"] == "step" and shown["heading"].startswith("Very gently stretch your calf")
    words_before_hold = "Very gently stretch your calf: leg straight, pull the top of your foot toward you. "
    words_before_hold += "Stop if it hurts more."
    # The hold is three 10-second pauses and the cues said between them, at 150 words a minute: the
    # countdown reaches 0:00 when Alexa says "Good. Now ease off slowly.", not 3 seconds before.
    cues = "Keep holding, and breathe freely. Almost there."
    assert shown["hold"] == {
        "seconds": 33,
        "lengthMs": 30_000 + round(len(cues.split()) / 150 * 60_000),
        "startsAfterMs": round(len(words_before_hold.split()) / 150 * 60_000),
        "label": "Hold",
    }
    assert [target["label"] for target in shown["touches"]] == [
        "Next",
        "It still hurts",
        "It hurts more",
        "It's gone",
        "Repeat",
        "End",
    ]
    # The countdown is derived from elapsedTime in the document, never from counting ticks.
    countdowns = re.findall(r'"text": "(\$\{Time\.format[^"]+)"', json.dumps(load_document(), indent=1))
    assert len(countdowns) == 1 and "elapsedTime" in countdowns[0] and "startsAfterMs" in countdowns[0]


@pytest.mark.parametrize(
    ("left_ms", "shown"),
    [(32_800, "0:33"), (30_001, "0:31"), (30_000, "0:30"), (999, "0:01"), (1, "0:01"), (0, "0:00")],
)
def test_the_countdown_rounds_the_seconds_left_up_and_shows_0_00_only_when_the_hold_is_over(
    left_ms: int, shown: str
) -> None:
    """Time.format('m:ss') drops the part of a second; the document adds 999 ms first (APL's Time.format
    is floor division, as here)."""
    (countdown,) = re.findall(r"Time\.format\('m:ss', (\d+) \+ Math\.max\(0, ", json.dumps(load_document()))
    total = int(countdown) + left_ms
    assert f"{total // 60_000}:{total // 1000 % 60:02d}" == shown


def test_the_provider_advice_shows_the_local_emergency_number() -> None:
    advice = [directive for name, directive in SAMPLE_SCREENS if name.startswith("01-07")]
    shown = advice[0]["datasources"]["cramp_coach"]
    assert shown["kind"] == "advice" and shown["heading"] == "Call your healthcare provider"
    assert "If this is an emergency, call 911." in [line["text"] for line in shown["lines"]]
    emergency = step(State(mode=Mode.STRETCH), next(e for e in EVERY_EVENT if e.kind is EventKind.EMERGENCY))
    for locale, number in [("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112"), ("en-CA", "911")]:
        shown = datasources(screen_of(emergency), locale)["cramp_coach"]
        assert shown["kind"] == "advice" and f"Call {number} now" in shown["lines"][0]["text"], locale


def test_every_touch_target_in_every_sent_document_is_handled_as_its_spoken_word() -> None:
    """Walk the screens of whole conversations; send each target's SendEvent arguments (as the document
    binds them) as a UserEvent in the session it was shown in: the answer is the conversation's step for
    that event, never the fallback."""
    press = load_document()["layouts"]["TouchTarget"]["item"]["onPress"]
    assert press[0]["type"] == "SendEvent" and press[0]["arguments"] == ["${event}", "${detail}"]
    handler = LAMBDA_HANDLER
    checked = 0
    for conversation_screen in _screens_with_their_sessions():
        attributes, shown, token = conversation_screen
        for target in shown["touches"]:
            arguments = [target["event"], target["detail"]]
            before = state_from_attributes(attributes)
            response = handler(
                json.loads(
                    json.dumps(
                        envelope(
                            touch_request(arguments, token=token),
                            session=SessionInfo(new=False, attributes=copy.deepcopy(attributes)),
                            device=ECHO_SHOW_8,
                        )
                    )
                ),
                None,
            )
            expected = step(before, event_from_touch(arguments))
            assert expected.state.fallbacks == 0, target
            assert response["response"]["outputSpeech"]["ssml"] == render(expected.reply, "en-US").speech_ssml
            checked += 1
    assert checked > 50


def _screens_with_their_sessions() -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """(session attributes after the turn, its screen, its token) for every open-session turn of the
    samples."""
    from skill.builder import build_skill as _build
    from tooling.screen_samples import SAMPLE_CONVERSATIONS
    from tooling.simulator import UtteranceResolver, load_interaction_model
    from tooling.speaker import Speaker

    resolver = UtteranceResolver(load_interaction_model("en-US"))
    handler = lambda_handler_for(_build())
    found = []
    for conversation in SAMPLE_CONVERSATIONS:
        speaker = Speaker(handler, resolver, device=ECHO_SHOW_8)
        for said in conversation:
            touched = said.startswith("[") and said.endswith("]")
            turn = speaker.touch(said[1:-1]) if touched else speaker.say(said)
            if not turn.session_ended and turn.screen is not None:
                found.append((turn.response["sessionAttributes"], turn.screen, turn.screens[0]["token"]))
    return found


@pytest.mark.parametrize(
    "arguments", [[], ["launch", ""], ["cramp", "elbow"], ["info", "gossip"], [42], "yes", None, ["fallback"]]
)
def test_a_touch_the_skill_never_offers_gets_the_help_here_not_the_fallback(arguments: Any) -> None:
    request = touch_request([], token=state_token(State()))
    request["arguments"] = arguments
    response = send(request, ECHO_SHOW_8, {})
    speech = response["response"]["outputSpeech"]["ssml"]
    assert "didn't catch" not in speech and "talk you through a cramp" in speech
    assert response["response"]["shouldEndSession"] is False


def test_the_sample_conversations_reach_every_kind_of_screen_within_the_response_size_limit() -> None:
    kinds = {directive["datasources"]["cramp_coach"]["kind"] for _, directive in SAMPLE_SCREENS}
    assert kinds == {kind.value for kind in ScreenKind}
    for name, directive in SAMPLE_SCREENS:
        size = len(json.dumps({"version": "1.0", "response": {"directives": [directive]}}).encode())
        assert size < RESPONSE_SIZE_LIMIT_BYTES / 5, f"{name}: {size} bytes, with room for speech and card"


@pytest.mark.slow
def test_a_voice_only_request_never_imports_the_screens_or_reads_the_document() -> None:
    """A fresh interpreter answers a whole voice conversation: the screen module is never imported (so
    the document is never read); a screen request then loads it, once."""
    program = """
import json, sys
from skill.builder import build_skill, lambda_handler_for
from tooling.envelopes import ECHO_SHOW_8, SessionInfo, envelope, intent_request, launch_request
handler = lambda_handler_for(build_skill())
session = SessionInfo()
for request in (launch_request(), intent_request("AMAZON.YesIntent"), intent_request("AMAZON.StopIntent")):
    handler(json.loads(json.dumps(envelope(request, session=session))), None)
print("voice", "skill.screen" in sys.modules)
handler(json.loads(json.dumps(envelope(launch_request(), device=ECHO_SHOW_8))), None)
handler(json.loads(json.dumps(envelope(launch_request(), device=ECHO_SHOW_8))), None)
import skill.screen
print("screen", skill.screen.load_document.cache_info().misses, skill.screen.load_document.cache_info().hits)
"""
    finished = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO, check=True, timeout=120
    )
    assert finished.stdout.split("\n")[:2] == ["voice False", "screen 1 1"], finished.stdout + finished.stderr


def test_the_manifest_declares_apl_with_a_round_hub_a_landscape_hub_and_a_tv() -> None:
    manifest = json.loads((REPO / "interaction_model" / "skill.json").read_text(encoding="utf-8"))
    interfaces = manifest["manifest"]["apis"]["custom"]["interfaces"]
    viewports = next(i for i in interfaces if i["type"] == "ALEXA_PRESENTATION_APL")["supportedViewports"]
    assert {(viewport["mode"], viewport["shape"]) for viewport in viewports} == {
        ("HUB", "ROUND"),
        ("HUB", "RECTANGLE"),
        ("TV", "RECTANGLE"),
    }


FIRST_STATE_OF_EACH_MODE = {state.mode: state for state in reversed(every_state())}
DOCUMENT_BINDINGS = set(re.findall(r"payload\.cramp_coach\.(\w+)", json.dumps(load_document())))


@pytest.mark.parametrize("mode", list(Mode), ids=str)
@pytest.mark.parametrize("intent", ["AMAZON.RepeatIntent", "AMAZON.HelpIntent", "AMAZON.YesIntent"])
def test_in_every_mode_a_screen_device_gets_one_document_filled_in_and_a_speaker_none(
    mode: Mode, intent: str
) -> None:
    attributes = state_to_attributes(FIRST_STATE_OF_EACH_MODE[mode])
    for device in SCREEN_DEVICES:
        (directive,) = screens_of(send(intent_request(intent), device, attributes))
        shown = directive["datasources"]["cramp_coach"]
        assert set(shown) >= DOCUMENT_BINDINGS, "every field the document binds is in the datasource"
        assert shown["heading"] or shown["lines"]
    voice = send(intent_request(intent), VOICE_ONLY, attributes)
    assert screens_of(voice) == [] and voice["response"]["outputSpeech"]["ssml"]


def test_a_screen_that_cannot_be_made_is_left_out_and_the_answer_is_still_spoken(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import skill.screen

    monkeypatch.setattr(skill.screen, "DOCUMENT_FILE", str(REPO / "no-such-document.json"))
    skill.screen.load_document.cache_clear()
    try:
        response = send(launch_request(), ECHO_SHOW_8)
    finally:
        monkeypatch.undo()
        skill.screen.load_document.cache_clear()
    assert screens_of(response) == []
    assert "where is it" in response["response"]["outputSpeech"]["ssml"]
    assert "screen left out: FileNotFoundError" in caplog.text


# ---------------------------------------------------------------------------------------------------------
# A touch answers the screen that was touched


def test_each_screen_has_its_own_token_naming_where_the_user_is_and_nothing_about_them() -> None:
    tokens = set()
    for state in every_state():
        for event in EVERY_EVENT:
            turn = step(state, event)
            token = screen_token(turn)
            assert re.fullmatch(r"cramp-coach\.[a-z_]+(\.[a-z0-9_]+)?", token), token
            if not turn.reply.end_session:
                assert token == state_token(turn.state)
                tokens.add(token)
    checks = {f"cramp-coach.checks.{index}" for index in range(len(CHECK_QUESTIONS))}
    assert checks <= tokens, "each red-flag question has its own screen"


def touch(arguments: list[str], token: str, attributes: dict[str, Any] | None = None) -> Any:
    """A touch, in a new session (``attributes`` None: a screen left from a session that closed) or in
    the session whose attributes are given."""
    return send(touch_request(arguments, token=token), ECHO_SHOW_8, attributes)


def spoken(response: dict[str, Any]) -> str:
    return str(response["response"]["outputSpeech"]["ssml"])


@pytest.mark.parametrize("question", list(Question))
def test_yes_on_a_red_flag_question_left_on_screen_after_the_session_closed_gets_that_questions_advice(
    question: Question,
) -> None:
    asked = State(mode=Mode.CHECKS, question=question)
    response = touch(["yes", ""], state_token(asked))
    advice = step(asked, next(event for event in EVERY_EVENT if event.kind is EventKind.YES))
    assert spoken(response) == render(advice.reply, "en-US").speech_ssml
    assert "call your healthcare provider" in spoken(response) and response["response"]["shouldEndSession"]


def test_yes_on_an_earlier_red_flag_question_mid_session_gets_the_advice_for_the_question_touched() -> None:
    now = State(mode=Mode.CHECKS, question=Question.WEAKNESS, safety_said=True, cramping_now=True)
    touched = now._replace(question=Question.SEVERE)  # "Was the cramp severe?"
    response = touch(["yes", ""], state_token(touched), state_to_attributes(now))
    yes = next(event for event in EVERY_EVENT if event.kind is EventKind.YES)
    assert spoken(response) == render(step(touched, yes).reply, "en-US").speech_ssml
    assert spoken(response) != render(step(now, yes).reply, "en-US").speech_ssml, "another red flag's reason"


@pytest.mark.parametrize("arguments", [["no", ""], ["unsure", ""], ["next", ""], ["repeat", ""]])
def test_any_other_answer_on_a_screen_from_a_closed_session_starts_as_the_opening_does(
    arguments: list[str],
) -> None:
    stale = state_token(State(mode=Mode.CHECKS, question=Question.NOT_EASED))
    response = touch(arguments, stale)
    assert spoken(response) == spoken(send(launch_request(), ECHO_SHOW_8))
    assert screens_of(response)[0]["token"] == "cramp-coach.asked_if_cramping"


@pytest.mark.parametrize("token", ["cramp-coach", "cramp-coach.checks.99", "", "nonsense"])
def test_yes_with_a_token_that_is_not_a_red_flag_screen_of_ours_starts_as_the_opening_does(
    token: str,
) -> None:
    response = touch(["yes", ""], token)
    assert spoken(response) == spoken(send(launch_request(), ECHO_SHOW_8))


@pytest.mark.parametrize(
    ("shown", "arguments"),
    [
        (State(mode=Mode.STRETCH), ["yes", ""]),  # Next on the stretch, touched while a question is asked
        (State(mode=Mode.AFTER_INFO, topic=Topic.CAUSES), ["no", ""]),
        (
            State(mode=Mode.CHECKS, question=Question.LASTING),
            ["no", ""],
        ),  # a No never answers another question
    ],
)
def test_an_answer_on_a_screen_of_another_moment_mid_session_asks_the_current_question_again(
    shown: State, arguments: list[str]
) -> None:
    now = State(mode=Mode.CHECKS, question=Question.LIMB_PAIN, safety_said=True, fallbacks=1)
    response = touch(arguments, state_token(shown), state_to_attributes(now))
    assert (
        spoken(response)
        == render(
            step(now, next(e for e in EVERY_EVENT if e.kind is EventKind.REPEAT)).reply, "en-US"
        ).speech_ssml
    )
    assert state_from_attributes(response["sessionAttributes"]) == now._replace(fallbacks=0), (
        "nothing answered; a touch is understood, so the run of 'didn't catch that' ends"
    )


def test_a_muscle_or_stop_touched_on_a_screen_from_a_closed_session_means_what_it_says() -> None:
    stale = state_token(State(mode=Mode.ASKED_WHERE))
    assert "Very gently stretch your calf" in spoken(touch(["cramp", "calf"], stale))
    stopped = touch(["stop", ""], state_token(State(mode=Mode.STRETCH)))
    assert stopped["response"]["shouldEndSession"] is True


def test_it_hurts_more_touched_on_a_screen_left_from_another_moment_still_counts() -> None:
    """A stale guide screen's [It hurts more] is a health answer wherever it is touched: never dropped."""
    massaging = State(mode=Mode.MASSAGE, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True)
    turn = touched(massaging, state_token(State(mode=Mode.STRETCH)), ["worse", ""])
    assert turn.state.worse and turn.reply.end_session, "in the massage, it hurt more: the advice"
    fresh = touched(State(), "cramp-coach.stretch", ["worse", ""])
    assert fresh.state.worse and fresh.state.mode is Mode.ASKED_WHERE, "a new session: severe, then where"
