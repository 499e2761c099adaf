"""What means the same wherever the person is: help, "I didn't catch that", stop, thanks, an emergency,
and asking again whatever the current mode is waiting for."""

from __future__ import annotations

from collections.abc import Callable

from skill.conversation import checks, guide, info, opening
from skill.conversation.events import Event
from skill.conversation.say import end
from skill.conversation.state import FALLBACKS_BEFORE_GOODBYE, Mode, State, Turn
from skill.reply import Part, Reply, Say, Screen, ScreenKind

# What each mode is waiting for, asked again after a short preamble, without redoing a step.
QUESTION_BY_MODE: dict[Mode, Callable[[State, tuple[Part, ...]], Turn]] = {
    Mode.START: opening.ask_if_cramping,
    Mode.ASKED_IF_CRAMPING: opening.ask_if_cramping,
    Mode.ASKED_WHERE: opening.ask_where_is_it,
    Mode.ASKED_THIGH_SIDE: opening.ask_thigh_side,
    Mode.STRETCH: guide.ask_next_again,
    Mode.MASSAGE: guide.ask_next_again,
    Mode.MASSAGE_OFFERED: guide.ask_massage_again,
    Mode.CHECKS: checks.ask_the_question_again,
    Mode.INFO_MENU: info.menu,
    Mode.AFTER_INFO: info.ask_offer_again,
}
HELP_BY_MODE: dict[Mode, str] = {
    Mode.START: "help.start",
    Mode.ASKED_IF_CRAMPING: "help.start",
    Mode.ASKED_WHERE: "help.where",
    Mode.ASKED_THIGH_SIDE: "help.thigh_side",
    Mode.STRETCH: "help.guide",
    Mode.MASSAGE: "help.guide",
    Mode.MASSAGE_OFFERED: "help.guide",
    Mode.CHECKS: "help.checks",
    Mode.INFO_MENU: "help.info",
    Mode.AFTER_INFO: "help.info",
}
# The second "I didn't catch that" in a row names what can be said here, in other words than the first.
DIDNT_CATCH_AGAIN_BY_MODE: dict[Mode, str] = {
    Mode.START: "didnt_catch_again.opening",
    Mode.ASKED_IF_CRAMPING: "didnt_catch_again.opening",
    Mode.ASKED_WHERE: "didnt_catch_again.where",
    Mode.ASKED_THIGH_SIDE: "didnt_catch_again.thigh_side",
    Mode.STRETCH: "didnt_catch_again.guide",
    Mode.MASSAGE: "didnt_catch_again.guide",
    Mode.MASSAGE_OFFERED: "didnt_catch_again.guide",
    Mode.CHECKS: "didnt_catch_again.checks",
    Mode.INFO_MENU: "didnt_catch_again.info",
    Mode.AFTER_INFO: "didnt_catch_again.after_info",
}
# Where the question is a yes or no, "I didn't catch that" says so.
YES_OR_NO_MODES = frozenset({Mode.CHECKS, Mode.AFTER_INFO})


def repeat_question(state: State, preamble: tuple[Part, ...]) -> Turn:
    return QUESTION_BY_MODE[state.mode](state, preamble)


def ask_again(state: State, event: Event) -> Turn:
    return repeat_question(state, ())


def ask_yes_or_no(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("say_yes_or_no"),))


def take_your_time(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("take_your_time"),))


def help_here(state: State, event: Event) -> Turn:
    if state.mode is Mode.INFO_MENU:  # the help already lists the topics: just ask
        return info.ask_topic_again(state, (Say("help.info"),))
    return repeat_question(state, (Say(HELP_BY_MODE[state.mode]),))


def didnt_catch(state: State, event: Event) -> Turn:
    """Not understood: ask again; the second time in a row, say what can be said here; the third, end."""
    state = state._replace(fallbacks=state.fallbacks + 1)
    if state.fallbacks >= FALLBACKS_BEFORE_GOODBYE:
        emergency_line: tuple[Part, ...] = (Say("safety.emergency"),) if state.safety_said else ()
        return end(state, (Say("didnt_catch_stop"), *emergency_line))
    if state.fallbacks == 2:
        return repeat_question(state, (Say(DIDNT_CATCH_AGAIN_BY_MODE[state.mode]),))
    hint: tuple[Part, ...] = (Say("say_yes_or_no"),) if state.mode in YES_OR_NO_MODES else ()
    return repeat_question(state, (Say("didnt_catch"), *hint))


def goodbye(state: State, event: Event) -> Turn:
    """Stop ends at once; a session that never reached the safety lines hears them on the way out."""
    return end(state, (Say("goodbye"),))


def goodbye_with_thanks(state: State, event: Event) -> Turn:
    return end(state, (Say("thanks.goodbye"),))


def emergency(state: State, event: Event) -> Turn:
    """One sentence, at once, in every mode: the skill cannot call for help; here is the number."""
    speech = (Say("emergency"),)
    return Turn(
        state._replace(safety_said=True),
        Reply(speech=speech, end_session=True, screen=Screen(ScreenKind.ADVICE, body=speech)),
    )
