"""The safety table: every emergency in plain words, every chest pain and every cramp outside a muscle,
said in every mode, gets its line on the first hearing; and the red-flag questions keep the wording rules
that stop them from inviting a false "no" (CONTENT-SOURCES.md)."""

from __future__ import annotations

from typing import Any

import pytest
from case_ids import short

from skill.content import load_content
from skill.conversation import CHECK_QUESTIONS, Event, EventKind, Mode, Muscle, State, step
from skill.conversation.modes import GUIDE_MODES
from skill.conversation.state import Question
from skill.session import state_to_attributes
from skill.speech import readable
from tooling.conversation_states import EVERY_EVENT, every_state
from tooling.envelopes import SessionInfo, SlotFill, envelope, intent_request
from tooling.model_grammar import EVERY_COMBINATION, expand, grammar_for_locale, load_grammar
from tooling.simulator import UtteranceResolver, load_interaction_model
from tooling.speaker import Speaker
from tooling.understanding import DATA, INTENT_OF_PLACE, PHRASE_CORPORA, estimated_resolver, load_phrases

# CONTENT-SOURCES.md's plain-word emergencies, and other ways people say them.
EMERGENCY_PHRASES = [
    "i'm having a heart attack",
    "i think it's a stroke",
    "my face is drooping",
    "his face is drooping",
    "i can't breathe",
    "can't breathe",
    "trouble breathing",
    "i'm having trouble breathing",
    "i'm kind of short of breath",
    "someone passed out",
    "he's not breathing",
    "my husband collapsed",
    "it's an emergency he fell",
    "this is an emergency",
    "call an ambulance",
    "call nine one one",
    "call nine nine nine",
    "call triple zero",
    "call one one two",
    "help me i can't breathe",
]
CHEST_PHRASES = [
    "my chest hurts",
    "a cramp in my chest",
    "i have chest pain",
    "my chest feels tight",
    "there's pressure on my chest",
    "my heart hurts",
]
SCOPE_PHRASES = [
    "my stomach is cramping",
    "my side is cramping",
    "a cramp in my belly",
    "period cramps",
    "stomach cramps",
    "menstrual cramps",
    "my jaw is cramping",
    "cramp in my ribs",
    "i have a stitch",
    "i'm pregnant and my belly is cramping",
]
EMERGENCY = "I can't call for help. Call nine one one now. That's nine one one."
CHEST = "Chest pain can be serious. I can't call for help, so call nine one one now. That's nine one one."
SCOPE = "I can only help with a muscle cramp in a leg, foot, arm, hand, neck or back."
NEVER_FOR_SCOPE = ("stretch", "rest the muscle", "Good. Rest", "massage")

# Where a person can be when they say it: one state of every mode, as a conversation leaves it.
IN_EVERY_MODE = {
    Mode.START: State(),
    Mode.ASKED_IF_CRAMPING: State(mode=Mode.ASKED_IF_CRAMPING),
    Mode.ASKED_WHERE: State(mode=Mode.ASKED_WHERE),
    Mode.ASKED_THIGH_SIDE: State(mode=Mode.ASKED_THIGH_SIDE, muscle=Muscle.THIGH),
    Mode.ASKED_IF_MUSCLE: State(mode=Mode.ASKED_IF_MUSCLE, muscle=Muscle.ELSEWHERE),
    Mode.STRETCH: State(mode=Mode.STRETCH, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True),
    Mode.MASSAGE: State(mode=Mode.MASSAGE, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True),
    Mode.MASSAGE_AFTER_WORSE: State(
        mode=Mode.MASSAGE_AFTER_WORSE,
        muscle=Muscle.CALF,
        holds=1,
        stretch_holds=1,
        cramping_now=True,
        worse=True,
    ),
    Mode.MASSAGE_OFFERED: State(
        mode=Mode.MASSAGE_OFFERED, muscle=Muscle.CALF, stretch_holds=2, not_eased=True, cramping_now=True
    ),
    Mode.CHECKS: State(mode=Mode.CHECKS, question=Question.COMING_BACK, cramping_now=True, safety_said=True),
    Mode.INFO_MENU: State(mode=Mode.INFO_MENU),
    Mode.AFTER_INFO: State(mode=Mode.AFTER_INFO),
    Mode.AFTER_INFO_MID_CRAMP: State(
        mode=Mode.AFTER_INFO_MID_CRAMP, resume=Mode.STRETCH, muscle=Muscle.CALF, holds=1, cramping_now=True
    ),
}


