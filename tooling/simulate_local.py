"""``python -m skill simulate --local``: the scripted conversations
(``tooling.understanding.CONVERSATION_SETS``) played here, turn by turn in one session each, through the
skill's real Lambda handler, heard by the local understanding instead of Alexa's: no credentials, no
deployed stage.

Each turn is heard twice. **Strict**: the grammar alone (``tooling.simulator``), exact samples, slot values
and synonyms, a floor. **Estimated**: the grammar and then the local estimate of Alexa's statistical layer
(``tooling.estimate.EstimatedResolver``), the closer guess at what Alexa hears. The conversation goes the
way the estimate hears it (as it would with Alexa, which hears each turn once); the strict column says what
the grammar alone makes of the same words, so the strict fallback share is the floor's on that path.

A script names no intent a turn, so a wrong intent can be told only where something else says what the
words mean, and those turns are reported first, because a statistical layer misroutes where exact match
only falls back:

- a turn that is one of the phrase corpora's phrases (``tooling.understanding.PHRASE_CORPORA``) is judged
  against its intent there, as the corpora are (``judge_phrase``);
- a turn whose words say an emergency, a fall or the chest (read as the skill reads a place Alexa could
  not resolve, ``skill.handlers.slots.read_words``) is wrong when what the skill makes of it is anything
  else (an emergency answer for a fall or the chest is the stronger one, and fits);
- a turn whose words say a red flag or a cramp out of scope is wrong when it is coached as a cramp in a
  muscle ("a stomach cramp heard as a muscle"). (Those words also come in answers to the red-flag
  questions, "no tingling no", which are no wrong intent.)

Everything else the estimate heard where the grammar fell back is listed after them, for a reader to judge.
Only Alexa itself (``python -m skill simulate`` against a deployed stage) says what it really hears.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Slot

from skill.builder import build_skill, lambda_handler_for
from skill.conversation import Event, EventKind
from skill.conversation.events import EVENT_BY_INTENT, FALLBACK_INTENT, MUSCLE_SLOT
from skill.conversation.state import PLACE_NOT_KNOWN
from skill.handlers.intents import place_event
from skill.handlers.slots import read_place, read_words
from tooling.envelopes import slot_json
from tooling.simulator import LAUNCH, Resolution, UtteranceResolver
from tooling.speaker import Speaker
from tooling.understanding import (
    DEFAULT_LOCALE,
    PHRASE_CORPORA,
    heard_as,
    judge_phrase,
    load_conversations,
    load_phrases,
)

Hearing = Callable[[str], UtteranceResolver]  # a locale's resolver
_SERIALIZER = DefaultSerializer()
# The words' reading that must be answered for what it is, and what else fits it.
_MUST_BE_ITSELF = {
    EventKind.EMERGENCY: frozenset({EventKind.EMERGENCY}),
    EventKind.FALL: frozenset({EventKind.FALL, EventKind.EMERGENCY}),
    EventKind.CHEST: frozenset({EventKind.CHEST, EventKind.EMERGENCY}),
}
_NEVER_COACHED = frozenset({EventKind.RED_FLAG, EventKind.OUT_OF_SCOPE})


@dataclass(frozen=True)
class LocalTurn:
    """One thing said: what the grammar alone heard, what the estimate heard (and the conversation went
    by), and why the estimate's intent is wrong, when that can be told."""

    said: str
    strict: Resolution
    estimated: Resolution
    wrong: str | None = None

    @property
    def strict_fell_back(self) -> bool:
        return self.strict.intent_name == FALLBACK_INTENT

    @property
    def estimated_fell_back(self) -> bool:
        return self.estimated.intent_name == FALLBACK_INTENT

    @property
    def guessed(self) -> bool:
        """The estimate heard an intent where the grammar alone fell back."""
        return self.strict_fell_back and not self.estimated_fell_back


@dataclass(frozen=True)
class LocalConversation:
    """One scripted conversation, as far as it went (it stops where the skill ended the session)."""

    set_name: str
    name: str
    locale: str
    turns: tuple[LocalTurn, ...]

    @property
    def strict_fallbacks(self) -> int:
        return sum(turn.strict_fell_back for turn in self.turns)

    @property
    def estimated_fallbacks(self) -> int:
        return sum(turn.estimated_fell_back for turn in self.turns)


