"""The review's routing section, as HTML: each safety line and what leads to it, then each safety event
with the words people say for it (per locale), the place words Alexa may fill a cramp's slot with, and
every way it is answered, played from the launch through the Lambda handler (``played.py``) and shown
as heard: how the conversation got there, what the person had just been asked, what they said, what
Cramp Coach says, and what comes next; then the red-flag questions in order and the misses
(``ladders_page.py``).

Everything here is read from ``tooling.review.routing`` and ``tooling.review.phrases`` at build time; this
module only lays it out.
"""

from __future__ import annotations

from functools import cache
from html import escape

from skill.content import load_content, load_locales
from skill.conversation import Event, EventKind
from skill.conversation.events import CRAMP_INTENT, EVENT_BY_INTENT, MUSCLE_SLOT
from skill.places import PLACES, WORDS_IN_PLACE
from tooling.review.ladders_page import checks_order_section, miss_ladder_section, said_before
from tooling.review.phrases import (
    intent_phrases,
    locale_models,
    readable,
    samples_with_slot,
    slot_value_words,
)
from tooling.review.played import (
    Conversation,
    NotHeardAsMeantError,
    invocation,
    play_events,
    utterance,
)
from tooling.review.routing import (
    NAVIGATION_SOURCE,
    Route,
    Row,
    SafetyLine,
    heard,
    last_question,
    line_id,
    reachable,
    routes,
    safety_lines,
    variants,
)
from tooling.review.words import event_phrase, places, touch_labels

SLOT_EXAMPLES = 3


def route_id(kind: EventKind) -> str:
    return f"route-{kind.value.replace('_', '-')}"


def _q(text: str) -> str:
    return f"\u201c{escape(text)}\u201d"


def _line_text(line: SafetyLine) -> str:
    return heard((line.part,))


def _numbers() -> str:
    numbers = [f"{name}: {locale.emergency_number.text}" for name, locale in load_locales().locales.items()]
    return "; ".join(numbers)


def routing_section() -> list[str]:
    lines = safety_lines()
    all_routes = routes()
    first_locale = next(iter(load_locales().locales))
    out = [
        '<section id="routing" aria-labelledby="routing-h"><h2 id="routing-h">What leads to each safety '
        "line</h2>",
        "<p>Made when this document is built, by running the skill's conversation itself on every event "
        "that tells the skill something about the person's health, and on a turn it did not understand, "
        "from every place in the conversation. The words people say are the interaction model's own, in "
        "each locale, as Alexa is given them; nothing in this section is written by hand. Turns are shown "
        f"as heard in {escape(first_locale)}; the emergency number is each locale's own "
        f"({escape(_numbers())}). "
        "Where a muscle matters, the calf stands for every muscle: the muscle changes the stretch's words "
        "(in the lines section), never where a safety event leads.</p>",
        f"<p>{len(lines)} safety lines, reached by {len(all_routes)} kinds of event. Every turn shown is a "
        "conversation played through the skill from the launch (\u201copen cramp coach\u201d, or "
        "\u201cask cramp coach ...\u201d), each thing the person says heard by the locale's model and "
        "answered by the skill's own code, as Alexa would send it. After the table: "
        '<a href="#checks-order">the red-flag questions in the order they are asked</a>, '
        '<a href="#misses">the misses in a row</a>, then each kind of event with the words people say '
        "for it and every way it is answered.</p>",
        '<table class="routes"><thead><tr><th scope="col">Safety line</th><th scope="col">What leads to it'
        '</th><th scope="col">Session</th></tr></thead><tbody>',
    ]
    for line in lines:
        leads = []
        by_phrase: dict[tuple[str, str], list[Row]] = {}
        for _, row in line.routes:  # every row that says the line, under the words its example is played with
            last = played(row).turns[-1]
            by_phrase.setdefault((said_words(last.said), last.heard_as), []).append(row)
        for (said, intent), rows in by_phrase.items():
            route = next(r for r, row in line.routes if row is rows[0])
            wheres = "".join(f"<li>{_where_asked(row)}</li>" for row in rows)
            leads.append(
                f'<li>{_q(said)} (<a href="#{route_id(route.kind)}">{escape(intent)}</a>'
                f"{_sample_of(intent)}):"
                f'<ul class="wheres">{wheres}</ul></li>'
            )
        ends = {True: "ends", False: "goes on", None: "ends or goes on (see each route)"}[line.ends_always]
        content = load_content()
        source = content.lists[line.part.key].source if line.part.key in content.lists else line.source
        opens = ""
        if source == NAVIGATION_SOURCE:  # a short opener ("Good."): the answer it opens says the rest
            opens = f'<span class="where">opens: {_q(heard(line.routes[0][1].example.answer))}</span>'
        out.append(
            f'<tr id="safety-{escape(line.id.replace(" ", "-"))}"><td>{_q(_line_text(line))}{opens}'
            f"{_per_locale(line)}"
            f'<span class="where"><code>{escape(line.id)}</code> \u00b7 source <code>{escape(source)}</code>'
            f'</span></td><td><ul class="leads">{"".join(leads)}</ul></td><td>{ends}</td></tr>'
        )
    out.append("</tbody></table>")
    out += checks_order_section()
    out += miss_ladder_section()
    for route in all_routes:
        out += _route(route)
    out.append("</section>")
    return out