def answer_in(speaker: Any, mode: Mode, phrase: str) -> Any:
    """Say the phrase in a session that is in this mode, through the real Lambda handler."""
    speaker.session = SessionInfo(new=False, attributes=state_to_attributes(IN_EVERY_MODE[mode]))
    return speaker.say(phrase)


@pytest.mark.parametrize("phrase", EMERGENCY_PHRASES, ids=short)
def test_an_emergency_in_plain_words_gets_the_number_twice_at_once_in_every_mode(speaker, phrase) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        assert readable(turn.speech_ssml) == EMERGENCY, (mode, turn.resolution.intent_name)
        assert turn.session_ended


@pytest.mark.parametrize("phrase", CHEST_PHRASES, ids=short)
def test_chest_pain_in_any_words_gets_the_chest_line_and_never_a_stretch_in_every_mode(
    speaker, phrase
) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        assert readable(turn.speech_ssml) == CHEST, (mode, turn.resolution.intent_name)


@pytest.mark.parametrize("phrase", SCOPE_PHRASES, ids=short)
def test_a_cramp_outside_a_muscle_gets_the_scope_line_never_a_stretch_rest_or_all_clear(
    speaker, phrase
) -> None:
    """Never coached; said mid-guide, the muscle being coached goes on (its question again), else the end."""
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        spoken = readable(turn.speech_ssml)
        assert spoken.startswith(SCOPE), (mode, turn.resolution.intent_name, spoken)
        answer, _, after = spoken.partition("If this is an emergency, call nine one one.")
        assert not any(word in answer for word in NEVER_FOR_SCOPE), (mode, spoken)
        assert turn.session_ended is (mode not in GUIDE_MODES), mode
        if mode in GUIDE_MODES:  # only the guide's own question comes after, about the muscle coached
            assert after.strip() in ("Ready for the next step?", "Shall we go on with a gentle massage?")


# Every emergency, chest pain and cramp outside a muscle in the phrase corpora, as their writers said them
# (each in its locale): how the answer must start, by the intent its writer meant (the number that
# follows is the locale's).
OPENING_BY_INTENT = {
    "EmergencyIntent": "I can't call for help. Call ",
    "EmergencySignsIntent": "I can't call for help. Call ",
    "FallIntent": "After a fall, if someone is hurt or can't get up, call ",
    "ChestPainIntent": "Chest pain can be serious. I can't call for help, so call ",
    "OutOfScopeIntent": SCOPE,
}
CORPUS_SAFETY_PHRASES = [
    (phrase.get("locale", "en-US"), phrase["text"], OPENING_BY_INTENT[phrase["intent"]])
    for path in PHRASE_CORPORA.values()
    for phrase in load_phrases(path)
    if phrase["intent"] in OPENING_BY_INTENT
]


@pytest.mark.slow
def test_every_emergency_chest_and_scope_phrase_of_the_corpora_gets_its_line_in_every_mode(
    lambda_handler,
) -> None:
    assert len(CORPUS_SAFETY_PHRASES) >= 100
    resolvers: dict[str, UtteranceResolver] = {}
    missed = []
    for locale, phrase, opening in CORPUS_SAFETY_PHRASES:
        if locale not in resolvers:
            resolvers[locale] = UtteranceResolver(load_interaction_model(locale))
        speaker = Speaker(lambda_handler, resolvers[locale], locale)
        for mode in Mode:
            turn = answer_in(speaker, mode, phrase)
            if not readable(turn.speech_ssml).startswith(opening):
                missed.append((locale, phrase, mode.value, turn.resolution.intent_name))
    assert missed == []


# An emergency by its name or by its signs, and chest pain: each answer names the number at once.
CALL_NOW = frozenset({"EmergencyIntent", "EmergencySignsIntent", "ChestPainIntent"})


def _old_phrasings() -> list[tuple[str, str]]:
    lines = (DATA / "safety_phrasings.tsv").read_text(encoding="utf-8").splitlines()
    return [
        (intent, phrase)
        for intent, phrase in (line.split("\t") for line in lines if line and not line.startswith("#"))
    ]


