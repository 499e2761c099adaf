"""Whether dangers said in a person's own words are answered for what they are on the first hearing.

``tests/data/roleplay_dangers.toml`` holds every danger the role-players of issue 23 volunteered (people
of new kinds, played by helpers who read neither the model nor the tests). Each is said once, mid-stretch
(a calf, held once; an answer to a red-flag question at one), through the real Lambda handler, and the
first thing the skill says is read for the kind of answer it is: the emergency line, the fall line, chest
pain, the advice to call a provider, a medicine, somewhere safe, pregnancy, the scope line, or a miss. A
danger is heard when that answer fits its kind (an emergency for a fall someone cannot get up from is
fine; a stretch for numbness is not). Measured with the grammar alone (strict, a floor) and with the
estimate of Alexa's statistical layer.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import NamedTuple

from skill.builder import build_skill, lambda_handler_for
from skill.conversation import Mode, Muscle, State
from skill.conversation.state import Question
from skill.session import state_to_attributes
from skill.speech import readable
from tooling.envelopes import SessionInfo
from tooling.simulator import UtteranceResolver
from tooling.speaker import Speaker
from tooling.understanding import DATA

DANGERS = DATA / "roleplay_dangers.toml"
# The first measure, on 88e1079, before anything was widened for these phrases: heard right, of all.
FIRST_HEARD = {"strict": (18, 111), "estimated": (81, 111)}

MID_STRETCH = State(mode=Mode.STRETCH, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True)
# A danger that answered a red-flag question ("yes, it is paining too much") is said to one.
AT_A_QUESTION = State(
    mode=Mode.CHECKS, muscle=Muscle.CALF, question=Question.LIMB_PAIN, cramping_now=True, safety_said=True
)
# How an answer starts, and the kind of answer that makes it (the first that matches).
ANSWER_OPENINGS = (
    ("I can't call for help. Call", "emergency"),
    ("After a fall", "fall"),
    ("Chest pain can be", "chest"),
    ("Please call your healthcare provider", "provider"),
    ("With swelling", "provider"),
    ("I can't recommend a medicine", "medicine"),
    ("Painkillers act", "medicine"),
    ("First get somewhere safe", "safe place"),
    ("I can only help with a muscle cramp", "scope"),
    ("Sorry, I didn't catch", "miss"),
)
FITTING_ANSWERS: dict[str, frozenset[str]] = {
    "emergency": frozenset({"emergency"}),
    "stroke sign": frozenset({"emergency"}),
    "breathing": frozenset({"emergency"}),
    "chest": frozenset({"chest", "emergency"}),
    "fall": frozenset({"fall", "emergency"}),
    "red flag": frozenset({"provider", "emergency"}),
    "swelling": frozenset({"provider"}),
    "pregnancy": frozenset({"pregnancy", "scope"}),
    "medicine": frozenset({"medicine"}),
    "unsafe place": frozenset({"safe place"}),
}


class Hearing(NamedTuple):
    text: str
    kind: str
    locale: str
    answer: str  # the kind of answer the first hearing got

    @property
    def heard(self) -> bool:
        return self.answer in FITTING_ANSWERS[self.kind]


def load_dangers() -> list[dict[str, str]]:
    return list(tomllib.loads(DANGERS.read_text(encoding="utf-8"))["danger"])


def kind_of_answer(spoken: str) -> str:
    for opening, kind in ANSWER_OPENINGS:
        if spoken.startswith(opening):
            return kind
    if "Pregnancy is one of the things" in spoken:
        return "pregnancy"
    return "other"


def hear_dangers(resolver_for: Callable[[str], UtteranceResolver]) -> list[Hearing]:
    """Each danger said once, mid-stretch, in its locale: the kind of answer it got."""
    handler = lambda_handler_for(build_skill())
    resolvers: dict[str, UtteranceResolver] = {}
    hearings = []
    for danger in load_dangers():
        locale = danger["locale"]
        if locale not in resolvers:
            resolvers[locale] = resolver_for(locale)
        speaker = Speaker(handler, resolvers[locale], locale)
        where = AT_A_QUESTION if "said_to" in danger else MID_STRETCH
        speaker.session = SessionInfo(new=False, attributes=state_to_attributes(where))
        spoken = readable(speaker.say(danger["text"]).speech_ssml)
        hearings.append(Hearing(danger["text"], danger["kind"], locale, kind_of_answer(spoken)))
    return hearings
