"""What the interaction model gives Alexa to learn from, and nothing else: each intent's samples with their
slots filled in by the slot type's values and synonyms, the phrases Alexa's built-in intents know, and the
slot types themselves, for finding a value inside what was said (entity resolution).

A sample with a slot is written out with the next of its type's values and synonyms in turn (and the
samples again, until every value and synonym has been said), so that each is seen in some sample without
multiplying 4,000 samples by 300 synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from skill.conversation.events import FALLBACK_INTENT
from tooling.envelopes import SlotFill
from tooling.simulator import BUILT_IN_PHRASES, normalise, normalise_sample

_SLOT = re.compile(r"\{(\w+)\}")


class Examples(NamedTuple):
    """Training texts, one intent name each."""

    texts: list[str]
    intents: list[str]


class SlotValue(NamedTuple):
    """One way a slot type's value is said, with the value's id and name (Alexa's entity resolution)."""

    said: str
    resolved_id: str
    resolved_name: str


def slot_values(language_model: Mapping[str, Any]) -> dict[str, list[SlotValue]]:
    """Each slot type's values and synonyms, longest first: "back of my thigh" is found before "thigh"."""
    by_type: dict[str, list[SlotValue]] = {}
    for slot_type in language_model.get("types", []):
        values: dict[str, SlotValue] = {}
        for value in slot_type["values"]:
            name = value["name"]["value"]
            for said in (name, *value["name"].get("synonyms", [])):
                values.setdefault(normalise(said), SlotValue(normalise(said), value.get("id") or name, name))
        by_type[slot_type["name"]] = sorted(values.values(), key=lambda value: (-len(value.said), value.said))
    return by_type


def slot_types_of(language_model: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Each intent's slots and their types."""
    return {
        intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for intent in language_model["intents"]
    }


def training_examples(language_model: Mapping[str, Any]) -> Examples:
    """Every sample of every intent with its slots filled, and the built-in intents' own phrases; the
    fallback intent is no class: it is what the reject returns."""
    values = slot_values(language_model)
    slots_of = slot_types_of(language_model)
    texts, intents = [], []
    for intent in language_model["intents"]:
        name = intent["name"]
        if name == FALLBACK_INTENT:
            continue
        samples = [normalise_sample(sample) for sample in intent.get("samples", [])]
        slotted = [sample for sample in samples if _SLOT.search(sample)]
        for sample in samples:
            if sample not in slotted:
                texts.append(sample)
                intents.append(name)
        # The slotted samples in turn, each with the next value, until every sample and every value has
        # been said at least once.
        most_values = max((len(values.get(kind, [])) for kind in slots_of[name].values()), default=0)
        for index in range(max(len(slotted), most_values) if slotted else 0):
            texts.append(_filled(slotted[index % len(slotted)], index, slots_of[name], values))
            intents.append(name)
        for phrase in BUILT_IN_PHRASES.get(name, ()):
            texts.append(phrase)
            intents.append(name)
    return Examples(texts, intents)


def _filled(
    sample: str, index: int, slot_types: Mapping[str, str], values: Mapping[str, list[SlotValue]]
) -> str:
    """The sample with each slot replaced by a value of its type, the index-th in turn."""
    for position, slot in enumerate(_SLOT.findall(sample)):
        choices = values.get(slot_types.get(slot, ""), [])
        said = choices[(index + position) % len(choices)].said if choices else slot
        sample = sample.replace("{" + slot + "}", said, 1)
    return sample


class SlotFinder:
    """Finds an intent's slot values inside a phrase, as Alexa's entity resolution would: a value or synonym
    of the slot's type said as whole words, the longest first, with the value's id."""

    def __init__(self, language_model: Mapping[str, Any]) -> None:
        self._values = slot_values(language_model)
        self._slots_of = slot_types_of(language_model)

    def slots(self, intent_name: str, text: str) -> dict[str, SlotFill]:
        """Every slot the intent declares (Alexa sends them all), filled where a value was said."""
        padded = f" {normalise(text)} "
        filled = {}
        for slot, slot_type in self._slots_of.get(intent_name, {}).items():
            found = next(
                (value for value in self._values.get(slot_type, []) if f" {value.said} " in padded), None
            )
            filled[slot] = (
                SlotFill(found.said, found.resolved_id, found.resolved_name, matched=True)
                if found
                else SlotFill(None)
            )
        return filled
