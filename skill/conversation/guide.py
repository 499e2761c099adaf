"""The guide: stretch very gently and hold, massage gently, then rest (and the checks).

Each stage is a mode: STRETCH and MASSAGE wait for "ready for the next step?", and MASSAGE_OFFERED, after
a stretch held twice that did not help, waits for "shall we go on with a gentle massage?". The moments
that cut across the stages ("it still hurts", "wait") are in ``moments``.
"""

from __future__ import annotations

from skill.conversation.checks import checks_from_the_start, provider_advice
from skill.conversation.events import Event
from skill.conversation.modes import ask
from skill.conversation.say import MASSAGE_PACE, STRETCH_HOLD
from skill.conversation.state import (
    MAX_EXTRA_HOLDS_WHEN_NOT_READY,
    Mode,
    Muscle,
    RedFlag,
    State,
    Turn,
    stretch_holds_afresh,
    wording_of,
)
from skill.reply import Card, Part, Say, SayList


def guide_card(muscle: Muscle) -> Card:
    """The whole guide for the muscle, sent once, with the first stretch."""
    wording = wording_of(muscle)
    return Card(
        "card.guide.title",
        (
            Say(f"guide.stretch.{wording}"),
            Say("guide.stop_if_it_hurts"),
            Say(f"guide.massage.{wording}"),
            Say("guide.massage.why"),
            Say("guide.rest"),
            Say("guide.come_and_go"),
        ),
    )


def _after_hold(state: State) -> tuple[tuple[Part, ...], State]:
    """How to get on or out, said once, after the first hold (never between an instruction and its hold)."""
    if state.navigation_hint_said:
        return (), state
    return (Say("guide.how_to_navigate"),), state._replace(navigation_hint_said=True)


def _guide_step(
    state: State,
    mode: Mode,
    body: tuple[Part, ...],
    card: Card | None = None,
    then: tuple[Part, ...] = (),
) -> Turn:
    """Say a stage of the guide, counting how often it was said in a row, and ask whether they are ready;
    ``then`` comes after the hold, before the hint and the question."""
    state = state._replace(
        mode=mode, holds=1 if state.mode is not mode else state.holds + 1, cramping_now=True
    )
    hint, state = _after_hold(state)
    return ask(
        state, body + then + hint, (Say("guide.ask_next"),), (Say("guide.ask_next.reprompt"),), card=card
    )


def stretch(state: State, preamble: tuple[Part, ...] = (), *, then: tuple[Part, ...] = ()) -> Turn:
    """The stretch for the muscle, held about 30 seconds; the instruction is the first thing said (what
    else there is to say, ``then``, waits until after the hold). Once a stretch hurt more in this session,
    never a stretch again, whatever leads here (start over, go back, the muscle named again): the gentle
    massage instead."""
    if state.worse:  # said only when a step of the guide ran ("it hurts more" can come before any)
        return massage(state, _no_more_stretching(state), then=then)
    state = state._replace(stretch_holds=state.stretch_holds + 1)
    wording = wording_of(state.muscle)
    body = (*preamble, Say(f"guide.stretch.{wording}"), Say("guide.stop_if_it_hurts"), *STRETCH_HOLD)
    card = guide_card(state.muscle) if state.stretch_holds == 1 else None
    return _guide_step(state, Mode.STRETCH, body, card, then)


def massage(state: State, preamble: tuple[Part, ...] = (), *, then: tuple[Part, ...] = ()) -> Turn:
    """Gentle massage for the muscle, paced; once it hurt more, the stage that never stretches again."""
    wording = wording_of(state.muscle)
    body = (*preamble, Say(f"guide.massage.{wording}"), Say("guide.massage.why"), *MASSAGE_PACE)
    hurt_more = state.worse or state.mode is Mode.MASSAGE_AFTER_WORSE  # that stage means it did
    stage = Mode.MASSAGE_AFTER_WORSE if hurt_more else Mode.MASSAGE
    return _guide_step(state._replace(worse=hurt_more), stage, body, then=then)


