"""Whole conversations, typed as a person would say them, through the real Lambda handler.

Each test reads like a transcript: what the user said, what Alexa said back, and whether the session is
still open. Every response is also checked against Alexa's SSML rules by the ``converse`` fixture. The
groups follow the issue that asked for them: the opening, the guide and what people say mid-cramp, the
red-flag checks, not being understood, and information.
"""

from __future__ import annotations

import re

import pytest
from case_ids import short

from skill.speech import readable
from tooling.speaker import SpokenTurn

OPENING_QUESTION = "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?"
STRETCH_CALF = "Very gently stretch your calf: leg straight, pull the top of your foot toward you."
HOLD = "[pause 10 s] Keep holding, and breathe freely. [pause 10 s] Almost there. [pause 10 s]"
SAFETY = "Remember, I give general information, not medical advice or a diagnosis"
SAFETY_LINES = (
    f"{SAFETY}, and I'm no substitute for a healthcare provider. If this is an emergency, call nine one one."
)
NOT_EASED = "Cramping that doesn't go away with stretching is a reason to call your healthcare provider."


def said(turn: SpokenTurn) -> str:
    return readable(turn.speech_ssml)


def before_first_pause(turn: SpokenTurn) -> str:
    return said(turn).split("[pause", 1)[0].strip()


# ---------------------------------------------------------------------------------------------------------
# The opening: the muscle's own stretch within two turns of "open cramp coach"


def test_the_opening_asks_where_and_the_muscle_reaches_its_stretch_in_one_turn(converse) -> None:
    opening, stretch = converse("Alexa, open cramp coach", "my calf")
    assert said(opening) == f"Hi, this is Cramp Coach. {OPENING_QUESTION}"
    assert said(stretch).startswith(f"{STRETCH_CALF} Stop if it hurts more. {HOLD}")
    assert stretch.card["title"] == "Easing a cramp"
    assert not any(turn.session_ended for turn in (opening, stretch))


def test_yes_then_the_muscle_reaches_its_stretch_in_two_turns(converse) -> None:
    _, where, stretch = converse("open cramp coach", "yes", "calf")
    assert said(where) == "Where is the cramp: your calf, foot, thigh, hand, or somewhere else?"
    assert said(stretch).startswith(STRETCH_CALF)


def test_a_thigh_reaches_its_side_s_stretch_in_two_turns(converse) -> None:
    _, side, stretch = converse("open cramp coach", "my thigh", "the back")
    assert said(side) == "Is it the front or the back of your thigh?"
    assert said(stretch).startswith("Stretch the back of your thigh")


def test_naming_the_cramp_at_once_starts_its_stretch_in_one_turn(converse) -> None:
    _, stretch = converse("open cramp coach", "yeah my calf is cramping")
    assert said(stretch).startswith(STRETCH_CALF)


IS_IT_A_MUSCLE = "Is it a muscle in your leg, foot, arm, hand, neck or back?"
GENERAL_STRETCH = "Very gently stretch the muscle. Stop if it hurts more. [pause 10 s]"


def test_a_muscle_without_its_own_stretch_gets_the_seeds_general_form(converse) -> None:
    *_, stretch = converse("open cramp coach", "yes", "my neck")
    assert said(stretch).startswith(GENERAL_STRETCH)


@pytest.mark.parametrize("answer", ["somewhere else", "i don't know"])
def test_a_place_not_known_is_asked_whether_it_is_a_muscle_before_any_stretch(converse, answer) -> None:
    *_, asked, stretch = converse("open cramp coach", "yes", answer, "yes")
    assert said(asked) == IS_IT_A_MUSCLE
    assert said(stretch).startswith(GENERAL_STRETCH)