def _shape_of(intent: str, phrase: str, shapes: dict[str, list[set[str]]]) -> int | None:
    """The index of the intent's template whose every combination holds the phrase, or None."""
    return next((index for index, said in enumerate(shapes[intent]) if phrase in said), None)


@pytest.mark.slow
def test_every_old_emergency_and_chest_shape_keeps_a_phrasing_exact_and_the_estimate_hears_all() -> None:
    """tests/data/safety_phrasings.tsv is every emergency and chest-pain sample of an old model: the
    expansions of an old grammar (each shape multiplied by fillers, people and numbers), not what people
    said, so holding all 5,033 to exact match would hold the model to those permutations, which Amazon
    warns overtrain it (issue 25). What is kept instead: every shape (template) of the grammar that still
    holds some of them keeps at least one of its old phrasings exact, on the first hearing, in every
    locale (the grammar layer is deterministic); and ALL of them are heard as what they are by the
    estimate of Alexa's statistical layer trained only on the new model, an emergency and chest pain
    counted alike since both answers name the number at once. What people really said is held exact by
    tests/data/strict_floor.toml (tests/test_understanding.py)."""
    phrasings = _old_phrasings()
    assert len(phrasings) > 5000
    grammar = grammar_for_locale(load_grammar("en"), "en-US")
    words = grammar["words"]
    shapes = {
        intent: [
            set(expand(EVERY_COMBINATION + template.removeprefix(EVERY_COMBINATION), words))
            for template in grammar["intents"][intent]["samples"]
        ]
        for intent in {intent for intent, _ in phrasings}
    }
    by_shape: dict[tuple[str, int], list[str]] = {}
    for intent, phrase in phrasings:
        index = _shape_of(intent, phrase, shapes)
        if index is not None:
            by_shape.setdefault((intent, index), []).append(phrase)
    assert len(by_shape) >= 69  # measured on the rebuilt grammar: a shape given up must be said so
    for locale in ("en-US", "en-IN"):
        estimate = estimated_resolver(locale)
        readings = estimate.read_all([phrase for _, phrase in phrasings])
        heard = {
            phrase: (_heard(reading.strict), _heard(reading.estimated))
            for (_, phrase), reading in zip(phrasings, readings, strict=True)
        }
        no_exact = [
            (intent, said[0])
            for (intent, _), said in by_shape.items()
            if not any(_same_answer(heard[phrase][0], intent) for phrase in said)
        ]
        assert no_exact == [], (locale, "a shape with no phrasing exact", no_exact[:10])
        misheard = [
            (phrase, intent, heard[phrase][1])
            for intent, phrase in phrasings
            if not _same_answer(heard[phrase][1], intent)
        ]
        assert misheard == [], (locale, len(misheard), misheard[:10])


def _heard(resolution: Any) -> str:
    fill = (resolution.slots or {}).get("muscle")
    place = fill.resolved_id if fill is not None and fill.matched else None
    return str(INTENT_OF_PLACE.get(str(place), resolution.intent_name) if place else resolution.intent_name)


def _same_answer(heard: str, intent: str) -> bool:
    return heard == intent or (intent in CALL_NOW and heard in CALL_NOW)


@pytest.mark.parametrize(
    ("heard_as_the_place", "opening"),
    [
        ("he collapsed", OPENING_BY_INTENT["EmergencyIntent"]),
        ("can't breathe", OPENING_BY_INTENT["EmergencyIntent"]),
        ("chest hurts", OPENING_BY_INTENT["ChestPainIntent"]),
        ("heart attack", OPENING_BY_INTENT["EmergencyIntent"]),
        ("tummy ache", SCOPE),
        ("period pain", SCOPE),
    ],
)
def test_a_sentence_alexa_heard_as_the_place_of_a_cramp_is_answered_for_what_it_says(
    lambda_handler, heard_as_the_place: str, opening: str
) -> None:
    """Alexa fills a custom slot with what it heard there ("um he collapsed" can be a cramp whose place is
    "he collapsed"): a place it could not resolve that says emergency, chest or stomach is never stretched."""
    for mode in Mode:
        request = intent_request("CrampIntent", {"muscle": SlotFill(heard_as_the_place)})
        session = SessionInfo(new=False, attributes=state_to_attributes(IN_EVERY_MODE[mode]))
        response = lambda_handler(envelope(request, session=session), None)
        assert readable(response["response"]["outputSpeech"]["ssml"]).startswith(opening), mode


