"""Where the person is, and what the conversation knows: the modes and the state record.

The guide's stages are modes of their own (stretch, massage, the massage offered, the massage once it
hurt more), so that ``(mode, event)`` names one transition of the table. What remains in the state is
what the conversation has learnt (the muscle, whether the cramp eased, how often a step was held) and what
it has already said (the safety lines, the hint on how to get on). A topic asked mid-cramp is a mode of its
own too; ``resume`` says which stage it goes back to. Flags that still choose between outcomes of a pair
(``table.py`` declares each): ``worse`` outside the guide (a muscle named after "it hurts more" gets the
massage), ``resume`` at the list of topics reached from a topic asked mid-cramp ("it's gone" is then the
cramp's end), whether a muscle is known yet, the topic told and those heard, and the counts (holds,
misses, not-sure answers, the red-flag question reached). ``table.Fact`` names every field a row may be
decided by, and ``table.NEVER_DECIDES`` the rest: a test walks the conversation to prove both.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import NamedTuple

from skill.reply import Reply


class Mode(StrEnum):
    """Where the user is in the conversation: what the last question was."""

    START = "start"  # nothing asked yet (a new session)
    ASKED_IF_CRAMPING = "asked_if_cramping"  # "if a muscle is cramping, where is it?"
    ASKED_WHERE = "asked_where"  # "where is the cramp?"
    ASKED_THIGH_SIDE = "asked_thigh_side"  # "the front or the back of your thigh?"
    ASKED_IF_MUSCLE = "asked_if_muscle"  # "is it a muscle in your leg, foot, arm, hand, neck or back?"
    STRETCH = "stretch"  # the stretch was held: "ready for the next step?"
    MASSAGE = "massage"  # the massage was done: "ready for the next step?"
    # It hurt more (stretching, or in a step): the massage, never a stretch again: "ready for the next step?"
    MASSAGE_AFTER_WORSE = "massage_after_worse"
    MASSAGE_OFFERED = "massage_offered"  # held twice, still cramping: "shall we go on with a massage?"
    CHECKS = "checks"  # a red-flag question
    INFO_MENU = "info_menu"  # "which topic?"
    AFTER_INFO = "after_info"  # a topic was told: "would you like to hear ...?"
    # A topic asked mid-cramp was told: "would you like to hear ...?"; no goes back to the cramp (``resume``).
    AFTER_INFO_MID_CRAMP = "after_info_mid_cramp"


class Muscle(StrEnum):
    """Where the cramp is. The first five have their own stretch; OTHER (a muscle without one, known as a
    muscle: the back, the neck, an arm) gets the seed's general form. THIGH asks which side ("the back",
    answering that, arrives as HAMSTRING: read so where the words are read); UNKNOWN (words that are no
    muscle) and NONE (a cramp with no place: "i've got cramps") ask where, rather than guess; ELSEWHERE
    ("somewhere else") asks whether it is a muscle at all, because a period, stomach or pregnancy cramp is
    no muscle to stretch."""

    CALF = "calf"
    FOOT = "foot"
    HAMSTRING = "hamstring"
    QUADRICEPS = "quadriceps"
    HAND = "hand"
    THIGH = "thigh"
    OTHER = "other"
    UNKNOWN = "unknown"  # words Alexa could not match to any muscle ("my chest hurts" is no muscle)
    NONE = "none"  # a cramp with no place named
    ELSEWHERE = "elsewhere"  # "somewhere else": not yet known to be a muscle


# Where no muscle is known yet: nothing is stretched, massaged or rested until it is.
PLACE_NOT_KNOWN = frozenset({Muscle.NONE, Muscle.ELSEWHERE, Muscle.UNKNOWN})

MUSCLES_WITH_THEIR_OWN_STRETCH = frozenset(
    {Muscle.CALF, Muscle.FOOT, Muscle.HAMSTRING, Muscle.QUADRICEPS, Muscle.HAND}
)


def knows_the_muscle(state: State) -> bool:
    """Whether the conversation knows a muscle is cramping (a thigh whose side is not known yet counts):
    only then may it say "rest the muscle" or stretch again."""
    return state.muscle not in PLACE_NOT_KNOWN


def stretch_holds_afresh(state: State) -> int:
    """The stretch's holds, counted again from none (a new muscle, from the top); but once a stretch hurt
    more, no stretch runs again to count, and whether one was held is kept: "it hurt more when you
    stretched" is said only when it is true."""
    return min(state.stretch_holds, 1) if state.worse else 0


def wording_of(muscle: Muscle) -> str:
    """The content-key suffix of a muscle's stretch and massage: its own, or the seed's general form."""
    return muscle.value if muscle in MUSCLES_WITH_THEIR_OWN_STRETCH else Muscle.OTHER.value


class Topic(StrEnum):
    """Information topics, in the order next/previous walk through them."""

    WHAT_IS = "what_is"
    CAUSES = "causes"
    TREATMENT = "treatment"
    PREVENTION = "prevention"
    WHEN_TO_CALL = "when_to_call"


class Sign(StrEnum):
    """A red flag the person volunteers in their own words, at any point (CONTENT-SOURCES.md): the seed's
    reason it is, or SWELLING, which the seed does not list (the clinician's decision): until decided, the
    cautious reading, "it's worth checking with your healthcare provider"."""

    LASTING = "lasting"  # "it won't stop", "it keeps coming back"
    LIMB = "limb"  # numbness, tingling, pins and needles, weakness, a leg that can't be moved
    NIGHT = "night"  # "cramps keep waking me up every night"
    SWELLING = "swelling"  # "my calf is swollen"


