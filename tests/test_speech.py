"""SSML rendering: escaping, chained pauses, the locale's emergency number, cards, and every reply."""

from __future__ import annotations

import pytest
from ssml_rules import assert_valid_ssml

from skill.content import load_locales, parse_content
from skill.conversation import step
from skill.reply import Card, Pause, Reply, Say, SayList
from skill.speech import pause_ssml, readable, render
from tooling.conversation_states import EVERY_EVENT, every_state

LOCALES = (*load_locales().locales, None)  # every registered locale, and none


@pytest.mark.parametrize(
    ("seconds", "ssml"),
    [
        (10, '<break time="10s"/>'),
        (30, '<break time="10s"/><break time="10s"/><break time="10s"/>'),
        (25, '<break time="10s"/><break time="10s"/><break time="5s"/>'),
        (0.5, '<break time="500ms"/>'),
        (0, ""),
    ],
)
def test_long_pauses_are_chains_of_breaks_of_at_most_ten_seconds(seconds: float, ssml: str) -> None:
    assert pause_ssml(seconds) == ssml


def test_text_is_escaped_for_ssml() -> None:
    content = parse_content(
        {
            "sources": {"skill": "ux"},
            "lines": {"odd": {"text": 'Salt & <pepper> "quoted"', "source": "skill"}},
        }
    )
    rendered = render(Reply(speech=(Say("odd"),), end_session=True), "en-US", content)
    assert rendered.speech_ssml == '<speak>Salt &amp; &lt;pepper&gt; "quoted"</speak>'
    assert_valid_ssml(rendered.speech_ssml)


@pytest.mark.parametrize(
    ("locale", "spoken", "written"),
    [
        ("en-US", "nine one one", "911"),
        ("en-CA", "nine one one", "911"),
        ("en-GB", "nine nine nine", "999"),
        ("en-AU", "triple zero", "000"),
        ("en-IN", "one one two", "112"),
        ("fr-FR", "your local emergency number", "your local emergency number"),
    ],
)
def test_the_emergency_number_is_the_locales(locale: str, spoken: str, written: str) -> None:
    card = Card("card.call_provider.title", (Say("safety.emergency"),))
    rendered = render(Reply(speech=(Say("safety.emergency"),), card=card, end_session=True), locale)
    assert f"call {spoken}." in rendered.speech_ssml
    assert rendered.card_text == f"If this is an emergency, call {written}."


def test_lists_are_one_sentence_when_heard_and_bullets_when_read() -> None:
    card = Card("card.when_to_call.title", (SayList("red_flags"),))
    rendered = render(Reply(speech=(SayList("red_flags"),), card=card, end_session=True), "en-US")
    assert readable(rendered.speech_ssml).endswith("; or pain that wakes you up at night.")
    assert rendered.card_text.splitlines()[0] == "• Severe cramping"
    assert len(rendered.card_text.splitlines()) == 4


def test_cards_leave_out_pauses() -> None:
    card = Card("card.guide.title", (Say("guide.hold.breathe"), Pause(10), Say("guide.hold.done")))
    rendered = render(Reply(speech=(Say("goodbye"),), card=card, end_session=True), "en-US")
    assert rendered.card_text == "Keep holding, and breathe freely.\nGood. Now ease off slowly."


def test_readable_shows_pauses_for_the_terminal() -> None:
    assert (
        readable('<speak>Hold. <break time="10s"/>Go &amp; rest.</speak>') == "Hold. [pause 10 s] Go & rest."
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_every_reply_of_the_state_machine_renders_to_valid_ssml(locale: str | None) -> None:
    for state in every_state():
        for event in EVERY_EVENT:
            rendered = render(step(state, event).reply, locale)
            assert_valid_ssml(rendered.speech_ssml)
            if rendered.reprompt_ssml:
                assert_valid_ssml(rendered.reprompt_ssml)
            if not rendered.end_session:
                assert readable(rendered.speech_ssml).endswith("?"), (state, event)
                assert readable(rendered.reprompt_ssml or "").endswith("?"), (state, event)
            if rendered.card_text is not None:
                assert rendered.card_title and rendered.card_text.strip()


def test_no_reply_speaks_an_empty_item() -> None:
    for state in every_state():
        for event in EVERY_EVENT:
            text = readable(render(step(state, event).reply, "en-US").speech_ssml)
            assert " ; " not in text and ";;" not in text and ". ." not in text, (state, event)
