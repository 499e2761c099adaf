"""``python -m skill simulate --local`` (tooling/simulate_local.py): the scripted conversations through the
real Lambda handler, each turn heard strictly (the grammar alone) and by the estimate, wrong intents
reported first, and the fallback shares of both per conversation, per set and overall."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import tooling.understanding
from skill.__main__ import main
from tooling.envelopes import SlotFill
from tooling.simulate_local import LocalConversation, print_local, shown, simulate_locally, why_wrong
from tooling.simulator import FALLBACK_INTENT, Resolution, UtteranceResolver
from tooling.understanding import estimated_resolver, resolver

NO_LABELS: dict[tuple[str, str], dict[str, str]] = {}


def intent(name: str, place: str | None = None) -> Resolution:
    slots = None if place is None else {"muscle": SlotFill(place.lower(), place, place.lower(), matched=True)}
    return Resolution("IntentRequest", name, slots)


def test_a_turn_that_is_a_corpus_phrase_is_judged_by_the_corpus_intent() -> None:
    labels = {("en-US", "it's easing off"): {"text": "it's easing off", "intent": "BetterIntent"}}
    assert why_wrong("it's easing off", "en-US", intent("BetterIntent"), labels) is None
    assert (
        why_wrong("it's easing off", "en-US", intent("WorseIntent"), labels)
        == "the phrase corpora say BetterIntent"
    )
    assert why_wrong("it's easing off", "en-GB", intent("WorseIntent"), labels), (
        "a phrase of no locale is any"
    )
    assert why_wrong("it's easing off", "en-US", intent(FALLBACK_INTENT), labels) is None, "a miss, not wrong"


@pytest.mark.parametrize(
    ("said", "heard", "wrong"),
    [
        ("yes he collapsed", intent("AMAZON.YesIntent"), True),
        ("yes he collapsed", intent("EmergencyIntent"), False),
        ("i fell off the ladder", intent("EmergencyIntent"), False),  # the stronger answer fits a fall
        ("i fell off the ladder", intent("CrampIntent", "LEG"), True),
        ("my chest is tight", intent("CrampIntent", "CHEST"), False),  # the chest, however Alexa carried it
        ("my chest is tight", intent("StillHurtsIntent"), True),
        ("my chest is tight and i can't breathe", intent("ChestPainIntent"), True),  # an emergency first
        ("my stomach is cramping", intent("CrampIntent", "CALF"), True),  # a stomach cramp heard as a muscle
        ("my stomach is cramping", intent("CrampIntent", "ABS"), False),
        ("no tingling no", intent("AMAZON.NoIntent"), False),  # an answer to a red-flag question
        ("my calf is numb", intent("CrampIntent", "CALF"), True),
        ("my calf is cramping", intent("CrampIntent", "CALF"), False),
    ],
)
def test_words_that_say_a_danger_are_wrong_when_answered_as_anything_else(
    said: str, heard: Resolution, wrong: bool
) -> None:
    assert (why_wrong(said, "en-US", heard, NO_LABELS) is not None) is wrong


CONVERSATIONS = """
[[conversation]]
name = "calf cramp that eases"
turns = [
  "open cramp coach", "my calf", "purple monkey dishwasher", "it's let go now actually", "stop", "never said",
]

[[conversation]]
name = "a quick goodbye"
turns = ["open cramp coach", "it still hurts", "stop"]
"""


def conversation_set(tmp_path: Path) -> dict[str, Path]:
    path = tmp_path / "local_conversations.toml"
    path.write_text(CONVERSATIONS, encoding="utf-8")
    return {"local": path}


def played(tmp_path: Path) -> list[LocalConversation]:
    # "it still hurts", said right after the launch, labelled as a corpus would label something else.
    labels = {("en-US", "it still hurts"): {"text": "it still hurts", "intent": "BetterIntent"}}
    return simulate_locally(
        conversation_set(tmp_path), strict=resolver, estimated=estimated_resolver, labels=labels
    )


def test_each_turn_is_heard_strictly_and_by_the_estimate_and_the_conversation_stops_where_the_skill_ends_it(
    tmp_path: Path,
) -> None:
    strict: UtteranceResolver = resolver()
    estimate = estimated_resolver()
    first, second = played(tmp_path)
    assert [turn.said for turn in first.turns][-1] == "stop", "the session ended at stop"
    for turn in (*first.turns, *second.turns):
        assert turn.strict == strict.resolve(turn.said)
        assert turn.estimated == estimate.resolve(turn.said)
    assert first.strict_fallbacks >= 1, "the grammar holds no 'purple monkey dishwasher'"
    assert first.strict_fallbacks == sum(turn.strict.intent_name == FALLBACK_INTENT for turn in first.turns)
    assert first.estimated_fallbacks == sum(
        turn.estimated.intent_name == FALLBACK_INTENT for turn in first.turns
    )
    (wrong,) = [turn for turn in second.turns if turn.wrong]
    assert wrong.said == "it still hurts" and wrong.wrong == "the phrase corpora say BetterIntent"


def test_the_report_puts_wrong_intents_first_then_every_turn_strict_and_estimated_then_the_shares(
    tmp_path: Path,
) -> None:
    conversations = played(tmp_path)
    out = io.StringIO()
    print_local(conversations, out)
    report = out.getvalue()
    wrong_at = report.index("Wrong intent (1 turns):")
    assert report.index("'it still hurts' -> StillHurtsIntent (grammar)") > wrong_at
    turns_at = report.index("Turn by turn (strict | estimated):")
    assert wrong_at < report.index("Heard by the estimate where the grammar fell back") < turns_at
    first = conversations[0]
    assert "  'open cramp coach': LaunchRequest | LaunchRequest\n" in report
    for turn in first.turns:
        assert f"  {turn.said!r}: {shown(turn.strict)} | {shown(turn.estimated)}\n" in report
    turns = len(first.turns)
    strict_share = f"{first.strict_fallbacks} of {turns} ({first.strict_fallbacks / turns * 100:.1f}%)"
    assert f"  fell back strict {strict_share}, estimated {first.estimated_fallbacks} of {turns}" in report
    all_turns = sum(len(c.turns) for c in conversations)
    all_strict = sum(c.strict_fallbacks for c in conversations)
    lines = report.splitlines()
    assert lines[-2].startswith(f"local: fell back strict {all_strict} of {all_turns} ")
    assert lines[-1].startswith(f"all: fell back strict {all_strict} of {all_turns} ")
    assert lines[-1].endswith("wrong intent 1")


def test_the_command_needs_no_credentials_and_refuses_an_unknown_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("ASK_CLIENT_ID", "ASK_CLIENT_SECRET", "ASK_REFRESH_TOKEN", "ASK_SKILL_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(tooling.understanding.CONVERSATION_SETS, "local", conversation_set(tmp_path)["local"])
    assert main(["simulate", "--local", "--set", "local"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Local simulation:") and "[local] calf cramp that eases (en-US)" in out
    assert out.splitlines()[-1].startswith("all: fell back strict ")
    assert main(["simulate", "--local", "--set", "no-such-set"]) == 2
    assert "no conversation set 'no-such-set'" in capsys.readouterr().err