def event_heard(resolution: Resolution) -> Event | None:
    """The event the skill makes of a resolution, read as its handlers read it (a cramp's place by
    ``read_place``); None for a launch or an intent the skill has no event for."""
    if resolution.request_type == LAUNCH or resolution.intent_name not in EVENT_BY_INTENT:
        return None
    event = EVENT_BY_INTENT[str(resolution.intent_name)]
    if event.kind in (EventKind.CRAMP, EventKind.PREGNANCY):
        fill = (resolution.slots or {}).get(MUSCLE_SLOT)
        slot = (
            None if fill is None else _SERIALIZER.deserialize(json.dumps(slot_json(MUSCLE_SLOT, fill)), Slot)
        )
        event = place_event(event, read_place(slot))
    return event


def _fill_of(resolution: Resolution) -> str | None:
    fill = (resolution.slots or {}).get(MUSCLE_SLOT)
    return fill.resolved_id if fill is not None and fill.matched else None


def labelled_phrases(corpora: Mapping[str, Path] = PHRASE_CORPORA) -> dict[tuple[str, str], dict[str, Any]]:
    """The corpora's phrases by (locale, text): what a turn that is one of them must reach."""
    return {
        (phrase.get("locale", DEFAULT_LOCALE), phrase["text"]): phrase
        for path in corpora.values()
        for phrase in load_phrases(path)
    }


def why_wrong(
    said: str, locale: str, heard: Resolution, labels: Mapping[tuple[str, str], Mapping[str, Any]]
) -> str | None:
    """Why the intent heard is wrong for these words, when that can be told (the module docstring); None
    when it is right, a fallback, or cannot be told."""
    if heard.intent_name == FALLBACK_INTENT or heard.request_type == LAUNCH:
        return None
    phrase = labels.get((locale, said)) or labels.get((DEFAULT_LOCALE, said))
    if phrase is not None:
        expected, got = judge_phrase(dict(phrase), str(heard.intent_name), _fill_of(heard))
        return None if expected == got else f"the phrase corpora say {expected}"
    said_means, made = read_words(said), event_heard(heard)
    if said_means is None or made is None:
        return None
    if said_means.kind in _MUST_BE_ITSELF and made.kind not in _MUST_BE_ITSELF[said_means.kind]:
        return f"the words say {said_means.kind.value}, answered as {made.kind.value}"
    coached = made.kind in (EventKind.CRAMP, EventKind.PREGNANCY) and made.muscle not in PLACE_NOT_KNOWN
    if said_means.kind in _NEVER_COACHED and coached:
        return f"the words say {said_means.kind.value}, coached as a cramp in the {made.muscle.value}"
    return None


