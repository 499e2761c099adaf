"""A stand-in for Alexa's speech understanding and session handling, for the terminal chat and the tests.

``UtteranceResolver`` resolves what a person types against the en-US interaction model, the way Alexa
would for a well-spoken utterance: the "open / ask / tell cramp coach ..." forms, the model's sample
utterances with their slots and synonyms (with entity resolution), common phrasings of the built-in
intents, and AMAZON.FallbackIntent for anything else. It is exact, not fuzzy: an utterance that is not in
the model is a fallback here, which keeps the tests honest about the model's coverage.

``tooling.speaker`` uses it to play a device that carries the session between turns.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill.content import load_locales
from skill.conversation.events import FALLBACK_INTENT, LAUNCH_REQUEST
from tooling.envelopes import DEFAULT_LOCALE, SlotFill

INTERACTION_MODEL_DIR = Path(__file__).resolve().parent.parent / "interaction_model"
MODELS_DIR = INTERACTION_MODEL_DIR / "interactionModels" / "custom"

LAUNCH = LAUNCH_REQUEST

# What Alexa's built-in intents understand without any sample of ours: the utterances Amazon's "Standard
# Built-in Intents" page gives for each. Everything else people say ("yeah", "nope", "i do", "what's next")
# is in the model as samples, so the simulator only understands it if the model says so.
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": ("yes", "yes please", "sure"),
    "AMAZON.NoIntent": ("no", "no thanks"),
    "AMAZON.HelpIntent": ("help", "help me", "can you help me", "what can i say"),
    "AMAZON.StopIntent": ("stop", "off", "shut up"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "forget it"),
    "AMAZON.NextIntent": ("next", "skip", "skip forward"),
    "AMAZON.PreviousIntent": ("go back", "skip back", "back up", "previous"),
    "AMAZON.RepeatIntent": ("repeat", "say that again"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again"),
    "AMAZON.NavigateHomeIntent": ("go home", "home"),
}

# Alexa fills a custom slot with words outside its values too, but not with a whole sentence: a value it
# cannot resolve is taken only when it is this short, so "the weather in paris" is no muscle.
MAX_UNRESOLVED_SLOT_WORDS = 2

_INVOCATION_VERBS_OPEN = ("open", "start", "launch", "begin", "run", "load", "use")
_INVOCATION_VERBS_ASK = ("ask", "tell")
_CONNECTING_WORDS = ("to", "about", "for", "that", "if", "whether")


# Contractions typed without their apostrophe ("its my foot"): Alexa's speech recognition writes them
# with it, so the chat does too before matching.
TYPED_CONTRACTIONS = {
    "its": "it's", "thats": "that's", "im": "i'm", "ive": "i've", "dont": "don't", "doesnt": "doesn't",
    "isnt": "isn't", "cant": "can't", "wont": "won't", "didnt": "didn't", "hasnt": "hasn't",
}  # fmt: skip


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces; apostrophes kept (and typed contractions given theirs),
    other punctuation dropped."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(TYPED_CONTRACTIONS.get(word, word) for word in text.split())


def load_interaction_model(locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    """The language model of one locale, as the ASK CLI skill package holds it (in the source checkout:
    the model is deployed to Alexa, not installed with the package)."""
    model = load_locales().of(locale).model
    if model is None:
        raise FileNotFoundError(f"{locale} is not in the locale registry (skill/content/locales.toml)")
    path = INTERACTION_MODEL_DIR.parent / model
    if not path.exists():
        raise FileNotFoundError(f"no interaction model at {path}: run the chat from a source checkout")
    return json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]


@dataclass(frozen=True)
class Resolution:
    """What Alexa would send for an utterance: a launch, or an intent with its slots."""

    request_type: str
    intent_name: str | None = None
    slots: Mapping[str, SlotFill] | None = None
    invoked: bool = False  # said with "open/ask/tell cramp coach": starts a new session


@dataclass(frozen=True)
class _Sample:
    intent_name: str
    text: str
    slot_names: tuple[str, ...]
    pattern: re.Pattern[str]
    literal_words: int  # how much of the sample is fixed text: the more, the better the match


class UtteranceResolver:
    """Resolves typed utterances to intents against one interaction model."""

    def __init__(self, language_model: Mapping[str, Any]) -> None:
        self.invocation_name = normalise(language_model["invocationName"])
        self._slot_types: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language_model.get("types", []):
            synonyms: dict[str, tuple[str, str]] = {}
            for value in slot_type["values"]:
                name = value["name"]["value"]
                for said in (name, *value["name"].get("synonyms", [])):
                    synonyms[normalise(said)] = (value.get("id") or name, name)
            self._slot_types[slot_type["name"]] = synonyms
        self._slot_type_of: dict[tuple[str, str], str] = {}
        self._samples: list[_Sample] = []
        for intent in language_model["intents"]:
            for slot in intent.get("slots", []):
                self._slot_type_of[intent["name"], slot["name"]] = slot["type"]
            for sample in intent.get("samples", []):
                self._samples.append(self._compile(intent["name"], sample))
        # The model holds thousands of samples: only those that can match are tried, found by their first
        # word (samples that start with a slot can start with anything).
        self._by_first_word: dict[str, list[_Sample]] = {}
        self._slot_first: list[_Sample] = []
        for compiled in self._samples:
            first = compiled.text.split(" ", 1)[0]
            if first.startswith("{"):
                self._slot_first.append(compiled)
            else:
                self._by_first_word.setdefault(normalise(first), []).append(compiled)
        self._built_ins = {
            phrase: intent
            for intent, phrases in BUILT_IN_PHRASES.items()
            if any(declared["name"] == intent for declared in language_model["intents"])
            for phrase in phrases
        }

    @staticmethod
    # Each resolver compiles some 23,000 samples, far past the re module's own cache; a test run builds
    # several over the same samples (every locale shares most of them), so each is compiled once.
    @functools.cache
    def _compile(intent_name: str, sample: str) -> _Sample:
        slot_names = tuple(re.findall(r"\{(\w+)\}", sample))
        pieces = re.split(r"(\{\w+\})", normalise_sample(sample))
        regex = "".join(
            f"(?P<{piece[1:-1]}>.+?)" if piece.startswith("{") else re.escape(piece) for piece in pieces
        )
        literal_words = len(re.sub(r"\{\w+\}", " ", sample).split())
        return _Sample(intent_name, sample, slot_names, re.compile(f"^{regex}$"), literal_words)

    def resolve(self, utterance: str) -> Resolution:
        """Resolve one utterance, as spoken to a device that may or may not be in the skill's session."""
        text = normalise(utterance)
        text = re.sub(r"^alexa\s*", "", text)
        name = re.escape(self.invocation_name)
        if re.fullmatch(rf"(?:{'|'.join(_INVOCATION_VERBS_OPEN)}) {name}", text):
            return Resolution(LAUNCH, invoked=True)
        one_shot = re.fullmatch(rf"(?:{'|'.join(_INVOCATION_VERBS_ASK)}) {name}(?: (?P<rest>.*))?", text)
        if one_shot:
            rest = one_shot.group("rest") or ""
            if not rest:
                return Resolution(LAUNCH, invoked=True)
            # "ask cramp coach to help with my calf": Alexa drops the connecting word when that makes sense.
            first_word, _, after = rest.partition(" ")
            resolution = self.resolve_in_session(after) if first_word in _CONNECTING_WORDS and after else None
            if resolution is None or resolution.intent_name == FALLBACK_INTENT:
                resolution = self.resolve_in_session(rest)
            return Resolution(resolution.request_type, resolution.intent_name, resolution.slots, invoked=True)
        return self.resolve_in_session(text)

    def resolve_in_session(self, text: str) -> Resolution:
        """Resolve what is said inside the skill's session (no invocation name)."""
        text = normalise(text)
        matches = []
        candidates = self._by_first_word.get(text.split(" ", 1)[0], []) + self._slot_first
        for sample in candidates:
            found = sample.pattern.fullmatch(text)
            if found:
                slots = {
                    slot: self._fill(sample.intent_name, slot, found.group(slot))
                    for slot in sample.slot_names
                }
                if any(self._too_long_to_be_a_value(fill) for fill in slots.values()):
                    continue
                # A sample that is a slot alone ("{muscle}") carries no words of its own to recognise the
                # intent by: only the slot's own values and synonyms match it, never any short phrase.
                if sample.literal_words == 0 and not all(fill.matched for fill in slots.values()):
                    continue
                resolved = sum(fill.matched for fill in slots.values())
                matches.append((resolved, sample.literal_words, sample, slots))
        if matches:
            _, _, sample, slots = max(matches, key=lambda match: (match[0], match[1]))
            return Resolution("IntentRequest", sample.intent_name, self._all_slots(sample.intent_name, slots))
        if text in self._built_ins:
            return Resolution("IntentRequest", self._built_ins[text], {})
        return Resolution("IntentRequest", FALLBACK_INTENT, {})

    @staticmethod
    def _too_long_to_be_a_value(fill: SlotFill) -> bool:
        return not fill.matched and len(str(fill.value).split()) > MAX_UNRESOLVED_SLOT_WORDS

    def _all_slots(self, intent_name: str, filled: Mapping[str, SlotFill]) -> dict[str, SlotFill]:
        """Alexa sends every slot the intent declares, with no value when it was not said."""
        declared = [slot for intent, slot in self._slot_type_of if intent == intent_name]
        return {slot: filled.get(slot, SlotFill(None)) for slot in declared}

    def _fill(self, intent_name: str, slot: str, heard: str) -> SlotFill:
        synonyms = self._slot_types.get(self._slot_type_of.get((intent_name, slot), ""), {})
        if heard in synonyms:
            resolved_id, resolved_name = synonyms[heard]
            return SlotFill(heard, resolved_id, resolved_name, matched=True)
        return SlotFill(heard)

    def sample_utterances(self) -> Iterable[tuple[str, str]]:
        """Every (intent, sample) pair of the model, for tests."""
        for sample in self._samples:
            yield sample.intent_name, sample.text


def normalise_sample(sample: str) -> str:
    """A sample utterance normalised like user text, keeping its {slot} references."""
    return " ".join(
        piece if re.fullmatch(r"\{\w+\}", piece) else normalise(piece)
        for piece in re.split(r"(\{\w+\})", sample)
        if piece.strip()
    )
