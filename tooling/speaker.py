"""A device talking to the skill: it keeps the session between turns, as an Echo does, and calls the
skill through its real Lambda handler with envelopes built from what ``tooling.simulator`` resolved.

A device with a screen (``device=ECHO_SHOW_8`` and the others in ``tooling.envelopes``) says so in every
request, keeps the screen the skill last sent, and can ``touch`` a target on it: the UserEvent that the
target's SendEvent sends."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tooling.envelopes import (
    DEFAULT_LOCALE,
    VOICE_ONLY,
    Device,
    SessionInfo,
    envelope,
    intent_request,
    launch_request,
    touch_request,
)
from tooling.simulator import FALLBACK_INTENT, LAUNCH, Resolution, UtteranceResolver


@dataclass(frozen=True)
class SpokenTurn:
    """What the device said back for one utterance."""

    resolution: Resolution
    request: dict[str, Any]
    response: dict[str, Any]
    implied_one_shot: bool = False  # said outside a session: real Alexa needs "ask cramp coach ..." first

    @property
    def speech_ssml(self) -> str:
        return str(self.response.get("response", {}).get("outputSpeech", {}).get("ssml", ""))

    @property
    def reprompt_ssml(self) -> str | None:
        reprompt = self.response.get("response", {}).get("reprompt")
        return reprompt["outputSpeech"]["ssml"] if reprompt else None

    @property
    def card(self) -> dict[str, Any] | None:
        return self.response.get("response", {}).get("card")

    @property
    def session_ended(self) -> bool:
        return bool(self.response.get("response", {}).get("shouldEndSession"))

    @property
    def screens(self) -> list[dict[str, Any]]:
        """The RenderDocument directives of the response (one on a screen device, none on a speaker)."""
        directives = self.response.get("response", {}).get("directives") or []
        return [d for d in directives if d.get("type") == "Alexa.Presentation.APL.RenderDocument"]

    @property
    def screen(self) -> dict[str, Any] | None:
        """The datasource of the screen sent, if one was."""
        screens = self.screens
        return screens[0]["datasources"]["cramp_coach"] if screens else None


class NoSuchTouchTargetError(LookupError):
    """The screen shows no touch target with that label."""


class Speaker:
    """A device talking to the skill: keeps the session open between turns, as Alexa does."""

    def __init__(
        self,
        lambda_handler: Any,
        resolver: UtteranceResolver,
        locale: str = DEFAULT_LOCALE,
        device: Device = VOICE_ONLY,
    ) -> None:
        self.lambda_handler = lambda_handler
        self.resolver = resolver
        self.locale = locale
        self.device = device
        self.screen: dict[str, Any] | None = None  # the datasource of the screen on display
        self.session: SessionInfo | None = None
        self._person = SessionInfo()  # the same user and device for every session of this speaker

    def say(self, utterance: str) -> SpokenTurn:
        """Speak one utterance. Outside a session Alexa would not route it to the skill without the
        invocation name; the speaker sends it as a one-shot anyway, and the turn says so."""
        resolution = self.resolver.resolve(utterance)
        implied_one_shot = not resolution.invoked and self.session is None
        if resolution.invoked or self.session is None:
            self.session = SessionInfo(user_id=self._person.user_id, device_id=self._person.device_id)
        if resolution.request_type == LAUNCH:
            request = launch_request(locale=self.locale)
        else:
            request = intent_request(
                resolution.intent_name or FALLBACK_INTENT, resolution.slots, locale=self.locale
            )
        return self._send(resolution, request, implied_one_shot=implied_one_shot)

    def touch(self, label: str) -> SpokenTurn:
        """Touch the target with this label (any case) on the screen on display, in its session."""
        targets = (self.screen or {}).get("touches", []) if self.session is not None else []
        for target in targets:
            if target["label"].casefold() == label.strip().casefold():
                request = touch_request([target["event"], target["detail"]], locale=self.locale)
                return self._send(Resolution(request["type"]), request)
        shown = " ".join(f"[{target['label']}]" for target in targets) or "none"
        raise NoSuchTouchTargetError(f"no touch target {label!r} on the screen (shown: {shown})")

    def _send(
        self, resolution: Resolution, request: dict[str, Any], *, implied_one_shot: bool = False
    ) -> SpokenTurn:
        assert self.session is not None
        event = envelope(request, session=self.session, device=self.device)
        response = self.lambda_handler(json.loads(json.dumps(event)), None)
        turn = SpokenTurn(resolution, event, response, implied_one_shot)
        self.screen = turn.screen
        if turn.session_ended:
            self.session = None
        else:
            self.session.new = False
            self.session.attributes = response.get("sessionAttributes") or {}
        return turn