def offer_massage(state: State) -> Turn:
    """Held twice and still cramping: the seed's reason to call (cramping that does not go away with
    stretching), on a card, and the offer of the massage."""
    reason = Card(
        "card.call_provider.title",
        (
            Say("outcome.call_provider"),
            SayList("provider_reasons", int(RedFlag.LASTING)),
            Say("safety.emergency"),
        ),
    )
    offered = state._replace(mode=Mode.MASSAGE_OFFERED, not_eased=True)
    return ask(offered, (Say("guide.not_eased"),), (Say("guide.ask_massage"),), card=reason)


# ---------------------------------------------------------------------------------------------------------
# Transitions


def go_on_to_the_massage(state: State, event: Event) -> Turn:
    return massage(state)


def rest_then_checks(state: State, event: Event) -> Turn:
    """After the massage: rest, then the checks (or, when a reason to call is known, the advice)."""
    if state.worse:
        return rest_and_advise_severe(state, event)
    if state.not_eased:
        return rest_and_advise(state, event)
    return checks_from_the_start(state, (Say("guide.rest"), Say("guide.come_and_go")))


def rest_and_advise(state: State, event: Event) -> Turn:
    """The reason to call is known (still cramping after two holds): rest, and the advice."""
    return provider_advice(state._replace(not_eased=True), RedFlag.LASTING, preamble=(Say("guide.rest"),))


def rest_and_advise_severe(state: State, event: Event) -> Turn:
    """It hurt more when stretched: never stretch again; rest, and severe cramping as the reason to call."""
    return provider_advice(state, RedFlag.SEVERE, preamble=(Say("guide.rest"),))


def stretch_is_the_first_step(state: State, event: Event) -> Turn:
    """Back from the stretch: it is the first step, held again."""
    return stretch(state, (Say("guide.first_step"),))


def back_to_the_stretch(state: State, event: Event) -> Turn:
    return stretch(state)


def stretch_again(state: State, event: Event) -> Turn:
    return stretch(state)


def massage_again(state: State, event: Event) -> Turn:
    return massage(state)


def restart_guide(state: State, event: Event) -> Turn:
    """Start over means from the top: the holds are counted afresh."""
    return stretch(
        state._replace(holds=0, stretch_holds=stretch_holds_afresh(state), not_eased=False),
        (Say("guide.from_the_top"),),
    )


def stop_stretching(state: State, event: Event) -> Turn:
    """We said "stop if it hurts more": stop at once, name severe cramping as the seed's first reason to
    call, then the gentle massage."""
    return massage(state._replace(worse=True), (Say("guide.stop_stretching"), Say("guide.severe")))


def stop_massaging(state: State, event: Event) -> Turn:
    """Worse during the massage: stop and rest; severe cramping is the reason to call."""
    return provider_advice(
        state._replace(worse=True), RedFlag.SEVERE, preamble=(Say("guide.stop_massaging"),)
    )


def _no_more_stretching(state: State) -> tuple[Part, ...]:
    """Said only when a stretch was held: "it hurt more when you stretched" must be true (it can hurt more
    before any stretch, and the massage comes first then)."""
    return (Say("guide.no_more_stretching"),) if state.stretch_holds else ()


def no_more_stretching(state: State, event: Event) -> Turn:
    """Back, once it hurt more: no stretch, ever again; the massage."""
    return massage(state, _no_more_stretching(state))


def massage_from_the_top(state: State, event: Event) -> Turn:
    """Start over, once it hurt more: the holds counted afresh, and the massage, never the stretch."""
    fresh = state._replace(holds=0, stretch_holds=stretch_holds_afresh(state), not_eased=False)
    return massage(fresh, _no_more_stretching(state))


def not_ready_after_it_hurt_more(state: State, event: Event) -> Turn:
    """Massage again, at most twice more; after that it counts as done: rest, and severe cramping as the
    reason to call."""
    if state.holds <= MAX_EXTRA_HOLDS_WHEN_NOT_READY:
        return massage(state, (Say("take_your_time"),))
    return rest_and_advise_severe(state, event)


def massage_when_no_stretch_runs(state: State, event: Event) -> Turn:
    """It hurts more, and no stretch is running: name severe cramping, then the gentle massage."""
    return massage(state._replace(worse=True), (Say("guide.severe"),))
