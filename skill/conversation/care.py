"""Questions people ask mid-cramp, and what they tell us about where they are, answered from the allowed
sources only (CONTENT-SOURCES.md), in every mode: how long to hold a stretch, heat or cold, painkillers,
other medicines (never a recommendation or a dose), pregnancy (the seed's cause, nothing more), and
somewhere unsafe (get somewhere safe first). Then the question that was waiting, or, for a pregnant person
who names the muscle, its stretch."""

from __future__ import annotations

from skill.conversation.anywhere import repeat_question
from skill.conversation.events import Event
from skill.conversation.modes import GUIDE_MODES, ask_if_a_muscle
from skill.conversation.opening import start_guide
from skill.conversation.state import Muscle, State, Turn
from skill.reply import Say


def how_long_to_hold(state: State, event: Event) -> Turn:
    """Once it hurt more, no stretch is held again (the massage instead): the hold is not coached then."""
    return repeat_question(state, (Say("care.how_long.after_worse" if state.worse else "care.how_long"),))


def heat_or_cold(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("care.heat_or_cold"),))


def painkillers(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("care.painkillers"),))


def medicines(state: State, event: Event) -> Turn:
    """Quinine, magnesium, a muscle relaxant: never recommended, never a dose; what the seed says."""
    return repeat_question(state, (Say("care.medicine"),))


def somewhere_safe(state: State, event: Event) -> Turn:
    """Up a ladder, on the stairs, driving, in the water: somewhere safe first, then the question."""
    return repeat_question(state, (Say("safe_place"),))


def pregnant(state: State, event: Event) -> Turn:
    """Pregnancy is one of the seed's causes; for a worry, the provider. A muscle named with it ("i'm
    pregnant and my calf is cramping") gets its stretch first, the line after the hold; a cramp in the
    belly never reaches here (the handler reads that place as out of scope)."""
    line = (Say("care.pregnancy"),)
    coached_already = state.mode in GUIDE_MODES and event.muscle in (state.muscle, Muscle.NONE)
    if coached_already or event.muscle is Muscle.UNKNOWN:
        return repeat_question(state, line)
    if event.muscle is Muscle.NONE:  # a cramp in pregnancy with no place may be the belly: is it a muscle?
        return ask_if_a_muscle(state, line)
    return start_guide(state, event, then=line)
