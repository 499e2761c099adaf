"""Information, any time and as a one-shot: what a spasm is, causes, how to stop one, prevention, when to
call a provider. Each answer offers a topic not yet heard; after "when to call", the checks."""

from __future__ import annotations

from skill.conversation.checks import checks_from_the_start
from skill.conversation.events import Event
from skill.conversation.say import TOPIC_BODIES, ask
from skill.conversation.state import Mode, State, Topic, Turn
from skill.reply import Card, Part, Say

# After a topic, the offer is the first of these not yet heard in this session (then the checks).
TOPIC_OFFER_ORDER: tuple[Topic, ...] = (
    Topic.CAUSES,
    Topic.PREVENTION,
    Topic.WHEN_TO_CALL,
    Topic.TREATMENT,
    Topic.WHAT_IS,
)


# A topic asked here interrupts a cramp being coached: "no" to the next offer goes back to it.
RESUMABLE = frozenset({Mode.STRETCH, Mode.MASSAGE, Mode.MASSAGE_OFFERED, Mode.CHECKS})


def topic(state: State, told: Topic, preamble: tuple[Part, ...] = ()) -> Turn:
    if state.mode in RESUMABLE:
        state = state._replace(resume=state.mode)
    elif state.mode is not Mode.AFTER_INFO:
        state = state._replace(resume=Mode.START)
    state = state._replace(mode=Mode.AFTER_INFO, topic=told, topics_heard=state.topics_heard | {told})
    return ask(
        state,
        (*preamble, *TOPIC_BODIES[told]),
        (Say(_offer_key(state)),),
        card=Card(f"card.{told.value}.title", TOPIC_BODIES[told]),
    )


def _offered_topic(state: State) -> Topic | None:
    """What "yes" after a topic leads to: the first topic not yet heard, or None for the checks (always
    after "when to call", whose signs the checks ask about)."""
    if state.topic is Topic.WHEN_TO_CALL:
        return None
    return next((offered for offered in TOPIC_OFFER_ORDER if offered not in state.topics_heard), None)


def _offer_key(state: State) -> str:
    offered = _offered_topic(state)
    return f"offer.{offered.value}" if offered else "offer.checks"


def ask_offer_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(state, preamble, (Say(_offer_key(state)),))


def menu(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(
        state._replace(mode=Mode.INFO_MENU),
        (*preamble, Say("info.menu")),
        (Say("info.ask_topic"),),
        (Say("info.ask_topic.reprompt"),),
    )


def ask_topic_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """The menu's question, after a preamble that already lists the topics (the help)."""
    return ask(state, preamble, (Say("info.ask_topic"),), (Say("info.ask_topic.reprompt"),))


# ---------------------------------------------------------------------------------------------------------
# Transitions


def tell_topic(state: State, event: Event) -> Turn:
    return topic(state, event.topic or Topic.WHAT_IS)


def info_menu(state: State, event: Event) -> Turn:
    return menu(state)


def follow_offer(state: State, event: Event) -> Turn:
    offered = _offered_topic(state)
    if offered is None:
        return checks_from_the_start(state)
    return topic(state, offered)


def next_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position + 1 == len(topics):
        return menu(state)
    return topic(state, topics[position + 1])


def previous_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position == 0:
        return topic(state, state.topic, (Say("info.first_topic"),))
    return topic(state, topics[position - 1])


def repeat_topic(state: State, event: Event) -> Turn:
    return topic(state, state.topic)
