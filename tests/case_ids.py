"""Short, readable ids for parametrized tests, so that a failing case can be read (and rerun with ``-k``)
without a state's whole repr or an envelope's whole dict filling the line.

An id names what is different about the case: a conversation ``State`` by the fields that differ from a
fresh ``State()``, anything else by its text, cut to a few dozen characters.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, NamedTuple

# Long enough to tell the cases of one test apart, short enough that the whole id stays readable.
LIMIT = 30


def short(value: object, limit: int = LIMIT) -> str | None:
    """A text value on one line, cut to ``limit`` characters (ASCII dots: pytest would escape others);
    None for anything else, which leaves pytest's own id (numbers as they are, objects named by index)."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _field(name: str, value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if value is True:
        return name
    if isinstance(value, frozenset | set):
        return f"{name}={len(value)}"
    return f"{name}={value}"


def state_id(state: NamedTuple) -> str:
    """The fields that differ from the default state, the mode first: ``guide,massage,calf,holds=2``.
    Enum values stand alone (each names its own field); a true flag is its name."""
    fresh = type(state)()
    changed = [
        _field(name, value)
        for name, value in zip(state._fields, state, strict=True)
        if name == "mode" or value != getattr(fresh, name)
    ]
    return ",".join(changed)