def simulate_locally(
    sets: Mapping[str, Path],
    *,
    strict: Hearing,
    estimated: Hearing,
    default_locale: str = DEFAULT_LOCALE,
    labels: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> list[LocalConversation]:
    """Each conversation of each set in its own session on a device of its locale, heard by ``estimated``
    through the real Lambda handler; each turn also heard by ``strict``, and judged (``why_wrong``)."""
    handler = lambda_handler_for(build_skill())
    labels = labelled_phrases() if labels is None else labels
    strict, estimated = functools.cache(strict), functools.cache(estimated)  # one resolver a locale
    conversations = []
    for set_name, path in sets.items():
        for conversation in load_conversations(path):
            locale = conversation.get("locale", default_locale)
            device = Speaker(handler, estimated(locale), locale=locale)
            turns = []
            for said in conversation["turns"]:
                spoken = device.say(said)
                heard = spoken.resolution
                turn = LocalTurn(
                    said, strict(locale).resolve(said), heard, why_wrong(said, locale, heard, labels)
                )
                turns.append(turn)
                if spoken.session_ended:
                    break  # the rest of the script was for a conversation that went another way
            conversations.append(LocalConversation(set_name, conversation["name"], locale, tuple(turns)))
    return conversations


def _share(fallbacks: int, turns: int) -> str:
    return f"{fallbacks} of {turns} ({fallbacks / turns * 100 if turns else 0:.1f}%)"


def _shares(conversations: list[LocalConversation]) -> str:
    turns = sum(len(c.turns) for c in conversations)
    strict = sum(c.strict_fallbacks for c in conversations)
    estimated = sum(c.estimated_fallbacks for c in conversations)
    wrong = sum(turn.wrong is not None for c in conversations for turn in c.turns)
    return (
        f"fell back strict {_share(strict, turns)}, estimated {_share(estimated, turns)}; "
        f"wrong intent {wrong}"
    )


def shown(resolution: Resolution) -> str:
    """What a turn reached, as the report says it: a launch, or the intent and the place resolved."""
    return "LaunchRequest" if resolution.request_type == LAUNCH else heard_as(resolution)


def print_local(conversations: list[LocalConversation], out: TextIO) -> None:
    """The wrong-intent turns first, then the estimate's other guesses, then every turn of every
    conversation (strict and estimated), then the fallback shares per conversation, per set and overall."""
    print(
        "Local simulation: the real Lambda handler, heard by the grammar alone (strict, a floor) and by "
        "the grammar with the local estimate of Alexa's statistical layer (estimated; the conversation "
        "follows it)",
        file=out,
    )
    wrong = [(c, turn) for c in conversations for turn in c.turns if turn.wrong is not None]
    print(f"\nWrong intent ({len(wrong)} turns):", file=out)
    for conversation, turn in wrong:
        layer = "estimate" if turn.guessed else "grammar"
        print(
            f"  [{conversation.set_name}] {conversation.name}: {turn.said!r} -> "
            f"{shown(turn.estimated)} ({layer}): {turn.wrong}",
            file=out,
        )
    guessed = [(c, turn) for c in conversations for turn in c.turns if turn.guessed and turn.wrong is None]
    print(
        f"\nHeard by the estimate where the grammar fell back ({len(guessed)} turns, for a reader):", file=out
    )
    for conversation, turn in guessed:
        print(
            f"  [{conversation.set_name}] {conversation.name}: {turn.said!r} -> {shown(turn.estimated)}",
            file=out,
        )
    print("\nTurn by turn (strict | estimated):", file=out)
    for conversation in conversations:
        print(f"[{conversation.set_name}] {conversation.name} ({conversation.locale})", file=out)
        for turn in conversation.turns:
            note = f"  WRONG: {turn.wrong}" if turn.wrong else ""
            print(f"  {turn.said!r}: {shown(turn.strict)} | {shown(turn.estimated)}{note}", file=out)
        print(f"  {_shares([conversation])}", file=out)
    print("", file=out)
    for set_name in dict.fromkeys(conversation.set_name for conversation in conversations):
        in_set = [conversation for conversation in conversations if conversation.set_name == set_name]
        print(f"{set_name}: {_shares(in_set)}", file=out)
    print(f"all: {_shares(conversations)}", file=out)


def run_local(set_name: str | None, default_locale: str, out: TextIO, err: TextIO) -> int:
    """The command: every set (or one), strict and estimated; 2 when the set or the estimate's library is
    missing."""
    from tooling.understanding import CONVERSATION_SETS, estimated_resolver, resolver

    if set_name and set_name not in CONVERSATION_SETS:
        print(f"simulate: no conversation set {set_name!r}: one of {', '.join(CONVERSATION_SETS)}", file=err)
        return 2
    try:
        import sklearn  # noqa: F401  (the estimate's library, from the dev extras)
    except ModuleNotFoundError:
        print(
            "simulate --local: the estimate needs scikit-learn: pip install -e '.[dev]', or make test-fast",
            file=err,
        )
        return 2
    sets = {set_name: CONVERSATION_SETS[set_name]} if set_name else dict(CONVERSATION_SETS)
    conversations = simulate_locally(
        sets, strict=resolver, estimated=estimated_resolver, default_locale=default_locale
    )
    print_local(conversations, out)
    return 0
