"""What Alexa would be told when it asks, name-free, whether Cramp Coach can take something said.

``python -m skill can-fulfill "i have a cramp in my calf"`` resolves the words against the locale's
interaction model (as ``tooling.simulator`` does for the chat), sends the skill a real
CanFulfillIntentRequest for that intent and its slots through its Lambda handler, and prints the verdict,
and whether the words are one of the model's name-free launch phrases.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from skill.builder import build_skill, lambda_handler_for
from tooling.envelopes import DEFAULT_LOCALE, can_fulfill_request, envelope
from tooling.model_grammar import NAME_FREE_CONTAINER
from tooling.simulator import FALLBACK_INTENT, INTERACTION_MODEL_DIR, Resolution, UtteranceResolver, normalise


@dataclass(frozen=True)
class CanFulfillAnswer:
    """One name-free query and the skill's answer to it."""

    utterance: str
    resolution: Resolution
    response: dict[str, Any]
    launch_phrase_of: str | None  # "LAUNCH" or the intent whose name-free phrase this is, if any

    @property
    def verdict(self) -> dict[str, Any]:
        return dict(self.response.get("response", {}).get("canFulfillIntent") or {})


def name_free_phrases(model: Mapping[str, Any]) -> dict[str, str]:
    """Each name-free phrase of a model and where it leads: "LAUNCH" or an intent's name."""
    container = model["interactionModel"].get(NAME_FREE_CONTAINER, {})
    return {
        normalise(utterance["value"]): point.get("name") or point["type"]
        for point in container.get("ingressPoints", [])
        for utterance in point.get("sampleUtterances", [])
    }


class CanFulfillQuery:
    """Asks the real skill, through its Lambda handler, as Alexa's name-free routing would."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        from skill.content import load_locales

        model_file = INTERACTION_MODEL_DIR.parent / str(load_locales().of(locale).model)
        model = json.loads(model_file.read_text(encoding="utf-8"))
        self.locale = locale
        self.resolver = UtteranceResolver(model["interactionModel"]["languageModel"])
        self.phrases = name_free_phrases(model)
        self.lambda_handler = lambda_handler_for(build_skill())

    def ask(self, utterance: str) -> CanFulfillAnswer:
        resolution = self.resolver.resolve_in_session(utterance)
        request = can_fulfill_request(
            resolution.intent_name or FALLBACK_INTENT, resolution.slots, locale=self.locale
        )
        event = json.loads(json.dumps(envelope(request, in_session=False)))
        response = self.lambda_handler(event, None)
        return CanFulfillAnswer(utterance, resolution, response, self.phrases.get(normalise(utterance)))


def describe_answer(answer: CanFulfillAnswer) -> list[str]:
    """The printed lines for one query: what Alexa heard, the verdict, and that nothing else was sent."""
    heard = [f"{name}={fill.value!r}" + (f" ({fill.resolved_id})" if fill.matched else "")
             for name, fill in (answer.resolution.slots or {}).items() if fill.value is not None]  # fmt: skip
    lines = [f"  heard as {answer.resolution.intent_name}" + (f" with {', '.join(heard)}" if heard else "")]
    verdict = answer.verdict
    lines.append(f"  canFulfill: {verdict.get('canFulfill', '(none)')}")
    for slot_name, slot in (verdict.get("slots") or {}).items():
        understand, fulfill = slot["canUnderstand"], slot["canFulfill"]
        lines.append(f"    slot {slot_name}: canUnderstand {understand}, canFulfill {fulfill}")
    body = answer.response.get("response", {})
    said = [part for part in ("outputSpeech", "card", "reprompt", "directives") if part in body]
    effects = said + (["sessionAttributes"] if answer.response.get("sessionAttributes") else [])
    lines.append(f"  also sent: {', '.join(effects) if effects else 'nothing (no speech, card or state)'}")
    if answer.launch_phrase_of == "LAUNCH":
        lines.append("  a name-free skill launch phrase: opens Cramp Coach at its first question")
    elif answer.launch_phrase_of:
        lines.append(f"  a name-free intent launch phrase of {answer.launch_phrase_of}")
    return lines


def run_queries(utterances: Iterable[str], out: TextIO, locale: str = DEFAULT_LOCALE) -> int:
    query = CanFulfillQuery(locale)
    for utterance in utterances:
        utterance = utterance.strip()
        if not utterance:
            continue
        print(f"you> {utterance}", file=out)
        for line in describe_answer(query.ask(utterance)):
            print(line, file=out)
    return 0
