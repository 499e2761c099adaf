"""Whole conversations, typed as a person would say them, through the real Lambda handler.

Each test reads like a transcript: what the user said, what Alexa said back, and whether the session is
still open. Every response is also checked against Alexa's SSML rules by the ``converse`` fixture.
"""

from __future__ import annotations

import pytest

from skill.speaker import SpokenTurn
from skill.speech import readable


def said(turn: SpokenTurn) -> str:
    return readable(turn.speech_ssml)


def test_happy_path_from_opening_to_provider_advice(converse) -> None:
    opening, stretch, massage, checks, severe, lasting = converse(
        "Alexa, open cramp coach", "yes", "next", "next", "no", "yes"
    )
    assert said(opening) == "Hi, this is Cramp Coach. Is a muscle cramping right now?"
    assert said(stretch).startswith(
        "Let's ease that muscle. Very gently stretch the muscle. Stop if it hurts more."
    )
    assert "[pause 10 s] Keep breathing slowly. [pause 10 s] Almost there. [pause 10 s]" in said(stretch)
    assert 'You can say "Alexa, next" or "Alexa, stop" at any time.' in said(stretch)
    assert stretch.card["title"] == "Easing a cramp"
    assert said(massage).startswith("Now gently massage the muscle.")
    assert "not a diagnosis" in said(massage) and "call nine one one" in said(massage)
    assert said(checks).startswith("Then rest the muscle.")
    assert said(checks).endswith("Is the cramping severe?")
    assert said(severe) == (
        "Has the cramping lasted a long time, not gone away with stretching, or kept coming back?"
    )
    assert said(lasting).startswith("Please call your healthcare provider.")
    assert "keeps coming back is a reason to call" in said(lasting)
    assert "If this is an emergency, call nine one one." in said(lasting)
    assert lasting.session_ended
    assert lasting.card["title"] == "Call your healthcare provider"
    assert "call 911" in lasting.card["content"]
    assert all(not turn.session_ended for turn in (opening, stretch, massage, checks, severe))


def test_all_no_ends_with_rest_and_when_to_call(converse) -> None:
    *_, last = converse("open cramp coach", "yes", "next", "next", "no", "no", "no", "no")
    assert said(last).startswith("Good. Rest the muscle now. If any of those things happen later")
    assert "Pain that wakes you up at night" in last.card["content"], "the card names the signs"
    assert last.session_ended and last.card["title"] == "Rest the muscle"


@pytest.mark.parametrize(
    ("yes_at", "reason"),
    [
        (0, "Severe cramping is a reason to call."),
        (1, "keeps coming back is a reason to call."),
        (2, "Pain, tingling, or weakness in the arms or legs is a reason to call."),
        (3, "Pain that wakes you up at night is a reason to call."),
    ],
)
def test_a_yes_at_each_question_reads_the_provider_advice_at_once(converse, yes_at: int, reason: str) -> None:
    *_, last = converse("ask cramp coach should i see a doctor", *["no"] * yes_at, "yes")
    assert said(last).startswith("Please call your healthcare provider.")
    assert reason in said(last)
    assert last.session_ended
    assert reason in last.card["content"]


def test_one_shot_names_the_muscle_and_uses_its_stretch(converse) -> None:
    (turn,) = converse("Alexa, ask cramp coach to help with my calf cramp")
    assert said(turn).startswith("Let's ease that calf. Sit with your leg straight, and very gently pull")
    assert not turn.session_ended and turn.reprompt_ssml


@pytest.mark.parametrize(
    ("utterance", "stretch"),
    [
        ("my toes are cramping", "Very gently pull your toes back toward your shin."),
        ("i have a cramp in my hamstring", "very gently pull your foot toward you."),
        ("my front of my thigh is cramping", "toward your buttock."),
        ("i've got a cramp in my fingers", "straighten your fingers"),
        ("my neck is cramping", "Very gently stretch the muscle."),
        ("i have a charley horse", "Very gently stretch the muscle."),
    ],
)
def test_the_stretch_is_worded_for_the_muscle_named(converse, utterance: str, stretch: str) -> None:
    (turn,) = converse(f"tell cramp coach {utterance}")
    assert stretch in said(turn)