@pytest.mark.parametrize(
    "answers", [("no",), ("i'm not sure", "i'm not sure"), ("i'm not sure", "i've got cramps")]
)
def test_a_cramp_that_is_not_in_a_muscle_is_never_stretched_or_rested(converse, answers) -> None:
    *_, scope = converse("open cramp coach", "somewhere else", *answers)
    assert said(scope).startswith(
        "I can only help with a muscle cramp in a leg, foot, arm, hand, neck or back."
    )
    assert "stretch" not in said(scope) and "rest the muscle" not in said(scope).lower()
    assert scope.session_ended


@pytest.mark.parametrize("cramp", ["i've got cramps", "help with my cramp", "i have a cramp"])
def test_a_cramp_with_no_place_asks_where_first_then_whether_it_is_a_muscle(converse, cramp) -> None:
    """And never round again: said a third time, the plainer question; a fourth, the scope line."""
    first, again, plainer, scope = converse(
        f"tell cramp coach {cramp}", "i've got a cramp", "i've got a cramp", "i've got a cramp"
    )
    assert said(first) == "Where is the cramp: your calf, foot, thigh, hand, or somewhere else?"
    assert said(again) == IS_IT_A_MUSCLE
    assert said(plainer) == "Is the cramp in your leg, foot, arm, hand, neck or back?"
    assert said(scope).startswith("I can only help with a muscle cramp") and "nine one one" in said(scope)
    assert scope.session_ended


@pytest.mark.parametrize(
    ("side", "stretch"),
    [
        (
            "the back",
            "Stretch the back of your thigh: sit with that leg straight out in front of you",
        ),
        (
            "front",
            "Stretch the front of your thigh: first get somewhere safe, and hold on to a chair or a wall.",
        ),
    ],
    ids=short,
)
def test_a_thigh_asks_which_side_then_stretches_that_side(converse, side: str, stretch: str) -> None:
    *_, question, guide = converse("open cramp coach", "thigh", side)
    assert said(question) == "Is it the front or the back of your thigh?"
    assert said(guide).startswith(stretch)


def test_no_to_the_opening_offers_the_topics(converse) -> None:
    _, menu = converse("open cramp coach", "no")
    assert said(menu).startswith("I can tell you what a cramp is, what causes cramps, how to stop one")
    assert said(menu).endswith("Which would you like?")


def test_not_knowing_where_at_the_opening_asks_whether_it_is_a_muscle(converse) -> None:
    _, turn = converse("open cramp coach", "i don't know")
    assert said(turn) == IS_IT_A_MUSCLE


def test_words_that_are_no_muscle_we_know_ask_where_and_are_never_coached(converse) -> None:
    first, again, general = converse(
        "tell cramp coach i have a cramp in my knee", "my pelvis", "somewhere else"
    )
    assert said(first) == "Where is the cramp: your calf, foot, thigh, hand, or somewhere else?"
    assert said(again).startswith(
        "Sorry, I didn't catch that. In an emergency, call nine one one. Where is the cramp"
    )
    assert said(general) == IS_IT_A_MUSCLE


CHEST_LINE = (
    "Chest pain can be serious. I can't call for help, so call nine one one now. That's nine one one."
)


@pytest.mark.parametrize(
    "chest",
    ["my chest hurts", "i have chest pain", "a cramp in my chest", "my chest feels tight", "my heart hurts"],
)
def test_chest_pain_or_a_cramp_in_the_chest_gets_the_chest_line_never_a_stretch(converse, chest: str) -> None:
    for before in ([], ["my calf"]):
        *_, turn = converse("open cramp coach", *before, chest)
        assert said(turn) == CHEST_LINE and turn.session_ended


def test_breathlessness_is_an_emergency_not_a_cramp(converse) -> None:
    *_, turn = converse("open cramp coach", "i can't breathe")
    assert turn.resolution.intent_name == "EmergencyIntent"
    assert said(turn) == "I can't call for help. Call nine one one now. That's nine one one."


def test_a_sentence_that_is_no_muscle_does_not_throw_away_the_stretch(converse) -> None:
    *_, turn = converse("tell cramp coach my calf is cramping", "my dog")
    assert turn.resolution.intent_name == "CrampIntent"
    assert said(turn).startswith("Sorry, I didn't catch that.")
    assert said(turn).endswith("Ready for the next step?")


