"""The conversation: a pure state machine from (state, event) to (next state, reply).

No SDK here, no text: the handlers turn Alexa requests into ``Event``s, and replies name content keys that
the speech layer renders. ``TRANSITIONS`` is the whole flow as one table, so that a reader can check "in
mode X, event Y leads to Z" against the design, and a test pins every pair.

    START ──launch──> ASKED_IF_CRAMPING ("if a muscle is cramping, where is it?") ──"my calf"──┐
                            │ no    │ yes: ASKED_WHERE     "thigh": ASKED_THIGH_SIDE ──"the back"─┤
                            v                                                                    v
      INFO_MENU ──topic──> AFTER_INFO ──yes──> a topic not yet heard     GUIDE(stretch, hold ~30 s)
                                                                                   │ next
                                                                                   v
                                       CHECKS (one condition per question) <── rest <── GUIDE(massage)
                                         ├─ any yes, or unsure twice ──> call your provider (+ card), end
                                         └─ all no ──> rest, call if that changes, end

What the person mid-cramp says moves them on from anywhere: "my calf is cramping" starts the guide, "it
still hurts" holds the stretch again (held twice: the seed's reason to call, then the massage), "it
hurts more" stops the stretch, "it's gone" goes to rest and the checks, "wait" holds again, "this is an
emergency" gives the local number at once, "thanks" ends kindly. Stop and cancel end in every mode; a
third "I didn't catch that" in a row ends kindly too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum, StrEnum
from typing import NamedTuple

from skill.reply import Card, Part, Pause, Reply, Say, SayList


class Mode(StrEnum):
    """Where the user is in the conversation."""

    START = "start"
    ASKED_IF_CRAMPING = "asked_if_cramping"
    ASKED_WHERE = "asked_where"
    ASKED_THIGH_SIDE = "asked_thigh_side"
    GUIDE = "guide"
    CHECKS = "checks"
    INFO_MENU = "info_menu"
    AFTER_INFO = "after_info"


class Muscle(StrEnum):
    """Where the cramp is. The first five have their own stretch; OTHER (a known muscle without one, or
    none named) gets the seed's general form. THIGH asks which side; BACK, answering that, is the back of
    the thigh; UNKNOWN (words that are no muscle) asks where, rather than guess."""

    CALF = "calf"
    FOOT = "foot"
    HAMSTRING = "hamstring"
    QUADRICEPS = "quadriceps"
    HAND = "hand"
    THIGH = "thigh"
    BACK = "back"
    OTHER = "other"
    UNKNOWN = "unknown"  # words Alexa could not match to any muscle ("my chest hurts" is no muscle)


MUSCLES_WITH_THEIR_OWN_STRETCH = frozenset(
    {Muscle.CALF, Muscle.FOOT, Muscle.HAMSTRING, Muscle.QUADRICEPS, Muscle.HAND}
)


class Topic(StrEnum):
    """Information topics, in the order next/previous walk through them."""

    WHAT_IS = "what_is"
    CAUSES = "causes"
    TREATMENT = "treatment"
    PREVENTION = "prevention"
    WHEN_TO_CALL = "when_to_call"


class GuideStep(IntEnum):
    """Steps of the guide that wait for the user; resting is said on the way into the checks."""

    STRETCH = 0
    MASSAGE = 1


class CheckQuestion(NamedTuple):
    """One red-flag question: one condition, a yes or no for a layperson, and the seed flag it belongs to."""

    name: str
    red_flag: int  # index into the content list "red_flags" (and "provider_reasons")
    worded_for_now: bool  # has a "now" and a "general" wording; otherwise one wording serves both
    past_when_gone: bool = False  # once the cramp is gone, asked in the past tense ("was it severe?")


# The seed's four red flags, asked one condition at a time, in the seed's order.
CHECK_QUESTIONS: tuple[CheckQuestion, ...] = (
    CheckQuestion("severe", 0, True, past_when_gone=True),
    CheckQuestion("lasting", 1, True, past_when_gone=True),
    CheckQuestion("not_eased", 1, True),  # skipped when the conversation already knows
    CheckQuestion("coming_back", 1, True),
    CheckQuestion("limb_pain", 2, True),
    CheckQuestion("tingling", 2, False),
    CheckQuestion("weakness", 2, False),
    CheckQuestion("night_pain", 3, False),
)
QUESTION_INDEX = {question.name: index for index, question in enumerate(CHECK_QUESTIONS)}
NOT_EASED_QUESTION = QUESTION_INDEX["not_eased"]
NOT_EASED_RED_FLAG = CHECK_QUESTIONS[NOT_EASED_QUESTION].red_flag
SEVERE_RED_FLAG = CHECK_QUESTIONS[QUESTION_INDEX["severe"]].red_flag

MAX_EXTRA_HOLDS_WHEN_NOT_READY = 2  # "wait" holds a step again at most twice, then counts as still cramping
STRETCH_HOLDS_BEFORE_NOT_EASED = 2  # "it still hurts" after the stretch was held twice: the seed's reason
FALLBACKS_BEFORE_GOODBYE = 3


class EventKind(StrEnum):
    """What the user did, independent of how Alexa delivered it."""

    LAUNCH = "launch"
    CRAMP = "cramp"
    INFO = "info"
    START_CHECKS = "start_checks"
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    START_OVER = "start_over"
    HELP = "help"
    STOP = "stop"
    THANKS = "thanks"
    NAVIGATE_HOME = "navigate_home"
    STILL_HURTS = "still_hurts"
    WORSE = "worse"
    BETTER = "better"
    NOT_READY = "not_ready"
    EMERGENCY = "emergency"
    FALLBACK = "fallback"


class Event(NamedTuple):
    """One user action; ``muscle`` matters for CRAMP, ``topic`` for INFO."""

    kind: EventKind
    muscle: Muscle = Muscle.OTHER
    topic: Topic | None = None


class State(NamedTuple):
    """The whole conversation state; it lives in session attributes between turns.

    This and the other records are ``NamedTuple``s, not frozen dataclasses: as immutable, and a sixth
    of the cost to create, which every Lambda cold start pays (see ``skill/reply.py``)."""

    mode: Mode = Mode.START
    guide_step: GuideStep = GuideStep.STRETCH
    muscle: Muscle = Muscle.OTHER
    question: int = 0  # index into CHECK_QUESTIONS
    topic: Topic = Topic.WHAT_IS
    safety_said: bool = False
    navigation_hint_said: bool = False
    holds: int = 0  # how many times the current guide step was held (or massaged) in a row
    stretch_holds: int = 0  # how many times this cramp's stretch was held, in all
    massage_offered: bool = False  # "shall we go on with a gentle massage?" is waiting for an answer
    cramping_now: bool = False  # the guide ran in this session: questions say "this cramp"
    eased: bool = False  # the user said the cramp is gone
    not_eased: bool = False  # it still hurt after two holds: the seed's reason to call is known
    unsure: int = 0  # unsure answers to the current red-flag question
    fallbacks: int = 0  # "I didn't catch that" in a row
    topics_heard: frozenset[Topic] = frozenset()


class Turn(NamedTuple):
    """The outcome of one step: the state to keep and the reply to speak."""

    state: State
    reply: Reply


Transition = Callable[[State, Event], Turn]

# Hold a stretch about 30 seconds (Mayo Clinic): three 10-second pauses with a calm cue after each. Nothing
# comes between the instruction and the first pause.
STRETCH_HOLD: tuple[Part, ...] = (
    Pause(10),
    Say("guide.hold.breathe"),
    Pause(10),
    Say("guide.hold.almost"),
    Pause(10),
    Say("guide.hold.done"),
)
MASSAGE_PACE: tuple[Part, ...] = (
    Pause(10),
    Say("guide.massage.slow"),
    Pause(10),
    Say("guide.massage.done"),
)

SAFETY_LINES: tuple[Part, ...] = (Say("safety.disclaimer"), Say("safety.emergency"))

TOPIC_BODIES: dict[Topic, tuple[Part, ...]] = {
    Topic.WHAT_IS: (Say("topic.what_is"),),
    Topic.CAUSES: (Say("topic.causes"), SayList("causes")),
    Topic.TREATMENT: (Say("topic.treatment"),),
    # The seed's caveat (little or no evidence) always comes before the tips.
    Topic.PREVENTION: (
        Say("topic.prevention.caveat"),
        Say("topic.prevention.tips"),
        SayList("prevention_tips"),
    ),
    Topic.WHEN_TO_CALL: (Say("topic.when_to_call"), SayList("red_flags")),
}
# After a topic, the offer is the first of these not yet heard in this session (then the checks).
TOPIC_OFFER_ORDER: tuple[Topic, ...] = (
    Topic.CAUSES,
    Topic.PREVENTION,
    Topic.WHEN_TO_CALL,
    Topic.TREATMENT,
    Topic.WHAT_IS,
)
HELP_BY_MODE: dict[Mode, str] = {
    Mode.START: "help.start",
    Mode.ASKED_IF_CRAMPING: "help.start",
    Mode.ASKED_WHERE: "help.where",
    Mode.ASKED_THIGH_SIDE: "help.thigh_side",
    Mode.GUIDE: "help.guide",
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
    Mode.GUIDE: "didnt_catch_again.guide",
    Mode.CHECKS: "didnt_catch_again.checks",
    Mode.INFO_MENU: "didnt_catch_again.info",
    Mode.AFTER_INFO: "didnt_catch_again.after_info",
}


# ---------------------------------------------------------------------------------------------------------
# Reply builders


def _ask(
    state: State,
    body: tuple[Part, ...],
    question: tuple[Part, ...],
    reprompt: tuple[Part, ...] | None = None,
    *,
    card: Card | None = None,
) -> Turn:
    """A reply that keeps the session open: the body, then the question."""
    return Turn(state, Reply(speech=body + question, reprompt=reprompt or question, card=card))


def _end(
    state: State, body: tuple[Part, ...], *, card: Card | None = None, then: tuple[Part, ...] = ()
) -> Turn:
    """A reply that ends the session: the body, the safety lines if they were not said yet, then ``then``."""
    safety: tuple[Part, ...] = () if state.safety_said else SAFETY_LINES
    return Turn(
        state._replace(safety_said=True), Reply(speech=body + safety + then, card=card, end_session=True)
    )


def _ask_if_cramping(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.ASKED_IF_CRAMPING),
        preamble,
        (Say("ask_cramping"),),
        (Say("ask_cramping.reprompt"),),
    )


def _ask_where(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.ASKED_WHERE), preamble, (Say("ask_where"),), (Say("ask_where.reprompt"),)
    )


def _ask_thigh_side(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.ASKED_THIGH_SIDE),
        preamble,
        (Say("ask_thigh_side"),),
        (Say("ask_thigh_side.reprompt"),),
    )


def _wording(muscle: Muscle) -> str:
    """The content-key suffix of a muscle's stretch and massage: its own, or the seed's general form."""
    return muscle.value if muscle in MUSCLES_WITH_THEIR_OWN_STRETCH else Muscle.OTHER.value


def _guide_card(muscle: Muscle) -> Card:
    wording = _wording(muscle)
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


def _guide_step_turn(state: State, step: GuideStep, body: tuple[Part, ...], card: Card | None = None) -> Turn:
    """Say a guide step, counting how often it was said in a row, and ask whether they are ready."""
    entering = state.mode is not Mode.GUIDE or state.guide_step is not step
    state = state._replace(
        mode=Mode.GUIDE,
        guide_step=step,
        holds=1 if entering else state.holds + 1,
        massage_offered=False,
        cramping_now=True,
    )
    hint, state = _after_hold(state)
    return _ask(state, body + hint, (Say("guide.ask_next"),), (Say("guide.ask_next.reprompt"),), card=card)


def _stretch(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """The stretch for the muscle, held about 30 seconds; the instruction is the first thing said."""
    state = state._replace(stretch_holds=state.stretch_holds + 1)
    wording = _wording(state.muscle)
    body = (*preamble, Say(f"guide.stretch.{wording}"), Say("guide.stop_if_it_hurts"), *STRETCH_HOLD)
    card = _guide_card(state.muscle) if state.stretch_holds == 1 else None
    return _guide_step_turn(state, GuideStep.STRETCH, body, card)


def _massage(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """Gentle massage for the muscle, paced."""
    wording = _wording(state.muscle)
    body = (*preamble, Say(f"guide.massage.{wording}"), Say("guide.massage.why"), *MASSAGE_PACE)
    return _guide_step_turn(state, GuideStep.MASSAGE, body)


def _massage_offered(state: State) -> bool:
    """After two holds that did not help, the guide waits for "shall we go on with a massage?"."""
    return state.mode is Mode.GUIDE and state.massage_offered


def _question_key(state: State, *, plainer: bool = False) -> str:
    question = CHECK_QUESTIONS[state.question]
    key = f"check.{question.name}" + (".plainer" if plainer else "")
    if question.worded_for_now:
        if not state.cramping_now:
            return key + ".general"
        return key + (".gone" if state.eased and question.past_when_gone else ".now")
    return key


def _first_question_from(state: State, index: int) -> int | None:
    """The next question to ask from ``index`` on, skipping what the conversation already knows."""
    for candidate in range(index, len(CHECK_QUESTIONS)):
        if candidate == NOT_EASED_QUESTION and (state.eased or state.not_eased):
            continue
        return candidate
    return None


def _red_flag_question(state: State, preamble: tuple[Part, ...] = (), *, plainer: bool = False) -> Turn:
    state = state._replace(mode=Mode.CHECKS, unsure=state.unsure if plainer else 0)
    key = _question_key(state, plainer=plainer)
    return _ask(
        state,
        preamble,
        (Say(key),),
        (Say("say_yes_or_no"), Say(key)),
    )


def _checks_from_the_start(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    first = _first_question_from(state, 0)
    assert first is not None  # the first question is never skipped
    # The safety lines come before the intro: the intro leads straight into the first question.
    state = state._replace(question=first)
    safety: tuple[Part, ...] = ()
    if not state.safety_said:
        safety, state = SAFETY_LINES, state._replace(safety_said=True)
    return _red_flag_question(state, (*preamble, *safety, Say("checks.intro")))


def _provider_advice(
    state: State,
    red_flag: int,
    *,
    preamble: tuple[Part, ...] = (),
    opening: tuple[Part, ...] = (Say("outcome.call_provider"),),
) -> Turn:
    """The end of the checks (or of the guide) when a red flag is present: call your provider, with the
    seed's reason, a card, and the emergency line."""
    advice: tuple[Part, ...] = (*opening, SayList("provider_reasons", red_flag))
    disclaimer: tuple[Part, ...] = () if state.safety_said else (Say("safety.disclaimer"),)
    return Turn(
        state._replace(mode=Mode.CHECKS, safety_said=True),
        Reply(
            speech=(
                *preamble,
                *advice,
                Say("outcome.card_sent"),
                *disclaimer,
                Say("safety.emergency"),
                Say("outcome.take_care"),
            ),
            card=Card("card.call_provider.title", (*advice, Say("safety.emergency"))),
            end_session=True,
        ),
    )