def said_words(said: str) -> str:
    """What the person said, without the "ask cramp coach" that opens a new session with it."""
    for opening in (f"ask {invocation()} ", f"tell {invocation()} "):
        if said.startswith(opening):
            return said.removeprefix(opening)
    return said


def _sample_of(intent: str) -> str:
    """That the phrase is one of many the intent's model holds: ", one of its 872 phrases"."""
    totals = intent_phrases(intent).totals
    first = next(iter(totals), None)
    if first is None or not totals[first]:
        return ""
    return f", one of its {totals[first]:,} phrases in {escape(first)}"


def in_each_locale(line: SafetyLine) -> tuple[dict[str, list[str]], bool]:
    """The line as heard in each locale, each played from the launch in that locale (its model hearing
    each thing said, its emergency number): heard text -> the locales that hear it, and whether every
    locale's reply names that locale's own emergency number. The first row that leads to the line is
    played; a reply that does not say the line fails the build."""
    return _in_each_locale(line.id)


@cache
def _in_each_locale(line_id: str) -> tuple[dict[str, list[str]], bool]:
    line = next(found for found in safety_lines() if found.id == line_id)
    _, row = line.routes[0]
    heard_in: dict[str, list[str]] = {}
    own_number = True
    for locale, registered in load_locales().locales.items():
        last = play_events([*row.path(), row.example.event], locale).turns[-1]
        text = heard((line.part,), locale)
        if text not in last.speech:
            raise NotHeardAsMeantError(f"{line.id} in {locale}: {last.said!r} is answered {last.speech!r}")
        heard_in.setdefault(text, []).append(locale)
        own_number = own_number and registered.emergency_number.speech in last.speech
    return heard_in, own_number


def _per_locale(line: SafetyLine) -> str:
    heard_in, own_number = in_each_locale(line)
    _, row = line.routes[0]
    said = _q(said_words(played(row).turns[-1].said))
    number = " Each reply names the locale's own emergency number." if own_number else ""
    if len(heard_in) == 1:
        return (
            f'<span class="where">Played from the launch in every locale ({said} or its own words): '
            f"the same words in each.{number}</span>"
        )
    each = "; ".join(f"{escape(', '.join(locales))}: {_q(text)}" for text, locales in heard_in.items())
    return (
        f'<span class="where">Played from the launch in each locale ({said} or its own words): {each}</span>'
    )


def _where_asked(row: Row) -> str:
    """Where, and, in one place, every question just asked there (all of them: none is left out), or that
    it is any question asked there."""
    where = escape(row.where())
    if len(row.modes) != 1:
        return where
    befores = row.befores(limit=10_000)
    every = mode_questions(row.modes[0])
    if len(befores) > 1 and set(befores) == every:
        return f"{where}, at any of the {len(every)} questions asked there"
    asked = " or ".join(_q(text) for text in befores)
    return f"{where}, just asked {asked}"


@cache
def mode_questions(mode: str) -> frozenset[str]:
    """Every question, as heard, that a conversation has just asked in ``mode``."""
    return frozenset(
        heard(question)
        for state in reachable()
        if state.mode.value == mode and (question := last_question(state))
    )