# ---------------------------------------------------------------------------------------------------------
# The guide


@pytest.mark.parametrize(
    ("utterance", "instruction"),
    [
        ("my calf is cramping", STRETCH_CALF),
        ("my toes are cramping", "Very gently stretch your foot: pull your toes back toward your shin."),
        (
            "i have a cramp in my hamstring",
            "Stretch the back of your thigh: sit with that leg straight out in front of you, and very "
            "gently pull the top of your foot toward you.",
        ),
        ("the front of my thigh is cramping", "very gently pull that foot up toward your buttock."),
        (
            "i've got a cramp in my fingers",
            "Very gently stretch your hand: with your other hand, push your fingers and thumb straight",
        ),
        ("my neck is cramping", "Very gently stretch the muscle."),
    ],
    ids=short,
)
def test_the_first_instruction_says_stretch_and_very_gently_worded_for_the_muscle(
    converse, utterance: str, instruction: str
) -> None:
    (turn,) = converse(f"tell cramp coach {utterance}")
    first = before_first_pause(turn)
    assert instruction in first
    assert "stretch" in first.lower().split(".")[0].split(":")[0] or "Stretch" in first
    assert "very gently" in first.lower()
    assert first.endswith("Stop if it hurts more.")


def test_the_hold_starts_right_after_the_instruction_and_the_hint_comes_after_it(converse) -> None:
    (turn,) = converse("ask cramp coach to help with my calf cramp")
    assert before_first_pause(turn) == f"{STRETCH_CALF} Stop if it hurts more."
    assert said(turn).endswith(
        "Good. Now ease off slowly. You can say next, it still hurts, or stop, at any time. "
        "Ready for the next step?"
    )
    assert SAFETY not in said(turn), "the safety lines never sit inside a step"


@pytest.mark.parametrize(
    "said_first",
    [
        *((f"tell cramp coach my {muscle} is cramping",) for muscle in ("calf", "foot", "hand")),
        *(
            ("open cramp coach", muscle)
            for muscle in ("my calf", "my foot", "my hand", "calf", "foot is cramping")
        ),
    ],
    ids=" then ".join,
)
def test_the_first_hold_starts_within_eight_seconds_of_the_cramp_being_named(
    converse, said_first: tuple[str, ...]
) -> None:
    """At 150 words a minute, what is said before the first pause of the answer that names the muscle takes
    at most 8 seconds: as a one-shot ("tell cramp coach ..."), and for devices that drop one-shots, after
    "open cramp coach" (the opening question, then the muscle)."""
    *opening, stretch = converse(*said_first)
    if opening:
        assert said(opening[0]).endswith(OPENING_QUESTION)
    words = len(re.findall(r"[\w']+", before_first_pause(stretch)))
    assert "[pause" in said(stretch) and words / 150 * 60 <= 8.0, (
        f"{said_first}: {words} words before the hold"
    )


def test_massage_then_rest_then_the_safety_lines_then_the_checks(converse) -> None:
    *_, massage, checks = converse("open cramp coach", "my calf is cramping", "next", "next")
    assert said(massage).startswith("Now very gently rub your calf muscle with your hand.")
    assert SAFETY not in said(massage)
    assert said(checks).startswith("Then rest the muscle. Muscle spasms often come and go quickly. " + SAFETY)
    assert said(checks).endswith(
        "I have up to eight quick yes or no questions about when to call a provider. "
        "You can say stop at any time. Has this cramp been severe?"
    )


