"""The terminal stand-in for a smart speaker: type what you would say, read what Alexa would say.

It runs the real skill through its Lambda handler, with utterances resolved by ``tooling.simulator``
against the locale's interaction model: the grammar, exactly, which the conversation follows. Each turn
also says how the local estimate of Alexa's statistical layer (``tooling.estimate``) would have heard it,
so a phrase the grammar misses shows whether Alexa might still understand it, and as what; the estimate
needs the developers' tools (scikit-learn), and without them the chat says so once and goes on.
Pauses are shown as "[pause 10 s]" instead of being waited out.
As a device with a screen (``--screen``, or ``--device``), each answer also shows its screen as one line
(``screen: Very gently stretch your calf: ... · 0:30 · [Next] [It still hurts] ... [End]``), and typing a
touch target's label in brackets (``[Next]``) touches it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from skill.builder import build_skill, lambda_handler_for
from skill.conversation.events import FALLBACK_INTENT, MUSCLE_SLOT
from skill.speech import readable
from tooling.envelopes import DEFAULT_LOCALE, VOICE_ONLY, Device
from tooling.simulator import Resolution, UtteranceResolver, load_interaction_model
from tooling.speaker import NoSuchTouchTargetError, Speaker, SpokenTurn

SCREEN_GREETING = "On this screen, type a touch target's label in brackets, like [Next], to touch it."
GREETING = (
    "Cramp Coach chat: type what you would say to Alexa, one line at a time "
    '(start with "open cramp coach"). Ctrl-D or Ctrl-C to leave. Each turn shows the intent the grammar '
    "hears, which the conversation follows, and the estimate of how Alexa's statistical layer would hear it."
)
NO_ESTIMATE = (
    "  (no estimate of Alexa's statistical layer: it needs the developers' tools, which make test installs; "
    "the grammar alone is shown)"
)


def estimate_line(strict: Resolution, estimated: Resolution) -> str:
    """How the estimate heard what the grammar heard as ``strict``: the same (the grammar comes first), an
    intent the grammar holds no sample for, or too far from every sample to be any."""
    if strict.intent_name != FALLBACK_INTENT or strict.request_type != estimated.request_type:
        return "  (estimated: the same, by the grammar)"
    if estimated.intent_name == FALLBACK_INTENT:
        return f"  (estimated: {FALLBACK_INTENT}, too far from every sample)"
    fill = (estimated.slots or {}).get(MUSCLE_SLOT)
    place = f" ({fill.resolved_id})" if fill is not None and fill.matched else ""
    return f"  (estimated: {estimated.intent_name}{place}, by the statistical layer: Alexa might hear it so)"


def estimated_resolver(locale: str) -> UtteranceResolver | None:
    """The estimate for the locale, or None where the developers' tools are not installed."""
    try:
        from tooling.estimate import EstimatedResolver
    except ImportError:
        return None
    return EstimatedResolver(load_interaction_model(locale))


def describe_turn(turn: SpokenTurn) -> list[str]:
    """The lines printed for one turn: the speech, the reprompt and the card, readably."""
    lines = []
    heard = turn.resolution.intent_name or turn.resolution.request_type
    if turn.implied_one_shot:
        lines.append('  (no session was open: sent as if you had said "ask cramp coach ..." first)')
    lines.append(f"  ({heard})")
    if turn.speech_ssml:
        lines.append(f"Alexa: {readable(turn.speech_ssml)}")
    if turn.screen is not None:
        lines.append(f"  screen: {screen_line(turn.screen)}")
    if turn.reprompt_ssml:
        lines.append(f"  reprompt: {readable(turn.reprompt_ssml)}")
    if turn.card:
        title = turn.card.get("title", "")
        body = turn.card.get("content", "").replace("\n", "\n        ")
        lines.append(f"  card: {title}\n        {body}")
    if turn.session_ended:
        lines.append("  (session ended)")
    return lines


def screen_line(screen: dict[str, Any]) -> str:
    """A screen's datasource as one line of text: heading, the hold, the text, the question, the targets."""
    hold = screen["hold"]
    pieces = [
        screen["heading"],
        f"{hold['label']} {hold['seconds'] // 60}:{hold['seconds'] % 60:02d}" if hold["seconds"] else "",
        *(("• " if line["bullet"] else "") + line["text"] for line in screen["lines"]),
        screen["question"],
        " ".join(f"[{target['label']}]" for target in screen["touches"]),
    ]
    return " · ".join(piece for piece in pieces if piece)


def chat(
    utterances: Iterable[str],
    out: TextIO,
    locale: str = DEFAULT_LOCALE,
    echo: bool = False,
    device: Device = VOICE_ONLY,
) -> None:
    """Talk to the skill: one utterance per item, everything Alexa says written to ``out``; on a device
    with a screen, "[Label]" touches the target with that label."""
    speaker = Speaker(
        lambda_handler_for(build_skill()),
        UtteranceResolver(load_interaction_model(locale)),
        locale,
        device=device,
    )
    estimate: UtteranceResolver | None = None
    estimate_tried = False
    for utterance in (line.strip() for line in utterances):
        if not utterance:
            continue
        if echo:
            print(f"you> {utterance}", file=out)
        if utterance.startswith("[") and utterance.endswith("]"):
            try:
                turn = speaker.touch(utterance[1:-1])
            except NoSuchTouchTargetError as error:
                print(f"  ({error})", file=out)
                continue
            lines = describe_turn(turn)
        else:
            if not estimate_tried:  # trained at the first words said (seconds, once: then kept in build/)
                estimate_tried, estimate = True, estimated_resolver(locale)
                if estimate is None:
                    print(NO_ESTIMATE, file=out)
            turn = speaker.say(utterance)
            lines = describe_turn(turn)
            if estimate is not None:
                heard_at = lines.index(f"  ({turn.resolution.intent_name or turn.resolution.request_type})")
                lines.insert(heard_at + 1, estimate_line(turn.resolution, estimate.resolve(utterance)))
        for line in lines:
            print(line, file=out)
        out.flush()


def _prompted_lines() -> Iterable[str]:
    """Lines typed at the prompt, with line editing and history; Ctrl-D or Ctrl-C leave quietly."""
    with contextlib.suppress(ImportError):  # not on every platform; the chat works without it
        import readline  # noqa: F401  (importing it gives input() line editing and history)
    while True:
        try:
            yield input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return


def run_chat(locale: str = DEFAULT_LOCALE, device: Device = VOICE_ONLY) -> int:
    """Interactive on a terminal; one utterance per line from a pipe or file otherwise."""
    interactive = sys.stdin.isatty()
    try:
        if interactive:
            print(GREETING if device is VOICE_ONLY else f"{GREETING} {SCREEN_GREETING}")
            chat(_prompted_lines(), sys.stdout, locale, device=device)
        else:
            chat(sys.stdin, sys.stdout, locale, echo=True, device=device)
    except KeyboardInterrupt:  # Ctrl-C while the skill answers: leave as quietly as at the prompt
        print()
    return 0