def _said_for(route: Route) -> str:
    """Each way of telling the event, with the intent that hears it: one phrase stands for one intent."""
    told = []
    for event in variants(route.kind):
        intents = [i for i in route.source.intents if EVENT_BY_INTENT.get(i) == event]
        names = escape(", ".join(intents) or _event_title(route))
        told.append(f'{_q(utterance(event))} <span class="intent">({names})</span>')
    return ", or ".join(told)


def _event_title(route: Route) -> str:
    intents = ", ".join(route.source.intents) or "the skill opening"
    return f"{intents}"


def _route(route: Route) -> list[str]:
    out = [
        f'<h3 id="{route_id(route.kind)}">When the person says {_said_for(route)}</h3>',
    ]
    touches = touch_labels(route.kind)
    if touches:
        out.append(
            f"<p>On a screen, touching {' or '.join(_q(label) for label in touches)} means the same.</p>"
        )
    for intent in route.source.intents:
        out += _phrases(intent)
    out += _slot_readings(route.kind)
    out.append(f'<h4>How it is answered ({_ways(len(route.rows))} to safety)</h4><ol class="turns">')
    out += [_turn(route, row) for row in route.rows]
    out.append("</ol>")
    if route.elsewhere:
        modes = sorted({mode for row in route.elsewhere for mode in row.modes})
        out.append(
            f'<p class="note">Elsewhere ({escape(places(modes))}), {_q(route.phrase)} only answers the '
            "question "
            f"that was asked, in {len(route.elsewhere)} other ways; none of them says a safety line or ends "
            "the session.</p>"
        )
    return out


def played(row: Row) -> Conversation:
    """The row's example played through the skill from the launch, held to the conversation's own step:
    a path that does not lead where the routing says fails the build, never shows other words."""
    example = row.example
    conversation = play_events([*row.path(), example.event])
    last = conversation.turns[-1]
    if last.speech != heard(example.turn.reply.speech) or last.ends != example.ends:
        said = " / ".join(turn.said for turn in conversation.turns)
        raise NotHeardAsMeantError(f"played ({said}) the skill said {last.speech!r}, not the routing's turn")
    return conversation


def _ways(count: int) -> str:
    return f"{count} way that matters" if count == 1 else f"{count} ways that matter"


def _card(card: tuple[str, str] | None) -> str:
    if card is None:
        return ""
    title, body = card
    return f'<span class="where">Card in the Alexa app: {_q(title)}, with {_q(" ".join(body.split()))}</span>'


def _turn(route: Route, row: Row) -> str:
    example = row.example
    conversation = played(row)
    *earlier, last = conversation.turns
    asked = heard(example.question) if example.question else ""
    others = [text for text in row.befores() if text != asked]
    if earlier:
        before = f"<li>{_q(earlier[-1].speech)}</li>"
    else:
        before = "<li>(nothing yet: the first thing said opens the skill)</li>"
    elsewhere = "".join(f"<li>{_q(text)}</li>" for text in others)
    if len(row.befores(limit=len(row.befores()) + 1)) > len(row.befores()):
        elsewhere += "<li>(and other questions too)</li>"
    start = (
        f"a new session: the person says {said_before(earlier)}"
        if earlier
        else "a new session: this is the first thing said"
    )
    answer = ", ".join(line_id(part) for part in example.answer)
    then = "the session ends" if last.ends else f"the conversation goes on: {_q(last.reprompt)}"
    also = (
        "<dt>Also after</dt><dd>the same answer follows in other conversations, just asked: "
        f'<ul class="plain">{elsewhere}</ul></dd>'
        if elsewhere
        else ""
    )
    return (
        f'<li class="turn"><p class="when"><strong>{escape(row.where())}</strong></p>'
        f"<dl><dt>Played from the launch</dt><dd>{start}</dd>"
        f'<dt>Cramp Coach had just said</dt><dd><ul class="plain">{before}</ul></dd>{also}'
        f'<dt>The person</dt><dd>{_q(last.said)} <span class="where">heard as {escape(last.heard_as)}'
        f"</span></dd>"
        f"<dt>Cramp Coach</dt><dd>{_q(last.speech)}{_card(last.card)}"
        f'<span class="where">lines: <code>{escape(answer)}</code></span></dd>'
        f"<dt>Then</dt><dd>{then}</dd></dl></li>"
    )


