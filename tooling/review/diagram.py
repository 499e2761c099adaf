"""The conversation as a picture: an SVG drawn from ``TRANSITIONS`` itself, in pure Python (no Graphviz).

Where each (mode, event) leads is found by stepping it from the states the conversation tests walk; an
event that leads to the same place from most modes (help, stop, an emergency, naming a muscle) is
listed once, in the legend ("from anywhere"), not drawn as an arrow out of every box. Modes are placed
in rows by how many turns they are from the start (breadth first), in the order of ``Mode`` in a row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from skill.conversation import TRANSITIONS, Mode
from tooling.conversation_states import EVERY_EVENT
from tooling.review.said import starting_states

END = "end"
BOX_WIDTH, BOX_HEIGHT, ROW_GAP, WIDTH = 170, 40, 95, 960
ANYWHERE_SHARE = 0.6


@dataclass(frozen=True)
class Flow:
    """The conversation's graph: mode -> next mode (or END) -> the events that lead there."""

    edges: dict[str, dict[str, set[str]]]
    anywhere: dict[str, set[str]]  # event -> where it leads, for events handled alike in every mode


def conversation_flow() -> Flow:
    """Every (mode, event) stepped from the tests' states; an event that leads to the same place from
    most modes (ANYWHERE_SHARE of them) goes in the legend instead of an arrow from each."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)  # (event, target) -> modes it leaves from
    for state in starting_states():
        for event in EVERY_EVENT:
            turn = TRANSITIONS[state.mode, event.kind](state, event)
            target = END if turn.reply.end_session else turn.state.mode.value
            seen[event.kind.value.replace("_", " "), target].add(state.mode.value)
    edges: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    anywhere: dict[str, set[str]] = defaultdict(set)
    for (label, target), modes in seen.items():
        if len(modes) >= ANYWHERE_SHARE * len(Mode):
            anywhere[label].add(target)
            continue
        for mode in modes:
            if mode != target:
                edges[mode][target].add(label)
    return Flow({mode: dict(targets) for mode, targets in edges.items()}, dict(anywhere))


def _ranks(flow: Flow) -> dict[str, int]:
    rank = {Mode.START.value: 0}
    queue = [Mode.START.value]
    while queue:
        mode = queue.pop(0)
        for target in sorted(flow.edges.get(mode, {}), key=_order):
            if target not in rank and target != END:
                rank[target] = rank[mode] + 1
                queue.append(target)
    deepest = max(rank.values(), default=0)
    for mode in Mode:
        rank.setdefault(mode.value, deepest + 1)
    rank[END] = max(rank.values()) + 1
    return rank


def _order(name: str) -> int:
    names = [mode.value for mode in Mode] + [END]
    return names.index(name)


def conversation_svg(flow: Flow | None = None) -> str:
    """The diagram as an inline SVG element, with a title and a description for screen readers."""
    flow = flow or conversation_flow()
    rank = _ranks(flow)
    rows: dict[int, list[str]] = defaultdict(list)
    for name in sorted(rank, key=_order):
        rows[rank[name]].append(name)
    position: dict[str, tuple[float, float]] = {}
    for row, names in rows.items():
        gap = WIDTH / len(names)
        for index, name in enumerate(names):
            position[name] = (gap * index + gap / 2, 30 + row * (BOX_HEIGHT + ROW_GAP))
    height = 30 + (max(rows) + 1) * (BOX_HEIGHT + ROW_GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        'aria-labelledby="flow-title flow-desc" class="flow">',
        '<title id="flow-title">The conversation: modes and what moves between them</title>',
        '<desc id="flow-desc">Drawn from the transition table; each arrow is numbered, and the table '
        "beside the picture says, for each number, which events lead there.</desc>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/>'
        "</marker></defs>",
    ]
    for number, (source, target, _) in enumerate(arrows(flow), start=1):
        parts.append(_arrow(position[source], position[target], str(number)))
    for name, (x, y) in position.items():
        label = name.replace("_", " ")
        fill = "#fde7e7" if name == END else "#e8f0fb"
        parts.append(
            f'<rect x="{x - BOX_WIDTH / 2:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" '
            f'rx="8" fill="{fill}" stroke="#1d3b6b"/>'
            f'<text x="{x:.0f}" y="{y + 25:.0f}" text-anchor="middle" class="mode">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def arrows(flow: Flow) -> list[tuple[str, str, list[str]]]:
    """(from, to, events) of every arrow, numbered in this order in the picture and its table."""
    return [
        (source, target, sorted(labels))
        for source, targets in sorted(flow.edges.items(), key=lambda item: _order(item[0]))
        for target, labels in sorted(targets.items(), key=lambda item: _order(item[0]))
    ]


def _arrow(start: tuple[float, float], end: tuple[float, float], number: str) -> str:
    (x1, y1), (x2, y2) = start, end
    down = y2 > y1
    same_row = y2 == y1
    y_from = y1 + BOX_HEIGHT if down or same_row else y1
    y_to = y2 if down else y2 + BOX_HEIGHT
    bend = 0.0 if down else (60.0 if x2 >= x1 else -60.0)
    cx, cy = (x1 + x2) / 2 + bend, (y_from + y_to) / 2 + (40 if same_row else 0)
    lx, ly = (x1 + 3 * x2 + 4 * cx) / 8, (y_from + 3 * y_to + 4 * cy) / 8
    color = "#444" if down else "#8a4b08"
    return (
        f'<path d="M{x1:.0f},{y_from:.0f} Q{cx:.0f},{cy:.0f} {x2:.0f},{y_to:.0f}" fill="none" '
        f'stroke="{color}" stroke-width="1.2" marker-end="url(#arrow)"/>'
        f'<circle cx="{lx:.0f}" cy="{ly:.0f}" r="9" fill="#fff" stroke="{color}"/>'
        f'<text x="{lx:.0f}" y="{ly + 4:.0f}" text-anchor="middle" class="edge">{number}</text>'
    )
