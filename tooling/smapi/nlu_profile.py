"""``python -m skill nlu-profile``: every phrase of the understanding corpora through Alexa's Utterance
Profiler (``profile_nlu_v1``) on the deployed stage, judged by the same rules as the simulator's figures
(``tooling.understanding.judge_phrase``), so the two can be read side by side: what the exact simulator
misses and Alexa's statistical model catches, and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ask_smapi_model.v1.skill.evaluations.profile_nlu_request import ProfileNluRequest
from ask_smapi_model.v1.skill.evaluations.profile_nlu_response import ProfileNluResponse
from ask_smapi_model.v1.skill.evaluations.resolutions_per_authority_status_code import (
    ResolutionsPerAuthorityStatusCode,
)

from skill.conversation.events import FALLBACK_INTENT
from tooling.smapi.client import Smapi, Target
from tooling.understanding import judge_phrase, load_phrases

MUSCLE_SLOT = "muscle"


@dataclass(frozen=True)
class ProfiledPhrase:
    """One corpus phrase and what Alexa's model made of it."""

    corpus: str
    text: str
    intent: str  # the intent the corpus says it must reach
    expected: str  # as judge_phrase writes them: "CrampIntent (CALF)" when the muscle matters
    heard: str
    chosen: str  # the intent Alexa selected, as it named it
    considered: tuple[str, ...]

    @property
    def understood(self) -> bool:
        return self.expected == self.heard

    @property
    def fell_back(self) -> bool:
        return self.chosen == FALLBACK_INTENT


@dataclass(frozen=True)
class IntentFigures:
    """How the phrases meant for one intent fared."""

    phrases: int
    understood: int
    fell_back: int


@dataclass(frozen=True)
class ProfileReport:
    """Every profiled phrase, with the shares the command prints and its threshold checks."""

    target: Target
    corpora: tuple[str, ...]
    phrases: tuple[ProfiledPhrase, ...]

    @property
    def accuracy(self) -> float:
        return sum(phrase.understood for phrase in self.phrases) / len(self.phrases) if self.phrases else 0.0

    @property
    def fallback_share(self) -> float:
        return sum(phrase.fell_back for phrase in self.phrases) / len(self.phrases) if self.phrases else 0.0

    def by_intent(self) -> dict[str, IntentFigures]:
        figures: dict[str, IntentFigures] = {}
        for intent in sorted({phrase.intent for phrase in self.phrases}):
            meant = [phrase for phrase in self.phrases if phrase.intent == intent]
            figures[intent] = IntentFigures(
                len(meant),
                sum(phrase.understood for phrase in meant),
                sum(phrase.fell_back for phrase in meant),
            )
        return figures


def resolved_muscle(response: ProfileNluResponse) -> str | None:
    """The muscle slot's resolved id (``CALF``), when Alexa matched one of the slot type's values."""
    slots: Mapping[str, Any] = (response.selected_intent and response.selected_intent.slots) or {}
    slot = slots.get(MUSCLE_SLOT)
    authorities = (slot and slot.resolutions and slot.resolutions.resolutions_per_authority) or []
    for authority in authorities:
        matched = authority.status is not None and authority.status.code == (
            ResolutionsPerAuthorityStatusCode.ER_SUCCESS_MATCH
        )
        if matched and authority.values:
            resolved_id = authority.values[0].id
            return str(resolved_id) if resolved_id else None
    return None


def profile_corpora(smapi: Smapi, target: Target, corpora: Mapping[str, Path]) -> ProfileReport:
    """Profile every phrase of each corpus that is said in the target's locale, one call each (SMAPI takes
    one utterance at a time). A phrase without a locale is anyone's English; one that names a locale
    ("yeah nah", en-AU) is profiled only against that locale's model, as the simulator measures it."""
    profiled = []
    for corpus, path in corpora.items():
        for phrase in load_phrases(path):
            if phrase.get("locale", target.locale) != target.locale:
                continue
            request = ProfileNluRequest(utterance=phrase["text"])
            response = smapi.call(
                f"profiling {phrase['text']!r}",
                partial(smapi.skills.profile_nlu_v1, request, target.skill_id, target.stage, target.locale),
                ProfileNluResponse,
            )
            chosen = str(response.selected_intent.name) if response.selected_intent else FALLBACK_INTENT
            expected, heard = judge_phrase(phrase, chosen, resolved_muscle(response))
            considered = tuple(str(intent.name) for intent in response.considered_intents or [])
            profiled.append(
                ProfiledPhrase(corpus, phrase["text"], phrase["intent"], expected, heard, chosen, considered)
            )
    return ProfileReport(target, tuple(corpora), tuple(profiled))


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def print_profile(report: ProfileReport, out: TextIO, min_accuracy: float | None = None) -> bool:
    """Print the report; True when the accuracy reaches ``min_accuracy`` (a percentage), or none is set."""
    target = report.target
    print(
        f"Utterance Profiler, {target.locale} {target.stage}: {len(report.phrases)} phrases "
        f"({', '.join(report.corpora)})",
        file=out,
    )
    wrong = [phrase for phrase in report.phrases if not phrase.understood]
    if wrong:
        print(f"not understood as the corpus means ({len(wrong)}):", file=out)
        for phrase in wrong:
            others = [name for name in phrase.considered if name != phrase.chosen]
            print(
                f"  [{phrase.corpus}] {phrase.text!r}: expected {phrase.expected}, Alexa heard {phrase.heard}"
                + (f"; also considered {', '.join(others)}" if others else ""),
                file=out,
            )
    width = max((len(intent) for intent in report.by_intent()), default=6)
    print(f"{'by intent meant':<{width + 2}}  phrases  understood  fell back", file=out)
    for intent, figures in report.by_intent().items():
        print(
            f"  {intent:<{width}}  {figures.phrases:7d}  {_percent(figures.understood / figures.phrases):>10}"
            f"  {_percent(figures.fell_back / figures.phrases):>9}",
            file=out,
        )
    understood = sum(phrase.understood for phrase in report.phrases)
    print(
        f"all: {understood}/{len(report.phrases)} understood ({_percent(report.accuracy)}), "
        f"{_percent(report.fallback_share)} fell back to {FALLBACK_INTENT}",
        file=out,
    )
    if min_accuracy is None:
        return True
    passes = report.accuracy * 100 >= min_accuracy
    print(f"{'at or above' if passes else 'BELOW'} the minimum accuracy of {min_accuracy:.1f}%", file=out)
    return passes
