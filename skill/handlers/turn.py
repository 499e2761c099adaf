"""One conversation turn inside the SDK: session attributes in, ``step()``, rendered reply out.

Every handler that speaks goes through ``respond``, so state handling, rendering and the session flag are
done the same way for every request, including requests that arrive without a session (one-shots from
routines, for instance), where the SDK refuses session attributes and the conversation starts fresh.

A device with a screen (its ``supportedInterfaces`` lists ``Alexa.Presentation.APL``, with a runtime new
enough for the document) also gets the turn's screen; ``skill.screen`` is imported only then, so a
voice-only request never loads it or its document.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.utils import get_supported_interfaces
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill.conversation import Event, State, Turn, step
from skill.session import state_from_attributes, state_to_attributes
from skill.speech import render

logger = logging.getLogger(__name__)


def current_state(handler_input: HandlerInput) -> State:
    """The conversation state this request carries (fresh when there is no session or nothing valid)."""
    if handler_input.request_envelope.session is None:
        return State()
    return state_from_attributes(handler_input.attributes_manager.session_attributes)


def respond(handler_input: HandlerInput, event: Event) -> Response:
    """Advance the conversation by ``event`` and build the SDK response for it."""
    return respond_with_turn(handler_input, step(current_state(handler_input), event))


def respond_with_turn(handler_input: HandlerInput, turn: Turn) -> Response:
    """Build the SDK response for an already decided turn, and keep its state in the session."""
    envelope = handler_input.request_envelope
    if envelope.session is not None:
        handler_input.attributes_manager.session_attributes = state_to_attributes(turn.state)
    return write_response(
        handler_input.response_builder,
        turn,
        getattr(envelope.request, "locale", None),
        apl_runtime=apl_max_version(handler_input),
    )


def apl_max_version(handler_input: HandlerInput) -> str | None:
    """The newest APL version the device can show, or None for a device without a screen (or an envelope
    too broken to say)."""
    try:
        apl = get_supported_interfaces(handler_input).alexa_presentation_apl
    except AttributeError:  # no context, system or device: nothing says there is a screen
        return None
    if apl is None:
        return None
    return getattr(getattr(apl, "runtime", None), "max_version", None) or None


def write_response(
    builder: ResponseFactory, turn: Turn, locale: str | None, *, apl_runtime: str | None = None
) -> Response:
    """The one response writer: speech, reprompt, card, the screen (for a device whose APL runtime is
    ``apl_runtime``, when the document needs no newer one) and the end of the session, for a locale."""
    if apl_runtime is not None:
        _add_screen(builder, turn, locale, apl_runtime)
    rendered = render(turn.reply, locale)
    builder.speak(rendered.speech_ssml)
    if rendered.reprompt_ssml is not None:
        builder.ask(rendered.reprompt_ssml)
    if rendered.card_title is not None:
        builder.set_card(SimpleCard(title=rendered.card_title, content=rendered.card_text))
    builder.set_should_end_session(rendered.end_session)
    return builder.response


def _add_screen(builder: ResponseFactory, turn: Turn, locale: str | None, apl_runtime: str) -> None:
    """The turn's screen, if the device's APL runtime can show the document. A screen that cannot be
    made (a document missing from a broken deployment) is logged and left out: the answer is spoken
    all the same, and the exception handler, which writes through here too, cannot fail on it again."""
    from skill.screen import can_show, render_document  # only screen devices load the screens

    if not can_show(apl_runtime):
        return
    try:
        directive = render_document(turn, locale)
    except (OSError, ValueError) as error:  # unreadable or invalid JSON (json's error is a ValueError)
        logger.error("screen left out: %s", type(error).__name__)
        return
    builder.add_directive(directive)