def _phrases(intent: str) -> list[str]:
    phrases = intent_phrases(intent)
    totals = phrases.totals
    if not any(totals.values()):
        return [
            f"<p>{escape(intent)}: Alexa's own built-in intent, with no samples of ours; Alexa sends it for "
            "anything the model does not match.</p>"
        ]
    counts = ", ".join(f"{locale} {count:,}" for locale, count in totals.items())
    shown = sum(len(family.examples()) for family in phrases.families)
    most = max(totals.values())
    out = [
        f'<h4>What people say: {escape(intent)}</h4><p class="note">{len(phrases.families)} phrase families '
        f"(phrases per locale: {escape(counts)}). A family is one way of saying it; a sample of its phrases "
        f"is shown, each family with how many of its phrases are shown: {shown:,} of {most:,} shown in "
        "all. Every word the phrases use is listed after them, so that a missing word can be checked.</p>",
        '<ul class="families">',
    ]
    every = set(totals)
    for family in phrases.families:
        own = (
            ""
            if set(family.locales) == every
            else f' <span class="locale">{escape(", ".join(family.locales))} only</span>'
        )
        examples = " \u00b7 ".join(_q(example) for example in family.examples())
        of = f"{len(family.examples())} of {family.count():,} shown"
        out.append(f'<li>{examples} <span class="count">({of})</span>{own}</li>')
    out.append("</ul>")
    out.append(
        '<p class="words"><strong>Every word its phrases use</strong> (a word not listed here is in none of '
        f"them, in any locale): {escape(' '.join(phrases.words()))}</p>"
    )
    only = phrases.only_in()
    if only:
        out.append("<p>Each locale's own words: " + "; ".join(
            f"<strong>{escape(locale)}</strong>: {', '.join(_q(e) for e in examples[:4])}"
            for locale, examples in only.items()
        ) + ".</p>")  # fmt: skip
    return out


def _event_phrase(kind: EventKind) -> str:
    return event_phrase(Event(kind))


def _slot_readings(kind: EventKind) -> list[str]:
    """The cramp's place words that the skill reads as this event rather than as a muscle."""
    ids = [place.id for place in PLACES if place.event.kind is kind]
    words = [word for found in WORDS_IN_PLACE if found.event.kind is kind for word in found.words]
    if not (ids or words):
        return []
    model = next(iter(locale_models().values()))
    intent = next(i for i in model["intents"] if i["name"] == CRAMP_INTENT)
    slot_type = next(slot["type"] for slot in intent.get("slots", []) if slot["name"] == MUSCLE_SLOT)
    slot_types = {MUSCLE_SLOT: slot_type}
    # Sentences, not the bare place: the shortest samples that say "my <place>".
    mine = "my {" + MUSCLE_SLOT + "}"
    templates = [t for t in samples_with_slot(CRAMP_INTENT, MUSCLE_SLOT) if mine in t][:SLOT_EXAMPLES]
    out = [f"<h4>Also: a cramp named in a place that is no muscle to coach ({escape(CRAMP_INTENT)})</h4><ul>"]
    for value_id in ids:
        # The possessives ("calf's") the generator adds to every value are left out: the same words.
        place_words = [w for w in slot_value_words(slot_type, value_id) if not w.endswith("'s")]
        fills = [place_words[(index + 1) % len(place_words)] for index in range(len(templates))]
        examples = [
            readable(t, slot_types, {MUSCLE_SLOT: fill}) for t, fill in zip(templates, fills, strict=True)
        ]
        out.append(
            f"<li>Alexa matches the place to {_q(place_words[0])}, said as any of "
            f"{', '.join(_q(w) for w in place_words)}: for example "
            f"{', '.join(_q(e) for e in examples)}.</li>"
        )
    if words:
        priority = ", then ".join(
            dict.fromkeys(_q(_event_phrase(found.event.kind)) for found in WORDS_IN_PLACE)
        )
        out.append(
            "<li>Alexa could not match the place, and its words hold any of "
            f"{', '.join(_q(w) for w in words)} "
            f"(when words of several kinds are there, the order is: {priority}).</li>"
        )
    out.append("</ul>")
    return out
