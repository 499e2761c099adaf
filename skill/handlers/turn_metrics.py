"""One CloudWatch embedded-metric (EMF) line per spoken turn, for the alarm on the fallback share.

A turn adds one to ``Turns`` and, when Alexa could not place what was said, one to ``Fallbacks``; CloudWatch
Logs turns each line into those two metrics, by locale, by mode and in total (the total is what
``lambda/template.yaml``'s alarm divides). The line holds the privacy rule of the request log and less:
the locale, the mode the turn arrived in, and the two counts. No ids, no intent name (the name of a health
answer is the answer), no slot value, and nothing about where the turn led.

What counts as a turn, and as a fallback, is decided from the request alone, as the request log decides:

- Counted: a ``LaunchRequest`` and every ``IntentRequest``, the requests a person makes by speaking. Each
  is answered by the skill: by its handler, by the fallback, or by the apology after an error. The line
  is written as the request arrives, so a turn that then fails inside the skill still counts as a turn
  (the person spoke, and heard the apology), never as a fallback.
- Not counted: a touch on a screen (it is never misheard: counting touches would dilute the share on
  devices with a screen and hide a model that misunderstands speech); a name-free query (no one spoke
  to the skill, and nothing is said); the requests that take no speech (session ended, error reports);
  an envelope the SDK cannot read (it never reaches the interceptors, and is logged as an error).
- A fallback: ``AMAZON.FallbackIntent``, and an intent name this version does not know, which gets the
  same "sorry, I didn't catch that" (``skill.handlers.unanswerable``): to the person it is the same
  miss, and an interaction model deployed ahead of the code is exactly what the alarm should catch. Not
  a fallback: an intent Alexa did place whose words the conversation then cannot use (a muscle it does
  not know, mid-stretch, which the conversation counts like a fallback): telling those apart needs the
  slot value or where the turn led, and neither may be logged.

The mode is the one the turn **arrived in**, the request line's mode: where the person was asked
something they were not understood in. The mode a turn led to is never used, because after an answer it
tells the answer (a yes in the checks ends the session). The next turn's line arrives in that mode, as
the request log's next request line does: the lines of one conversation, read in a row, show how far it
got; none of them says what was answered.

The line is printed to standard output, not logged: on Lambda the logging module's lines start with the
level, the time and Lambda's request id, and EMF needs the log event to be the JSON object alone. It is
off unless ``CRAMP_COACH_METRICS=emf`` (set by ``lambda/template.yaml``; read only by
``lambda/lambda_function.py``): in the web service and the terminal chat the lines would only be noise.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from skill.content import load_locales
from skill.conversation.events import EVENT_BY_INTENT, LAUNCH_REQUEST, EventKind
from skill.conversation.state import Mode
from skill.handlers.turn import current_state

logger = logging.getLogger(__name__)

SWITCH = "CRAMP_COACH_METRICS"  # the environment variable lambda_function.py reads
EMF = "emf"  # its value that turns the lines on; unset or empty leaves them off

NAMESPACE = "CrampCoach"
TURNS = "Turns"
FALLBACKS = "Fallbacks"
LOCALE = "Locale"
MODE = "Mode"
# The total (no dimension) is what the alarm divides; by locale, a weak model; by mode, a question people
# answer in words the model lacks. Locale x mode is left out: it would multiply the custom metrics (each
# billed) by six, and Logs Insights finds it in the same lines for nothing.
DIMENSION_SETS: tuple[tuple[str, ...], ...] = ((), (LOCALE,), (MODE,))
# A locale the skill is not published in comes from outside like any request field: it is never a
# dimension value, which would make a metric of anything a request says.
OTHER_LOCALE = "other"
SPOKEN_REQUEST_TYPES = frozenset({LAUNCH_REQUEST, "IntentRequest"})


class TurnCount(NamedTuple):
    """What one spoken turn adds to the metrics."""

    locale: str  # a locale the skill is published in, or OTHER_LOCALE
    mode: Mode  # the mode the turn arrived in
    fell_back: bool


def metrics_switched_on(environment: Mapping[str, str]) -> bool:
    """Whether the environment asks for the metric lines. Any value but ``emf`` or nothing leaves them off,
    with a warning: a typo must not pass for a quiet skill (the alarm treats no data as fine)."""
    value = environment.get(SWITCH, "")
    if value and value != EMF:
        logger.warning("%s must be %r or empty: metrics are off", SWITCH, EMF)
    return value == EMF


def counted_turn(request: Any, mode: Mode) -> TurnCount | None:
    """The count of a request that arrived in ``mode``, or None for a request that is no spoken turn."""
    request_type = getattr(request, "object_type", None)
    if request_type not in SPOKEN_REQUEST_TYPES:
        return None
    locale = getattr(request, "locale", None)
    if not isinstance(locale, str) or locale not in load_locales().locales:
        locale = OTHER_LOCALE
    name = getattr(getattr(request, "intent", None), "name", None)
    known = EVENT_BY_INTENT.get(name) if isinstance(name, str) else None
    fell_back = isinstance(name, str) and (known is None or known.kind is EventKind.FALLBACK)
    return TurnCount(locale, mode, fell_back)


def emf_document(turn: TurnCount, timestamp_ms: int) -> dict[str, Any]:
    """The EMF document of one turn: the metadata CloudWatch reads, and its dimension and metric values."""
    return {
        "_aws": {
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [list(dimensions) for dimensions in DIMENSION_SETS],
                    "Metrics": [{"Name": TURNS, "Unit": "Count"}, {"Name": FALLBACKS, "Unit": "Count"}],
                }
            ],
        },
        LOCALE: turn.locale,
        MODE: turn.mode.value,
        TURNS: 1,
        # Always written, 0 included: the share needs a Fallbacks datapoint wherever there is a Turns one.
        FALLBACKS: int(turn.fell_back),
    }


def print_line(line: str) -> None:
    """One line on standard output (looked up at each call: Lambda replaces it with an unbuffered one)."""
    print(line, file=sys.stdout, flush=True)


class TurnMetricsWriter(AbstractRequestInterceptor):
    """Writes the EMF line of each spoken turn as it arrives."""

    def __init__(
        self,
        write: Callable[[str], None] = print_line,
        clock_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self.write = write
        self.clock_ms = clock_ms

    def process(self, handler_input: HandlerInput) -> None:
        request = handler_input.request_envelope.request
        if getattr(request, "object_type", None) not in SPOKEN_REQUEST_TYPES:
            return  # before reading the state: most other requests need none
        turn = counted_turn(request, current_state(handler_input).mode)
        if turn is None:
            return
        line = json.dumps(emf_document(turn, self.clock_ms()), separators=(",", ":"))
        try:
            self.write(line)
        except (OSError, ValueError) as error:  # a closed or broken stdout (ValueError: closed file)
            # A metric must never cost the person their answer: an interceptor that raises would turn
            # the turn into the apology and a fresh start.
            logger.warning("turn metric not written: %s", type(error).__name__)
