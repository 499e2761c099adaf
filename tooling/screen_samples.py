"""Real screens for Amazon's APL validator: whole conversations on an Echo Show, by voice and by touch.

``python -m tooling.screen_samples DIRECTORY`` runs the conversations below through the skill's real
Lambda handler as a device with a screen and writes each distinct RenderDocument it answers with
(document and datasources, exactly as sent) to DIRECTORY, one JSON file per screen. Then
``node tooling/apl/validate.js DIRECTORY`` runs apl-suggester over every one; ``make test`` does both.
The conversations reach every kind of screen (the tests check that they do).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skill.builder import build_skill, lambda_handler_for
from tooling.envelopes import ECHO_SHOW_8, Device
from tooling.simulator import UtteranceResolver, load_interaction_model
from tooling.speaker import Speaker

# "[Label]" touches the target with that label; anything else is said.
SAMPLE_CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    # A whole calf cramp by touch: the stretch, the massage, the checks, a yes: the provider advice.
    ("open cramp coach", "[Calf]", "[Next]", "[Next]", "[No]", "[Not sure]", "[Yes]"),
    # A thigh, which side, it still hurts twice: the reason to call and the offered massage; then stop.
    ("open cramp coach", "[Thigh]", "[Back]", "it still hurts", "it still hurts", "[No]"),
    # The checks, all no: rest, and when to call.
    ("ask cramp coach to check my symptoms", *(["[No]"] * 8)),
    # Not cramping: the topics, by touch, one after another; then no.
    ("open cramp coach", "[I'm not cramping]", "[What causes muscle spasms]", "[Yes]", "[Yes]", "[No]"),
    # Where, asked again; somewhere else; it hurts more; an emergency.
    ("open cramp coach", "yes", "[Somewhere else]", "it hurts more", "this is an emergency"),
    # Stop, mid-stretch.
    ("open cramp coach", "[Hand]", "[Repeat]", "[End]"),
)


def conversation_screens(device: Device = ECHO_SHOW_8) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every RenderDocument directive the sample conversations get, named after the turn, in order."""
    handler = lambda_handler_for(build_skill())
    resolver = UtteranceResolver(load_interaction_model("en-US"))
    for number, conversation in enumerate(SAMPLE_CONVERSATIONS, start=1):
        speaker = Speaker(handler, resolver, device=device)
        for turn_number, said in enumerate(conversation, start=1):
            touched = said.startswith("[") and said.endswith("]")
            turn = speaker.touch(said[1:-1]) if touched else speaker.say(said)
            for directive in turn.screens:
                slug = re.sub(r"[^a-z0-9]+", "-", said.lower()).strip("-")
                yield f"{number:02d}-{turn_number:02d}-{slug}", directive


def write_screens(directory: Path) -> int:
    """Write each distinct screen as ``{"document", "datasources"}``; the number written."""
    directory.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    for name, directive in conversation_screens():
        screen = {"document": directive["document"], "datasources": directive["datasources"]}
        key = json.dumps(screen["datasources"], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        (directory / f"{name}.json").write_text(json.dumps(screen, indent=1), encoding="utf-8")
    return len(seen)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tooling.screen_samples DIRECTORY", file=sys.stderr)
        return 2
    count = write_screens(Path(argv[0]))
    print(f"wrote {count} screens to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