def test_it_still_hurts_holds_again_then_names_the_reason_sends_the_card_and_offers_the_massage(
    converse,
) -> None:
    *_, again, reason, massage, end = converse(
        "open cramp coach", "my calf is cramping", "it still hurts", "it's still cramping", "yes", "next"
    )
    assert said(again).startswith(f"Okay, let's stretch again. {STRETCH_CALF}")
    assert HOLD in said(again)
    assert (
        said(reason) == f"{NOT_EASED} I've put this in your Alexa app. Shall we go on with a gentle massage?"
    )
    assert reason.card["title"] == "Call your healthcare provider"
    assert "doesn't go away with stretching" in reason.card["content"]
    assert said(massage).startswith("Now very gently rub your calf muscle")
    assert said(end).startswith("Then rest the muscle.")
    assert "Please call your healthcare provider." in said(end)
    assert end.session_ended, "the reason to call is known: no checks are asked"
    assert "come and go" not in said(end), "no reassurance beside the advice to call"


def test_no_to_the_offered_massage_rests_and_advises(converse) -> None:
    *_, end = converse("open cramp coach", "my foot is cramping", "still hurts", "still hurts", "no")
    assert said(end).startswith("Then rest the muscle.")
    assert "doesn't go away with stretching" in said(end) and end.session_ended


def test_it_hurts_more_stops_the_stretch_goes_on_to_massage_and_names_severe_cramping(converse) -> None:
    _, turn = converse("tell cramp coach my calf is cramping", "it hurts more")
    assert said(turn).startswith(
        "Okay, stop the stretch. Severe cramping is a reason to call your healthcare provider. "
        "Now very gently rub your calf muscle"
    )
    assert said(turn).endswith("Ready for the next step?") and not turn.session_ended


def test_it_hurts_more_during_the_massage_rests_and_advises_without_asking_if_it_was_severe(converse) -> None:
    *_, turn = converse("tell cramp coach my calf is cramping", "next", "it's getting worse")
    assert said(turn).startswith(
        "Okay, stop, and rest the muscle. Please call your healthcare provider. "
        "Severe cramping is a reason to call"
    )
    assert turn.session_ended and turn.card["title"] == "Call your healthcare provider"


def test_after_it_hurts_more_it_still_hurts_never_stretches_again(converse) -> None:
    _, worse, still = converse("tell cramp coach my calf is cramping", "it hurts more", "it still hurts")
    assert said(worse).startswith("Okay, stop the stretch.")
    assert "stretch again" not in said(still) and "Very gently stretch" not in said(still)
    assert said(still).startswith(
        "Then rest the muscle. Please call your healthcare provider. Severe cramping"
    )


def test_after_it_hurts_more_the_checks_do_not_ask_whether_it_was_severe(converse) -> None:
    *_, after = converse("tell cramp coach my calf is cramping", "it hurts more", "next")
    assert "Has this cramp been severe?" not in said(after)
    assert "Severe cramping is a reason to call" in said(after) and after.session_ended


def test_its_gone_rests_then_checks_without_asking_whether_it_eased(converse) -> None:
    turns = converse("tell cramp coach my foot is cramping", "it's gone", *["no"] * 7)
    end = turns[-1]
    assert said(turns[1]).startswith("Good. Rest the muscle now. Muscle spasms often come and go quickly.")
    asked = [said(turn).rsplit(". ", 1)[-1] for turn in turns[1:-1]]
    assert asked[0].endswith("Was the cramp severe?"), "in the past tense: it is gone"
    assert "Did the cramp last a long time?" in asked
    assert not any("even after the stretch" in question for question in asked)
    assert said(end).startswith("Good. Rest the muscle now. If any of those things happen later")
    assert end.session_ended and len(turns) == 9, "seven questions: the eased one is not asked"


@pytest.mark.parametrize("not_ready", ["wait", "hold on", "give me a minute", "no", "not yet"])
def test_not_ready_holds_again_at_most_twice_then_counts_as_still_cramping(converse, not_ready: str) -> None:
    *_, first, second, third = converse(
        "tell cramp coach my calf is cramping", not_ready, not_ready, not_ready
    )
    for hold in (first, second):
        assert said(hold).startswith(f"Take your time. {STRETCH_CALF}")
    assert said(third).startswith(NOT_EASED)


