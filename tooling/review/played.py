"""Conversations played through the skill itself, from the launch, for the review to show as heard.

Every turn the routing section shows is played here: a new session ("open cramp coach", or "ask cramp
coach ..." when the first thing said is the event), then what the person says at each step, each
utterance heard by the locale's interaction model (``tooling.simulator``, the grammar exactly) and
answered by the real Lambda handler (``tooling.speaker``), with the session kept between turns as an Echo
keeps it. What the page shows Cramp Coach saying is what that handler answered, never a reply built from a
state set up by hand; ``check`` holds each played turn to the pure conversation's own step, so a path
that does not lead where the routing says fails the build instead of showing the wrong words.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from skill.builder import build_skill, lambda_handler_for
from skill.content import load_content
from skill.conversation import Event, EventKind, Muscle
from skill.conversation.events import EVENT_BY_INTENT, FALLBACK_INTENT, MUSCLE_SLOT, SOURCES
from skill.speech import readable
from tooling.envelopes import DEFAULT_LOCALE
from tooling.review.phrases import intent_phrases
from tooling.review.words import event_phrase
from tooling.simulator import BUILT_IN_PHRASES, LAUNCH, UtteranceResolver, load_interaction_model
from tooling.speaker import Speaker, SpokenTurn

# What a person says that the skill does not understand, as the page shows it (the grammar hears no
# intent in it: checked by ``utterance``).
NOT_UNDERSTOOD = "the dog is barking again"
# Said again in a row, a miss is said in other words (each checked the same way): a person does not repeat
# one sentence to a speaker that did not understand it.
NOT_UNDERSTOOD_AGAIN = ("where did i put my glasses", "the kettle has boiled", "what time is it in tokyo")
# Words that open a sample with a sound, not a word ("um no"), or another language's ("ja"): a played
# turn is said plainly.
FILLERS = frozenset(
    {"uh", "um", "er", "erm", "hmm", "mm", "mhm", "well", "oh", "ouch", "ow", "so", "like", "ah", "ja"}
)


class NotHeardAsMeantError(AssertionError):
    """An utterance the review plays is heard as something else: the page would show the wrong turn."""


@dataclass(frozen=True)
class Played:
    """One turn as played: what the person said, what the model heard, and what the skill answered."""

    said: str
    heard_as: str  # the intent, or "launch"
    speech: str
    reprompt: str
    card: tuple[str, str] | None  # title and body in the Alexa app
    ends: bool

    @staticmethod
    def of(said: str, turn: SpokenTurn) -> Played:
        card = turn.card
        return Played(
            said=said,
            heard_as="launch" if turn.resolution.request_type == LAUNCH else str(turn.resolution.intent_name),
            speech=readable(turn.speech_ssml),
            reprompt=readable(turn.reprompt_ssml) if turn.reprompt_ssml else "",
            card=(str(card.get("title", "")), str(card.get("content", ""))) if card else None,
            ends=turn.session_ended,
        )


@cache
def resolver(locale: str = DEFAULT_LOCALE) -> UtteranceResolver:
    return UtteranceResolver(load_interaction_model(locale))


@cache
def _handler():  # type: ignore[no-untyped-def]
    return lambda_handler_for(build_skill())


def invocation(locale: str = DEFAULT_LOCALE) -> str:
    return str(load_interaction_model(locale)["invocationName"])


def _makes(utterance: str, event: Event, locale: str) -> bool:
    """Whether the model hears ``utterance`` as the intent that makes ``event``."""
    resolution = resolver(locale).resolve_in_session(utterance)
    if event.kind is EventKind.FALLBACK:
        return resolution.intent_name == FALLBACK_INTENT
    intent = resolution.intent_name
    if event.kind in (EventKind.CRAMP, EventKind.PREGNANCY):  # a place in the slot makes its own event
        fill = (resolution.slots or {}).get(MUSCLE_SLOT)
        placed = fill.resolved_id if fill is not None and fill.value else None
        named = event.muscle not in (Muscle.NONE, Muscle.OTHER, Muscle.UNKNOWN)
        wanted = event.muscle.value.upper() if named else None
        return intent in SOURCES[event.kind].intents and placed == wanted
    intent = resolution.intent_name
    return intent is not None and EVENT_BY_INTENT.get(intent) == event


@cache
def utterance(event: Event, locale: str = DEFAULT_LOCALE, nth: int = 0) -> str:
    """What a person says for ``event``, checked to be heard as it: the page's usual phrase for it, else
    the shortest sample of its intents that is. ``nth`` > 0: the same thing said again in other words
    (the nth other plain phrase heard as it: the shortest first, no filler sound, no one locale's own
    words), so that a conversation never says one sentence twice; round again when there are no more."""
    if event.kind is EventKind.LAUNCH:
        return f"open {invocation(locale)}"
    if event.kind is EventKind.FALLBACK:
        candidates = [NOT_UNDERSTOOD, *(NOT_UNDERSTOOD_AGAIN if nth else ())]
    elif event.kind is EventKind.CRAMP and event.muscle not in (Muscle.NONE, Muscle.OTHER, Muscle.UNKNOWN):
        name = event.muscle.value
        candidates = [f"my {name}", f"a cramp in my {name}"]
        if nth:
            candidates += [f"my {name} is cramping", f"my {name} has cramped up"]
    elif event.kind is EventKind.INFO and event.topic is not None:
        candidates = [load_content().line(f"card.{event.topic.value}.title").text.lower()]
    else:
        candidates = [event_phrase(event)]
    intents = [intent for intent, made in EVENT_BY_INTENT.items() if made == event]
    if nth:
        candidates += sorted(_plain_samples(intents, locale), key=lambda said: (len(said.split()), len(said)))
    else:
        for intent in intents:
            candidates += BUILT_IN_PHRASES.get(intent, ())
            for family in intent_phrases(intent).families:
                candidates += sorted(family.samples.get(locale, []), key=len)
    heard = [c for c in dict.fromkeys(candidates) if "{" not in c and _makes(c, event, locale)][: nth + 1]
    if not heard:
        raise NotHeardAsMeantError(f"no phrase of the model is heard as {event}")
    return heard[nth % len(heard)]


def _plain_samples(intents: list[str], locale: str) -> list[str]:
    """The intents' built-in phrases and the samples every locale has, without a filler sound first."""
    found: list[str] = []
    for intent in intents:
        found += BUILT_IN_PHRASES.get(intent, ())
        phrases = intent_phrases(intent)
        for family in phrases.families:
            if set(family.locales) == set(phrases.totals):
                found += family.samples.get(locale, [])
    return [said for said in found if said.split() and said.split()[0] not in FILLERS]


