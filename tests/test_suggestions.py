"""Anything the skill tells the user to say works when said.

Every line of the content that suggests words to say (menus, "you can say ...", help, the second "I
didn't catch that") lists them under ``suggests`` with the intent each must reach. These tests resolve
every suggestion through the interaction model, check that it is really in the line, and check that no
line suggests words without listing them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from case_ids import short

from tooling.simulator import UtteranceResolver

CONTENT_FILE = Path(__file__).resolve().parent.parent / "skill" / "content" / "en.toml"
LINES: dict[str, dict] = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))["lines"]
SUGGESTIONS = [
    (key, phrase, intent)
    for key, line in LINES.items()
    for phrase, intent in line.get("suggests", {}).items()
]
# Words that introduce something to say; a line with one of them must list its suggestions.
SUGGESTING = re.compile(r"\b(say|you can ask|answer)\b", re.IGNORECASE)


def test_there_are_suggestions_to_check() -> None:
    assert len(SUGGESTIONS) >= 40


@pytest.mark.parametrize(("key", "phrase", "intent"), SUGGESTIONS, ids=short)
def test_each_suggested_phrase_reaches_the_intent_that_does_what_was_promised(
    resolver: UtteranceResolver, key: str, phrase: str, intent: str
) -> None:
    assert phrase.lower() in LINES[key]["text"].lower(), f"{key} does not say {phrase!r}"
    resolution = resolver.resolve_in_session(phrase)
    assert resolution.intent_name == intent, f"{phrase!r} (from {key}) reaches {resolution.intent_name}"


@pytest.mark.parametrize("key", [key for key, line in LINES.items() if SUGGESTING.search(line["text"])])
def test_every_line_that_suggests_words_lists_them(key: str) -> None:
    if key == "guide.not_eased":  # "is a reason to call": no words to say
        return
    assert LINES[key].get("suggests"), f"{key} suggests words to say but lists none"


def test_the_muscles_offered_at_the_opening_reach_their_own_stretch(resolver: UtteranceResolver) -> None:
    for said, muscle_id in [("calf", "CALF"), ("foot", "FOOT"), ("thigh", "THIGH"), ("hand", "HAND")]:
        fill = resolver.resolve_in_session(said).slots["muscle"]
        assert (fill.resolved_id, fill.matched) == (muscle_id, True), said
    for said, muscle_id in [("front", "QUADRICEPS"), ("the back", "BACK"), ("back", "BACK")]:
        assert resolver.resolve_in_session(said).slots["muscle"].resolved_id == muscle_id, said
