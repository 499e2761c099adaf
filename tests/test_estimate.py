"""``tooling.estimate``: the local estimate of Alexa's statistical layer, beside the grammar (the floor).

It must read every phrase the grammar holds exactly as the simulator does, hear plain phrasings the
grammar lacks, send what is about something else to AMAZON.FallbackIntent, find slot values with their
ids, and follow the model's ``fallbackIntentSensitivity``.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

import tooling.estimate.resolver as estimate_resolver
from skill.conversation.events import CRAMP_INTENT, FALLBACK_INTENT, MUSCLE_SLOT
from tooling.estimate import EstimatedResolver
from tooling.estimate.features import NgramSpace
from tooling.estimate.sensitivity import Thresholds, sensitivity_of
from tooling.estimate.training import SlotFinder, training_examples
from tooling.simulator import UtteranceResolver, load_interaction_model, normalise_sample
from tooling.understanding import estimated_resolver

# A small model of the same shape as the skill's, so that training takes milliseconds.
SMALL_MODEL: dict[str, Any] = {
    "invocationName": "cramp coach",
    "intents": [
        {
            "name": "CrampIntent",
            "slots": [{"name": "muscle", "type": "MuscleType"}],
            "samples": ["my {muscle} is cramping", "i have a cramp in my {muscle}", "{muscle} cramp"],
        },
        {"name": "BetterIntent", "samples": ["it's gone", "that's better", "it feels better now"]},
        {"name": "StillHurtsIntent", "samples": ["it still hurts", "it's not going away", "still cramping"]},
        {"name": "AMAZON.FallbackIntent", "samples": []},
    ],
    "types": [
        {
            "name": "MuscleType",
            "values": [
                {"id": "CALF", "name": {"value": "calf", "synonyms": ["calf muscle", "lower leg"]}},
                {"id": "HAMSTRING", "name": {"value": "hamstring", "synonyms": ["back of my thigh"]}},
                {"id": "THIGH", "name": {"value": "thigh"}},
            ],
        }
    ],
}


def with_sensitivity(level: str | None) -> dict[str, Any]:
    model = copy.deepcopy(SMALL_MODEL)
    if level is not None:
        model["modelConfiguration"] = {"fallbackIntentSensitivity": {"level": level}}
    return model


@pytest.fixture(scope="module")
def estimate() -> EstimatedResolver:
    resolver = estimated_resolver()
    assert isinstance(resolver, EstimatedResolver)
    return resolver


def filled_samples(resolver: UtteranceResolver, every: int) -> list[str]:
    """Every ``every``-th sample of the model, its slots said as the slot's name (the simulator hears
    any two words there): a spread of the grammar's own sentences."""
    samples = [sample for _, sample in resolver.sample_utterances()][::every]
    return [re.sub(r"\{\w+\}", "calf", normalise_sample(sample)) for sample in samples]


def test_every_sample_the_grammar_holds_is_read_as_the_simulator_reads_it(
    estimate: EstimatedResolver, resolver: UtteranceResolver
) -> None:
    phrases = filled_samples(resolver, every=10)
    assert len(phrases) > 500
    readings = estimate.read_all(phrases)
    for phrase, reading in zip(phrases, readings, strict=True):
        assert reading.estimated == resolver.resolve_in_session(phrase), phrase
        assert reading.layer == "grammar", phrase


def test_the_one_shot_and_launch_forms_are_the_simulators(
    estimate: EstimatedResolver, resolver: UtteranceResolver
) -> None:
    for utterance in ("open cramp coach", "ask cramp coach", "tell cramp coach my calf is cramping"):
        assert estimate.resolve(utterance) == resolver.resolve(utterance), utterance


@pytest.mark.parametrize(
    "phrase", ["what's the weather in paris", "order a pizza", "set an alarm for seven tomorrow"]
)
def test_what_is_about_something_else_is_the_fallback_intent(
    estimate: EstimatedResolver, phrase: str
) -> None:
    reading = estimate.read(phrase)
    assert reading.estimated.intent_name == FALLBACK_INTENT
    assert reading.layer == "rejected", "the statistical layer guessed, and the reject turned it down"


@pytest.mark.parametrize(
    ("phrase", "muscle"),
    [
        ("oh no the calf is seizing up on me", "CALF"),
        ("back of my thigh has seized up on me", "HAMSTRING"),
        ("foot's seized right up", "FOOT"),
    ],
)
def test_a_cramp_the_grammar_lacks_is_heard_with_its_muscle_and_id(
    estimate: EstimatedResolver, resolver: UtteranceResolver, phrase: str, muscle: str
) -> None:
    assert resolver.resolve_in_session(phrase).intent_name == FALLBACK_INTENT, "no sample holds it"
    reading = estimate.read(phrase)
    assert reading.layer == "statistical"
    assert reading.estimated.intent_name == CRAMP_INTENT
    fill = (reading.estimated.slots or {})[MUSCLE_SLOT]
    assert fill.matched and fill.resolved_id == muscle