class Conversation:
    """A session played turn by turn through the Lambda handler; ``branch`` copies it to try another
    answer from the same place."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        self.locale = locale
        self.speaker = Speaker(_handler(), resolver(locale), locale=locale)
        self.turns: list[Played] = []
        self.events: list[Event] = []  # what each event turn meant, to say a repeat in other words

    @property
    def ended(self) -> bool:
        return bool(self.turns) and self.turns[-1].ends

    def say(self, said: str) -> Played:
        """Say ``said``; the first thing said opens the skill ("ask cramp coach ...") unless it is the
        launch itself."""
        spoken = said
        if not self.turns and not said.startswith(("open ", "ask ", "tell ")):
            spoken = f"ask {invocation(self.locale)} {said}"
        played = Played.of(spoken, self.speaker.say(spoken))
        self.turns.append(played)
        return played

    def event(self, event: Event) -> Played:
        """Say ``event``; said again in this conversation, in other words than before."""
        nth = self.events.count(event)
        self.events.append(event)
        return self.say(utterance(event, self.locale, nth))

    def branch(self) -> Conversation:
        twin = Conversation(self.locale)
        for name in ("session", "screen", "screen_token", "_person"):  # the device's memory, not its skill
            setattr(twin.speaker, name, copy.deepcopy(getattr(self.speaker, name)))
        twin.turns = list(self.turns)
        twin.events = list(self.events)
        return twin


def play_events(events: Sequence[Event], locale: str = DEFAULT_LOCALE) -> Conversation:
    """A new session, then each event said in turn (a copy: the caller may go on with it)."""
    return _played(tuple(events), locale).branch()


@cache
def _played(events: tuple[Event, ...], locale: str) -> Conversation:
    """Conversations that begin alike are played once up to where they part."""
    if not events:
        return Conversation(locale)
    conversation = _played(events[:-1], locale).branch()
    if conversation.ended:
        raise NotHeardAsMeantError(f"the session ended before {events[-1]} in {list(events)}")
    conversation.event(events[-1])
    return conversation


def play_utterances(utterances: Sequence[str], locale: str = DEFAULT_LOCALE) -> Conversation:
    conversation = Conversation(locale)
    for said in utterances:
        conversation.say(said)
    return conversation
