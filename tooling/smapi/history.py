"""``python -m skill history``: what real people said, from Intent Request History
(``get_utterance_data_v1``: Amazon keeps the last 30 days, anonymised and aggregated), counted by intent
and confidence, and the fallback and low-confidence utterances the grammar does not cover yet, printed as
sample lines ready to paste into ``interaction_model/grammar/<language>.toml``.

"Covered" is decided by the simulator (``tooling.simulator.UtteranceResolver``) on the committed model of
the same locale: an utterance it already resolves to an intent other than AMAZON.FallbackIntent was
added since (or Alexa's statistical model missed what the samples say), and is left out.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, TextIO

from ask_smapi_model.v1.skill.history.intent_requests import IntentRequests

from skill.content import load_locales
from skill.conversation.events import FALLBACK_INTENT
from tooling.simulator import UtteranceResolver, load_interaction_model, normalise
from tooling.smapi.client import Smapi, SmapiError, Target

CONFIDENCE_BINS = ("HIGH", "MEDIUM", "LOW")
UNSORTED = "unsorted"
# Each page holds up to 50 utterances; a month of a busy skill is far below this many pages.
MAX_PAGES = 2000


@dataclass(frozen=True)
class HeardUtterance:
    """One request of the history: what was said, the intent Alexa chose and its confidence bin."""

    text: str
    intent: str
    confidence: str


@dataclass(frozen=True)
class Uncovered:
    """An utterance the grammar does not cover yet, and the intent it should probably go to."""

    sample: str
    probable_intent: str  # the intent Alexa chose with low confidence, or UNSORTED after a fallback
    times: int


def fetch_history(smapi: Smapi, target: Target) -> list[HeardUtterance]:
    """Every request of the history for the target's stage and locale, page by page (``next_token``)."""
    heard: list[HeardUtterance] = []
    next_token: str | None = None
    seen_tokens: set[str] = set()
    for _ in range(MAX_PAGES):
        # The SDK sends every keyword it is given, None included: only the ones that are set.
        paging: dict[str, Any] = {"next_token": next_token} if next_token else {}

        def read_page(paging: dict[str, Any] = paging) -> object:
            return smapi.skills.get_utterance_data_v1(
                target.skill_id, target.stage, locale=[target.locale], **paging
            )

        page = smapi.call("reading the intent request history", read_page, IntentRequests)
        for item in page.items or []:
            if not item.utterance_text:
                continue
            intent = item.intent
            confidence = intent.confidence.bin if intent and intent.confidence else None
            heard.append(
                HeardUtterance(
                    text=str(item.utterance_text),
                    intent=str(intent.name) if intent and intent.name else FALLBACK_INTENT,
                    confidence=str(confidence.value) if confidence is not None else "unknown",
                )
            )
        next_token = page.next_token
        if not next_token or page.is_truncated is False:
            return heard
        if next_token in seen_tokens:
            raise SmapiError("reading the intent request history: SMAPI sent the same page token twice")
        seen_tokens.add(next_token)
    raise SmapiError(f"reading the intent request history: more than {MAX_PAGES} pages")


def uncovered_utterances(heard: list[HeardUtterance], resolver: UtteranceResolver) -> list[Uncovered]:
    """The fallback and low-confidence utterances the model does not resolve yet, most frequent first."""
    wanted = [
        utterance
        for utterance in heard
        if utterance.intent == FALLBACK_INTENT or utterance.confidence == "LOW"
    ]
    times = Counter(normalise(utterance.text) for utterance in wanted)
    probable: dict[str, str] = {}
    for utterance in wanted:
        sample = normalise(utterance.text)
        guess = utterance.intent if utterance.intent != FALLBACK_INTENT else UNSORTED
        # One guess per sample: a real intent Alexa chose beats "unsorted".
        if probable.get(sample, UNSORTED) == UNSORTED:
            probable[sample] = guess
    return [
        Uncovered(sample, probable[sample], count)
        for sample, count in sorted(times.items(), key=lambda entry: (-entry[1], entry[0]))
        if sample and resolver.resolve(sample).intent_name == FALLBACK_INTENT
    ]


def grammar_file(locale: str) -> str:
    """Where the locale's samples are written (one grammar per language)."""
    return f"interaction_model/grammar/{load_locales().of(locale).language}.toml"


def print_history(target: Target, heard: list[HeardUtterance], out: TextIO) -> None:
    """Counts by intent and confidence bin, then the uncovered utterances as ready-to-paste sample lines."""
    print(
        f"Intent Request History, {target.locale} {target.stage} (the last 30 days): {len(heard)} utterances",
        file=out,
    )
    counts = Counter((utterance.intent, utterance.confidence) for utterance in heard)
    bins = CONFIDENCE_BINS + (("unknown",) if any(c == "unknown" for _, c in counts) else ())
    intents = sorted({intent for intent, _ in counts})
    width = max((len(intent) for intent in intents), default=6)
    print(f"{'by intent':<{width + 2}}" + "".join(f"{name:>8}" for name in bins), file=out)
    for intent in intents:
        print(f"  {intent:<{width}}" + "".join(f"{counts[intent, name]:8d}" for name in bins), file=out)
    uncovered = uncovered_utterances(heard, UtteranceResolver(load_interaction_model(target.locale)))
    wanted = sum(1 for u in heard if u.intent == FALLBACK_INTENT or u.confidence == "LOW")
    if not uncovered:
        print(f"every fallback or low-confidence utterance ({wanted}) is covered by the grammar", file=out)
        return
    print(
        f"not covered by the grammar yet ({len(uncovered)}): add each line to that intent's samples in "
        f"{grammar_file(target.locale)}, then `python -m skill model`",
        file=out,
    )
    for intent in sorted({u.probable_intent for u in uncovered}, key=lambda name: (name == UNSORTED, name)):
        header = f'[intents."{intent}"]' if intent.startswith("AMAZON.") else f"[intents.{intent}]"
        print(f"# {UNSORTED}: Alexa fell back; choose the intent" if intent == UNSORTED else header, file=out)
        for entry in (u for u in uncovered if u.probable_intent == intent):
            # A JSON string is a TOML basic string: the line pastes into the samples list as it is.
            print(f"  {json.dumps(entry.sample, ensure_ascii=False)},", file=out)
