"""Alexa's rules for speech, as one checker every test can apply to every response it sees."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import Any

# The SSML tags Alexa supports (developer.amazon.com, "Speech Synthesis Markup Language (SSML) Reference").
ALEXA_SSML_TAGS = frozenset(
    {
        "speak", "break", "p", "s", "prosody", "emphasis", "say-as", "phoneme", "sub", "w", "audio", "lang",
        "voice", "mark", "amazon:effect", "amazon:emotion", "amazon:domain", "amazon:auto-breaths",
    }
)  # fmt: skip
MAX_BREAK_SECONDS = 10.0
MAX_SPEECH_CHARACTERS = 8000
_NAMESPACES = 'xmlns:amazon="https://developer.amazon.com/amazon"'


def break_seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s)", value)
    assert match, f"unreadable break time {value!r}"
    amount = float(match.group(1))
    return amount / 1000 if match.group(2) == "ms" else amount


def assert_valid_ssml(ssml: str) -> None:
    """Well-formed, only Alexa's tags, no break over 10 s, at most 8000 characters."""
    assert len(ssml) <= MAX_SPEECH_CHARACTERS, f"speech is {len(ssml)} characters"
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>"), ssml[:60]
    root = ElementTree.fromstring(ssml.replace("<speak>", f"<speak {_NAMESPACES}>", 1))
    for element in root.iter():
        tag = element.tag.replace("{https://developer.amazon.com/amazon}", "amazon:")
        assert tag in ALEXA_SSML_TAGS, f"unsupported SSML tag <{tag}>"
        if tag == "break" and "time" in element.attrib:
            assert break_seconds(element.attrib["time"]) <= MAX_BREAK_SECONDS, element.attrib
    assert "".join(root.itertext()).strip(), "speech with no words"


def assert_valid_response(envelope: dict[str, Any]) -> None:
    """A response envelope Alexa accepts: valid SSML, and a reprompt if and only if the session stays open."""
    response = envelope["response"]
    speech = response.get("outputSpeech")
    if speech is not None:
        assert speech["type"] == "SSML"
        assert_valid_ssml(speech["ssml"])
    reprompt = response.get("reprompt")
    if reprompt is not None:
        assert_valid_ssml(reprompt["outputSpeech"]["ssml"])
    if speech is not None:
        ends = response.get("shouldEndSession")
        assert ends in (True, False), "a spoken response says whether the session ends"
        assert (reprompt is None) == ends, "reprompt if and only if the session stays open"
