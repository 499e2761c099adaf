"""The interaction models against their grammar, the handlers, Alexa's rules, and the resolver."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from skill.content import load_locales
from skill.conversation import EventKind, Muscle
from skill.conversation.events import CRAMP_INTENT, EVENT_BY_INTENT, MUSCLE_SLOT
from skill.places import PLACES
from tooling import model_grammar
from tooling.model_grammar import (
    MODEL_BUDGET_BYTES,
    GrammarError,
    build_language_model,
    check_model,
    expand,
    generated_files,
)
from tooling.simulator import INTERACTION_MODEL_DIR, MODELS_DIR, UtteranceResolver, load_interaction_model

LOCALES = tuple(load_locales().locales)  # the locale registry: the tests loop over it
HANDLED_CUSTOM_INTENTS = {intent for intent in EVENT_BY_INTENT if not intent.startswith("AMAZON.")}
# Amazon's reviewers reject samples that start with a launch phrase or a wake word (listed here on their
# own, not taken from the generator under test).
LAUNCH_WORDS = ("ask", "tell", "open", "launch", "start", "begin", "play", "load", "resume", "run", "use",
                "talk to", "alexa", "amazon", "echo", "computer")  # fmt: skip
# Alexa's documented limits: a model of at most 1.5 MB, and at most 140 characters a slot value or synonym.
MAX_MODEL_BYTES = 1_500_000
# Words Alexa does not allow in an invocation name, and launch phrases or connecting words it must not be.
FORBIDDEN_INVOCATION_WORDS = {"alexa", "amazon", "echo", "computer", "skill", "app", "launch", "ask", "tell",
                              "open", "load", "begin", "enable", "start", "to", "from", "by", "if", "and",
                              "whether", "the", "a", "an", "for", "of", "with", "in", "on", "is"}  # fmt: skip


@pytest.fixture(scope="module")
def us_model() -> dict:
    return load_interaction_model("en-US")


def intents_by_name(model: dict) -> dict[str, dict]:
    return {intent["name"]: intent for intent in model["intents"]}


@pytest.mark.slow
def test_the_committed_locale_files_are_what_the_grammar_generates() -> None:
    files = generated_files()
    assert {path.stem for path in files} == set(LOCALES)
    stale = [path.name for path, text in files.items() if path.read_text(encoding="utf-8") != text]
    assert stale == [], f"run `make model` and commit: {stale} differ from interaction_model/grammar/"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_model_is_within_the_budget_of_a_quarter_of_a_megabyte(locale: str) -> None:
    """Issue 25's budget, a sixth of Alexa's 1.5 MB: a few thousand diverse samples, not permutations."""
    assert (MODELS_DIR / f"{locale}.json").stat().st_size <= MODEL_BUDGET_BYTES == 250_000


def test_the_grammar_expands_alternatives_options_and_phrase_lists() -> None:
    words = {"cramp": "(cramp|spasm)"}
    # Each alternative once, not every combination: a shape with its words, not its permutations.
    assert expand("[oh] my {muscle} (is|'s got) a <cramp>", words) == [
        "oh my {muscle} is a cramp",
        "my {muscle}'s got a spasm",
    ]
    # A template marked "* " says every combination.
    assert expand("* [oh] my {muscle} (is|'s got) a <cramp>", words) == [
        "oh my {muscle} is a cramp",
        "oh my {muscle} is a spasm",
        "oh my {muscle}'s got a cramp",
        "oh my {muscle}'s got a spasm",
        "my {muscle} is a cramp",
        "my {muscle} is a spasm",
        "my {muscle}'s got a cramp",
        "my {muscle}'s got a spasm",
    ]
    with pytest.raises(GrammarError, match="unknown phrase list"):
        expand("a <nothing>", words)
    with pytest.raises(GrammarError, match="missing"):
        expand("a (b|c", words)


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("tell me what a cramp is", "launch phrase"),
        ("alexa what is a cramp", "wake word"),
        ("talk to me about cramps", "launch phrase"),
    ],
)
def test_the_generator_refuses_a_sample_alexa_would_reject(template: str, problem: str) -> None:
    grammar = {"invocation_name": "cramp coach", "intents": {"WhatIsCrampIntent": {"samples": [template]}}}
    with pytest.raises(GrammarError, match=problem):
        build_language_model(grammar)


def test_the_generator_refuses_a_sample_in_two_intents() -> None:
    grammar = {
        "invocation_name": "cramp coach",
        "intents": {
            "CausesIntent": {"samples": ["why (me|now)"]},
            "WhatIsCrampIntent": {"samples": ["why me"]},
        },
    }
    with pytest.raises(GrammarError, match="both CausesIntent and WhatIsCrampIntent"):
        build_language_model(grammar)


def place_grammar(**intents: list[str]) -> dict:
    """A grammar with a cramp intent whose slot takes places, and other intents' samples."""
    return {
        "invocation_name": "cramp coach",
        "intents": {
            "CrampIntent": {"slots": {"muscle": "MuscleType"}, "samples": ["my {muscle} is cramping"]},
            **{name: {"samples": samples} for name, samples in intents.items()},
        },
    }