def test_a_place_alexa_could_not_resolve_without_such_a_word_is_asked_about_as_before(lambda_handler) -> None:
    request = intent_request("CrampIntent", {"muscle": SlotFill("left elbow")})
    session = SessionInfo(new=False, attributes=state_to_attributes(IN_EVERY_MODE[Mode.ASKED_WHERE]))
    spoken = readable(
        lambda_handler(envelope(request, session=session), None)["response"]["outputSpeech"]["ssml"]
    )
    assert spoken.endswith("Where is the cramp: your calf, foot, thigh, hand, or somewhere else?"), spoken


@pytest.mark.parametrize("phrase", [*EMERGENCY_PHRASES[:3], CHEST_PHRASES[1], SCOPE_PHRASES[0]], ids=short)
def test_as_a_one_shot_and_right_after_launch_too(converse, phrase: str) -> None:
    (one_shot,) = converse(f"ask cramp coach {phrase}")
    _, after_launch = converse("open cramp coach", phrase)
    assert readable(one_shot.speech_ssml) == readable(after_launch.speech_ssml)
    assert readable(one_shot.speech_ssml) in (EMERGENCY, CHEST) or SCOPE in readable(one_shot.speech_ssml)


def keys_of(turn: Any) -> list[str]:
    return [part.key for part in turn.reply.speech if hasattr(part, "key")]


@pytest.mark.parametrize("kind", [EventKind.EMERGENCY, EventKind.CHEST, EventKind.OUT_OF_SCOPE])
def test_in_every_walked_state_the_event_is_answered_at_once_and_ends(kind: EventKind) -> None:
    for state in every_state():
        turn = step(state, Event(kind))
        if kind is EventKind.OUT_OF_SCOPE and state.mode in GUIDE_MODES:
            assert turn.state.mode is state.mode and keys_of(turn)[0] == "scope", state
            continue
        assert turn.reply.end_session and not turn.reply.reprompt, (state, kind)
        assert turn.reply.card is None or turn.reply.card.title_key != "card.all_clear.title"


def test_a_second_miss_in_a_row_carries_the_emergency_number_in_every_mode() -> None:
    for state in IN_EVERY_MODE.values():
        once = step(state, Event(EventKind.FALLBACK))
        twice = step(once.state, Event(EventKind.FALLBACK))
        assert any(getattr(part, "key", "") == "safety.emergency" for part in twice.reply.speech), state.mode


# ---------------------------------------------------------------------------------------------------------
# Safe when not understood (issue 23): emergencies by their signs, falls, red flags in the person's own
# words, a cramp with no place, pregnancy, medicines and somewhere unsafe, each through the Lambda handler
# in every mode, on the first hearing.

FALL = (
    "After a fall, if someone is hurt or can't get up, call nine one one now. I can't call for help. "
    "That's nine one one."
)
EMERGENCY_SIGNS = [
    "my face feels funny on one side",
    "my words are coming out wrong",
    "i can't get my words out",
    "he fell off the scaffold and isn't answering",
    "he's out cold",
    "my wife has collapsed",
    "i passed out",
    "i fainted",
    "phone an ambulance",
    "should i go to the hospital",
    "should i call somebody",
    "i need the ambulance",
]
FALLS = ["i fell", "i've fallen", "i can't get up", "my mum has fallen"]
LIMB = "Please call your healthcare provider. Pain, tingling, or weakness in the arms or legs is a reason to call."  # noqa: E501
LASTING = (
    "Please call your healthcare provider. Cramping that lasts a long time, doesn't go away with stretching, "
    "or keeps coming back is a reason to call."
)
NIGHT = "Please call your healthcare provider. Pain that wakes you up at night is a reason to call."
SWELLING = "With swelling, it's worth checking with your healthcare provider."
RED_FLAGS = [
    ("my legs are swollen and numb", LIMB),
    ("pins and needles", LIMB),
    ("my leg is weak", LIMB),
    ("i can't move my leg", LIMB),
    ("my foot has gone numb", LIMB),
    ("it won't stop", LASTING),
    ("it keeps coming back", LASTING),
    ("cramps keep waking me up every night", NIGHT),
    ("my calf is swollen", SWELLING),
]
MEDICINE = "I can't recommend a medicine or a dose."
SAFE_PLACE = "First get somewhere safe: come down from any ladder or stairs"
PREGNANCY = (
    "Pregnancy is one of the things that make muscle cramps more likely. For any worry about cramps in"
)