def test_help_repeat_previous_and_start_over_in_the_middle_of_the_guide(converse) -> None:
    _, stretch, help_turn, massage, repeat, previous, start_over = converse(
        "open cramp coach", "yes", "what can i say", "next", "say that again", "go back", "start over"
    )
    assert said(help_turn).startswith("I'm talking you through a cramp. Say next to go on")
    assert said(help_turn).endswith("Ready for the next step?")
    assert said(repeat).startswith("Now gently massage the muscle.")
    assert said(previous).startswith("Very gently stretch the muscle.")
    assert said(start_over).startswith("Okay, from the top. Let's ease that muscle.")
    assert not any(turn.session_ended for turn in (stretch, help_turn, massage, repeat, previous, start_over))


def test_help_repeat_and_previous_during_the_checks(converse) -> None:
    *_, help_turn, repeat, second, previous = converse(
        "should i see a doctor", "help", "repeat", "no", "previous"
    )
    assert said(help_turn).startswith("I'm asking a few yes or no questions")
    assert said(help_turn).endswith("Is the cramping severe?")
    assert said(repeat).endswith("Is the cramping severe?")
    assert said(second).startswith("Has the cramping lasted a long time")
    assert said(previous) == "Is the cramping severe?"


@pytest.mark.parametrize("stop_word", ["stop", "cancel"])
def test_stop_during_the_checks_ends_the_session(converse, stop_word: str) -> None:
    *_, last = converse("open cramp coach", "yes", "next", "next", "no", stop_word)
    assert said(last) == "Okay. Take care."
    assert last.session_ended and last.reprompt_ssml is None


@pytest.mark.parametrize(
    ("one_shot", "expected", "card_title"),
    [
        ("what is a cramp", "A muscle spasm, also called a cramp,", "What a muscle spasm is"),
        (
            "what causes cramps",
            "Often, the cause of a muscle spasm isn't known.",
            "What causes muscle spasms",
        ),
        ("how do you treat a cramp", "Muscle spasms often come and go quickly.", "Stopping a muscle spasm"),
        ("how do i prevent cramps", "There's little or no evidence", "Preventing muscle spasms"),
        (
            "when should i call a doctor",
            "Call your healthcare provider if you have any of",
            "When to call your",
        ),
    ],
)
def test_info_one_shots_in_a_new_session(converse, one_shot: str, expected: str, card_title: str) -> None:
    (turn,) = converse(f"ask cramp coach {one_shot}")
    assert said(turn).startswith(expected)
    assert said(turn).endswith("?")
    assert turn.card["title"].startswith(card_title)


def test_opening_no_offers_the_topics(converse) -> None:
    _, menu, topic, follow_up = converse("open cramp coach", "no", "what causes cramps", "yes")
    assert said(menu).startswith("I can tell you what a cramp is")
    assert said(menu).endswith("Which would you like?")
    assert "pregnancy." in said(topic)
    assert said(topic).endswith("Would you like to hear how to prevent cramps?")
    assert said(follow_up).startswith("There's little or no evidence")


def test_something_unexpected_gets_i_didnt_catch_that_with_a_reprompt(converse) -> None:
    _, turn = converse("open cramp coach", "order me a pizza")
    assert turn.resolution.intent_name == "AMAZON.FallbackIntent"
    assert said(turn) == "Sorry, I didn't catch that. Please say yes or no. Is a muscle cramping right now?"
    assert turn.reprompt_ssml and not turn.session_ended


def test_navigate_home_goes_back_to_the_opening_question(converse) -> None:
    *_, home = converse("open cramp coach", "yes", "go home")
    assert said(home) == "Okay, back to the start. Is a muscle cramping right now?"


@pytest.mark.parametrize(
    ("locale", "number"), [("en-AU", "triple zero"), ("en-GB", "nine nine nine"), ("en-IN", "one one two")]
)
def test_the_emergency_number_follows_the_locale(converse, locale: str, number: str) -> None:
    (turn,) = converse("ask cramp coach what is a cramp", locale=locale)
    assert f"call {number}." in said(turn)