# One place, so that a test's grammar expands in microseconds.
ONE_PLACE = {"MuscleType": [{"id": "CALF", "value": "calf", "synonyms": ["lower leg"]}]}


def test_the_generator_refuses_slot_types_in_the_grammar() -> None:
    """The places come from the vocabulary the skill reads the slot with (skill/places.py), never a copy."""
    grammar = {**place_grammar(), "types": ONE_PLACE}
    with pytest.raises(GrammarError, match=r"the slot types come from skill/places\.py"):
        build_language_model(grammar)


def test_the_generated_slot_type_is_the_vocabularys_places_in_order() -> None:
    language_model = build_language_model(place_grammar())["interactionModel"]["languageModel"]
    (slot_type,) = language_model["types"]
    assert slot_type["name"] == "MuscleType"
    assert [(v["id"], v["name"]["value"], tuple(v["name"]["synonyms"])) for v in slot_type["values"]] == [
        (place.id, place.value, place.synonyms) for place in PLACES
    ]


def test_the_generator_refuses_a_sample_that_a_slot_value_makes_another_intents() -> None:
    """Alexa's utterance-conflict report fills the slots: "my {muscle} is cramping" with "lower leg" is
    "my lower leg is cramping", so no other intent may have it."""
    with pytest.raises(GrammarError, match=r"'my lower leg is cramping' of StillHurtsIntent is also"):
        build_language_model(
            place_grammar(StillHurtsIntent=["my (lower leg|calf muscle) is cramping"]), slot_types=ONE_PLACE
        )
    build_language_model(  # no value of it
        place_grammar(StillHurtsIntent=["my calf muscle is cramping"]), slot_types=ONE_PLACE
    )
    contracted = place_grammar(StillHurtsIntent=["my calf's cramping"])
    contracted["intents"]["CrampIntent"]["samples"] = ["my {muscle}'s cramping"]
    with pytest.raises(GrammarError, match=r"\"my calf's cramping\" of StillHurtsIntent is also"):
        build_language_model(contracted, slot_types=ONE_PLACE)


def test_a_possessive_after_a_slot_is_carried_by_the_slots_own_words() -> None:
    """Alexa takes no "{muscle}'s": the sample loses it and the slot type gains "calf's" and its like."""
    grammar = place_grammar()
    grammar["intents"]["CrampIntent"]["samples"] = ["my {muscle}'s (cramping|gone tight)"]
    language_model = build_language_model(grammar, slot_types=ONE_PLACE)["interactionModel"]["languageModel"]
    assert intents_by_name(language_model)["CrampIntent"]["samples"] == [
        "my {muscle} cramping",
        "my {muscle} gone tight",
    ]
    (calf,) = language_model["types"][0]["values"]
    assert calf["name"]["synonyms"] == ["lower leg", "calf's", "lower leg's"]
    model = build_language_model(place_grammar(), slot_types=ONE_PLACE)
    model["interactionModel"]["languageModel"]["intents"][0]["samples"] = ["my {muscle}'s cramping"]
    assert any("possessive right after a slot" in problem for problem in check_model(model))


def test_a_locale_section_must_name_a_registered_locale() -> None:
    grammar = place_grammar()
    grammar["locales"] = {"en-UK": {"intents": {"CrampIntent": {"samples": ["me {muscle} is cramping"]}}}}
    with pytest.raises(GrammarError, match=r"names no registered locale: \['en-UK'\]"):
        build_language_model(grammar, locale="en-GB")


