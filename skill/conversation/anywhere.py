"""What means the same wherever the person is: help, "I didn't catch that", stop, thanks, an emergency,
and asking again whatever the current mode is waiting for."""

from __future__ import annotations

from skill.conversation import checks, guide, info, say
from skill.conversation.events import Event
from skill.conversation.modes import MODES
from skill.conversation.say import end
from skill.conversation.state import (
    FALLBACKS_BEFORE_GOODBYE,
    FALLBACKS_BEFORE_GOODBYE_IN_THE_GUIDE,
    Mode,
    State,
    Topic,
    Turn,
)
from skill.reply import Card, Part, Reply, Say, Screen, ScreenKind


def repeat_question(state: State, preamble: tuple[Part, ...]) -> Turn:
    """What the mode is waiting for, asked again after a short preamble, without redoing a step."""
    return MODES[state.mode].question(state, preamble)


def ask_again(state: State, event: Event) -> Turn:
    return repeat_question(state, ())


def ask_yes_or_no(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("say_yes_or_no"),))


def take_your_time(state: State, event: Event) -> Turn:
    return repeat_question(state, (Say("take_your_time"),))


def help_here(state: State, event: Event) -> Turn:
    if state.mode is Mode.INFO_MENU:  # the help already lists the topics: just ask
        return info.ask_topic_again(state, (Say("help.info"),))
    return repeat_question(state, (Say(MODES[state.mode].help),))


def didnt_catch(state: State, event: Event) -> Turn:
    """Not understood. The skill never hears what a miss said, and it may have been an emergency, so every
    miss names the emergency number: the first in a few words, with the question again; the second says
    what can be said here; the third ends, with when to call spoken and on a card. Mid-guide (also after
    a topic asked mid-cramp) the third says the step in a few words instead, with the card, once; the
    fourth ends as the third does elsewhere. No run of misses repeats a step without end."""
    state = state._replace(fallbacks=state.fallbacks + 1)
    third = state.fallbacks >= FALLBACKS_BEFORE_GOODBYE
    if third and state.mode is Mode.AFTER_INFO_MID_CRAMP and MODES[state.resume].guide_stage:
        state = state._replace(mode=state.resume, resume=Mode.START)  # a topic asked mid-cramp: back to it
    if MODES[state.mode].guide_stage:
        if state.fallbacks >= FALLBACKS_BEFORE_GOODBYE_IN_THE_GUIDE:
            return checks.end_not_understood(state)
        if third:  # the step in a few words, and when to call, spoken and on the card
            when_to_call = say.TOPIC_BODIES[Topic.WHEN_TO_CALL]
            few_words = MODES[state.mode].step_in_a_few_words
            assert few_words is not None  # every guide stage has its few words
            still_here = (
                Say(few_words),
                *when_to_call,
                Say("safety.emergency"),
            )
            turn = repeat_question(state, still_here)
            steps = guide.guide_card(state.muscle).body if state.mode is not Mode.MASSAGE_OFFERED else ()
            card = Card("card.guide.title", (*steps, *when_to_call, Say("safety.emergency")))
            return Turn(turn.state, turn.reply._replace(card=card))
    elif third:
        return checks.end_not_understood(state)
    if state.fallbacks == 2:
        return repeat_question(state, (Say(MODES[state.mode].didnt_catch_again), Say("safety.emergency")))
    hint: tuple[Part, ...] = (Say("say_yes_or_no"),) if MODES[state.mode].yes_or_no else ()
    return repeat_question(state, (Say("didnt_catch"), *hint))


def goodbye(state: State, event: Event) -> Turn:
    """Stop ends at once; a session that never reached the safety lines hears them on the way out. When a
    reason to call is already known, its card goes to the Alexa app."""
    if state.worse or state.not_eased:
        return checks.goodbye_with_the_reason(state)
    return end(state, (Say("goodbye"),))


def goodbye_with_thanks(state: State, event: Event) -> Turn:
    return end(state, (Say("thanks.goodbye"),))


def _at_once(state: State, line: str) -> Turn:
    """One line, at once, and the session ends: nothing before it, nothing after it."""
    speech = (Say(line),)
    return Turn(
        state._replace(safety_said=True),
        Reply(speech=speech, end_session=True, screen=Screen(ScreenKind.ADVICE, body=speech)),
    )


def emergency(state: State, event: Event) -> Turn:
    """In every mode, on the first hearing: the skill cannot call for help; the number, twice. The person
    has just said it is an emergency: never "if this is an emergency"."""
    return _at_once(state, "emergency")


def fallen(state: State, event: Event) -> Turn:
    """A fall, in every mode, on the first hearing: if anyone is hurt or can't get up, the number (NHS)."""
    return _at_once(state, "emergency.fall")


def chest_pain(state: State, event: Event) -> Turn:
    """Chest pain, tightness, or a "cramp" in the chest: never a stretch; the number, twice (NHS)."""
    return _at_once(state, "emergency.chest")


def out_of_scope(state: State, event: Event) -> Turn:
    """A stomach, side, period or jaw cramp: not the seed's muscle cramp. Never a stretch, never "rest the
    muscle", never an all-clear: what the skill is for, a provider for the rest, and the emergency line."""
    if MODES[state.mode].guide_stage:  # a muscle is being coached: it goes on, the other cramp is not coached
        return repeat_question(state, (Say("scope"), Say("safety.emergency")))
    emergency_line: tuple[Part, ...] = (Say("safety.emergency"),) if state.safety_said else ()
    return end(state, (Say("scope"), *emergency_line), screen=ScreenKind.ADVICE)


def where_we_are(state: State, event: Event) -> Turn:
    """ "Which step are we on?": where, in a few words, and the question that was waiting."""
    return repeat_question(state, (Say(MODES[state.mode].where),))


def no_more_topics(state: State, event: Event) -> Turn:
    """No to another topic: back to the cramp a topic interrupted, if one was being coached; else goodbye."""
    if state.resume is Mode.START:
        return goodbye(state, event)
    back = state._replace(mode=state.resume, resume=Mode.START)
    return repeat_question(back, (Say("guide.back"),))
