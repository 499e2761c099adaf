"""The APL document's bindings, which apl-suggester does not check: an undefined resource (``@nosuchcolor``),
a misspelled datasource path (``payload.cramp_coachh.heading``) or an unclosed ``${`` all pass it with no
finding, and a device would show an empty or default value. Each check is proven on a broken copy of the
real document."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from skill.conversation import step
from skill.screen import DATASOURCE, datasources, load_document, screen_of
from tooling.conversation_states import EVERY_EVENT, every_state

RESOURCE_KINDS = ("colors", "dimensions", "strings", "numbers", "booleans", "gradients", "easing")
RESOURCE_REFERENCE = re.compile(r"@([A-Za-z_]\w*)")
PAYLOAD_PATH = re.compile(r"\bpayload\.(\w+)((?:\.\w+)*)")
DATA_ITEM_KEY = re.compile(r"\bdata\.(\w+)")


def strings_of(node: Any) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings_of(value)]
    if isinstance(node, list):
        return [text for value in node for text in strings_of(value)]
    return [node] if isinstance(node, str) else []


def unclosed_bindings(text: str) -> bool:
    """Whether a ``${`` in the text has no closing brace (quoted strings inside it are skipped)."""
    start = text.find("${")
    while start != -1:
        depth, index, quote = 1, start + 2, ""
        while index < len(text) and depth:
            char = text[index]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            index += 1
        if depth:
            return True
        start = text.find("${", index)
    return False


@cache
def written_paths() -> tuple[frozenset[str], frozenset[str]]:
    """What skill/screen.py's datasource writer produces for every state and event: the dotted paths
    under payload.cramp_coach (``hold.seconds``; ``touches.length`` for a list), and the keys of the
    items of its lists (what ``data.<key>`` reads in a data-driven container)."""
    paths: set[str] = set()
    item_keys: set[str] = set()

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            paths.add(path)
            if isinstance(value, dict):
                walk(value, path + ".")
            elif isinstance(value, list):
                paths.add(path + ".length")
                item_keys.update(key for item in value if isinstance(item, dict) for key in item)

    for state in every_state():
        for event in EVERY_EVENT:
            walk(datasources(screen_of(step(state, event)), "en-US")[DATASOURCE], "")
    return frozenset(paths), frozenset(item_keys)


def binding_problems(document: dict[str, Any]) -> list[str]:
    """Every binding in the document that nothing defines."""
    defined = {
        name
        for block in document.get("resources", [])
        for kind in RESOURCE_KINDS
        for name in block.get(kind, {})
    }
    paths, item_keys = written_paths()
    problems = []
    for text in strings_of(document):
        problems += [
            f"undefined resource @{name}" for name in RESOURCE_REFERENCE.findall(text) if name not in defined
        ]
        if unclosed_bindings(text):
            problems.append(f"unclosed ${{ in {text!r}")
        for source, path in PAYLOAD_PATH.findall(text):
            if source != DATASOURCE or path[1:] not in paths:
                problems.append(f"payload.{source}{path} is not written by skill/screen.py")
        problems += [
            f"data.{key} is in no list item" for key in DATA_ITEM_KEY.findall(text) if key not in item_keys
        ]
    return problems


def test_every_binding_of_the_document_is_defined_and_closed() -> None:
    assert binding_problems(load_document()) == []


def test_the_datasource_paths_checked_are_the_ones_the_document_reads() -> None:
    read = {path for text in strings_of(load_document()) for _, path in PAYLOAD_PATH.findall(text)}
    assert {".heading", ".hold.seconds", ".hold.startsAfterMs", ".touches", ".lines"} <= read


@pytest.mark.parametrize(
    ("real", "broken", "found"),
    [
        ('"@touchText"', '"@nosuchcolor"', "undefined resource @nosuchcolor"),
        ("@alertText :", "@alertTxt :", "undefined resource @alertTxt"),
        (
            '"${payload.cramp_coach.heading}"',
            '"${payload.cramp_coachh.heading}"',
            "payload.cramp_coachh.heading",
        ),
        ("payload.cramp_coach.hold.seconds > 0", "payload.cramp_coach.hold.secs > 0", "hold.secs"),
        ('"${payload.cramp_coach.question}"', '"${payload.cramp_coach.question"', "unclosed ${"),
        ("${data.text}", "${data.txt}", "data.txt is in no list item"),
    ],
    ids=["resource", "resource-in-expression", "datasource", "datasource-path", "unclosed", "list-item"],
)
def test_each_check_catches_its_mistake_in_the_real_document(real: str, broken: str, found: str) -> None:
    text = json.dumps(load_document(), indent=1)
    assert real in text, "the mutation must change the real document"
    problems = binding_problems(json.loads(text.replace(real, broken, 1)))
    assert any(found in problem for problem in problems), problems


def test_on_a_tv_the_first_touch_target_has_the_focus_when_the_document_mounts() -> None:
    """Fire TV is driven by a remote: with nothing focused, the first press goes nowhere."""
    document = load_document()
    (focus,) = [command for command in document["onMount"] if command["type"] == "SetFocus"]
    assert focus["when"] == "${viewport.mode == 'tv'}"
    target = document["layouts"]["TouchTarget"]
    assert target["item"]["type"] == "TouchWrapper" and target["item"]["id"] == "${targetId}"
    assert "inheritParentState" not in target["item"], "SetFocus ignores a component that inherits state"
    (targets,) = [
        item
        for item in document["mainTemplate"]["item"]["item"]["item"]["items"]
        if item.get("data") == "${payload.cramp_coach.touches}"
    ]
    first_id = targets["items"][0]["targetId"].replace("${index}", "0")
    assert focus["componentId"] == first_id


def test_the_small_round_screen_leaves_room_at_the_top_for_its_curved_edge() -> None:
    """A long centred first line on Echo Spot (480 dp, round) is clipped by the circle unless it starts
    about 90 dp down."""
    (round_screen,) = [block for block in load_document()["resources"] if "round" in block.get("when", "")]
    assert int(round_screen["dimensions"]["edgeTop"].removesuffix("dp")) >= 90
