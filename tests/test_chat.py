"""``python -m skill chat``: the terminal speaker, fed one utterance a line like a pipe would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def chat(*lines: str, locale: str | None = None) -> str:
    command = [sys.executable, "-m", "skill", "chat", *(["--locale", locale] if locale else [])]
    finished = subprocess.run(
        command,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    assert finished.stderr == ""
    return finished.stdout


def test_chat_talks_through_a_whole_cramp_from_a_pipe() -> None:
    output = chat("Alexa, open cramp coach", "my calf is cramping", "next", "next", *["no"] * 8)
    assert "you> Alexa, open cramp coach" in output
    assert "Alexa: Hi, this is Cramp Coach. If a muscle is cramping, where is it: your calf," in output
    assert "Alexa: Very gently stretch your calf:" in output
    assert "[pause 10 s] Keep holding, and breathe freely. [pause 10 s]" in output
    assert "reprompt: Say next when you're ready" in output
    assert "card: Easing a cramp" in output
    assert "Does pain wake you up at night?" in output
    assert output.rstrip().endswith("(session ended)")


def test_chat_uses_the_locale_it_is_given() -> None:
    output = chat("ask cramp coach should i see a doctor", "yes", locale="en-AU")
    assert "If this is an emergency, call triple zero." in output
    assert "call 000." in output


def test_chat_shows_what_alexa_heard_when_it_did_not_understand() -> None:
    output = chat("open cramp coach", "what's the weather in paris")
    assert "(AMAZON.FallbackIntent)" in output
    assert "Sorry, I didn't catch that." in output


@pytest.mark.parametrize("leaving", [EOFError, KeyboardInterrupt])
def test_ctrl_d_or_ctrl_c_at_the_prompt_leave_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], leaving: type[BaseException]
) -> None:
    from tooling import chat as chat_module

    typed = iter(["open cramp coach"])

    def fake_input(prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise leaving from None

    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert chat_module.run_chat() == 0
    output = capsys.readouterr()
    assert "Hi, this is Cramp Coach." in output.out
    assert "Traceback" not in output.out + output.err
