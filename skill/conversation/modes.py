"""What each mode is, in one record: the question it waits for and how it is asked again, its help, its
second "I didn't catch that", its "which step are we on?", whether it is a yes or no, what its screen
offers to touch, whether it is a stage of the guide, and whether a topic asked there goes back to it.

A new mode is one ``ModeSpec`` here (a test fails on a mode without exactly one), its rows in ``table.py``
and its content keys. Every reply that keeps the session open is built by ``ask()`` below, so that its
screen offers what the mode's record says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from skill.conversation import say
from skill.conversation.events import Event, EventKind, touch_arguments
from skill.conversation.state import CHECK_QUESTIONS, Mode, Muscle, Question, State, Topic, Turn, Wording
from skill.reply import Card, Part, Say, Touch

Preamble = tuple[Part, ...]
Asker = Callable[[State, Preamble], Turn]


# ---------------------------------------------------------------------------------------------------------
# What a screen offers to touch


def _touch(label: str, kind: EventKind, **detail: Any) -> Touch:
    return Touch(Say(f"screen.touch.{label}"), touch_arguments(Event(kind, **detail)))


MUSCLE_TOUCHES = (
    _touch("calf", EventKind.CRAMP, muscle=Muscle.CALF),
    _touch("foot", EventKind.CRAMP, muscle=Muscle.FOOT),
    _touch("thigh", EventKind.CRAMP, muscle=Muscle.THIGH),
    _touch("hand", EventKind.CRAMP, muscle=Muscle.HAND),
    _touch("somewhere_else", EventKind.CRAMP, muscle=Muscle.ELSEWHERE),
)
NOT_CRAMPING = _touch("not_cramping", EventKind.NO)
THIGH_SIDE_TOUCHES = (
    _touch("front", EventKind.CRAMP, muscle=Muscle.QUADRICEPS),
    _touch("back", EventKind.CRAMP, muscle=Muscle.HAMSTRING),
)
YES_NO = (_touch("yes", EventKind.YES), _touch("no", EventKind.NO))
NOT_SURE = _touch("not_sure", EventKind.UNSURE)
# A guide step offers the moments too, each the same event as its words.
GUIDE_TOUCHES = (
    _touch("next", EventKind.NEXT),
    _touch("still_hurts", EventKind.STILL_HURTS),
    _touch("worse", EventKind.WORSE),
    _touch("gone", EventKind.BETTER),
    _touch("repeat", EventKind.REPEAT),
    _touch("stop", EventKind.STOP),
)
# The topics, labelled as their cards are titled.
TOPIC_TOUCHES = tuple(
    Touch(Say(f"card.{topic.value}.title"), touch_arguments(Event(EventKind.INFO, topic=topic)))
    for topic in Topic
)


def ask(
    state: State,
    body: tuple[Part, ...],
    question: tuple[Part, ...],
    reprompt: tuple[Part, ...] | None = None,
    *,
    card: Card | None = None,
) -> Turn:
    """A reply that keeps the session open in ``state.mode``: its screen offers what that mode's record
    says (``say.ask`` builds the rest)."""
    return say.ask(state, body, question, reprompt, card=card, touches=MODES[state.mode].touches)


# ---------------------------------------------------------------------------------------------------------
# Each mode's question, asked (again) after a preamble, without redoing a step


def ask_if_cramping(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(
        state._replace(mode=Mode.ASKED_IF_CRAMPING),
        preamble,
        (Say("ask_cramping"),),
        (Say("ask_cramping.reprompt"),),
    )


def ask_where_is_it(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(
        state._replace(mode=Mode.ASKED_WHERE), preamble, (Say("ask_where"),), (Say("ask_where.reprompt"),)
    )


def ask_thigh_side(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(
        state._replace(mode=Mode.ASKED_THIGH_SIDE),
        preamble,
        (Say("ask_thigh_side"),),
        (Say("ask_thigh_side.reprompt"),),
    )


def ask_if_a_muscle(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """Asked afresh: not-sure answers to it are counted from here (``unsure``)."""
    return ask(
        state._replace(mode=Mode.ASKED_IF_MUSCLE, unsure=0),
        preamble,
        (Say("ask_if_muscle"),),
        (Say("say_yes_or_no"), Say("ask_if_muscle")),
    )


def ask_next_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(state, preamble, (Say("guide.ask_next"),), (Say("guide.ask_next.reprompt"),))


def ask_massage_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(state, preamble, (Say("guide.ask_massage"),))


def _question_key(state: State, *, plainer: bool = False) -> str:
    question = CHECK_QUESTIONS[state.question]
    key = f"check.{question.name}" + (".plainer" if plainer else "")
    if question.wording is Wording.ONE:
        return key
    if not state.cramping_now or (state.question == Question.NOT_EASED and not state.stretch_holds):
        return key + ".general"  # "even after the stretch" only once a stretch was held
    return key + (".gone" if state.eased and question.wording is Wording.NOW_GENERAL_OR_GONE else ".now")


def red_flag_question(state: State, preamble: tuple[Part, ...] = (), *, plainer: bool = False) -> Turn:
    state = state._replace(mode=Mode.CHECKS, unsure=state.unsure if plainer else 0)
    key = _question_key(state, plainer=plainer)
    return ask(state, preamble, (Say(key),), (Say("say_yes_or_no"), Say(key)))


def ask_the_question_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    """The current red-flag question again, in the plainer words if the person was unsure of it."""
    return red_flag_question(state, preamble, plainer=state.unsure > 0)


def menu(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(
        state._replace(mode=Mode.INFO_MENU),
        (*preamble, Say("info.menu")),
        (Say("info.ask_topic"),),
        (Say("info.ask_topic.reprompt"),),
    )


# After a topic, the offer is the first of these not yet heard in this session (then the checks).
TOPIC_OFFER_ORDER: tuple[Topic, ...] = (
    Topic.CAUSES,
    Topic.PREVENTION,
    Topic.WHEN_TO_CALL,
    Topic.TREATMENT,
    Topic.WHAT_IS,
)


def offered_topic(state: State) -> Topic | None:
    """What "yes" after a topic leads to: the first topic not yet heard, or None for the checks (always
    after "when to call", whose signs the checks ask about)."""
    if state.topic is Topic.WHEN_TO_CALL:
        return None
    return next((offered for offered in TOPIC_OFFER_ORDER if offered not in state.topics_heard), None)


def offer_key(state: State) -> str:
    offered = offered_topic(state)
    return f"offer.{offered.value}" if offered else "offer.checks"


def ask_offer_again(state: State, preamble: tuple[Part, ...] = ()) -> Turn:
    return ask(state, preamble, (Say(offer_key(state)),))


# ---------------------------------------------------------------------------------------------------------
# The records


class ModeSpec(NamedTuple):
    """What one mode is. The content keys are said by the replies that cut across every mode (help, a
    miss, "which step are we on?"), each followed by ``question``."""

    mode: Mode
    question: Asker  # what the mode waits for, asked again after a preamble
    help: str  # the help line, before the question
    didnt_catch_again: str  # the second miss in a row: what can be said here, in other words
    where: str  # "which step are we on?"
    touches: tuple[Touch, ...]  # what its question screen (or step, or topic screen) offers to touch
    yes_or_no: bool = False  # the question is a yes or no: the first miss says so
    guide_stage: bool = False  # a stage of the guide: misses say the step, and a muscle is coached
    step_in_a_few_words: str | None = None  # a guide stage's third miss: the step, in a few words
    # A cramp is being coached or answered about here: a topic asked here goes back to it ("no" to the next
    # offer), and whether the session ended here would tell an answer (the request log leaves it out).
    resumes: bool = False


MODE_SPECS: tuple[ModeSpec, ...] = (
    # Nothing asked yet (a new session): its question is the opening's, and asking it leaves the person
    # in ASKED_IF_CRAMPING (the conversation never leaves a session open at the start).
    ModeSpec(
        Mode.START,
        question=ask_if_cramping,
        help="help.start",
        didnt_catch_again="didnt_catch_again.opening",
        where="where.start",
        touches=YES_NO,
    ),
    ModeSpec(
        Mode.ASKED_IF_CRAMPING,
        question=ask_if_cramping,
        help="help.start",
        didnt_catch_again="didnt_catch_again.opening",
        where="where.start",
        touches=(*MUSCLE_TOUCHES, NOT_CRAMPING),
    ),
    ModeSpec(
        Mode.ASKED_WHERE,
        question=ask_where_is_it,
        help="help.where",
        didnt_catch_again="didnt_catch_again.where",
        where="where.where",
        touches=MUSCLE_TOUCHES,
    ),
    ModeSpec(
        Mode.ASKED_THIGH_SIDE,
        question=ask_thigh_side,
        help="help.thigh_side",
        didnt_catch_again="didnt_catch_again.thigh_side",
        where="where.where",
        touches=THIGH_SIDE_TOUCHES,
    ),
    ModeSpec(
        Mode.ASKED_IF_MUSCLE,
        question=ask_if_a_muscle,
        help="help.if_muscle",
        didnt_catch_again="didnt_catch_again.if_muscle",
        where="where.if_muscle",
        touches=(*YES_NO, NOT_SURE),
        yes_or_no=True,
    ),
    ModeSpec(
        Mode.STRETCH,
        question=ask_next_again,
        help="help.guide",
        didnt_catch_again="didnt_catch_again.guide",
        where="where.stretch",
        touches=GUIDE_TOUCHES,
        guide_stage=True,
        step_in_a_few_words="didnt_catch_guide.stretch",
        resumes=True,
    ),
    ModeSpec(
        Mode.MASSAGE,
        question=ask_next_again,
        help="help.guide",
        didnt_catch_again="didnt_catch_again.guide",
        where="where.massage",
        touches=GUIDE_TOUCHES,
        guide_stage=True,
        step_in_a_few_words="didnt_catch_guide.massage",
        resumes=True,
    ),
    # Once it hurt more: the same massage, its words and screen; what follows differs (never a stretch
    # again, and severe cramping is the reason to call).
    ModeSpec(
        Mode.MASSAGE_AFTER_WORSE,
        question=ask_next_again,
        help="help.guide",
        didnt_catch_again="didnt_catch_again.guide",
        where="where.massage",
        touches=GUIDE_TOUCHES,
        guide_stage=True,
        step_in_a_few_words="didnt_catch_guide.massage",
        resumes=True,
    ),
    ModeSpec(
        Mode.MASSAGE_OFFERED,
        question=ask_massage_again,
        help="help.guide",
        didnt_catch_again="didnt_catch_again.guide",
        where="where.massage_offered",
        touches=YES_NO,
        guide_stage=True,
        step_in_a_few_words="didnt_catch_guide.massage_offered",
        resumes=True,
    ),
    ModeSpec(
        Mode.CHECKS,
        question=ask_the_question_again,
        help="help.checks",
        didnt_catch_again="didnt_catch_again.checks",
        where="where.checks",
        touches=(*YES_NO, NOT_SURE),
        yes_or_no=True,
        resumes=True,
    ),
    ModeSpec(
        Mode.INFO_MENU,
        question=menu,
        help="help.info",
        didnt_catch_again="didnt_catch_again.info",
        where="where.info",
        touches=TOPIC_TOUCHES,
    ),
    ModeSpec(
        Mode.AFTER_INFO,
        question=ask_offer_again,
        help="help.info",
        didnt_catch_again="didnt_catch_again.after_info",
        where="where.info",
        touches=YES_NO,
        yes_or_no=True,
    ),
    # The same offer and words; "no", "it's gone" and the third miss go back to the cramp.
    ModeSpec(
        Mode.AFTER_INFO_MID_CRAMP,
        question=ask_offer_again,
        help="help.info",
        didnt_catch_again="didnt_catch_again.after_info",
        where="where.info",
        touches=YES_NO,
        yes_or_no=True,
    ),
)


def _by_mode(specs: tuple[ModeSpec, ...]) -> dict[Mode, ModeSpec]:
    """Each mode's record; a mode with none, or with two, is a bug, caught at import."""
    by_mode: dict[Mode, ModeSpec] = {}
    for spec in specs:
        if spec.mode in by_mode:
            raise ValueError(f"{spec.mode} has two records")
        by_mode[spec.mode] = spec
    if missing := set(Mode) - set(by_mode):
        raise ValueError(f"modes without a record: {sorted(missing)}")
    return by_mode


MODES: dict[Mode, ModeSpec] = _by_mode(MODE_SPECS)
GUIDE_MODES = frozenset(mode for mode, spec in MODES.items() if spec.guide_stage)
RESUMABLE = frozenset(mode for mode, spec in MODES.items() if spec.resumes)
# For the reviewers' catalogue of every screen's touch targets (tooling/review).
QUESTION_TOUCHES: dict[Mode, tuple[Touch, ...]] = {mode: spec.touches for mode, spec in MODES.items()}