def _topic(state: State, topic: Topic, preamble: tuple[Part, ...] = ()) -> Turn:
    state = state._replace(mode=Mode.AFTER_INFO, topic=topic, topics_heard=state.topics_heard | {topic})
    return _ask(
        state,
        (*preamble, *TOPIC_BODIES[topic]),
        (Say(_offer_key(state)),),
        card=Card(f"card.{topic.value}.title", TOPIC_BODIES[topic]),
    )


def _offered_topic(state: State) -> Topic | None:
    """What "yes" after a topic leads to: the first topic not yet heard, or None for the checks (always
    after "when to call", whose signs the checks ask about)."""
    if state.topic is Topic.WHEN_TO_CALL:
        return None
    return next((topic for topic in TOPIC_OFFER_ORDER if topic not in state.topics_heard), None)


def _offer_key(state: State) -> str:
    offered = _offered_topic(state)
    return f"offer.{offered.value}" if offered else "offer.checks"


def _info_menu(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return _ask(
        state._replace(mode=Mode.INFO_MENU),
        (*preamble, Say("info.menu")),
        (Say("info.ask_topic"),),
        (Say("info.ask_topic.reprompt"),),
    )


def _repeat_question(state: State, preamble: tuple[Part, ...]) -> Turn:
    """Ask again what the current mode is waiting for, after a short preamble, without redoing a step."""
    match state.mode:
        case Mode.ASKED_WHERE:
            return _ask_where(state, preamble)
        case Mode.ASKED_THIGH_SIDE:
            return _ask_thigh_side(state, preamble)
        case Mode.GUIDE if _massage_offered(state):
            return _ask(state, preamble, (Say("guide.ask_massage"),))
        case Mode.GUIDE:
            return _ask(state, preamble, (Say("guide.ask_next"),), (Say("guide.ask_next.reprompt"),))
        case Mode.CHECKS:
            return _red_flag_question(state, preamble, plainer=state.unsure > 0)
        case Mode.INFO_MENU:
            return _info_menu(state, preamble)
        case Mode.AFTER_INFO:
            return _ask(state, preamble, (Say(_offer_key(state)),))
        case _:
            return _ask_if_cramping(state, preamble)


# ---------------------------------------------------------------------------------------------------------
# Transitions that mean the same in every mode


def welcome(state: State, event: Event) -> Turn:
    fresh = State(safety_said=state.safety_said, navigation_hint_said=state.navigation_hint_said)
    return _ask_if_cramping(fresh, (Say("welcome"),))


def restart_after_error() -> Turn:
    """After an internal error: apologise and ask the opening question again, from a fresh state."""
    return _ask_if_cramping(State(), (Say("apology"),))


def back_to_start(state: State, event: Event) -> Turn:
    return _ask_if_cramping(state, (Say("back_to_start"),))


def start_guide(state: State, event: Event) -> Turn:
    """A cramp, named or not: straight to its stretch (a thigh first asks which side; words that are no
    muscle ask where)."""
    if event.muscle is Muscle.UNKNOWN:
        return _ask_where(state)
    fresh = state._replace(muscle=event.muscle, holds=0, stretch_holds=0, eased=False, not_eased=False)
    if event.muscle is Muscle.THIGH:
        return _ask_thigh_side(fresh)
    return _stretch(fresh)


def cramp_named_where_asked(state: State, event: Event) -> Turn:
    """The answer to "where is the cramp?": a place without its own stretch gets the general form."""
    if event.muscle is Muscle.UNKNOWN:
        return stretch_any_muscle(state, event)
    return start_guide(state, event)


def cramp_named_in_the_guide(state: State, event: Event) -> Turn:
    """The muscle being stretched, named again ("my calf is still cramping"), is still cramping; another
    muscle starts its own stretch; words that are no muscle were not understood (and count as such)."""
    if event.muscle is Muscle.UNKNOWN:
        return didnt_catch(state, event)
    if event.muscle is state.muscle:
        return still_hurting(state, event)
    return start_guide(state, event)


def cramp_named_in_the_checks(state: State, event: Event) -> Turn:
    """A red-flag question wants a yes or no: the muscle being coached named again is still cramping;
    anything else named ("yes, in my hand") is asked again as a yes or no, never dropped for a stretch."""
    if event.muscle is state.muscle and state.cramping_now:
        return still_hurting(state, event)
    return ask_yes_or_no(state, event)


def stretch_any_muscle(state: State, event: Event) -> Turn:
    """The seed's general form: for "somewhere else", "I don't know", or a cramp not named."""
    return _stretch(
        state._replace(muscle=Muscle.OTHER, holds=0, stretch_holds=0, eased=False, not_eased=False)
    )


def start_checks(state: State, event: Event) -> Turn:
    return _checks_from_the_start(state)


def tell_topic(state: State, event: Event) -> Turn:
    return _topic(state, event.topic or Topic.WHAT_IS)


def goodbye(state: State, event: Event) -> Turn:
    """Stop ends at once; a session that never reached the safety lines hears them on the way out."""
    return _end(state, (Say("goodbye"),))


def goodbye_with_thanks(state: State, event: Event) -> Turn:
    return _end(state, (Say("thanks.goodbye"),))


def emergency(state: State, event: Event) -> Turn:
    """One sentence, at once, in every mode: the skill cannot call for help; here is the number."""
    return Turn(state._replace(safety_said=True), Reply(speech=(Say("emergency"),), end_session=True))


def help_here(state: State, event: Event) -> Turn:
    if state.mode is Mode.INFO_MENU:  # the help already lists the topics: just ask
        return _ask(state, (Say("help.info"),), (Say("info.ask_topic"),), (Say("info.ask_topic.reprompt"),))
    return _repeat_question(state, (Say(HELP_BY_MODE[state.mode]),))


def didnt_catch(state: State, event: Event) -> Turn:
    """Not understood: ask again; the second time in a row, say what can be said here; the third, end."""
    state = state._replace(fallbacks=state.fallbacks + 1)
    if state.fallbacks >= FALLBACKS_BEFORE_GOODBYE:
        emergency_line: tuple[Part, ...] = (Say("safety.emergency"),) if state.safety_said else ()
        return _end(state, (Say("didnt_catch_stop"), *emergency_line))
    if state.fallbacks == 2:
        return _repeat_question(state, (Say(DIDNT_CATCH_AGAIN_BY_MODE[state.mode]),))
    hint: tuple[Part, ...] = ()
    if state.mode in (Mode.CHECKS, Mode.AFTER_INFO):
        hint = (Say("say_yes_or_no"),)
    return _repeat_question(state, (Say("didnt_catch"), *hint))


def ask_yes_or_no(state: State, event: Event) -> Turn:
    return _repeat_question(state, (Say("say_yes_or_no"),))


def ask_again(state: State, event: Event) -> Turn:
    return _repeat_question(state, ())


def take_your_time(state: State, event: Event) -> Turn:
    return _repeat_question(state, (Say("take_your_time"),))


def ask_where(state: State, event: Event) -> Turn:
    return _ask_where(state)


def ask_where_again(state: State, event: Event) -> Turn:
    """A yes or no to "where is the cramp?": say what the answer can be."""
    return _ask(state._replace(mode=Mode.ASKED_WHERE), (), (Say("ask_where.reprompt"),))


def info_menu(state: State, event: Event) -> Turn:
    return _info_menu(state)


# ---------------------------------------------------------------------------------------------------------
# The moments mid-cramp: it still hurts, it hurts more, it's gone, wait.


def cramp_still_there(state: State, event: Event) -> Turn:
    """Before any guide ran (the opening, a topic, the checks on the information path): where is the
    cramp? After it (the checks, a topic asked since): the stretch rules of ``still_hurting``."""
    if state.cramping_now and state.muscle is not Muscle.THIGH:
        return still_hurting(state, event)
    return _ask_where(state._replace(holds=0))


def still_hurting(state: State, event: Event) -> Turn:
    """It still hurts: hold the stretch again until it was held twice; then say the seed's reason to call
    (cramping that does not go away with stretching), send the card and offer the massage; said already,
    go on with the massage, or, after it, rest and the advice."""
    state = state._replace(eased=False)
    if state.stretch_holds < STRETCH_HOLDS_BEFORE_NOT_EASED:
        return _stretch(state, (Say("guide.hold.again"),))
    if not state.not_eased and (state.mode is not Mode.GUIDE or state.guide_step is GuideStep.STRETCH):
        reason = Card(
            "card.call_provider.title",
            (
                Say("outcome.call_provider"),
                SayList("provider_reasons", NOT_EASED_RED_FLAG),
                Say("safety.emergency"),
            ),
        )
        offered = state._replace(
            mode=Mode.GUIDE, guide_step=GuideStep.STRETCH, not_eased=True, massage_offered=True
        )
        return _ask(offered, (Say("guide.not_eased"),), (Say("guide.ask_massage"),), card=reason)
    if _massage_offered(state):
        return _massage(state)
    return _provider_advice(state._replace(not_eased=True), NOT_EASED_RED_FLAG, preamble=(Say("guide.rest"),))


def not_ready_in_the_guide(state: State, event: Event) -> Turn:
    """Hold again, at most twice more; after that the stretch counts as still cramping, and the massage
    as done (rest and the checks). Waiting for the offered massage is just waiting."""
    if _massage_offered(state):
        return take_your_time(state, event)
    if state.holds <= MAX_EXTRA_HOLDS_WHEN_NOT_READY:
        if state.guide_step is GuideStep.MASSAGE:
            return _massage(state, (Say("take_your_time"),))
        return _stretch(state, (Say("take_your_time"),))
    if state.guide_step is GuideStep.MASSAGE:
        return next_guide_step(state, event)
    return still_hurting(state, event)


def hurting_more_before_the_guide(state: State, event: Event) -> Turn:
    """It hurts more, and no stretch is running: name severe cramping, then the gentle massage."""
    return _massage(state, (Say("guide.severe"),))


def hurting_more_in_the_guide(state: State, event: Event) -> Turn:
    """We said "stop if it hurts more": stop at once, name severe cramping as the seed's first reason to
    call, then the massage (from the stretch) or rest and the checks (from the massage)."""
    if state.guide_step is GuideStep.MASSAGE:
        return _checks_from_the_start(state, (Say("guide.stop_massaging"), Say("guide.severe")))
    return _massage(state, (Say("guide.stop_stretching"), Say("guide.severe")))


def hurting_more_in_the_checks(state: State, event: Event) -> Turn:
    """Worse while answering the checks: severe cramping is the seed's first reason to call."""
    return _provider_advice(state, SEVERE_RED_FLAG)


def cramp_gone(state: State, event: Event) -> Turn:
    """Rest the muscle, then the checks, without asking again whether it eased."""
    return _checks_from_the_start(
        state._replace(eased=True, cramping_now=True),
        (Say("guide.gone"), Say("outcome.rest"), Say("guide.come_and_go")),
    )


def glad_it_is_better(state: State, event: Event) -> Turn:
    """On the information path nobody need be cramping: "I feel better" is good to hear, and no more."""
    return _repeat_question(state, (Say("guide.gone"),))


def cramp_gone_in_the_checks(state: State, event: Event) -> Turn:
    """Gone while answering: a no, if that was the question or it was said before ("no, it's fine");
    else the same question again, in the past tense."""
    if state.question == NOT_EASED_QUESTION or state.eased:
        return red_flag_absent(state._replace(eased=True, cramping_now=True), event)
    state = state._replace(eased=True, cramping_now=True)
    return _red_flag_question(state, (Say("guide.gone"),), plainer=state.unsure > 0)


# ---------------------------------------------------------------------------------------------------------
# The guide


def next_guide_step(state: State, event: Event) -> Turn:
    """Stretch, then massage, then rest and the checks (or, when the reason to call is known, the advice)."""
    if state.guide_step is GuideStep.STRETCH:
        return _massage(state)
    if state.not_eased:  # the seed's reason to call is known: rest, and the advice
        return _provider_advice(state, NOT_EASED_RED_FLAG, preamble=(Say("guide.rest"),))
    return _checks_from_the_start(state, (Say("guide.rest"), Say("guide.come_and_go")))


def rest_and_check(state: State, event: Event) -> Turn:
    """No to the massage, after the reason to call: rest, and the advice."""
    return _provider_advice(state, NOT_EASED_RED_FLAG, preamble=(Say("guide.rest"),))


def guide_no(state: State, event: Event) -> Turn:
    """No to "ready for the next step?" means not yet; no to the offered massage means rest."""
    if _massage_offered(state):
        return rest_and_check(state, event)
    return not_ready_in_the_guide(state, event)


def previous_guide_step(state: State, event: Event) -> Turn:
    """Back to the stretch (from the stretch itself, saying it is the first step)."""
    if state.guide_step is GuideStep.STRETCH:
        return _stretch(state, (Say("guide.first_step"),))
    return _stretch(state)


def repeat_guide_step(state: State, event: Event) -> Turn:
    """The current step again, held (or massaged) once more; after the massage offer, the offer."""
    if _massage_offered(state):
        return ask_again(state, event)
    if state.guide_step is GuideStep.STRETCH:
        return _stretch(state)
    return _massage(state)


def restart_guide(state: State, event: Event) -> Turn:
    """Start over means from the top: the holds are counted afresh."""
    return _stretch(state._replace(holds=0, stretch_holds=0, not_eased=False), (Say("guide.from_the_top"),))


def thigh_side_named(state: State, event: Event) -> Turn:
    """The answer to "the front or the back of your thigh?" ("the back" arrives as BACK)."""
    match event.muscle:
        case Muscle.BACK:
            return start_guide(state, event._replace(muscle=Muscle.HAMSTRING))
        case Muscle.THIGH | Muscle.UNKNOWN:
            return _ask_thigh_side(state, (Say("help.thigh_side"),))
        case _:
            return start_guide(state, event)


# ---------------------------------------------------------------------------------------------------------
# The red-flag checks: any yes ends with the provider advice at once; all no's end with rest advice.


def red_flag_present(state: State, event: Event) -> Turn:
    return _provider_advice(state, CHECK_QUESTIONS[state.question].red_flag)


def red_flag_absent(state: State, event: Event) -> Turn:
    following = _first_question_from(state, state.question + 1)
    if following is not None:
        return _red_flag_question(state._replace(question=following))
    if state.not_eased:  # known before the checks: the seed's reason stands
        return _provider_advice(state, NOT_EASED_RED_FLAG)
    rest: tuple[Part, ...] = (Say("outcome.rest"),) if state.cramping_now else ()
    call_if = "outcome.call_if_that_changes" if state.cramping_now else "outcome.call_if_any"
    return _end(
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
        return _red_flag_question(state._replace(unsure=1), (Say("check.plainer_intro"),), plainer=True)
    return _provider_advice(
        state, CHECK_QUESTIONS[state.question].red_flag, opening=(Say("outcome.not_sure"),)
    )


def previous_question(state: State, event: Event) -> Turn:
    earlier = [index for index in range(state.question) if _first_question_from(state, index) == index]
    if not earlier:
        return _red_flag_question(state, (Say("checks.first_question"),))
    return _red_flag_question(state._replace(question=earlier[-1]))


def restart_checks(state: State, event: Event) -> Turn:
    first = _first_question_from(state, 0)
    assert first is not None
    return _red_flag_question(state._replace(question=first), (Say("checks.from_the_first"),))


# ---------------------------------------------------------------------------------------------------------
# Information


def follow_offer(state: State, event: Event) -> Turn:
    offered = _offered_topic(state)
    if offered is None:
        return start_checks(state, event)
    return _topic(state, offered)


def next_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position + 1 == len(topics):
        return _info_menu(state)
    return _topic(state, topics[position + 1])


def previous_topic(state: State, event: Event) -> Turn:
    topics = list(Topic)
    position = topics.index(state.topic)
    if position == 0:
        return _topic(state, state.topic, (Say("info.first_topic"),))
    return _topic(state, topics[position - 1])


def repeat_topic(state: State, event: Event) -> Turn:
    return _topic(state, state.topic)


# ---------------------------------------------------------------------------------------------------------
# The table. Rows that are the same in every mode come first; the rest is per mode.

_EVERY_MODE: dict[EventKind, Transition] = {
    EventKind.LAUNCH: welcome,
    EventKind.CRAMP: start_guide,
    EventKind.INFO: tell_topic,
    EventKind.START_CHECKS: start_checks,
    EventKind.HELP: help_here,
    EventKind.STOP: goodbye,
    EventKind.THANKS: goodbye_with_thanks,
    EventKind.NAVIGATE_HOME: back_to_start,
    EventKind.STILL_HURTS: cramp_still_there,
    EventKind.WORSE: hurting_more_before_the_guide,
    EventKind.BETTER: cramp_gone,
    EventKind.NOT_READY: take_your_time,
    EventKind.EMERGENCY: emergency,
    EventKind.FALLBACK: didnt_catch,
}

_BY_MODE: dict[Mode, dict[EventKind, Transition]] = {
    # Nothing asked yet (a one-shot like "tell cramp coach yes"): start from the opening question.
    Mode.START: {
        EventKind.YES: welcome,
        EventKind.NO: welcome,
        EventKind.UNSURE: welcome,
        EventKind.NEXT: welcome,
        EventKind.PREVIOUS: welcome,
        EventKind.REPEAT: welcome,
        EventKind.START_OVER: welcome,
    },
    # "If a muscle is cramping, where is it?" A muscle arrives as CRAMP; not knowing gets the general form.
    Mode.ASKED_IF_CRAMPING: {
        EventKind.YES: ask_where,
        EventKind.NO: info_menu,
        EventKind.UNSURE: stretch_any_muscle,
        EventKind.NEXT: ask_again,  # the question is where, not yes or no
        EventKind.PREVIOUS: ask_again,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
    },
    Mode.ASKED_WHERE: {
        EventKind.CRAMP: cramp_named_where_asked,
        EventKind.YES: ask_where_again,
        EventKind.NO: ask_where_again,
        EventKind.UNSURE: stretch_any_muscle,
        EventKind.NEXT: stretch_any_muscle,
        EventKind.PREVIOUS: back_to_start,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
        EventKind.STILL_HURTS: stretch_any_muscle,
    },
    Mode.ASKED_THIGH_SIDE: {
        EventKind.CRAMP: thigh_side_named,
        EventKind.YES: help_here,
        EventKind.NO: help_here,
        EventKind.UNSURE: stretch_any_muscle,
        EventKind.NEXT: stretch_any_muscle,
        EventKind.PREVIOUS: ask_where,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: back_to_start,
        EventKind.STILL_HURTS: ask_again,
    },
    Mode.GUIDE: {
        EventKind.CRAMP: cramp_named_in_the_guide,
        EventKind.YES: next_guide_step,
        EventKind.NO: guide_no,
        EventKind.UNSURE: not_ready_in_the_guide,
        EventKind.NEXT: next_guide_step,
        EventKind.PREVIOUS: previous_guide_step,
        EventKind.REPEAT: repeat_guide_step,
        EventKind.START_OVER: restart_guide,
        EventKind.STILL_HURTS: still_hurting,
        EventKind.WORSE: hurting_more_in_the_guide,
        EventKind.NOT_READY: not_ready_in_the_guide,
    },
    # A red-flag question cannot be skipped: "next" asks for a yes or no.
    Mode.CHECKS: {
        EventKind.CRAMP: cramp_named_in_the_checks,
        EventKind.YES: red_flag_present,
        EventKind.NO: red_flag_absent,
        EventKind.UNSURE: red_flag_unsure,
        EventKind.NEXT: ask_yes_or_no,
        EventKind.PREVIOUS: previous_question,
        EventKind.REPEAT: ask_again,
        EventKind.START_OVER: restart_checks,
        EventKind.WORSE: hurting_more_in_the_checks,
        EventKind.BETTER: cramp_gone_in_the_checks,
    },
    Mode.INFO_MENU: {
        EventKind.BETTER: glad_it_is_better,
        EventKind.YES: info_menu,
        EventKind.NO: goodbye,
        EventKind.UNSURE: info_menu,
        EventKind.NEXT: info_menu,
        EventKind.PREVIOUS: back_to_start,
        EventKind.REPEAT: info_menu,
        EventKind.START_OVER: back_to_start,
    },
    Mode.AFTER_INFO: {
        EventKind.BETTER: glad_it_is_better,
        EventKind.YES: follow_offer,
        EventKind.NO: goodbye,
        EventKind.UNSURE: ask_yes_or_no,
        EventKind.NEXT: next_topic,
        EventKind.PREVIOUS: previous_topic,
        EventKind.REPEAT: repeat_topic,
        EventKind.START_OVER: back_to_start,
    },
}

TRANSITIONS: dict[tuple[Mode, EventKind], Transition] = {
    (mode, kind): transition
    for mode in Mode
    for kind, transition in {**_EVERY_MODE, **_BY_MODE[mode]}.items()
}


def step(state: State, event: Event) -> Turn:
    """Advance the conversation by one user event; a pair missing from the table is a bug, so it raises.

    Anything understood ends a run of "I didn't catch that" (words that are no muscle, mid-stretch, are
    not understood: they count like a fallback)."""
    turn = TRANSITIONS[state.mode, event.kind](state, event)
    counted_a_fallback = turn.state.fallbacks > state.fallbacks
    if not counted_a_fallback and turn.state.fallbacks:
        return Turn(turn.state._replace(fallbacks=0), turn.reply)
    return turn
