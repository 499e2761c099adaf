"""What people can say that makes an intent, as the review shows it: the deployed locale models' samples,
grouped into the grammar's phrase families, with a few examples of each and the locales that have it.

The samples are read from each locale's model (``interaction_model/interactionModels/custom/``: what
Alexa is given), never from a list kept here. The grammar (``interaction_model/grammar/``) only names the
families: each sample belongs to the first template of its intent that expands to it, and a sample no
template makes (a model edited by hand) is still shown, under "other phrases". A slot is shown filled
with a value of its type, so that a clinician reads a sentence, not a template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from skill.content import load_locales
from tooling.model_grammar import REPO, expand, grammar_for_locale, load_grammar

EXAMPLES_PER_FAMILY = 2
_SLOT = re.compile(r"\{(\w+)\}")
_SLOT_POSSESSIVE = re.compile(r"\{(\w+)\}'s\b")
OTHER_FAMILY = "other phrases"


@dataclass
class Family:
    """One way of saying a thing (a grammar template), and what each locale's model holds of it."""

    template: str
    samples: dict[str, list[str]] = field(default_factory=dict)  # locale -> its samples, in model order

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(locale for locale, samples in self.samples.items() if samples)

    def count(self) -> int:
        return max((len(samples) for samples in self.samples.values()), default=0)

    def examples(self, locale: str | None = None, limit: int = EXAMPLES_PER_FAMILY) -> list[str]:
        """A few of its samples, spread over the family: its first, its middle and its last."""
        samples = self.samples.get(locale or self.locales[0], []) if self.locales else []
        if len(samples) <= limit:
            return list(samples)
        picks = sorted({round(index * (len(samples) - 1) / (limit - 1)) for index in range(limit)})
        return [samples[index] for index in picks]


@dataclass(frozen=True)
class IntentPhrases:
    """An intent's phrase families, across the locales."""

    intent: str
    families: tuple[Family, ...]
    totals: dict[str, int]  # locale -> how many samples its model holds for the intent

    def words(self) -> list[str]:
        """Every word its phrases use in any locale, in alphabetical order: a word not here is in none."""
        return sorted(
            {
                word
                for family in self.families
                for samples in family.samples.values()
                for sample in samples
                for word in sample.split()
            }
        )

    def only_in(self) -> dict[str, list[str]]:
        """Locale -> the examples of the families only some locales have (their own words)."""
        every = set(self.totals)
        found: dict[str, list[str]] = {}
        for family in self.families:
            if set(family.locales) != every:
                for locale in family.locales:
                    found.setdefault(locale, []).extend(family.examples(locale, 2))
        return found


@cache
def locale_models() -> dict[str, dict[str, Any]]:
    """Each registered locale's deployed language model."""
    return {
        name: json.loads((REPO / str(locale.model)).read_text(encoding="utf-8"))["interactionModel"][
            "languageModel"
        ]
        for name, locale in load_locales().locales.items()
    }


@cache
def slot_examples() -> dict[str, str]:
    """Slot type -> the value a sample is shown with (the type's first value)."""
    examples: dict[str, str] = {}
    for model in locale_models().values():
        for slot_type in model.get("types", []):
            if slot_type["values"]:
                examples.setdefault(slot_type["name"], slot_type["values"][0]["name"]["value"])
    return examples


def readable(sample: str, slot_types: dict[str, str], fill: dict[str, str] | None = None) -> str:
    """A sample as a sentence: each slot filled with ``fill``'s words or its type's first value."""
    values = slot_examples()

    def filled(match: re.Match[str]) -> str:
        slot = match.group(1)
        if fill and slot in fill:
            return fill[slot]
        return values.get(slot_types.get(slot, ""), slot)

    return _SLOT.sub(filled, sample)


def _intent(model: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((intent for intent in model["intents"] if intent["name"] == name), None)


@cache
def intent_phrases(intent: str) -> IntentPhrases:
    """The intent's samples in every locale model, grouped by the grammar template that makes them."""
    grammar = load_grammar()
    families: dict[str, Family] = {}
    totals: dict[str, int] = {}
    for locale, model in locale_models().items():
        spec = _intent(model, intent)
        samples = list(spec.get("samples", [])) if spec else []
        totals[locale] = len(samples)
        slot_types = {slot["name"]: slot["type"] for slot in (spec or {}).get("slots", [])}
        merged = grammar_for_locale(grammar, locale)
        templates = merged.get("intents", {}).get(intent, {}).get("samples", [])
        owner: dict[str, str] = {}
        for template in templates:
            for sample in expand(template, merged.get("words", {})):
                owner.setdefault(_SLOT_POSSESSIVE.sub(r"{\1}", sample), template)
        for sample in samples:
            template = owner.get(sample, OTHER_FAMILY)
            family = families.setdefault(template, Family(template))
            family.samples.setdefault(locale, []).append(readable(sample, slot_types))
    return IntentPhrases(intent, tuple(families.values()), totals)


@cache
def samples_with_slot(intent: str, slot: str) -> tuple[str, ...]:
    """The intent's samples (first locale) that hold ``slot``, unfilled, shortest shapes first."""
    model = next(iter(locale_models().values()))
    spec = _intent(model, intent) or {}
    holding = [sample for sample in spec.get("samples", []) if "{" + slot + "}" in sample]
    return tuple(sorted(holding, key=lambda sample: (len(sample.split()), holding.index(sample))))


@cache
def slot_value_words(slot_type: str, value_id: str) -> tuple[str, ...]:
    """A slot type value's own word and its synonyms, as the first locale model has them."""
    model = next(iter(locale_models().values()))
    for candidate in model.get("types", []):
        if candidate["name"] == slot_type:
            for value in candidate["values"]:
                if value.get("id") == value_id:
                    name = value["name"]
                    return (name["value"], *name.get("synonyms", []))
    return ()
