"""The conversation's places and moments in the words a clinician uses ("during the stretch", "after two
turns not understood in a row"), never its code names.

A mode, an event or a state field added later and not named here is still shown, as its own name with
the underscores taken out: the page never hides it, it only reads less well until it is named here.
"""

from __future__ import annotations

from collections.abc import Iterable

from skill.content import load_content
from skill.conversation import Event, EventKind, Mode, State
from skill.conversation.events import EVENT_BY_INTENT, SOURCES, event_from_touch
from skill.conversation.modes import QUESTION_TOUCHES
from tooling.review.phrases import intent_phrases, locale_models

# Where the person is: what they were last asked. Short, in a clinician's words: these are read many
# times over on the page.
MODE_WORDS: dict[str, str] = {
    Mode.START.value: "before anything is asked",
    Mode.ASKED_IF_CRAMPING.value: "at the opening question",
    Mode.ASKED_WHERE.value: "when asked where the cramp is",
    Mode.ASKED_THIGH_SIDE.value: "when asked which side of the thigh",
    Mode.ASKED_IF_MUSCLE.value: "when asked if it is a muscle",
    Mode.STRETCH.value: "during the stretch",
    Mode.MASSAGE.value: "during the massage",
    Mode.MASSAGE_AFTER_WORSE.value: "during the massage after it hurt more",
    Mode.MASSAGE_OFFERED.value: "when offered a massage instead",
    Mode.CHECKS.value: "during the red-flag questions",
    Mode.INFO_MENU.value: "at the list of topics",
    Mode.AFTER_INFO.value: "after a topic",
    Mode.AFTER_INFO_MID_CRAMP.value: "after a topic, mid-cramp",
    "error": "after an error on the skill's side",
}
# What the conversation knows, when it changes what a turn says.
FIELD_WORDS = {
    "fallbacks": lambda n: f"after {_count(n)} miss{'es' if n > 1 else ''} in a row",
    "stretch_holds": lambda n: (
        f"after the stretch was held {_times(n)}" if n else "before the stretch was held"
    ),
    "holds": lambda n: f"after this step was held {_times(n)}" if n else "",
    "not_eased": lambda v: "after \u201cnot easing\u201d was given as a reason to call" if v else "",
    "worse": lambda v: "after \u201cit hurts more\u201d" if v else "",
    "eased": lambda v: "after \u201cit's gone\u201d" if v else "",
    "cramping_now": lambda v: "mid-cramp" if v else "",
    "unsure": lambda n: f"after {_count(n)} \u201cnot sure\u201d" if n else "",
    "safety_said": lambda v: "after the safety reminder" if v else "",
}
# Fields that never change what a safety turn says, or that the "before" line already shows.
QUIET_FIELDS = frozenset(
    {"mode", "question", "muscle", "topic", "topics_heard", "navigation_hint_said", "resume"}
)
CHANNEL_WORDS = {
    "spoken": "said",
    "reprompt": "said again if there is no answer",
    "card": "on the card in the Alexa app",
    "screen": "on a screen",
}


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{_count(n)} times")


def _count(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def mode_words(mode: str) -> str:
    return MODE_WORDS.get(mode, mode.replace("_", " "))


def places(modes: Iterable[str]) -> str:
    """Modes as a clinician says them: every mode is "anywhere"; most of them, "anywhere except ..."."""
    chosen = set(modes)
    every = {mode.value for mode in Mode}
    if chosen >= every:
        return "anywhere in the conversation"
    ordered = [mode.value for mode in Mode if mode.value in chosen] + sorted(chosen - every)
    missing = [mode.value for mode in Mode if mode.value not in chosen]
    if len(chosen & every) > len(every) / 2 and len(missing) <= 3 and not chosen - every:
        return "anywhere except " + _join([mode_words(mode) for mode in missing], "or")
    return _join([mode_words(mode) for mode in ordered], "and")


def _join(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def condition(state: State, plain: State | None = None) -> str:
    """What the conversation knows in ``state`` beyond its mode, in words ("" for nothing): what differs
    from ``plain``, the place as a conversation first reaches it (the stretch is first heard once held,
    the safety lines are always said before the red-flag questions), else from nothing known."""
    plain = plain or State(mode=state.mode)
    said: list[tuple[str, str]] = []
    for name in state._fields:
        value, default = getattr(state, name), getattr(plain, name)
        if name in QUIET_FIELDS or value == default:
            continue
        words = FIELD_WORDS.get(name)
        text = words(value) if words else f"{name.replace('_', ' ')}: {value}"
        if text:
            said.append((name, text))
    names = {name for name, _ in said}
    if "stretch_holds" in names and state.holds == state.stretch_holds:
        said = [(name, text) for name, text in said if name != "holds"]  # the same count, said once
    if names & {"stretch_holds", "holds", "worse", "not_eased", "eased"}:
        said = [(name, text) for name, text in said if name != "cramping_now"]  # implied
    return ", ".join(text for _, text in said)


def event_phrase(event: Event) -> str:
    """What the person says for an event: its label on a screen when people say that too, else the
    shortest sample of its intent's first phrase family."""
    source = SOURCES[event.kind]
    if source.request is not None:
        invocation = next(iter(locale_models().values())).get("invocationName", "the skill")
        return f"open {invocation}"
    first_locale = next(iter(locale_models()))
    # The intents that make this very event (one of a red flag's ways of being told), else all of its kind's.
    intents = [i for i in source.intents if EVENT_BY_INTENT.get(i) == event] or list(source.intents)
    families = [family for intent in intents for family in intent_phrases(intent).families]
    every = {sample for family in families for sample in family.samples.get(first_locale, [])}
    # An Alexa built-in intent hears its own name ("yes" for AMAZON.YesIntent) without a sample of ours.
    every |= {
        intent.removeprefix("AMAZON.").removesuffix("Intent").lower()
        for intent in intents
        if intent.startswith("AMAZON.")
    }
    said = sorted((label for label in touch_labels(event.kind) if label.lower() in every), key=len)
    label = said[0] if said else None
    if label is not None:  # what a screen calls it, and people say
        return label.lower()
    samples = families[0].samples.get(first_locale, []) if families else []
    if event.kind is EventKind.FALLBACK or not samples:
        return "something Alexa does not understand"
    # The first family is the grammar's lead way of saying it; its shortest sample, its plainest form.
    return min(samples, key=lambda sample: (len(sample.split()), len(sample)))


def touch_labels(kind: EventKind) -> list[str]:
    """The labels of the screen touches that send this event."""
    content = load_content()
    found: list[str] = []
    for touches in QUESTION_TOUCHES.values():
        for touch in touches:
            event = event_from_touch(list(touch.arguments))
            label = content.line(touch.label.key).text
            if event is not None and event.kind is kind and label not in found:
                found.append(label)
    return found