@pytest.mark.parametrize("phrase", EMERGENCY_SIGNS, ids=short)
def test_an_emergency_told_by_its_signs_gets_the_emergency_line_at_once_in_every_mode(
    speaker, phrase
) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        assert readable(turn.speech_ssml) == EMERGENCY, (mode, turn.resolution.intent_name)
        assert turn.session_ended


@pytest.mark.parametrize("phrase", FALLS, ids=short)
def test_a_fall_gets_the_number_if_someone_is_hurt_or_cannot_get_up_in_every_mode(speaker, phrase) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        assert readable(turn.speech_ssml) == FALL, (mode, turn.resolution.intent_name)
        assert turn.session_ended


@pytest.mark.parametrize(("phrase", "advice"), RED_FLAGS, ids=short)
def test_a_red_flag_in_the_persons_own_words_is_that_red_flag_in_every_mode(speaker, phrase, advice) -> None:
    """The advice to call, with the seed's reason, and the card: never a stretch, never an all-clear."""
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        spoken = readable(turn.speech_ssml)
        assert spoken.startswith(advice), (mode, turn.resolution.intent_name, spoken)
        assert "If this is an emergency, call nine one one." in spoken
        assert turn.card is not None and turn.card["title"] == "Call your healthcare provider"
        assert advice.split(". ")[-1] in turn.card["content"]
        assert turn.session_ended


@pytest.mark.parametrize(
    "phrase", ["should i take quinine", "should i take magnesium", "what about a muscle relaxant"]
)
def test_a_medicine_is_never_recommended_and_the_waiting_question_comes_back_in_every_mode(
    speaker, phrase
) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        spoken = readable(turn.speech_ssml)
        assert spoken.startswith(MEDICINE), (mode, turn.resolution.intent_name, spoken)
        assert "talk to your healthcare provider" in spoken and not turn.session_ended
        assert not any(word in spoken for word in ("milligram", " mg", "tablets a day", "you should take"))


@pytest.mark.parametrize("phrase", ["i'm up a ladder", "i'm standing", "i'm on the stairs", "i'm driving"])
def test_somewhere_unsafe_gets_somewhere_safe_first_then_the_waiting_question_in_every_mode(
    speaker, phrase
) -> None:
    for mode in Mode:
        turn = answer_in(speaker, mode, phrase)
        assert readable(turn.speech_ssml).startswith(SAFE_PLACE), (mode, turn.resolution.intent_name)
        assert not turn.session_ended


def test_pregnant_with_a_calf_cramp_gets_the_calf_stretch_first_and_the_pregnancy_line_after_the_hold(
    speaker,
) -> None:
    for mode in (Mode.START, Mode.ASKED_IF_CRAMPING, Mode.ASKED_WHERE, Mode.INFO_MENU, Mode.CHECKS):
        turn = answer_in(speaker, mode, "i'm pregnant and my calf is cramping")
        spoken = readable(turn.speech_ssml)
        assert spoken.startswith("Very gently stretch your calf"), (mode, spoken)
        assert spoken.index(PREGNANCY) > spoken.index("[pause 10 s]"), "action first"
        assert "normal" not in spoken


@pytest.mark.parametrize(
    "phrase", ["i'm pregnant and my belly is cramping", "i'm pregnant and my stomach is cramping"]
)
def test_a_pregnancy_cramp_in_the_belly_is_never_stretched(speaker, phrase) -> None:
    for mode in Mode:
        spoken = readable(answer_in(speaker, mode, phrase).speech_ssml)
        assert spoken.startswith(SCOPE), (mode, spoken)


@pytest.mark.parametrize("phrase", ["i've got cramps", "help with my cramp", "i have a cramp"])
def test_a_cramp_with_no_place_is_asked_where_before_any_stretch_wherever_nothing_is_coached(
    speaker, phrase
) -> None:
    for mode in Mode:
        if mode in GUIDE_MODES:  # a muscle is being coached: it is that muscle, still cramping
            continue
        spoken = readable(answer_in(speaker, mode, phrase).speech_ssml)
        assert "[pause" not in spoken and "rest the muscle" not in spoken.lower(), (mode, spoken)  # no step
        assert spoken.endswith("?"), (mode, spoken)