def test_help_repeat_previous_and_start_over_in_the_middle_of_the_guide(converse) -> None:
    _, help_turn, massage, repeat, previous, start_over = converse(
        "tell cramp coach my calf is cramping",
        "what can i say",
        "next",
        "say that again",
        "go back",
        "start over",
    )
    assert said(help_turn).startswith("I'm talking you through a cramp. Say next to go on")
    assert said(help_turn).endswith("Ready for the next step?")
    assert said(repeat).startswith("Now very gently rub your calf muscle")
    assert said(previous).startswith(STRETCH_CALF)
    assert said(start_over).startswith(f"Okay, from the top. {STRETCH_CALF}")
    assert not any(turn.session_ended for turn in (help_turn, massage, repeat, previous, start_over))


# ---------------------------------------------------------------------------------------------------------
# Emergency, thanks, stop: in every mode and as a one-shot

EMERGENCY = "I can't call for help. Call nine one one now. That's nine one one."


@pytest.mark.parametrize(
    "before",
    [
        (),
        ("open cramp coach",),
        ("open cramp coach", "yes"),
        ("open cramp coach", "yes", "thigh"),
        ("tell cramp coach my calf is cramping",),
        ("tell cramp coach my calf is cramping", "next", "next"),
        ("open cramp coach", "no"),
        ("ask cramp coach what causes cramps",),
    ],
)
def test_an_emergency_gets_one_sentence_at_once_everywhere(converse, before: tuple[str, ...]) -> None:
    utterance = "this is an emergency" if before else "ask cramp coach to call an ambulance"
    *_, turn = converse(*before, utterance)
    assert turn.resolution.intent_name == "EmergencyIntent"
    assert said(turn) == EMERGENCY
    assert turn.session_ended


def test_the_emergency_number_of_the_locale(converse) -> None:
    (turn,) = converse("ask cramp coach this is an emergency", locale="en-GB")
    assert said(turn) == "I can't call for help. Call nine nine nine now. That's nine nine nine."


def test_thanks_says_goodbye_with_the_safety_line_once(converse) -> None:
    _, thanks = converse("tell cramp coach my calf is cramping", "thanks that helped")
    assert said(thanks).startswith("Glad to help. Take care. " + SAFETY)
    *_, after_checks = converse("open cramp coach", "should i see a doctor", "thank you")
    assert said(after_checks) == "Glad to help. Take care.", "the safety lines were said before the checks"


@pytest.mark.parametrize("stop_word", ["stop", "cancel"])
def test_stop_during_the_checks_ends_the_session(converse, stop_word: str) -> None:
    *_, last = converse("tell cramp coach my calf is cramping", "next", "next", "no", stop_word)
    assert said(last) == "Okay. I've put when to call a provider in your Alexa app. Take care."
    assert last.session_ended and last.reprompt_ssml is None
    assert (
        last.card["title"] == "When to call your healthcare provider"
        and "Severe cramping" in last.card["content"]
    )


def test_navigate_home_goes_back_to_the_opening_question(converse) -> None:
    *_, home = converse("open cramp coach", "yes", "go home")
    assert said(home) == f"Okay, back to the start. {OPENING_QUESTION}"


# ---------------------------------------------------------------------------------------------------------
# The red-flag checks: one condition per question


def test_every_check_asks_one_condition(converse) -> None:
    turns = converse("tell cramp coach my calf is cramping", "next", "next", *["nope"] * 8)
    questions = [said(turn).rsplit(". ", 1)[-1] for turn in turns[2:-1]]
    assert questions[0].endswith("Has this cramp been severe?")
    assert questions[1:] == [
        "Has this cramp lasted a long time?",
        "Is it still cramping, even after the stretch?",
        "Do you keep getting cramps?",
        "Apart from this cramp, do you have pain in your arms or legs?",
        "Do you have tingling in your arms or legs?",
        "Do you have weakness in your arms or legs?",
        "Do cramps or other pain keep waking you up at night?",
    ]
    for question in questions:
        one_condition = question.replace("arms or legs", "").replace("cramps or other pain", "")
        assert " or " not in one_condition, f"two conditions in {question!r}"
        assert " not " not in question, f"a negative question: {question!r}"
    assert said(turns[-1]).startswith("Good. Rest the muscle now.")


