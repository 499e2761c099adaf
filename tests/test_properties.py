"""Property tests through ``lambda_handler``: random conversations and broken envelopes never break it.

Two families, run by hypothesis (``make test`` runs the repeatable "ci" profile; ``make fuzz`` runs many
more examples with fresh randomness):

- conversations: random walks of up to 20 turns over every intent of the model and the built-ins, with
  random slot values, new sessions and ended sessions mid-walk, and on a device with a screen touches on
  the last screen it showed (also one left from a session that closed); every response is a valid
  envelope, a touch is never "I didn't catch that", and the red-flag checks behave as the seed page says;
- envelopes: good requests with parts missing, retyped or replaced, unknown request types and intents,
  and session attributes that are not ours; the answer is calm speech, or nothing where Alexa wants
  nothing, and never an exception.

The oracle for the checks reads our own state from the session attributes before each turn, which is
what decides what a "yes" means.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from example_budget import examples
from hypothesis import event, given, settings
from hypothesis import strategies as st
from ssml_rules import assert_valid_response

from skill.builder import WrongSkillError, build_skill, lambda_handler_for
from skill.conversation import Mode
from skill.conversation.events import SIGN_BY_INTENT
from skill.conversation.modes import GUIDE_MODES
from skill.conversation.touches import state_token
from skill.session import QUESTION_BY_NAME, SESSION_KEY, state_from_attributes
from skill.speech import readable
from tooling.envelopes import (
    ECHO_SHOW_8,
    ECHO_SPOT,
    FIRE_TV,
    TEST_SKILL_ID,
    VOICE_ONLY,
    SessionInfo,
    SlotFill,
    can_fulfill_request,
    envelope,
    intent_request,
    launch_request,
    session_ended_request,
    touch_request,
)
from tooling.simulator import load_interaction_model

LAMBDA_HANDLER = lambda_handler_for(build_skill())
DEPLOYED_SKILL_ID = TEST_SKILL_ID
LAMBDA_HANDLER_WITH_SKILL_ID = lambda_handler_for(build_skill(skill_id=DEPLOYED_SKILL_ID))
MODEL = load_interaction_model("en-US")
INTENT_NAMES = sorted(intent["name"] for intent in MODEL["intents"])
MUSCLES = [
    (said, value.get("id"), value["name"]["value"])
    for slot_type in MODEL["types"]
    for value in slot_type["values"]
    for said in (value["name"]["value"], *value["name"].get("synonyms", []))
]
# The seed page's four reasons to call, asked one condition at a time, counted here, not taken from the code
# under test: severe; lasting, not easing with stretching, coming back; pain, tingling, weakness; night pain.
CHECK_QUESTION_COUNT = 8
PROVIDER_ADVICE = "call your healthcare provider"
ALL_CLEAR = "If any of those things happen"
DOUBT = "If you're not sure, it's worth checking with your healthcare provider."
STRANGE_REQUEST_TYPES = [
    "CanFulfillIntentRequest",
    "Connections.Response",
    "System.ExceptionEncountered",
    "Alexa.Presentation.APL.UserEvent",
    "Alexa.Presentation.APL.RuntimeError",
    "AudioPlayer.PlaybackStarted",
    "Messaging.MessageReceived",
    "Dialog.InputRequest",
    "Made.Up.Request",
    "",
]
SILENT_REQUEST_TYPES = (
    "SessionEndedRequest",
    "System.ExceptionEncountered",
    "Alexa.Presentation.APL.RuntimeError",
    "AudioPlayer.PlaybackStarted",
)
# Silent even when the envelope cannot be read: an apology would throw away the conversation's state.
SILENT_EVEN_UNREADABLE = ("Alexa.Presentation.APL.RuntimeError",)
CAN_FULFILL = "CanFulfillIntentRequest"  # answered with a verdict, never with speech

# ---------------------------------------------------------------------------------------------------------
# Strategies

slot_fills = st.one_of(
    st.sampled_from(MUSCLES).map(lambda muscle: SlotFill(muscle[0], muscle[1], muscle[2], matched=True)),
    st.text(max_size=30).map(SlotFill),  # a value Alexa could not resolve (ER_SUCCESS_NO_MATCH)
    st.just(SlotFill("")),
    st.just(SlotFill(None)),  # the slot is sent, without a value
)
slots = st.one_of(st.none(), st.builds(lambda fill: {"muscle": fill}, slot_fills), st.just({}))
yes_or_no = st.sampled_from(["AMAZON.YesIntent", "AMAZON.NoIntent"])
turns = st.one_of(
    st.tuples(st.just("intent"), st.sampled_from(INTENT_NAMES), slots),
    st.tuples(st.just("intent"), yes_or_no, st.none()),  # the checks need many of these
    st.tuples(st.just("intent"), st.from_regex(r"[A-Z][A-Za-z]{0,20}Intent", fullmatch=True), st.none()),
    st.tuples(st.just("launch"), st.none(), st.none()),
    # Alexa's name-free query between two turns, outside the session (as Alexa sends it) or inside it:
    # it must change nothing.
    st.tuples(
        st.sampled_from(["can fulfill", "can fulfill in session"]), st.sampled_from(INTENT_NAMES), slots
    ),
    st.tuples(st.just("new session"), st.none(), st.none()),
    st.tuples(st.just("session ended"), st.none(), st.none()),
    # A touch on a target of the last screen the device showed (which target: this number, modulo how
    # many there are); on a speaker, or a screen with nothing to touch, the turn is skipped.
    st.tuples(st.just("touch"), st.integers(min_value=0, max_value=9), st.none()),
    st.tuples(st.just("touch"), st.integers(min_value=0, max_value=9), st.none()),  # (touches are common)
)
# A stretch of a walk that goes through the checks: "should I see a doctor", some noes, maybe a yes, with
# the odd other turn mixed in, so that walks reach the end of the checks often, not by luck.
NO = ("intent", "AMAZON.NoIntent", None)
checks_runs = st.builds(
    lambda noes, ending, interruption: [
        ("intent", "SymptomCheckIntent", None),
        *noes,
        *interruption,
        *ending,
    ],
    st.lists(st.just(NO), min_size=0, max_size=CHECK_QUESTION_COUNT),
    st.sampled_from(
        [[], [("intent", "AMAZON.YesIntent", None)], [NO], [("intent", "UnsureIntent", None)] * 2]
    ),
    st.lists(turns, max_size=1),
)
walks = st.lists(st.one_of(turns.map(lambda turn: [turn]), checks_runs), min_size=1, max_size=8).map(
    lambda segments: [turn for segment in segments for turn in segment][:20]
)
# Half the walks have an emergency or chest pain said at a random turn: it is answered at once, wherever.
AT_ONCE = {
    "EmergencyIntent": "I can't call for help. Call",
    "EmergencySignsIntent": "I can't call for help. Call",
    "FallIntent": "After a fall, if someone is hurt",
    "ChestPainIntent": "Chest pain",
}
# A red flag said in the person's own words ends with the advice to call, from anywhere.
VOLUNTEERED_RED_FLAGS = frozenset(SIGN_BY_INTENT)
walks_with_an_emergency = st.builds(
    lambda walk, at, name: [*walk[:at], ("intent", name, None), *walk[at:]],
    walks,
    st.integers(min_value=0, max_value=20),
    st.sampled_from(sorted(AT_ONCE)),
)
locales = st.sampled_from(["en-US", "en-GB", "en-CA", "en-AU", "en-IN"])
# Half the walks on a speaker, half on a device with a screen (which gets a screen with every answer).
devices = st.sampled_from([VOICE_ONLY, VOICE_ONLY, VOICE_ONLY, ECHO_SHOW_8, ECHO_SPOT, FIRE_TV])
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"


def speech_of(response: dict[str, Any]) -> str:
    speech = response["response"].get("outputSpeech")
    return readable(speech["ssml"]) if speech else ""


# ---------------------------------------------------------------------------------------------------------
# Conversations


@pytest.mark.slow
@settings(max_examples=examples(700))
@given(walk=st.one_of(walks, walks_with_an_emergency), locale=locales, device=devices)
def test_random_conversations_always_get_valid_answers_and_sound_checks(
    walk: list, locale: str, device: Any
) -> None:
    session: SessionInfo | None = None
    shown: dict[str, Any] = {}  # the screen on display (it stays after its session closes) and its token
    shown_token = ""
    for kind, name, slot_values in walk:
        targets = shown.get("touches", [])
        if kind == "touch" and not targets:
            continue
        if kind == "new session" or session is None:
            session = SessionInfo()
            if kind == "new session":
                continue
        if kind.startswith("can fulfill"):
            in_session = kind.endswith("in session")
            request = can_fulfill_request(name, slot_values, locale=locale)
            query = envelope(request, session=session, in_session=in_session)
            answer = LAMBDA_HANDLER(json.loads(json.dumps(query)), None)
            assert set(answer["response"]) == {"canFulfillIntent"}, "a name-free query gets a verdict only"
            assert answer["response"]["canFulfillIntent"]["canFulfill"] in ("YES", "MAYBE", "NO")
            assert "sessionAttributes" not in answer
            continue
        if kind == "launch":
            request = launch_request(locale=locale)
        elif kind == "session ended":
            request = session_ended_request(locale=locale)
        elif kind == "touch":
            target = targets[name % len(targets)]
            touched = (target["event"], shown_token)
            request = touch_request([target["event"], target["detail"]], token=shown_token, locale=locale)
        else:
            request = intent_request(name, slot_values, locale=locale)
        before = state_from_attributes(session.attributes)
        sent = envelope(request, session=session, device=device)
        response = LAMBDA_HANDLER(json.loads(json.dumps(sent)), None)
        assert_valid_response(response)
        spoken = speech_of(response)
        screens = [
            directive
            for directive in response["response"].get("directives") or []
            if directive.get("type") == RENDER_DOCUMENT
        ]
        if device is VOICE_ONLY or kind == "session ended":
            assert not screens, "a voice-only device (or a session that ended) gets no screen"
        else:
            assert len(screens) == 1 and screens[0]["datasources"]["cramp_coach"]["kind"], "one screen"
            shown, shown_token = screens[0]["datasources"]["cramp_coach"], screens[0]["token"]
        ends = response["response"].get("shouldEndSession")
        after = response.get("sessionAttributes") or {}
        red_flag_yes = False
        if kind == "touch":
            where = "where the user is" if touched[1] == state_token(before) else "another moment"
            event(f"a touch on the screen of {where}")
            assert not spoken.startswith("Sorry, I didn't catch that"), "a touch is never the fallback"
            assert ends or state_from_attributes(after).fallbacks == 0, "a touch never counts as not caught"
            red_flag_yes = touched[0] == "yes" and touched[1].startswith("cramp-coach.checks.")
            if red_flag_yes:
                event("yes touched on a red-flag question")
                assert spoken.startswith("Please " + PROVIDER_ADVICE) and ends is True, (
                    "a touched yes: advice"
                )

        if kind == "session ended":
            assert spoken == "", "nothing may be said when the session has ended"
        else:
            assert spoken, f"{kind} {name} got no speech"
        if before.mode is Mode.CHECKS and name == "AMAZON.YesIntent":
            event("a yes in the checks")
            assert spoken.startswith("Please " + PROVIDER_ADVICE) and ends is True, (
                "a yes ends with the advice"
            )
        if before.mode is Mode.CHECKS and name == "UnsureIntent" and before.unsure:
            event("unsure twice in the checks")
            assert spoken.startswith(DOUBT) and ends is True, "unsure twice: advice worded for doubt"
        last_question = before.question == CHECK_QUESTION_COUNT - 1
        if before.mode is Mode.CHECKS and name == "AMAZON.NoIntent" and last_question:
            event("all noes")
            assert ends is True and (ALL_CLEAR in spoken or before.not_eased), (
                "all noes end with the all-clear"
            )
        if PROVIDER_ADVICE in spoken and ends:
            known = before.worse or before.not_eased  # "it hurts more", or held twice and still cramping
            volunteered = name in VOLUNTEERED_RED_FLAGS
            assert before.mode in {Mode.CHECKS, *GUIDE_MODES} or red_flag_yes or known or volunteered, (
                "the advice to call comes from the checks or the guide, a reason already known, "
                "a red flag said in the person's words, or a yes on a red-flag screen"
            )
        if name in AT_ONCE:
            event(f"{name} at a random turn")
            assert spoken.startswith(AT_ONCE[name]) and ends is True, "an emergency is answered at once"
        if name == "AMAZON.FallbackIntent":
            assert "emergency, call" in spoken, "every miss names the emergency number"
            in_the_guide = before.mode in GUIDE_MODES or (
                before.mode is Mode.AFTER_INFO_MID_CRAMP and before.resume in GUIDE_MODES
            )
            if before.fallbacks >= (3 if in_the_guide else 2):
                assert ends is True, "a run of misses ends, never looping"
                assert "Call your healthcare provider if you have any of these" in spoken or (
                    "Please " + PROVIDER_ADVICE in spoken
                ), "a run of misses ends with when to call"
            elif before.fallbacks < 2 or in_the_guide:
                assert ends is False, "a first or second miss asks again (mid-guide, a third too)"

        stored = after.get(SESSION_KEY, {})
        if stored.get("mode") == Mode.CHECKS and not ends:
            assert stored["question"] in QUESTION_BY_NAME, "one question per condition, by its name"
        if before.mode is Mode.CHECKS and name == "AMAZON.NoIntent" and not last_question and not ends:
            skipped = state_from_attributes(after).question - before.question - 1
            assert stored.get("mode") == Mode.CHECKS and skipped in (0, 1), (
                "a no leads to the next question (past one the conversation already knows)"
            )
        if ends or kind == "session ended":
            session = None
        else:
            session.new = False
            session.attributes = after


# ---------------------------------------------------------------------------------------------------------
# Envelopes

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)


def paths_of(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a JSON document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths_of(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths_of(child, (*prefix, index))
    return found


@st.composite
def broken_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """A real-shaped envelope, then a few random breakages of its fields, types and session attributes."""
    base = draw(
        st.sampled_from(
            [
                launch_request(),
                intent_request("CrampIntent", {"muscle": SlotFill("calf", "CALF", "calf", matched=True)}),
                intent_request("AMAZON.YesIntent"),
                intent_request("CausesIntent", {}),
                can_fulfill_request("CrampIntent", {"muscle": SlotFill("calf", "CALF", "calf", True)}),
                session_ended_request(),
            ]
        )
    )
    event = envelope(copy.deepcopy(base))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        breakage = draw(st.sampled_from(["drop", "retype", "request type", "intent", "attributes"]))
        paths = paths_of(event)
        if breakage in ("drop", "retype") and paths:
            path = draw(st.sampled_from(paths))
            parent = event
            for key in path[:-1]:
                parent = parent[key]
            if breakage == "drop":
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(json_values)
        elif breakage == "request type" and isinstance(event.get("request"), dict):
            event["request"]["type"] = draw(st.sampled_from(STRANGE_REQUEST_TYPES))
        elif breakage == "intent" and isinstance(event.get("request"), dict):
            event["request"]["intent"] = {"name": draw(st.text(max_size=40)), "slots": draw(json_values)}
        elif breakage == "attributes" and isinstance(event.get("session"), dict):
            event["session"]["attributes"] = draw(
                st.one_of(
                    json_values,
                    st.fixed_dictionaries({SESSION_KEY: json_values}),
                    st.fixed_dictionaries(
                        {
                            SESSION_KEY: st.fixed_dictionaries(
                                {"version": st.just(0), "mode": st.just("checks")}
                            )
                        }
                    ),
                    st.just({SESSION_KEY: "x" * 200_000}),  # a huge blob
                    st.just({"another_skill": {"state": [1, 2, 3]}}),
                )
            )
    return event


@pytest.mark.slow
@settings(max_examples=examples(1500))
@given(event=broken_envelopes())
def test_broken_envelopes_get_a_calm_answer_and_never_an_exception(event: dict[str, Any]) -> None:
    response = LAMBDA_HANDLER(event, None)
    assert_valid_response(response)
    assert json.loads(json.dumps(response)) == response, "the response is plain JSON"
    request = event.get("request") if isinstance(event.get("request"), dict) else {}
    spoken = speech_of(response)
    if request.get("type") == CAN_FULFILL:
        assert set(response["response"]) == {"canFulfillIntent"}, "a name-free query: a verdict, no speech"
        return
    if request.get("type") not in SILENT_REQUEST_TYPES:
        assert spoken, "every request that may be answered gets a calm spoken answer"
    if request.get("type") in SILENT_EVEN_UNREADABLE:
        assert not spoken and "outputSpeech" not in response["response"], "a screen's error: no speech"
    if request.get("type") in SILENT_REQUEST_TYPES and spoken:  # (a retyped type is never in the set)
        # Alexa accepts no speech for these; speech is only allowed when the envelope was unreadable
        # and got the apology (the SDK could not tell what it was).
        assert spoken.startswith("Sorry, something went wrong on my side."), spoken
    if spoken:
        assert response["response"]["shouldEndSession"] in (True, False)


@pytest.mark.slow
@settings(max_examples=examples(500))
@given(event=broken_envelopes())
def test_as_deployed_with_a_skill_id_broken_envelopes_are_answered_or_refused_as_the_sdk_does(
    event: dict[str, Any],
) -> None:
    """With SKILL_ID set (as on Lambda), an envelope whose application id is missing or another's is
    refused with WrongSkillError (a failed invocation: Lambda's way of refusing); the rest is answered."""
    try:
        response = LAMBDA_HANDLER_WITH_SKILL_ID(event, None)
    except WrongSkillError as refusal:
        assert "another skill" in str(refusal)
        system = event.get("context", {}).get("System") if isinstance(event.get("context"), dict) else None
        application = system.get("application") if isinstance(system, dict) else None
        application_id = application.get("applicationId") if isinstance(application, dict) else None
        assert application_id != DEPLOYED_SKILL_ID, "our own skill's request was refused"
        return
    assert_valid_response(response)
