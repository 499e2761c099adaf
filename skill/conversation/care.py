"""Questions people ask mid-cramp, answered from the allowed sources only (CONTENT-SOURCES.md), in every
mode: how long to hold a stretch, heat or cold, painkillers. Then the question that was waiting."""

from __future__ import annotations

from skill.conversation.anywhere import repeat_question
from skill.conversation.events import Event
from skill.conversation.state import State, Turn
from skill.reply import Say


def how_long_to_hold(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("care.how_long"),))


def heat_or_cold(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("care.heat_or_cold"),))


def painkillers(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("care.painkillers"),))
