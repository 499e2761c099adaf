"""Information, any time and as a one-shot: what a spasm is, causes, how to stop one, prevention, when to
call a provider. Each answer offers a topic not yet heard; after "when to call", the checks."""

from __future__ import annotations

from skill.conversation.checks import checks_from_the_start
from skill.conversation.events import Event
from skill.conversation.modes import RESUMABLE, ask, menu, offer_key, offered_topic
from skill.conversation.say import TOPIC_BODIES
from skill.conversation.state import Mode, State, Topic, Turn
from skill.reply import Card, Part, Say


def topic(state: State, told: Topic, preamble: tuple[Part, ...] = ()) -> Turn:
    """A topic told; asked mid-cramp (or after a topic that was), it remembers the stage to go back to."""
    if state.mode in RESUMABLE:
        state = state._replace(resume=state.mode)
    elif state.mode not in (Mode.AFTER_INFO, Mode.AFTER_INFO_MID_CRAMP):
        state = state._replace(resume=Mode.START)
    told_in = Mode.AFTER_INFO if state.resume is Mode.START else Mode.AFTER_INFO_MID_CRAMP
    state = state._replace(mode=told_in, topic=told, topics_heard=state.topics_heard | {told})
    return ask(
        state,
        (*preamble, *TOPIC_BODIES[told]),
        (Say(offer_key(state)),),
        card=Card(f"card.{told.value}.title", TOPIC_BODIES[told]),
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
    offered = offered_topic(state)
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