def test_a_locales_words_and_samples_are_added_to_its_languages_for_that_locale_only() -> None:
    grammar = place_grammar(**{"AMAZON.NoIntent": ["(no|<not_really>)"]})
    grammar["words"] = {"not_really": "not really"}
    grammar["locales"] = {
        "en-AU": {
            "words": {"not_really": "nah not really"},
            "intents": {"AMAZON.NoIntent": {"samples": ["yeah nah"]}},
        }
    }

    def samples(locale: str) -> list[str]:
        model = build_language_model(grammar, locale=locale)
        return intents_by_name(model["interactionModel"]["languageModel"])["AMAZON.NoIntent"]["samples"]

    assert samples("en-US") == ["no", "not really"]
    assert samples("en-AU") == ["no", "not really", "nah not really", "yeah nah"]
    grammar["locales"]["en-AU"]["intents"] = {"NoSuchIntent": {"samples": ["yeah nah"]}}
    with pytest.raises(GrammarError, match="adds samples to NoSuchIntent, which the language lacks"):
        build_language_model(grammar, locale="en-AU")


@pytest.mark.slow
def test_the_generator_refuses_a_model_over_budget_and_says_what_takes_the_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(model_grammar, "MODEL_BUDGET_BYTES", 100_000)
    with pytest.raises(GrammarError) as refused:
        generated_files(["en"])
    report = str(refused.value)
    assert "over the budget of 100,000" in report
    largest = report.split("the largest templates:")[1].splitlines()[1]
    assert re.match(r"\s+[\d,]+ bytes\s+\d+ samples  [\w.]+Intent: ", largest), largest
    assert f"bytes  {CRAMP_INTENT}" in report.split("the largest templates:")[0]


def test_invocation_name_follows_alexas_rules(us_model: dict) -> None:
    name = us_model["invocationName"]
    assert name == "cramp coach"
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", name), "two or more lowercase words, letters only"
    assert not set(name.split()) & FORBIDDEN_INVOCATION_WORDS
    assert len(name) <= 50


def test_sample_utterances_follow_alexas_syntax(us_model: dict) -> None:
    for intent in us_model["intents"]:
        declared_slots = {slot["name"] for slot in intent.get("slots", [])}
        for sample in intent["samples"]:
            assert re.fullmatch(r"[a-z' {}]+", sample), f"{intent['name']}: {sample!r}"
            words = sample.split()
            for launch in LAUNCH_WORDS:
                assert words[: len(launch.split())] != launch.split(), f"{sample!r} starts with {launch!r}"
            assert sample == " ".join(sample.split()), f"stray spaces in {sample!r}"
            assert len(sample) <= 200
            assert not re.search(r"\}\s*\{", sample), "two slots side by side"
            assert set(re.findall(r"\{(\w+)\}", sample)) <= declared_slots
            assert "cramp coach" not in sample and "alexa" not in sample


def test_no_sample_phrase_is_in_two_intents_or_twice_in_one(us_model: dict) -> None:
    counts = Counter(sample.lower() for intent in us_model["intents"] for sample in intent["samples"])
    assert [sample for sample, count in counts.items() if count > 1] == []


def test_there_are_rich_samples_for_the_cramp_and_info_intents(us_model: dict) -> None:
    intents = intents_by_name(us_model)
    cramp_samples = intents[CRAMP_INTENT]["samples"]
    assert len(cramp_samples) >= 40
    assert any("{muscle}" in sample for sample in cramp_samples)
    assert any("{muscle}" not in sample for sample in cramp_samples)
    for name in sorted(HANDLED_CUSTOM_INTENTS - {CRAMP_INTENT}):
        assert len(intents[name]["samples"]) >= 15, name
    for built_in, said in [("AMAZON.YesIntent", "yes it is"), ("AMAZON.NoIntent", "no it isn't")]:
        assert said in intents[built_in]["samples"], "the built-in yes and no are extended"


