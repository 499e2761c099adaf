"""The opening: "if a muscle is cramping, where is it?", and naming the muscle, which starts its stretch.

A thigh first asks which side (the front and the back stretch differently); words that are no muscle, or a
cramp with no place ("i've got cramps"), ask where, rather than guess; "somewhere else" or "I don't know"
asks whether it is a muscle in a leg, foot, arm, hand, neck or back before any stretch (a period, stomach
or pregnancy cramp is never stretched): yes gets the seed's general stretch, no or unsure the scope line.
"""

from __future__ import annotations

from skill.conversation.events import Event
from skill.conversation.guide import stretch
from skill.conversation.modes import ask, ask_if_a_muscle, ask_if_cramping, ask_thigh_side, ask_where_is_it
from skill.conversation.say import end
from skill.conversation.state import Mode, Muscle, State, Turn, stretch_holds_afresh
from skill.reply import Part, Say, ScreenKind

Preamble = tuple[Part, ...]


def restart_after_error(known: State | None = None) -> Turn:
    """After an internal error: apologise and ask the opening question again. Where the person was is
    forgotten (which question they heard last cannot be known, and a yes must never answer a red-flag
    question they were not asked); what keeps them safe is kept: that a stretch hurt more (and that a step
    of the guide ran and whether a stretch was held, so that "it hurt more when you stretched" stays true
    and is said only if it is), that it did not ease, and that the safety lines were said."""
    known = known or State()
    fresh = State(
        safety_said=known.safety_said,
        navigation_hint_said=known.navigation_hint_said,
        worse=known.worse,
        not_eased=known.not_eased,
        cramping_now=known.cramping_now,
        stretch_holds=stretch_holds_afresh(known),
    )
    return ask_if_cramping(fresh, (Say("apology"),))


# ---------------------------------------------------------------------------------------------------------
# Transitions


def welcome(state: State, event: Event) -> Turn:
    fresh = State(safety_said=state.safety_said, navigation_hint_said=state.navigation_hint_said)
    return ask_if_cramping(fresh, (Say("welcome"),))


def back_to_start(state: State, event: Event) -> Turn:
    return ask_if_cramping(state, (Say("back_to_start"),))


def start_guide(state: State, event: Event, *, then: Preamble = ()) -> Turn:
    """A cramp: a muscle named goes straight to its stretch (a thigh first asks which side); a cramp with
    no place, or words that are no muscle, ask where; "somewhere else" asks whether it is a muscle.
    ``then`` is said after the first hold (or before the question, when there is no stretch yet)."""
    if event.muscle in (Muscle.UNKNOWN, Muscle.NONE):
        return ask_where_is_it(state, then)
    if event.muscle is Muscle.ELSEWHERE:
        return ask_if_a_muscle(state, then)
    fresh = state._replace(
        muscle=event.muscle, holds=0, stretch_holds=stretch_holds_afresh(state), eased=False, not_eased=False
    )
    if event.muscle is Muscle.THIGH:
        return ask_thigh_side(fresh, then)
    return stretch(fresh, then=then)


def stretch_any_muscle(state: State, event: Event) -> Turn:
    """The seed's general form, for a muscle without a stretch of its own (a thigh whose side is not
    known, a cramp the person said is in a muscle)."""
    return stretch(
        state._replace(
            muscle=Muscle.OTHER,
            holds=0,
            stretch_holds=stretch_holds_afresh(state),
            eased=False,
            not_eased=False,
        )
    )


def is_it_a_muscle(state: State, event: Event) -> Turn:
    """ "I don't know", "somewhere else", next, asked where: no stretch before we know it is a muscle."""
    return ask_if_a_muscle(state)


def not_known_if_a_muscle(state: State, event: Event) -> Turn:
    """Not sure whether it is a muscle, or no place again ("i've got cramps"): asked once more in plainer
    words; the second time it is not coached as a muscle: the scope line (CONTENT-SOURCES.md), which names
    the emergency number and ends; never a loop of where and is-it-a-muscle."""
    if event.muscle not in (Muscle.NONE, Muscle.UNKNOWN, Muscle.ELSEWHERE):
        return start_guide(state, event)
    if state.unsure == 0:
        return ask(
            state._replace(mode=Mode.ASKED_IF_MUSCLE, unsure=1),
            (),
            (Say("ask_if_muscle.plainer"),),
            (Say("say_yes_or_no"), Say("ask_if_muscle.plainer")),
        )
    emergency_line = (Say("safety.emergency"),) if state.safety_said else ()  # else the safety lines say it
    return end(state, (Say("scope"), *emergency_line), screen=ScreenKind.ADVICE)


def ask_where(state: State, event: Event) -> Turn:
    return ask_where_is_it(state)


def ask_where_again(state: State, event: Event) -> Turn:
    """A yes or no to "where is the cramp?": say what the answer can be."""
    return ask(state._replace(mode=Mode.ASKED_WHERE), (), (Say("ask_where.reprompt"),))


def thigh_side_named(state: State, event: Event) -> Turn:
    """The answer to "the front or the back of your thigh?": a side arrives as its muscle (the words are
    read so, ``skill.handlers.slots.read_place``); the thigh again, or no place, asks again."""
    match event.muscle:
        case Muscle.THIGH | Muscle.UNKNOWN | Muscle.NONE:
            return ask_thigh_side(state, (Say("help.thigh_side"),))
        case _:
            return start_guide(state, event)
