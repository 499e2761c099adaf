"""The routing section's two sequences as HTML: the red-flag questions in the order asked, with what each
answer leads to, and the misses in a row, each as played from the launch (``ladders.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from skill.content import load_content
from tooling.review.ladders import Checks, checks_orders, miss_ladders
from tooling.review.played import Played


def _q(text: str) -> str:
    return f"\u201c{escape(text)}\u201d"


def said_before(turns: Sequence[Played]) -> str:
    """What the person said to get here, in order, from the launch."""
    return " \u2192 ".join(_q(turn.said) for turn in turns)


def _answer(played: Played | None) -> str:
    if played is None:
        return "(not asked again: the first \u201cnot sure\u201d already moved on)"
    then = "<strong>the session ends</strong>" if played.ends else "the conversation goes on"
    card = (
        f'<span class="where">and a card in the Alexa app: {_q(played.card[0])}</span>' if played.card else ""
    )
    return f'{_q(played.speech)}{card}<span class="where">{then}</span>'


def _entry(checks: Checks) -> str:
    assert checks.entry is not None
    return (
        f"<p><strong>Played from the launch:</strong> {said_before(checks.entry.turns)}. "
        f"The same questions, in the same words, follow from: {escape(checks.row.where())}.</p>"
    )


class _Shown:
    """Answers already shown in a column: said again, they point back instead of repeating the words."""

    def __init__(self) -> None:
        self.where: dict[tuple[str, str, bool], str] = {}

    def cell(self, column: str, played: Played | None, here: str) -> str:
        if played is None:
            return _answer(None)
        key = (column, played.speech, played.ends)
        if key in self.where:
            ends = "; the session ends" if played.ends else ""
            return f"the same words as {escape(self.where[key])}{ends}"
        self.where[key] = here
        return _answer(played)


def checks_order_section() -> list[str]:
    red_flags = load_content().item_list("red_flags").items
    orders = checks_orders()
    shown = _Shown()
    out = [
        '<h3 id="checks-order">The red-flag questions, in the order they are asked</h3>',
        f"<p>Each question is asked only after a no to the one before it. There are {len(orders)} ways the "
        "questions run (their words change when a cramp is being coached, when it has gone, and a question "
        "whose answer is already known is left out); each is shown as played from the launch. A yes "
        "ends the session with the advice to call; a first \u201cnot sure\u201d asks the same question "
        "in other words; the column after it is what a second \u201cnot sure\u201d says. An answer whose "
        "words were already shown above says where, instead of repeating them.</p>",
    ]
    for number, checks in enumerate(orders, start=1):
        out.append(f'<h4 id="checks-way-{number}">Way {number} into the questions</h4>')
        out.append(_entry(checks))
        out.append(
            '<table class="routes checks"><thead><tr><th scope="col">No.</th><th scope="col">Question as '
            'heard (the seed\'s reason it asks about)</th><th scope="col">Yes</th><th scope="col">Not sure'
            '</th><th scope="col">Not sure again</th><th scope="col">No</th></tr></thead><tbody>'
        )
        for step in checks.steps:
            here = f"way {number}, No. {step.number}"
            no = (
                shown.cell("no", step.no, here)
                if step.no.ends
                else f"the next question (No. {step.number + 1})"
            )
            out.append(
                f'<tr><td>{step.number}</td><td>{_q(step.question)}<span class="where">'
                f"{escape(red_flags[step.red_flag])}</span></td><td>{shown.cell('yes', step.yes, here)}</td>"
                f"<td>{shown.cell('unsure', step.unsure, here)}</td>"
                f"<td>{shown.cell('unsure again', step.unsure_again, here)}</td><td>{no}</td></tr>"
            )
        out.append("</tbody></table>")
    return out


def miss_ladder_section() -> list[str]:
    ladders = miss_ladders()
    width = max(len(ladder.played) for ladder in ladders)
    ordinal = ["First", "Second", "Third", "Fourth", "Fifth"]
    heads = "".join(f'<th scope="col">{ordinal[n]} miss in a row</th>' for n in range(width))
    shown = _Shown()
    out = [
        '<h3 id="misses">Turns not understood in a row (the misses)</h3>',
        f"<p>What Cramp Coach says when it does not understand the person (here they say "
        f"{_q(ladders[0].played[0].said)}, which the model hears as no intent), once, twice and more in a "
        f"row, in each of the {len(ladders)} places where what it says or when it ends differs. Each row is "
        "played from the launch; \u201cwhere\u201d says every place that row stands for. Anything the skill "
        "does understand in between starts the count again. An answer whose words were already shown in "
        "its column says in which row, instead of repeating them.</p>",
        f'<table class="routes misses"><thead><tr><th scope="col">Where (played from the launch)</th>{heads}'
        "</tr></thead><tbody>",
    ]
    for number, ladder in enumerate(ladders, start=1):
        cells = "".join(
            f"<td>{shown.cell(str(n), ladder.played[n], f'row {number}')}</td>"
            if n < len(ladder.played)
            else "<td>\u2014</td>"
            for n in range(width)
        )
        ends = f"ends at the {ordinal[ladder.ends_at - 1].lower()} miss" if ladder.ends_at else "does not end"
        out.append(
            f'<tr><td><strong>Row {number}: {escape(ladder.row.where())}</strong><span class="where">'
            f"{ends}; played: {said_before(ladder.before)}</span></td>{cells}</tr>"
        )
    out.append("</tbody></table>")
    return out