def test_a_plain_question_the_grammar_lacks_is_heard_as_its_topic(
    estimate: EstimatedResolver, resolver: UtteranceResolver
) -> None:
    phrase = "why do i get muscle spasms"
    assert resolver.resolve_in_session(phrase).intent_name == FALLBACK_INTENT
    assert estimate.resolve_in_session(phrase).intent_name == "CausesIntent"


def test_slot_values_are_found_longest_first_with_their_ids() -> None:
    finder = SlotFinder(SMALL_MODEL)
    back = finder.slots(CRAMP_INTENT, "the back of my thigh is tight")[MUSCLE_SLOT]
    assert (back.value, back.resolved_id, back.resolved_name, back.matched) == (
        "back of my thigh", "HAMSTRING", "hamstring", True
    )  # fmt: skip
    assert finder.slots(CRAMP_INTENT, "my thigh")[MUSCLE_SLOT].resolved_id == "THIGH"
    assert finder.slots(CRAMP_INTENT, "my calfskin boots")[MUSCLE_SLOT].value is None, "whole words only"
    assert finder.slots("BetterIntent", "my calf") == {}, "an intent without slots gets none"


def test_training_fills_every_value_and_synonym_into_some_sample_and_leaves_no_slot() -> None:
    examples = training_examples(SMALL_MODEL)
    said = " | ".join(examples.texts)
    for value in ("calf", "calf muscle", "lower leg", "hamstring", "back of my thigh", "thigh"):
        assert f"my {value} is cramping" in said or f"in my {value}" in said or f"{value} cramp" in said, (
            value
        )
    assert "{" not in said
    assert FALLBACK_INTENT not in examples.intents, "the fallback is the reject, not a class"


def test_words_the_samples_never_held_count_against_a_phrase() -> None:
    space = NgramSpace(["my calf is cramping", "it still hurts"])
    sample, plain, padded = space.vectors(
        ["my calf is cramping", "my calf is cramping", "my calf is cramping in paris weather"]
    ).toarray()
    assert sample @ plain == pytest.approx(1.0)
    assert sample @ padded < 0.8, "unknown words are no reason to be near a sample"


def test_the_threshold_follows_the_models_fallback_intent_sensitivity() -> None:
    thresholds = Thresholds(0.1, 0.5, 0.9)
    assert sensitivity_of(with_sensitivity(None)) is None
    for level, expected in ((None, 0.1), ("LOW", 0.1), ("MEDIUM", 0.5), ("HIGH", 0.9)):
        assert EstimatedResolver(with_sensitivity(level), thresholds, disk_cache=False).threshold == expected
    with pytest.raises(ValueError, match="fallbackIntentSensitivity"):
        EstimatedResolver(with_sensitivity("EXTREME"), thresholds, disk_cache=False)


def test_a_higher_sensitivity_rejects_what_a_lower_one_takes() -> None:
    phrase = "my calf really is cramping badly tonight"
    probe = EstimatedResolver(with_sensitivity(None), Thresholds(0.0, 0.0, 0.0), disk_cache=False)
    guess = probe.read(phrase).guess
    assert guess is not None and 0.0 < guess.nearness < 1.0
    between = Thresholds(guess.nearness / 2, guess.nearness, (1 + guess.nearness) / 2)
    heard = {
        level: EstimatedResolver(with_sensitivity(level), between, disk_cache=False).resolve_in_session(
            phrase
        )
        for level in ("LOW", "MEDIUM", "HIGH")
    }
    assert heard["LOW"].intent_name == heard["MEDIUM"].intent_name == CRAMP_INTENT
    assert heard["HIGH"].intent_name == FALLBACK_INTENT


def test_the_skills_model_sets_medium_sensitivity_and_the_estimate_follows_it(
    estimate: EstimatedResolver,
) -> None:
    """MEDIUM is chosen and argued in the grammar file and docs/understanding.md (issue 25)."""
    assert sensitivity_of(load_interaction_model("en-US")) == "MEDIUM"
    assert estimate.sensitivity == "MEDIUM"


def test_a_model_is_trained_once_and_kept_under_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(estimate_resolver, "BUILD_CACHE", tmp_path)
    monkeypatch.setattr(estimate_resolver, "_TRAINED", {})
    first = estimate_resolver.trained_layer(SMALL_MODEL)
    assert estimate_resolver.trained_layer(SMALL_MODEL) is first, "once a process"
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    monkeypatch.setattr(estimate_resolver, "_TRAINED", {})
    again = estimate_resolver.trained_layer(SMALL_MODEL)
    assert again is not first and again.guess(["my calf"]) == first.guess(["my calf"]), (
        "read back from build/"
    )
    changed = with_sensitivity(None)
    changed["intents"][1]["samples"].append("all good now")
    assert estimate_resolver.trained_layer(changed) is not again, "another model is trained anew"