@pytest.mark.parametrize(
    ("yes_at", "reason"),
    [
        (0, "Severe cramping is a reason to call."),
        (1, "keeps coming back is a reason to call."),
        (3, "keeps coming back is a reason to call."),
        (4, "Pain, tingling, or weakness in the arms or legs is a reason to call."),
        (6, "Pain, tingling, or weakness in the arms or legs is a reason to call."),
        (7, "Pain that wakes you up at night is a reason to call."),
    ],
    ids=short,
)
def test_a_yes_reads_the_provider_advice_with_the_seeds_reason(converse, yes_at: int, reason: str) -> None:
    *_, last = converse("ask cramp coach should i see a doctor", *["no"] * yes_at, "yes")
    assert said(last).startswith("Please call your healthcare provider.")
    assert reason in said(last)
    assert "If this is an emergency, call nine one one." in said(last)
    assert last.session_ended
    assert reason in last.card["content"] and "call 911" in last.card["content"]


@pytest.mark.parametrize(
    ("yes", "no"), [("yeah", "nope"), ("yes it is", "no it isn't"), ("i do", "not really")]
)
def test_yes_and_no_in_their_many_forms(converse, yes: str, no: str) -> None:
    *_, second, advice = converse("ask cramp coach should i see a doctor", no, yes)
    assert said(second) == "Do your cramps last a long time?"
    assert said(advice).startswith("Please call your healthcare provider.")


def test_an_unsure_answer_is_asked_again_in_plainer_words_then_advised_for_doubt(converse) -> None:
    *_, plainer, advice = converse(
        "tell cramp coach my calf is cramping", "next", "next", "i think so", "maybe"
    )
    assert said(plainer) == "Let me ask it another way. Has the pain been very bad?"
    assert said(advice).startswith(
        "If you're not sure, it's worth checking with your healthcare provider. Severe cramping is a reason"
    )
    assert advice.session_ended and advice.card["title"] == "Call your healthcare provider"


def test_an_unsure_answer_then_a_no_goes_on_to_the_next_question(converse) -> None:
    *_, plainer, following = converse("ask cramp coach should i see a doctor", "sometimes", "no")
    assert said(plainer) == "Let me ask it another way. Are your cramps very bad?"
    assert said(following) == "Do your cramps last a long time?"


def test_help_repeat_and_previous_during_the_checks(converse) -> None:
    *_, help_turn, repeat, second, previous = converse(
        "should i see a doctor", "help", "repeat", "no", "previous"
    )
    assert said(help_turn).startswith("I'm asking a few yes or no questions")
    assert "say not sure" in said(help_turn)
    assert said(help_turn).endswith("Are your cramps severe?")
    assert said(repeat) == "Are your cramps severe?"
    assert said(second) == "Do your cramps last a long time?"
    assert said(previous) == "Are your cramps severe?"


def test_on_the_info_path_nobody_is_cramping_now(converse) -> None:
    turns = converse("ask cramp coach should i see a doctor", *["no"] * 8)
    everything = " ".join(said(turn) for turn in turns)
    assert "this cramp" not in everything and "Rest the muscle now" not in everything
    assert said(turns[-1]).startswith("Good. If any of those things happen, call your healthcare provider.")
    assert turns[-1].session_ended and len(turns) == 9, "eight questions, one condition each"


# ---------------------------------------------------------------------------------------------------------
# Not understood


