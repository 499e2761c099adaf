"""The layering of DESIGN.md, read from the source: content → conversation → speech → handlers → entry
points, never back up; inside the conversation, each role on the ones below it; and no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

SKILL = Path(__file__).resolve().parent.parent / "skill"

# Lower numbers are lower layers; a module may import its own layer and those below.
LAYER_BY_PREFIX: dict[str, int] = {
    "skill.content": 0,
    "skill.reply": 0,
    "skill.conversation": 1,
    "skill.speech": 2,
    "skill.screen": 2,
    "skill.session": 2,
    "skill.serializer": 2,
    "skill.service_clients": 2,
    "skill.deferred_imports": 2,  # like service_clients: keeps what no request uses out of the cold start
    "skill.places": 2,  # the vocabulary of places, as the conversation's events: read by the handlers
    "skill.handlers": 3,
    "skill.builder": 4,
    "skill.web": 5,
    "skill.__main__": 5,
}
# Inside the conversation, the order in which its modules may build on each other (the package's
# ``__init__`` only gathers its public names, for the layers above).
CONVERSATION_ORDER = (
    "state", "events", "say", "modes", "checks", "info", "guide", "opening", "anywhere", "care", "moments",
    "table", "touches",
    "__init__",
)  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(SKILL.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(SKILL.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The skill modules a module imports, anywhere in it (also inside functions); ``from package import
    module`` counts as the module."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return {imported for imported in found if imported in MODULES and imported != name}


# The package itself only keeps what no request uses (pprint, the SDK's service clients) out of the cold
# start, before anything else.
PACKAGE_LAYER = LAYER_BY_PREFIX["skill.service_clients"]


def layer_of(name: str) -> int | None:
    if name == "skill":
        return PACKAGE_LAYER
    matches = [prefix for prefix in LAYER_BY_PREFIX if name == prefix or name.startswith(prefix + ".")]
    return LAYER_BY_PREFIX[max(matches, key=len)] if matches else None


def test_every_module_of_the_skill_has_a_layer() -> None:
    assert [name for name in MODULES if layer_of(name) is None] == []


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{name} -> {imported}"
        for name in MODULES
        for imported in imports_of(name)
        if (layer_of(name) or 0) < (layer_of(imported) or 0)
    ]
    assert upward == []


def test_inside_the_conversation_each_module_builds_only_on_those_below_it() -> None:
    assert {name.rsplit(".", 1)[-1] for name in MODULES if name.startswith("skill.conversation.")} | {
        "__init__"
    } == set(CONVERSATION_ORDER), "a new conversation module needs its place in CONVERSATION_ORDER"

    def rank(name: str) -> int:
        return CONVERSATION_ORDER.index(
            "__init__" if name == "skill.conversation" else name.rsplit(".", 1)[-1]
        )

    conversation = [name for name in MODULES if name.startswith("skill.conversation")]
    upward = [
        f"{name} -> {imported}"
        for name in conversation
        for imported in imports_of(name)
        if imported.startswith("skill.conversation") and rank(imported) >= rank(name)
    ]
    assert upward == []


def test_there_are_no_import_cycles() -> None:
    graph = {name: imports_of(name) for name in MODULES}
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for imported in sorted(graph[name]):
            if state.get(imported) == "open":
                cycles.append(" -> ".join([*path[path.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*path, imported])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
