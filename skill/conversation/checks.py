"""The red-flag checks: the seed's four reasons to call, asked one condition at a time.

Any yes ends with the advice to call a healthcare provider at once, with the seed's reason and a card;
"not sure" asks once more in plainer words, and twice is the cautious reading; all no ends with rest and
when to call. A question whose answer the conversation already knows is not asked.
"""

from __future__ import annotations

from skill.conversation.events import Event
from skill.conversation.modes import ask_the_question_again, red_flag_question
from skill.conversation.say import SAFETY_LINES, TOPIC_BODIES, end
from skill.conversation.state import (
    CHECK_QUESTIONS,
    RED_FLAG_OF_SIGN,
    Mode,
    Question,
    RedFlag,
    Sign,
    State,
    Topic,
    Turn,
    knows_the_muscle,
)
from skill.reply import Card, Part, Say, SayList, ScreenKind


def first_question_from(state: State, start: int) -> Question | None:
    """The next question to ask from position ``start`` on, skipping what the conversation already knows."""
    for candidate in Question:
        if candidate < start or (candidate is Question.NOT_EASED and (state.eased or state.not_eased)):
            continue
        return candidate
    return None


def checks_from_the_start(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """The first question, after the safety lines; but when "it hurts more" was said, that was a yes to
    severe cramping (CONTENT-SOURCES.md): the advice, never the question as if it had not been said."""
    if state.worse:
        return provider_advice(state, RedFlag.SEVERE, preamble=preamble)
    first = first_question_from(state, 0)
    assert first is not None  # the first question is never skipped
    # The safety lines come before the intro: the intro leads straight into the first question.
    state = state._replace(question=first)
    safety: tuple[Part, ...] = ()
    if not state.safety_said:
        safety, state = SAFETY_LINES, state._replace(safety_said=True)
    return red_flag_question(state, (*preamble, *safety, Say("checks.intro")))


def provider_advice(
    state: State,
    red_flag: RedFlag | None,
    *,
    preamble: tuple[Part, ...] = (),
    opening: tuple[Part, ...] = (Say("outcome.call_provider"),),
) -> Turn:
    """The end of the checks (or of the guide) when a red flag is present: call your provider, with the
    seed's reason (none for a sign the seed does not list), a card, and the emergency line."""
    reason: tuple[Part, ...] = () if red_flag is None else (SayList("provider_reasons", int(red_flag)),)
    advice: tuple[Part, ...] = (*opening, *reason)
    disclaimer: tuple[Part, ...] = () if state.safety_said else (Say("safety.disclaimer"),)
    return end(
        state._replace(mode=Mode.CHECKS, safety_said=True),  # said here, in its own order
        (*preamble, *advice, Say("outcome.card_sent"), *disclaimer, Say("safety.emergency")),
        then=(Say("outcome.take_care"),),
        card=Card("card.call_provider.title", (*advice, Say("safety.emergency"))),
        screen=ScreenKind.ADVICE,
    )


# ---------------------------------------------------------------------------------------------------------
# Transitions


def start_checks(state: State, event: Event) -> Turn:
    return checks_from_the_start(state)


def red_flag_present(state: State, event: Event) -> Turn:
    return provider_advice(state, CHECK_QUESTIONS[state.question].red_flag)


def red_flag_on_its_screen(state: State, event: Event) -> Turn:
    """Yes touched on a red-flag question's screen that is no longer where the conversation is (still on
    display, or the session it belonged to has ended): the person is telling us they have that red flag,
    so its provider advice, wherever the conversation is. (The screen's token is the skill's own; the
    worst a forged one can do is advise calling a provider.)"""
    assert event.question is not None  # every such event names the question its screen asked
    return red_flag_present(state._replace(mode=Mode.CHECKS, question=event.question, unsure=0), event)


def red_flag_absent(state: State, event: Event) -> Turn:
    following = first_question_from(state, state.question + 1)
    if following is not None:
        return red_flag_question(state._replace(question=following))
    if state.not_eased:  # known before the checks: the seed's reason stands
        return provider_advice(state, RedFlag.LASTING)
    rest: tuple[Part, ...] = (Say("outcome.rest"),) if state.cramping_now and knows_the_muscle(state) else ()
    call_if = "outcome.call_if_that_changes" if state.cramping_now else "outcome.call_if_any"
    return end(
        state,
        (Say("outcome.no_red_flags"), *rest, Say(call_if)),
        then=(Say("outcome.take_care"),),
        # The card is read later, alone: it names the signs instead of "those things".
        card=Card(
            "card.all_clear.title",
            (*rest, *TOPIC_BODIES[Topic.WHEN_TO_CALL], Say("safety.emergency")),
        ),
    )


def red_flag_unsure(state: State, event: Event) -> Turn:
    """Unsure: ask once more in plainer words; unsure again is the cautious reading: check with a provider."""
    if state.unsure == 0:
        return red_flag_question(state._replace(unsure=1), (Say("check.plainer_intro"),), plainer=True)
    return provider_advice(
        state, CHECK_QUESTIONS[state.question].red_flag, opening=(Say("outcome.not_sure"),)
    )


def previous_question(state: State, event: Event) -> Turn:
    earlier = [key for key in Question if key < state.question and first_question_from(state, key) is key]
    if not earlier:
        return red_flag_question(state, (Say("checks.first_question"),))
    return red_flag_question(state._replace(question=earlier[-1]))


def restart_checks(state: State, event: Event) -> Turn:
    first = first_question_from(state, 0)
    assert first is not None
    return red_flag_question(state._replace(question=first), (Say("checks.from_the_first"),))


def hurting_more_in_the_checks(state: State, event: Event) -> Turn:
    """Worse while answering the checks: severe cramping is the seed's first reason to call."""
    return provider_advice(state._replace(worse=True), RedFlag.SEVERE)


def stop_the_checks(state: State, event: Event) -> Turn:
    """Stop in the middle of the checks: the signs to call about go to the Alexa app all the same."""
    return end_the_checks(state)


def end_the_checks(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """The checks end unfinished (stop, or not understood three times): a yes may not have been heard, so
    the signs to call about go to the Alexa app."""
    return end(
        state,
        (*preamble, Say("checks.stopped")),
        then=(Say("outcome.take_care"),),
        card=Card("card.when_to_call.title", (*TOPIC_BODIES[Topic.WHEN_TO_CALL], Say("safety.emergency"))),
    )


def end_not_understood(state: State) -> Turn:
    """Misses in a row end the session (three, or four mid-guide), and never silently: the skill never
    hears what a miss said, which may have been a red flag. A reason to call already known is said as the
    advice; else when to call, spoken and on a card, and the emergency number."""
    known = RedFlag.SEVERE if state.worse else RedFlag.LASTING if state.not_eased else None
    if known is not None:
        return provider_advice(state, known, preamble=(Say("didnt_catch_stop"),))
    emergency_line: tuple[Part, ...] = (Say("safety.emergency"),) if state.safety_said else ()
    return end(
        state,
        (
            Say("didnt_catch_stop"),
            *TOPIC_BODIES[Topic.WHEN_TO_CALL],
            Say("outcome.card_sent"),
            *emergency_line,
        ),
        then=(Say("outcome.take_care"),),
        card=Card("card.when_to_call.title", (*TOPIC_BODIES[Topic.WHEN_TO_CALL], Say("safety.emergency"))),
        screen=ScreenKind.ADVICE,
    )


def volunteered_red_flag(state: State, event: Event) -> Turn:
    """A red flag said in the person's own words, anywhere ("my leg's gone numb", "it won't stop"): the
    advice to call, with the seed's reason, and the card, as a yes to its question would end. Swelling, which
    the seed does not list, gets the cautious reading (CONTENT-SOURCES.md)."""
    if event.sign is Sign.SWELLING or event.sign is None:
        return provider_advice(state, None, opening=(Say("outcome.swelling"),))
    return provider_advice(state, RED_FLAG_OF_SIGN[event.sign])


def cramp_gone_in_the_checks(state: State, event: Event) -> Turn:
    """Gone while answering: a no, if that was the question ("is it still cramping?"); else the same
    question again, in the past tense once the cramp is gone. "It's gone" answers no other question,
    even said again: a yes said with it ("yes, it's gone") is not heard apart from it, so counting it as
    a no could end the checks with an all-clear they did not earn."""
    if state.question == Question.NOT_EASED:
        return red_flag_absent(state._replace(eased=True, cramping_now=True), event)
    preamble = (Say("say_yes_or_no"),) if state.eased else (Say("guide.gone"),)
    state = state._replace(eased=True, cramping_now=True)
    return ask_the_question_again(state, preamble)


def goodbye_with_the_reason(state: State) -> Turn:
    """Stop, when a reason to call is already known ("it hurts more", or held twice and still cramping):
    the reason goes to the Alexa app as a card, as the advice would have sent it."""
    red_flag = RedFlag.SEVERE if state.worse else RedFlag.LASTING
    advice = (
        Say("outcome.call_provider"),
        SayList("provider_reasons", int(red_flag)),
        Say("safety.emergency"),
    )
    return end(
        state,
        (Say("checks.stopped"),),
        then=(Say("outcome.take_care"),),
        card=Card("card.call_provider.title", advice),
    )