def test_a_second_fallback_says_what_can_be_said_and_a_third_ends_kindly(converse) -> None:
    _, first, second, third = converse(
        "open cramp coach", "order me a pizza", "what's the weather like", "play some music"
    )
    assert (
        said(first) == f"Sorry, I didn't catch that. In an emergency, call nine one one. {OPENING_QUESTION}"
    )
    assert said(second).startswith(
        "I still didn't get that. Say where the cramp is, like calf or foot, or say no."
    )
    assert said(second) != said(first)
    assert said(third) == (
        "I'm sorry, I'm having trouble understanding. Let's stop here. "
        "Call your healthcare provider if you have any of these: severe cramping; cramping that lasts a "
        "long time, doesn't go away with stretching, or keeps coming back; pain, tingling, or weakness in "
        "the arms or legs; or pain that wakes you up at night. I've put this in your Alexa app. "
        f"{SAFETY_LINES} Take care."
    )
    assert third.card["title"] == "When to call your healthcare provider"
    assert third.session_ended
    assert not first.session_ended and not second.session_ended


def test_anything_understood_resets_the_fallbacks(converse) -> None:
    *_, after = converse("open cramp coach", "order me a pizza", "help", "order me a pizza")
    assert said(after).startswith("Sorry, I didn't catch that.")


def test_the_second_fallback_in_the_guide_names_the_mid_cramp_phrases(converse) -> None:
    *_, second = converse("tell cramp coach my calf is cramping", "pizza", "pizza")
    assert said(second) == (
        "I still didn't get that. You can say next, repeat, it still hurts, it's gone, or stop. "
        "If this is an emergency, call nine one one. Ready for the next step?"
    )


# ---------------------------------------------------------------------------------------------------------
# Information


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
    ids=short,
)
def test_info_one_shots_in_a_new_session(converse, one_shot: str, expected: str, card_title: str) -> None:
    (turn,) = converse(f"ask cramp coach {one_shot}")
    assert said(turn).startswith(expected)
    assert said(turn).endswith("?")
    assert turn.card["title"].startswith(card_title)
    assert SAFETY not in said(turn)


def test_each_follow_up_offers_a_topic_not_yet_heard(converse) -> None:
    _, _, causes, prevention, when, checks = converse(
        "open cramp coach", "no", "what causes cramps", "yes", "yes", "yes"
    )
    assert said(causes).endswith("Would you like to hear how to prevent cramps?")
    assert said(prevention).startswith("There's little or no evidence")
    assert said(prevention).endswith("Would you like to hear when to call a provider?")
    assert said(when).endswith("Would you like me to ask about those signs, one at a time?")
    assert said(checks).endswith("Are your cramps severe?")


def test_the_offer_skips_what_was_heard(converse) -> None:
    *_, causes_after_prevention = converse("ask cramp coach how do i prevent cramps", "what causes cramps")
    assert said(causes_after_prevention).endswith("Would you like to hear when to call a provider?")


def test_the_emergency_number_follows_the_locale_in_the_checks(converse) -> None:
    *_, advice = converse("ask cramp coach should i see a doctor", "yes", locale="en-AU")
    assert "If this is an emergency, call triple zero." in said(advice)


def test_a_cramp_named_during_the_checks_gets_its_stretch_and_then_the_checks_again(converse) -> None:
    *_, question, stretch, massage, checks = converse(
        "tell cramp coach my calf is cramping",
        "next",
        "next",
        "no",
        "no",
        "no",
        "yes in my hand",
        "next",
        "next",
    )
    assert said(question) == "Do you keep getting cramps?"
    assert said(stretch).startswith("Very gently stretch your hand")
    assert said(massage).startswith("Now very gently massage your palm.")
    assert said(checks).endswith("Has this cramp been severe?"), "the checks again, from the first question"


def test_the_calf_named_again_mid_stretch_counts_as_still_cramping(converse) -> None:
    *_, again, reason = converse(
        "tell cramp coach my calf is cramping", "my calf is still cramping", "my calf"
    )
    assert said(again).startswith(f"Okay, let's stretch again. {STRETCH_CALF}")
    assert said(reason).startswith(NOT_EASED)