def test_the_quadriceps_stretch_starts_with_getting_somewhere_safe(speaker) -> None:
    turn = answer_in(speaker, Mode.ASKED_THIGH_SIDE, "the front")
    assert readable(turn.speech_ssml).startswith(
        "Stretch the front of your thigh: first get somewhere safe, and hold on to a chair or a wall."
    )


def states_a_walk_reaches() -> list[State]:
    """Every walked state, and every state one event away from one (open sessions only)."""
    states = list(every_state())
    for state in every_state():
        for event in EVERY_EVENT:
            turn = step(state, event)
            if not turn.reply.end_session:
                states.append(turn.state)
    return list(dict.fromkeys(states))


def test_misses_injected_anywhere_always_name_the_number_and_end_with_the_safety_lines() -> None:
    """From every state a conversation reaches, misses in a row: each names the emergency number; the run
    ends within four (never a loop), and the ending says when to call (or the reason known), the number,
    and sends a card."""
    content = load_content()

    def names_the_number(turn: Any) -> bool:
        return any(
            "{emergency_number}" in content.line(part.key).text
            for part in turn.reply.speech
            if type(part).__name__ == "Say"
        )

    checked = 0
    for state in states_a_walk_reaches():
        turn = step(state, Event(EventKind.FALLBACK))
        for _ in range(4):
            assert names_the_number(turn), (state, keys_of(turn))
            if turn.reply.end_session:
                break
            turn = step(turn.state, Event(EventKind.FALLBACK))
        assert turn.reply.end_session, ("misses never end", state)
        said = keys_of(turn)
        assert said[0] == "didnt_catch_stop", (state, said)
        assert "topic.when_to_call" in said or "outcome.call_provider" in said, (state, said)
        assert turn.reply.card is not None, state
        checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "said_again",
    [Event(EventKind.CRAMP), Event(EventKind.UNSURE), Event(EventKind.CRAMP, muscle=Muscle.ELSEWHERE)],
    ids=["no place", "not sure", "somewhere else"],
)
def test_a_place_never_given_never_goes_round_where_and_is_it_a_muscle(said_again: Event) -> None:
    """Understood turns reset the misses, so the opening's questions must not loop on a cramp that is
    never placed: within four turns, a stretch (a muscle was confirmed) or the scope line with the number."""
    for state in states_a_walk_reaches():
        if state.mode not in (Mode.ASKED_IF_CRAMPING, Mode.ASKED_WHERE, Mode.ASKED_IF_MUSCLE):
            continue
        turn = step(state, said_again)
        for _ in range(4):
            if turn.reply.end_session or turn.state.mode in GUIDE_MODES:
                break
            turn = step(turn.state, said_again)
        assert turn.reply.end_session or turn.state.mode in GUIDE_MODES, (state, keys_of(turn))
        if turn.reply.end_session:
            assert "safety.emergency" in keys_of(turn), state


# ---------------------------------------------------------------------------------------------------------
# The red-flag questions' wording rules (CONTENT-SOURCES.md, "must not invite a false no")


def question_texts(name: str) -> dict[str, str]:
    content = load_content()
    return {key: line.text for key, line in content.lines.items() if key.startswith(f"check.{name}")}


def test_severity_is_asked_about_the_cramp_as_it_has_been_never_only_right_now() -> None:
    asked = question_texts("severe")
    assert asked["check.severe.now"] == "Has this cramp been severe?"
    assert asked["check.severe.plainer.now"] == "Has the pain been very bad?"
    assert not any("right now" in text or text.startswith("Is ") for text in asked.values()), asked


def test_cramps_that_keep_coming_back_are_asked_about_in_general_not_this_muscle() -> None:
    asked = question_texts("coming_back")
    assert asked["check.coming_back.now"] == "Do you keep getting cramps?"
    assert not any("this cramp" in text for text in asked.values()), asked


def test_night_pain_asks_about_cramps_or_pain_that_keep_waking_you() -> None:
    asked = question_texts("night_pain")
    assert asked["check.night_pain"] == "Do cramps or other pain keep waking you up at night?"
    assert all("cramps" in text and "keep" in text for text in asked.values()), asked


def test_the_intro_says_how_many_questions_and_that_stop_works() -> None:
    intro = load_content().line("checks.intro").text
    count = {8: "eight"}[len(CHECK_QUESTIONS)]
    assert f"up to {count}" in intro and "say stop" in intro
