"""The developers' name-free query (tooling/can_fulfill_query.py, `make can-fulfill`): what Alexa would be
told, printed from the real skill's answer."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from tooling.can_fulfill_query import CanFulfillQuery, describe_answer, run_queries


def test_a_cramp_with_its_muscle_prints_yes_for_the_intent_and_the_slot() -> None:
    out = io.StringIO()
    run_queries(["i have a cramp in my calf"], out)
    assert out.getvalue().splitlines() == [
        "you> i have a cramp in my calf",
        "  heard as CrampIntent with muscle='calf' (CALF)",
        "  canFulfill: YES",
        "    slot muscle: canUnderstand YES, canFulfill YES",
        "  also sent: nothing (no speech, card or state)",
        "  a name-free intent launch phrase of CrampIntent",
    ]


def test_words_for_another_skill_print_no() -> None:
    lines = describe_answer(CanFulfillQuery().ask("play some jazz"))
    assert "  canFulfill: NO" in lines


def test_a_skill_launch_phrase_is_named_as_one() -> None:
    lines = describe_answer(CanFulfillQuery("en-GB").ask("help me with a cramp"))
    assert lines[-1] == "  a name-free skill launch phrase: opens Cramp Coach at its first question"


@pytest.mark.slow
def test_the_command_line_takes_utterances_as_arguments() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "skill", "can-fulfill", "how do i stop a cramp"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "  heard as TreatmentIntent\n  canFulfill: YES\n" in finished.stdout
    assert finished.stderr == ""
