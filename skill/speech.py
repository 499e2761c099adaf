"""Turns replies into what Alexa says (SSML) and shows (card text).

This module owns the rules of Alexa's SSML that the rest of the code should not have to remember: text is
escaped; a pause longer than 10 seconds becomes a chain of ``<break>``s of at most 10 s each; only the
``speak`` and ``break`` tags are produced. It also fills in the locale's emergency number, so the same
content line says "nine one one" in the US and "triple zero" in Australia.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from skill.content import Content, load_content, load_locales
from skill.reply import Card, Part, Pause, Reply, Say, SayList

MAX_BREAK_SECONDS = 10
LIST_SEPARATOR = "; "  # items may hold commas themselves; a semicolon keeps them apart when heard


class RenderedReply(NamedTuple):
    """A reply as the SDK wants it: SSML strings and plain card text."""

    speech_ssml: str
    reprompt_ssml: str | None
    card_title: str | None
    card_text: str | None
    end_session: bool


def escape(text: str) -> str:
    """Text made safe inside SSML. (``xml.sax.saxutils.escape`` does the same, but importing it pulls in
    urllib.request, http.client and ssl: about 16 ms of every Lambda cold start.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pause_ssml(seconds: float) -> str:
    """Silence as chained breaks, none longer than Alexa's 10-second limit."""
    breaks = []
    remaining = seconds
    while remaining > 0:
        chunk = min(remaining, MAX_BREAK_SECONDS)
        remaining -= chunk
        breaks.append(f'<break time="{_format_seconds(chunk)}"/>')
    return "".join(breaks)


def _format_seconds(seconds: float) -> str:
    if float(seconds).is_integer():
        return f"{int(seconds)}s"
    return f"{round(seconds * 1000)}ms"


class _Renderer:
    """Renders parts for one locale, either for the ear (SSML) or for the eye (card text)."""

    def __init__(self, content: Content, locale: str | None) -> None:
        self.content = content
        number = load_locales().of(locale).emergency_number
        self.speech_params = {"emergency_number": number.speech}
        self.text_params = {"emergency_number": number.text}

    def text_of(self, part: Say | SayList, params: dict[str, str]) -> str:
        """One line, or one item of a list, with the locale's placeholders filled in."""
        if isinstance(part, Say):
            template = self.content.line(part.key).text
        else:
            template = self.content.item_list(part.key).items[part.item or 0]
        return template.format_map(params)

    def list_sentence(self, key: str) -> str:
        item_list = self.content.item_list(key)
        *leading, last = item_list.items
        if not leading:
            return f"{last}."
        return f"{LIST_SEPARATOR.join(leading)}{LIST_SEPARATOR}{item_list.conjunction} {last}."

    def ssml(self, parts: tuple[Part, ...]) -> str:
        spoken = []
        for part in parts:
            if isinstance(part, Pause):
                spoken.append(pause_ssml(part.seconds))
            elif isinstance(part, SayList) and part.item is None:
                spoken.append(escape(self.list_sentence(part.key)))
            else:
                spoken.append(escape(self.text_of(part, self.speech_params)))
        return "<speak>" + " ".join(piece for piece in spoken if piece) + "</speak>"

    def card_text(self, card: Card) -> str:
        paragraphs = []
        for part in card.body:
            if isinstance(part, Pause):
                continue
            if isinstance(part, SayList) and part.item is None:
                items = self.content.item_list(part.key).items
                paragraphs.append("\n".join(f"• {_capitalise(item)}" for item in items))
            else:
                paragraphs.append(self.text_of(part, self.text_params))
        return "\n".join(paragraphs)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(reply: Reply, locale: str | None, content: Content | None = None) -> RenderedReply:
    """Render a reply for a locale (the locale picks the emergency number)."""
    if content is None:
        return _render_with_default_content(reply, locale)
    return _render(reply, locale, content)


@lru_cache(maxsize=2048)
def _render_with_default_content(reply: Reply, locale: str | None) -> RenderedReply:
    """Replies are frozen values and the content is read-only, so each (reply, locale) renders once per
    process; there are only a few hundred of them."""
    return _render(reply, locale, load_content(load_locales().of(locale).language))


def _render(reply: Reply, locale: str | None, content: Content) -> RenderedReply:
    renderer = _Renderer(content, locale)
    card = reply.card
    return RenderedReply(
        speech_ssml=renderer.ssml(reply.speech),
        reprompt_ssml=renderer.ssml(reply.reprompt) if reply.reprompt else None,
        card_title=renderer.text_of(Say(card.title_key), renderer.text_params) if card else None,
        card_text=renderer.card_text(card) if card else None,
        end_session=reply.end_session,
    )


def shown_text(part: Say | SayList, locale: str | None) -> tuple[str, ...]:
    """What a screen shows for one part: its line, or a whole list's items, one each and capitalised, with
    the locale's emergency number written as a card writes it."""
    renderer = _renderer_for(locale)
    if isinstance(part, SayList) and part.item is None:
        return tuple(_capitalise(item) for item in renderer.content.item_list(part.key).items)
    return (renderer.text_of(part, renderer.text_params),)


@lru_cache(maxsize=16)
def _renderer_for(locale: str | None) -> _Renderer:
    return _Renderer(load_content(load_locales().of(locale).language), locale)


_BREAK = re.compile(r'<break time="(\d+)(ms|s)"/>')
_TAG = re.compile(r"<[^>]+>")


def readable(ssml: str) -> str:
    """SSML as a person would read it in a terminal: pauses shown as "[pause 10 s]"."""

    def describe(match: re.Match[str]) -> str:
        amount, unit = int(match.group(1)), match.group(2)
        seconds = amount / 1000 if unit == "ms" else amount
        return f" [pause {seconds:g} s] "

    import html  # only the terminal chat and tests read SSML back; Lambda never imports html

    text = _TAG.sub("", _BREAK.sub(describe, ssml))
    return html.unescape(re.sub(r"\s+", " ", text)).strip()
