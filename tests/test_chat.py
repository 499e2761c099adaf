"""``python -m skill chat``: the terminal speaker, fed one utterance a line like a pipe would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def chat(*lines: str, locale: str | None = None, options: tuple[str, ...] = ()) -> str:
    command = [sys.executable, "-m", "skill", "chat", *(["--locale", locale] if locale else []), *options]
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


@pytest.mark.slow
def test_chat_talks_through_a_whole_cramp_from_a_pipe() -> None:
    output = chat("Alexa, open cramp coach", "my calf is cramping", "next", "next", *["no"] * 8)
    assert "you> Alexa, open cramp coach" in output
    assert "Alexa: Hi, this is Cramp Coach. If a muscle is cramping, where is it: your calf," in output
    assert "Alexa: Very gently stretch your calf:" in output
    assert "[pause 10 s] Keep holding, and breathe freely. [pause 10 s]" in output
    assert "reprompt: Say next when you're ready" in output
    assert "card: Easing a cramp" in output
    assert "Do cramps or other pain keep waking you up at night?" in output
    assert output.rstrip().endswith("(session ended)")


@pytest.mark.slow
def test_chat_uses_the_locale_it_is_given() -> None:
    output = chat("ask cramp coach should i see a doctor", "yes", locale="en-AU")
    assert "If this is an emergency, call triple zero." in output
    assert "call 000." in output


@pytest.mark.slow
def test_chat_shows_what_alexa_heard_when_it_did_not_understand() -> None:
    output = chat("open cramp coach", "what's the weather in paris")
    assert "(AMAZON.FallbackIntent)" in output
    assert "Sorry, I didn't catch that." in output


@pytest.mark.slow
def test_chat_shows_beside_the_grammar_how_the_estimate_of_alexa_would_hear_each_turn() -> None:
    output = chat("open cramp coach", "why do i get muscle spasms", "what's the weather in paris")
    lines = output.splitlines()
    spasms = lines.index("you> why do i get muscle spasms")
    assert lines[spasms + 1] == "  (AMAZON.FallbackIntent)", "the conversation follows the grammar"
    assert lines[spasms + 2].startswith("  (estimated: CausesIntent, by the statistical layer")
    weather = lines.index("you> what's the weather in paris")
    assert lines[weather + 2] == "  (estimated: AMAZON.FallbackIntent, too far from every sample)"
    assert lines[1:3] == ["  (LaunchRequest)", "  (estimated: the same, by the grammar)"]


def test_without_the_developers_tools_the_chat_says_once_that_it_shows_the_grammar_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from tooling import chat as chat_module

    monkeypatch.setattr(chat_module, "estimated_resolver", lambda locale: None)
    out = io.StringIO()
    chat_module.chat(["open cramp coach", "my calf", "stop"], out)
    assert out.getvalue().count(chat_module.NO_ESTIMATE) == 1
    assert "(estimated:" not in out.getvalue()


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


@pytest.mark.slow
def test_on_a_screen_device_the_chat_shows_each_screen_as_a_line_and_brackets_touch() -> None:
    """A whole calf cramp by voice and by touch, the checks, and a topic, as an Echo Show."""
    output = chat(
        "open cramp coach",
        "[Calf]",
        "next",
        "[Next]",
        "[No]",
        "no",
        "[Not sure]",
        *["[No]"] * 6,
        "ask cramp coach what causes cramps",
        "[Nope]",
        "[Yes]",
        options=("--screen",),
    )
    assert (
        "  screen: If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?"
        " · [Calf] [Foot] [Thigh] [Hand] [Somewhere else] [I'm not cramping]"
    ) in output
    touched = "you> [Calf]\n  (Alexa.Presentation.APL.UserEvent)\nAlexa: Very gently stretch your calf:"
    assert touched in output
    assert (
        "  screen: Very gently stretch your calf: leg straight, pull the top of your foot toward you."
        " · Hold 0:33 · Stop if it hurts more. · Ready for the next step? · "
        "[Next] [It still hurts] [It hurts more] [It's gone] [Repeat] [End]"
    ) in output
    assert "  screen: Now very gently rub your calf muscle with your hand. · Massage 0:22 ·" in output
    assert (
        "  screen: Has this cramp been severe? · Remember, I give general information, not medical advice "
        "or a diagnosis, and I'm no substitute for a healthcare provider. · "
        "If this is an emergency, call 911. · [Yes] [No] [Not sure]"
    ) in output, "the safety lines said are shown"
    assert "  screen: After stretching, is the cramp still there? · [Yes] [No] [Not sure]" in output
    assert "  screen: When to call your healthcare provider · Rest the muscle now. ·" in output
    assert "  screen: What causes muscle spasms · Often, the cause of a muscle spasm" in output
    assert " · • An injury · • Heavy exercise · " in output
    assert "(no touch target 'Nope' on the screen (shown: [Yes] [No]))" in output
    assert "  screen: Preventing muscle spasms · There's little or no evidence" in output


@pytest.mark.slow
@pytest.mark.parametrize("device", ["echo-spot", "fire-tv", "echo-show-15"])
def test_every_screen_device_of_the_chat_shows_screens_and_a_speaker_none(device: str) -> None:
    assert "  screen: " in chat("open cramp coach", options=("--device", device))
    assert "screen:" not in chat("open cramp coach", options=("--device", "echo"))
    assert "screen:" not in chat("open cramp coach")


def test_the_chat_offers_every_simulated_device() -> None:
    from skill.__main__ import CHAT_DEVICES
    from tooling.envelopes import DEVICES

    assert set(CHAT_DEVICES) == set(DEVICES)
