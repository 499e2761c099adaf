"""The decisions the sign-off covers: those CONTENT-SOURCES.md leaves to the clinician, and those a
clinician's read of this document raised, each with what the skill does now, played from the launch.

A raised decision does not change the skill: it asks the clinician to choose, and until they do the
skill keeps what is heard now. Its wording is written here (it is the reviewer's question, not content);
what the skill says is never written here: each conversation is played through the Lambda handler when
the document is built (``played.py``), so the page shows the behaviour being decided on as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tooling.review.played import Played, play_utterances
from tooling.review.sources import clinician_decisions

FROM_CONTENT_SOURCES = "CONTENT-SOURCES.md"
FROM_REVIEW = "the clinician's review of this document"
KEEP_RAISED = "Until decided, the skill does what is heard here."
KEEP_HEARD = "what is heard above"
# What the skill does now for each of CONTENT-SOURCES.md's decisions, by how the decision begins: the
# "keep" choice of that decision. CONTENT-SOURCES.md's one "Until decided" sentence covers them all ("keeps
# the seed's words and adds no urgency claim"), which reads as nonsense beside "GP" or 108; each choice
# must describe its own decision. A decision added there later, and not named here, keeps "what is heard
# above" (a test holds every decision of today to its own words).
KEEP_NOW = {
    "Whether one night waking": "the question asks whether cramps or other pain keep waking the person up; "
    "a single night waking is not asked about on its own",
    "Whether to add NHS's": "numbness or swelling in the legs is not a reason to call; swelling the person "
    "mentions gets \u201cit's worth checking with your healthcare provider\u201d",
    '"GP" instead of': "\u201chealthcare provider\u201d in every locale, and no NHS 111",
    "108 ": "112 as the one emergency number in en-IN",
    "How urgent": "the seed's words (\u201cplease call your healthcare provider\u201d), with no urgency "
    "claim",
}


@dataclass(frozen=True)
class Decision:
    """One decision to sign: its question, where it comes from, what stands until it is decided, and the
    conversations (what the person says, from the launch) that show what the skill does now."""

    text: str
    origin: str
    until: str
    conversations: tuple[tuple[str, ...], ...] = ()
    raised: str = ""  # for a raised decision: what the review found
    keep: str = KEEP_HEARD  # what "keep" means for this decision: what the skill does now, in its terms

    def heard(self) -> tuple[tuple[Played, ...], ...]:
        return tuple(_heard(said) for said in self.conversations)


@cache
def _heard(said: tuple[str, ...]) -> tuple[Played, ...]:
    return tuple(play_utterances(said).turns)


# CONTENT-SOURCES.md's decisions that a conversation shows, by how the decision begins.
SHOWN_BY = {
    "How urgent": (("should i see a gp", "yes"), ("my calf", "it still hurts", "it still hurts", "no")),
    "Whether one night waking": (("should i see a gp", "no", "no", "no", "no", "no", "no", "no", "yes"),),
}

RAISED = (
    Decision(
        "Whether a cramp in the bump or belly in pregnancy should be answered with more than the scope line "
        "(for example the pregnancy line and advice to contact a midwife, maternity unit or provider now)",
        FROM_REVIEW,
        KEEP_RAISED,
        (("i'm pregnant and my bump is cramping",), ("i'm pregnant and my belly is cramping",)),
        "A pregnant person whose bump or belly is cramping hears only that the skill helps with muscle "
        "cramps, and the session ends.",
    ),
    Decision(
        "Whether swelling should be answered as firmly as the other reasons to call (\u201cplease call your "
        "healthcare provider\u201d), instead of \u201cit's worth checking\u201d",
        FROM_REVIEW,
        KEEP_RAISED,
        (("my leg is swollen",), ("my calf", "my leg is swollen")),
        "Swelling gets the softest of the safety lines.",
    ),
    Decision(
        "Whether the person's own numb or weak arm (\u201cmy arm is numb\u201d) should be answered as an "
        "emergency, as a numb face or someone else's weak arm is, instead of as a reason to call a provider",
        FROM_REVIEW,
        KEEP_RAISED,
        (("my arm is numb",), ("my face has gone numb on one side",)),
        "A first-person numb arm is a red flag (call your provider), not an emergency.",
    ),
    Decision(
        "Whether a yes that carries a red-flag detail outside the red-flag questions (\u201cyes, it wakes me "
        "at night\u201d to the opening question) should be heard as that red flag, instead of as a plain yes",
        FROM_REVIEW,
        KEEP_RAISED,
        (("open cramp coach", "yes it wakes me at night"), ("my calf", "yes it's really severe")),
        "The detail after the yes is not heard as that red flag: what the skill does instead is heard below.",
    ),
    Decision(
        "Whether the fall line should also say what to do when nobody is hurt and the person can get up "
        "(now it only says to call if someone is hurt or can't get up, then the session ends)",
        FROM_REVIEW,
        KEEP_RAISED,
        (("i fell",), ("my calf", "i fell")),
        "The fall line is conditional, and the session ends after it whatever the answer to its condition.",
    ),
)


@cache
def open_decisions() -> tuple[Decision, ...]:
    """Every decision the sign-off covers: CONTENT-SOURCES.md's, in its order, then the review's."""
    texts, until = clinician_decisions()
    listed = tuple(
        Decision(
            text,
            FROM_CONTENT_SOURCES,
            until,
            next((shown for start, shown in SHOWN_BY.items() if text.startswith(start)), ()),
            keep=next((now for start, now in KEEP_NOW.items() if text.startswith(start)), KEEP_HEARD),
        )
        for text in texts
    )
    return listed + RAISED
