"""The moments mid-cramp, understood wherever they are said: "it still hurts", "it's gone", "wait", and
the muscle named again.

"It still hurts" follows the stretch rules: hold the stretch again until it was held twice, then the seed's
reason to call (cramping that does not go away with stretching) and the offer of a massage; said after
the massage, rest and the advice. "Wait" holds a step again at most twice, then counts as still cramping
(from the stretch) or as done (from the massage).
"""

from __future__ import annotations

from collections.abc import Callable

from skill.conversation.anywhere import didnt_catch, repeat_question
from skill.conversation.checks import checks_from_the_start
from skill.conversation.events import Event
from skill.conversation.guide import (
    go_on_to_the_massage,
    massage,
    massage_when_no_stretch_runs,
    offer_massage,
    rest_and_advise,
    rest_and_advise_severe,
    rest_then_checks,
    stretch,
)
from skill.conversation.modes import ask_if_a_muscle, ask_where_is_it
from skill.conversation.opening import start_guide
from skill.conversation.state import (
    MAX_EXTRA_HOLDS_WHEN_NOT_READY,
    STRETCH_HOLDS_BEFORE_NOT_EASED,
    Mode,
    Muscle,
    State,
    Turn,
    knows_the_muscle,
)
from skill.reply import Part, Say

Transition = Callable[[State, Event], Turn]


def hurting_more(state: State, event: Event) -> Turn:
    """It hurts more, and no stretch is running: severe cramping, then the gentle massage; but where no
    muscle is known yet, nothing is massaged: severe cramping, and where the cramp is."""
    if knows_the_muscle(state):
        return massage_when_no_stretch_runs(state, event)
    return ask_where_is_it(state._replace(worse=True), (Say("guide.severe"),))


def still_hurting(state: State, event: Event) -> Turn:
    """The stretch rules: hold again until held twice; then the seed's reason, the card and the offer of
    the massage; the reason known already, rest and the advice. After "it hurts more", never a stretch
    again: rest, and severe cramping as the reason to call."""
    state = state._replace(eased=False)
    if state.worse:
        return rest_and_advise_severe(state, event)
    if state.stretch_holds < STRETCH_HOLDS_BEFORE_NOT_EASED:
        return stretch(state, (Say("guide.hold.again"),))
    if not state.not_eased:
        return offer_massage(state)
    return rest_and_advise(state, event)


def still_hurting_after_the_massage(state: State, event: Event) -> Turn:
    """After the massage: stretch again if it was held only once, else rest and the advice (after "it hurts
    more", never a stretch again)."""
    state = state._replace(eased=False)
    if state.worse:
        return rest_and_advise_severe(state, event)
    if state.stretch_holds < STRETCH_HOLDS_BEFORE_NOT_EASED:
        return stretch(state, (Say("guide.hold.again"),))
    return rest_and_advise(state, event)


def cramp_still_there(state: State, event: Event) -> Turn:
    """Before any guide ran (the opening, a topic, the checks on the information path): where is the
    cramp? After it (the checks, a topic asked since): the stretch rules."""
    if state.cramping_now and knows_the_muscle(state) and state.muscle is not Muscle.THIGH:
        return still_hurting(state, event)
    return ask_where_is_it(state._replace(holds=0))


def _named_again_in_the_guide(state: State, event: Event, still_cramping: Transition) -> Turn:
    """The muscle being coached, named again ("my calf is still cramping"), or a cramp with no place ("i've
    still got the cramp"), is still cramping, as this stage of the guide answers that; another muscle
    starts its own stretch; words that are no muscle were not understood (and count as such)."""
    if event.muscle is Muscle.UNKNOWN:
        return didnt_catch(state, event)
    state = state._replace(fallbacks=0)  # understood: the run of misses ends
    if event.muscle in (state.muscle, Muscle.NONE):
        return still_cramping(state, event)
    return start_guide(state, event)


def cramp_named_in_the_stretch(state: State, event: Event) -> Turn:
    return _named_again_in_the_guide(state, event, still_hurting)


def cramp_named_in_the_massage(state: State, event: Event) -> Turn:
    return _named_again_in_the_guide(state, event, still_hurting_after_the_massage)


def cramp_named_after_it_hurt_more(state: State, event: Event) -> Turn:
    """The massage once it hurt more: still cramping is rest, and severe cramping as the reason to call."""
    return _named_again_in_the_guide(state, event, rest_and_advise_severe)


def cramp_named_at_the_massage_offer(state: State, event: Event) -> Turn:
    """Still cramping, asked about the massage: go on with it."""
    return _named_again_in_the_guide(state, event, go_on_to_the_massage)


def cramp_named_in_the_checks(state: State, event: Event) -> Turn:
    """The coach follows the person: the muscle being coached, named again, is still cramping (the stretch
    rules); another muscle gets its own stretch, and the checks come again after it; words that are no
    muscle were not understood, and count as such: a run of them reaches the checks' last miss (when to
    call, and the number) instead of asking for a yes or no without end."""
    if event.muscle is Muscle.UNKNOWN:
        return didnt_catch(state, event)
    state = state._replace(fallbacks=0)  # understood: the run of misses ends
    if event.muscle in (state.muscle, Muscle.NONE) and state.cramping_now and knows_the_muscle(state):
        return still_hurting(state, event)
    return start_guide(state, event)


def not_ready_in_the_stretch(state: State, event: Event) -> Turn:
    """Hold again, at most twice more; after that the stretch counts as still cramping."""
    if state.holds <= MAX_EXTRA_HOLDS_WHEN_NOT_READY:
        return stretch(state, (Say("take_your_time"),))
    return still_hurting(state, event)


def not_ready_in_the_massage(state: State, event: Event) -> Turn:
    """Massage again, at most twice more; after that the massage counts as done: rest and the checks."""
    if state.holds <= MAX_EXTRA_HOLDS_WHEN_NOT_READY:
        return massage(state, (Say("take_your_time"),))
    return rest_then_checks(state, event)


def cramp_gone(state: State, event: Event) -> Turn:
    """Rest the muscle, then the checks, without asking again whether it eased; where no muscle is known
    (it went before the person said where), nothing is said about a muscle: just the checks."""
    said: tuple[Part, ...] = (Say("guide.gone"),)
    if knows_the_muscle(state):
        said += (Say("outcome.rest"), Say("guide.come_and_go"))
    return checks_from_the_start(state._replace(eased=True, cramping_now=True), said)


def glad_it_is_better(state: State, event: Event) -> Turn:
    """On the information path nobody need be cramping: "I feel better" is good to hear, and no more; but
    a topic asked mid-cramp interrupted a cramp, and its going is what the guide waits for."""
    if state.resume is not Mode.START:
        return cramp_gone(state._replace(resume=Mode.START), event)
    return repeat_question(state, (Say("guide.gone"),))


def cramp_named_where_asked(state: State, event: Event) -> Turn:
    """The answer to "where is the cramp?": a muscle without its own stretch gets the general form; words
    that are no muscle we know ("my pelvis") are never coached: not understood, asked again; a cramp with
    no place again ("it's just a cramp") asks whether it is a muscle."""
    if event.muscle is Muscle.UNKNOWN:
        return didnt_catch(state, event)
    state = state._replace(fallbacks=0)  # understood: the run of misses ends
    if event.muscle is Muscle.NONE:
        return ask_if_a_muscle(state)
    return start_guide(state, event)