class RedFlag(IntEnum):
    """The seed's four reasons to call a provider, in the seed's order: the value is the item of the content
    lists "red_flags" and "provider_reasons" that says it."""

    SEVERE = 0  # severe cramping
    LASTING = 1  # lasts a long time, doesn't go away with stretching, or keeps coming back
    LIMB = 2  # pain, tingling, or weakness in the arms or legs
    NIGHT = 3  # pain that wakes you up at night


class Question(IntEnum):
    """The red-flag questions, by name, in the order they are asked (the value): the state keeps the key,
    the session stores its name, and the content keys are ``check.<name>``."""

    SEVERE = 0
    LASTING = 1
    NOT_EASED = 2  # skipped when the conversation already knows
    COMING_BACK = 3
    LIMB_PAIN = 4
    TINGLING = 5
    WEAKNESS = 6
    NIGHT_PAIN = 7


class Wording(StrEnum):
    """The wordings a red-flag question has, as content keys under ``check.<name>``."""

    ONE = "one"  # one wording serves every moment
    NOW_OR_GENERAL = "now_or_general"  # ".now" for this cramp, ".general" on the information path
    NOW_GENERAL_OR_GONE = "now_general_or_gone"  # also ".gone": once the cramp is gone, in the past tense


class CheckQuestion(NamedTuple):
    """One red-flag question: one condition, a yes or no for a layperson, and the seed flag it belongs to."""

    key: Question
    red_flag: RedFlag
    wording: Wording

    @property
    def name(self) -> str:
        """Its name in content keys (``check.severe.now``) and the session."""
        return self.key.name.lower()


# The seed's four red flags, asked one condition at a time, in the seed's order.
CHECK_QUESTIONS: tuple[CheckQuestion, ...] = (
    CheckQuestion(Question.SEVERE, RedFlag.SEVERE, Wording.NOW_GENERAL_OR_GONE),
    CheckQuestion(Question.LASTING, RedFlag.LASTING, Wording.NOW_GENERAL_OR_GONE),
    CheckQuestion(Question.NOT_EASED, RedFlag.LASTING, Wording.NOW_OR_GENERAL),
    CheckQuestion(Question.COMING_BACK, RedFlag.LASTING, Wording.NOW_OR_GENERAL),
    CheckQuestion(Question.LIMB_PAIN, RedFlag.LIMB, Wording.NOW_OR_GENERAL),
    CheckQuestion(Question.TINGLING, RedFlag.LIMB, Wording.ONE),
    CheckQuestion(Question.WEAKNESS, RedFlag.LIMB, Wording.ONE),
    CheckQuestion(Question.NIGHT_PAIN, RedFlag.NIGHT, Wording.ONE),
)
# The seed's red flag each volunteered sign is; swelling is none of them.
RED_FLAG_OF_SIGN: dict[Sign, RedFlag] = {
    Sign.LASTING: RedFlag.LASTING,
    Sign.LIMB: RedFlag.LIMB,
    Sign.NIGHT: RedFlag.NIGHT,
}

MAX_EXTRA_HOLDS_WHEN_NOT_READY = 2  # "wait" holds a step again at most twice, then counts as still cramping
STRETCH_HOLDS_BEFORE_NOT_EASED = 2  # "it still hurts" after the stretch was held twice: the seed's reason
FALLBACKS_BEFORE_GOODBYE = 3  # outside the guide, the third miss in a row ends, with when to call
# Mid-guide, the third miss offers the choices once, with the card; the fourth ends, with when to call.
FALLBACKS_BEFORE_GOODBYE_IN_THE_GUIDE = 4


class State(NamedTuple):
    """The whole conversation state; it lives in session attributes between turns.

    This and the other records are ``NamedTuple``s, not frozen dataclasses: as immutable, and a sixth
    of the cost to create, which every Lambda cold start pays (see ``skill/reply.py``)."""

    mode: Mode = Mode.START
    muscle: Muscle = Muscle.NONE
    question: Question = Question.SEVERE  # the red-flag question asked, or to go back to
    topic: Topic = Topic.WHAT_IS
    safety_said: bool = False
    navigation_hint_said: bool = False
    holds: int = 0  # how many times the current guide step was held (or massaged) in a row
    stretch_holds: int = 0  # how many times this cramp's stretch was held, in all
    cramping_now: bool = False  # the guide ran in this session: questions say "this cramp"
    eased: bool = False  # the user said the cramp is gone
    not_eased: bool = False  # it still hurt after two holds: the seed's reason to call is known
    unsure: int = 0  # unsure answers to the current red-flag question
    fallbacks: int = 0  # "I didn't catch that" in a row
    topics_heard: frozenset[Topic] = frozenset()
    worse: bool = False  # "it hurts more" was said: a yes to severe cramping, never asked again
    resume: Mode = Mode.START  # where a topic asked mid-cramp interrupted (START: nowhere to go back to)


class Turn(NamedTuple):
    """The outcome of one step: the state to keep and the reply to speak (and show)."""

    state: State
    reply: Reply