def test_muscle_slot_type_covers_every_muscle_with_its_own_stretch(us_model: dict) -> None:
    slot_type = next(t for t in us_model["types"] if t["name"] == "MuscleType")
    ids = {value["id"] for value in slot_type["values"]}
    muscles_told_apart = {
        place.id
        for place in PLACES
        if place.event.kind is EventKind.CRAMP and place.event.muscle is not Muscle.OTHER
    }
    assert {
        "CALF",
        "FOOT",
        "HAMSTRING",
        "QUADRICEPS",
        "HAND",
        "THIGH",
        "ELSEWHERE",
    } <= muscles_told_apart
    assert muscles_told_apart <= ids
    assert "BACK" in ids, "the back: another muscle, and the back of the thigh at the thigh's question"
    said = [
        word
        for value in slot_type["values"]
        for word in (value["name"]["value"], *value["name"].get("synonyms", []))
    ]
    assert len(said) == len(set(said)), "a synonym under two values"
    assert all(0 < len(word) <= 140 for word in said), "Alexa's limit for a value or synonym"
    for expected in ["calf", "foot", "toes", "arch", "hamstring", "back of my thigh", "quad",
                     "front of my thigh", "hand", "fingers"]:  # fmt: skip
        assert expected in said
    cramp = intents_by_name(us_model)[CRAMP_INTENT]
    assert cramp["slots"] == [{"name": MUSCLE_SLOT, "type": "MuscleType"}]


@pytest.mark.slow
def test_every_sample_utterance_resolves_to_its_own_intent(
    us_model: dict, resolver: UtteranceResolver
) -> None:
    wrong = []
    for intent_name, sample in resolver.sample_utterances():
        # A slot alone takes only the slot's own values; elsewhere a place the model does not know
        # ("elbow") still reaches the sample's intent, as Alexa fills custom slots with unknown words.
        for muscle in ("calf", "back of my thigh", *(() if sample.startswith("{") else ("elbow",))):
            spoken = sample.replace("{muscle}", muscle)
            resolution = resolver.resolve_in_session(spoken)
            if resolution.intent_name != intent_name:
                wrong.append((spoken, intent_name, resolution.intent_name))
    assert wrong == []


def test_muscle_synonyms_resolve_to_their_ids(resolver: UtteranceResolver) -> None:
    resolution = resolver.resolve("ask cramp coach to help with my back of my thigh cramp")
    fill = resolution.slots[MUSCLE_SLOT]
    assert (fill.value, fill.resolved_id, fill.matched) == ("back of my thigh", "HAMSTRING", True)
    unknown = resolver.resolve_in_session("my elbow is cramping").slots[MUSCLE_SLOT]
    assert (unknown.value, unknown.matched) == ("elbow", False)


def test_manifest_has_every_locale_a_health_disclaimer_and_privacy_flags(resolver: UtteranceResolver) -> None:
    manifest = json.loads((INTERACTION_MODEL_DIR / "skill.json").read_text())["manifest"]
    locales = manifest["publishingInformation"]["locales"]
    assert set(locales) == set(LOCALES) == {path.stem for path in MODELS_DIR.glob("*.json")}
    for locale, info in locales.items():
        description = info["description"].lower()
        assert "not a substitute for a healthcare provider" in description, locale
        assert "emergency" in description, locale
        for phrase in info["examplePhrases"]:
            assert resolver.resolve(phrase).intent_name != "AMAZON.FallbackIntent", phrase
    privacy = manifest["privacyAndCompliance"]
    assert privacy["usesPersonalInfo"] is False and privacy["isChildDirected"] is False
    assert privacy["allowsPurchases"] is False and privacy["containsAds"] is False


# ---------------------------------------------------------------------------------------------------------
# Name-free launch phrases: the _nameFreeInteraction container (Amazon's Name-free Interaction Toolkit)


def name_free_container(locale: str) -> dict:
    return json.loads((MODELS_DIR / f"{locale}.json").read_text(encoding="utf-8"))["interactionModel"][
        "_nameFreeInteraction"
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_model_has_name_free_launch_phrases_of_the_documented_shape(locale: str) -> None:
    """The toolkit's rules, written out here: a LAUNCH ingress point has no name; an INTENT one names a
    custom intent of the model; each holds one to five RAW_TEXT phrases, complete and without slots."""
    model = load_interaction_model(locale)
    custom_intents = {name for name in intents_by_name(model) if not name.startswith("AMAZON.")}
    points = name_free_container(locale)["ingressPoints"]
    assert [point["type"] for point in points].count("LAUNCH") == 1
    for point in points:
        named = {"name"} if point["type"] == "INTENT" else set()
        assert set(point) == {"type", "sampleUtterances", *named}
        if point["type"] == "INTENT":
            assert point["name"] in custom_intents, f"{point['name']} is no custom intent of the model"
        assert 1 <= len(point["sampleUtterances"]) <= 5
        for utterance in point["sampleUtterances"]:
            assert utterance["format"] == "RAW_TEXT"
            value = utterance["value"]
            assert re.fullmatch(r"[a-z']+( [a-z']+)+", value), f"{value!r}: words only, no slot"
            assert "cramp coach" not in value and not set(value.split()) & {"alexa", "amazon", "echo"}


def test_the_name_free_phrases_cover_the_cramp_how_to_stop_it_causes_prevention_and_when_to_call() -> None:
    named = {point.get("name") for point in name_free_container("en-US")["ingressPoints"]}
    assert {"CrampIntent", "TreatmentIntent", "CausesIntent", "PreventionIntent", "WhenToCallIntent"} <= named


@pytest.mark.parametrize("locale", LOCALES)
def test_each_intent_launch_phrase_is_understood_as_its_own_intent(locale: str) -> None:
    """Alexa hands the words over to the intent they name; the locale's model must agree with the phrase."""
    resolver = UtteranceResolver(load_interaction_model(locale))
    for point in name_free_container(locale)["ingressPoints"]:
        if point["type"] != "INTENT":
            continue
        for utterance in point["sampleUtterances"]:
            resolution = resolver.resolve(utterance["value"])
            assert resolution.intent_name == point["name"], f"{utterance['value']!r} -> {resolution}"


def test_a_locale_has_its_own_phrases_where_people_say_it_their_way() -> None:
    def phrases(locale: str, name: str | None) -> list[str]:
        (point,) = [p for p in name_free_container(locale)["ingressPoints"] if p.get("name") == name]
        return [utterance["value"] for utterance in point["sampleUtterances"]]

    assert "i've got cramp in my leg" in phrases("en-GB", "CrampIntent")
    assert "i've got cramp in my leg" not in phrases("en-US", "CrampIntent")
    assert "i've got cramp" in phrases("en-AU", None)
    for locale in ("en-GB", "en-AU", "en-IN"):
        points = name_free_container(locale)["ingressPoints"]
        said = [utterance["value"] for point in points for utterance in point["sampleUtterances"]]
        assert not any("charley horse" in phrase for phrase in said), f"{locale}: American words"
    assert phrases("en-GB", "PreventionIntent") == phrases("en-US", "PreventionIntent"), "the rest is shared"
    assert phrases("en-US", None) == phrases("en-CA", None)


def ingress_point(kind: str, name: str | None, *phrases: str) -> dict:
    point: dict = {"type": kind, "sampleUtterances": [{"format": "RAW_TEXT", "value": p} for p in phrases]}
    return point if name is None else {**point, "name": name}


@pytest.mark.parametrize(
    ("point", "problem"),
    [
        (ingress_point("INTENT", "NoSuchIntent", "a b"), "names no custom intent"),
        (ingress_point("INTENT", "AMAZON.HelpIntent", "a b"), "names no custom intent"),
        (ingress_point("LAUNCH", "CausesIntent", "a b"), "has no name"),
        (ingress_point("LAUNCH", None, *(f"cramp help {n}" for n in "abcdef")), "6 phrases"),
        (ingress_point("LAUNCH", None, "my {muscle} hurts"), "not a complete RAW_TEXT phrase"),
        (ingress_point("LAUNCH", None, "open cramp coach"), "invocation name"),
        (ingress_point("LAUNCH", None, "cramp help", "cramp help"), "twice"),
    ],
)
def test_the_generator_refuses_name_free_phrases_against_the_toolkit(point: dict, problem: str) -> None:
    grammar = {"invocation_name": "cramp coach", "intents": {"CausesIntent": {"samples": ["why me"]}}}
    model = build_language_model(grammar)
    model["interactionModel"]["_nameFreeInteraction"] = {"ingressPoints": [point]}
    assert any(problem in found for found in check_model(model)), problem


@pytest.mark.slow
def test_the_generator_can_leave_the_name_free_phrases_out_for_a_first_deployment() -> None:
    with_phrases = generated_files(["en"])
    without = generated_files(["en"], name_free=False)
    for path, text in without.items():
        assert "_nameFreeInteraction" not in json.loads(text)["interactionModel"]
        assert (
            json.loads(text)["interactionModel"]["languageModel"]
            == (json.loads(with_phrases[path])["interactionModel"]["languageModel"])
        )
