"""The review document as one self-contained HTML page: inline CSS and SVG, no script, no network.

Sections, each with an ``id`` the browser test looks for: ``summary`` (what to do, the counts, the
flags), ``routing`` (what leads to each safety line, the red-flag questions in order and the misses, each
turn played from the launch: ``routing_page.py``, ``ladders_page.py``), ``conversation``
(the picture, its arrows in words, the red flags and their questions), ``lines`` (every line, by group),
``sources`` (every source key's reference, address, date read and own words), ``listing`` (the store
listing), ``decisions`` (each with its choices, a note, and the behaviour it decides on as heard:
``raised.py``) and ``sign-off`` (``closing.py``).
"""

from __future__ import annotations

from html import escape

from skill.content import load_content, load_locales
from skill.conversation import CHECK_QUESTIONS
from tooling.review.catalogue import Catalogue, Entry
from tooling.review.closing import decisions_section, listing_section, sign_off_section, sources_section
from tooling.review.diagram import arrows, conversation_flow, conversation_svg
from tooling.review.routing_page import routing_section
from tooling.review.sources import (
    DRIFT_THRESHOLD,
    FRAME_WORDS,
    PLAIN_WORDS,
    Reference,
    muscle_words,
    references,
)

SECTIONS = ("summary", "routing", "conversation", "lines", "sources", "listing", "decisions", "sign-off")

CSS = """
:root { color: #111; background: #fff; font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; }
body { max-width: 1180px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { border-bottom: 2px solid #1d3b6b; margin-top: 2em; }
h3 { margin: 1.4em 0 0.3em; color: #1d3b6b; }
.version { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #eef; padding: 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #e8f0fb; }
td.key, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em;
  overflow-wrap: anywhere; }
td.key { width: 15%; } td.said { width: 36%; } td.source { width: 36%; }
.where { color: #444; font-size: 0.85em; display: block; margin-top: 3px; }
.locale { font-weight: bold; }
.seed { display: block; border-left: 3px solid #6a8; padding-left: 6px; margin: 2px 0; }
.overlap { color: #333; font-size: 0.85em; }
.ref, .quote { display: block; margin: 2px 0; } .quote { border-left: 3px solid #68a; padding-left: 6px; }
.flag { display: block; background: #fff0c2; border: 1px solid #a86b00; color: #4a2f00;
  padding: 2px 5px; margin: 3px 0; font-weight: 600; }
.heard { background: #f6f6f6; border: 1px solid #ccc; padding: 6px 8px; margin: 4px 0 8px; }
.note { color: #333; }
svg.flow { width: 100%; height: auto; max-width: 960px; border: 1px solid #ccc; }
svg.flow .mode { font: 14px system-ui, "DejaVu Sans", sans-serif; fill: #111; }
svg.flow .edge { font: 10px system-ui, "DejaVu Sans", sans-serif; fill: #111; }
ul.checklist { list-style: none; padding-left: 0; } ul.choices { list-style: none; padding-left: 1.8em; }
.listing { white-space: pre-wrap; }
ul.checklist li { margin: 6px 0; padding-left: 1.8em; text-indent: -1.8em; }
.box { display: inline-block; width: 1em; height: 1em; border: 1.5px solid #111; margin-right: 0.6em;
  vertical-align: -0.15em; }
.signature td { height: 3em; } .signature th { width: 9em; }
a { color: #0b4a9e; }
table.routes td { font-size: 0.95em; } ul.leads { margin: 0; padding-left: 1.1em; }
ul.families { columns: 2; column-gap: 24px; padding-left: 1.1em; font-size: 0.9em; }
ul.families li { break-inside: avoid; margin-bottom: 2px; } .count { color: #444; }
h3 .intent { font-weight: normal; font-size: 0.8em; } h4 { margin: 1em 0 0.3em; }
ol.turns { padding-left: 1.4em; } li.turn { border: 1px solid #ccc; padding: 4px 8px; margin: 6px 0; }
li.turn dl { display: grid; grid-template-columns: 8.5em 1fr; gap: 2px 8px; margin: 4px 0; }
li.turn dt { font-weight: 600; color: #1d3b6b; } li.turn dd { margin: 0; } p.when { margin: 2px 0; }
p.words { font-size: 0.85em; color: #222; }
ul.plain { list-style: none; padding: 0; margin: 0; } ul.wheres { padding-left: 1.1em; margin: 0 0 3px; }
ul.wheres li { list-style: circle; }
@media (max-width: 700px) {
  body { padding: 8px; font-size: 14px; }
  table.lines, table.lines tbody, table.lines tr, table.lines td { display: block; width: auto; }
  table.lines thead { display: none; }
  table.lines tr { border: 1px solid #999; margin-bottom: 8px; }
  ul.families { columns: 1; } li.turn dl { grid-template-columns: 1fr; }
  table.routes, table.routes tbody, table.routes tr, table.routes td { display: block; width: auto; }
  table.routes thead { display: none; } table.routes tr { border: 1px solid #999; margin-bottom: 8px; }
  table.routes td { border: none; border-top: 1px solid #ddd; }
  table.lines td { border: none; border-top: 1px solid #ddd; }
}
@media print {
  :root { font-size: 10.5pt; } body { max-width: none; padding: 0; }
  h2 { break-before: page; } #summary h2 { break-before: auto; }
  tr, .heard, li { break-inside: avoid; } h3 { break-after: avoid; }
  a { color: #111; text-decoration: none; }
}
"""


def _rendered(entry: Entry) -> str:
    rows = []
    for rendering in entry.renderings:
        locales = (
            "all locales"
            if len(rendering.locales) == len(load_locales().locales)
            else ", ".join(rendering.locales)
        )
        prefix = f'<span class="locale">{escape(locales)}:</span> ' if len(entry.renderings) > 1 else ""
        if entry.is_list:
            items = "".join(f"<li>{escape(item)}</li>" for item in rendering.shown.split("\n"))
            rows.append(
                f'{prefix}<ul>{items}</ul><span class="where">heard: {escape(rendering.heard)}</span>'
            )
        elif rendering.shown != rendering.heard:
            rows.append(
                f"{prefix}heard: \u201c{escape(rendering.heard)}\u201d<br>"
                f"shown: \u201c{escape(rendering.shown)}\u201d"
            )
        else:
            rows.append(f"{prefix}\u201c{escape(rendering.heard)}\u201d")
    return "<br>".join(rows)


def _source_cell(entry: Entry) -> str:
    parts = [f"<code>{escape(entry.source)}</code>"]
    for match in entry.seed_matches:
        several = len(entry.seed_matches) > 1
        of = f" of \u201c{escape(match.line_sentence)}\u201d" if several else ""
        if match.seed is None:
            parts.append(
                f'<span class="seed">\u201c{escape(match.line_sentence)}\u201d: no medical content, matched '
                "to nothing</span>"
            )
            continue
        parts.append(
            f'<span class="seed">Seed: \u201c{escape(match.seed.text)}\u201d '
            f'<span class="overlap">({escape(match.seed.section)}; overlap {match.overlap:.2f}{of})'
            "</span></span>"
        )
    reference = references().get(entry.source)
    if reference is not None and entry.source != "seed":
        parts.append(provenance(reference, entry.source_row or None, every_row=False))
    elif entry.reference:
        parts.append(escape(entry.reference))
    return " ".join(parts)


OWN_WORDS = "Its own words, as CONTENT-SOURCES.md quotes them (this document did not open the page)"
OUR_SUMMARY = "our summary (CONTENT-SOURCES.md's words, not the source's)"


def provenance(reference: Reference, muscle: str | None = None, *, every_row: bool = True) -> str:
    """An outside source: the reference, its full address, when it was read, and its own words where
    CONTENT-SOURCES.md quotes them; what it gives only in summary is labelled as our summary, and a quotation
    that is our wording (``sources.ADAPTED``) as ours. For one line, ``muscle`` picks the stretch table's
    row that line says, so a line is never shown beside words quoted for another row."""
    if reference.read_on:
        read = f"read {escape(reference.read_on)}"
    elif reference.to_confirm:
        read = "<strong>not re-read: CONTENT-SOURCES.md says the page could not be found again</strong>"
    else:
        read = "<strong>CONTENT-SOURCES.md gives no date it was read</strong>"
    if reference.page_dated:
        read += f" (the page itself is dated {escape(reference.page_dated)})"
    urls = ", ".join(f"<code>{escape(url)}</code>" for url in reference.addresses()) or "no address given"
    if reference.site_only():
        urls += " <strong>(only the site is given, not the page's own address: to confirm)</strong>"
    rows = [row for row in reference.rows if row.muscle == muscle] if muscle else []
    if not muscle and every_row:
        rows = list(reference.rows)
    words: list[str] = []
    for row in rows:
        words.append(f"{escape(row.muscle)}: {OUR_SUMMARY}: {escape(row.summary)}")
        if row.quoted:
            words.append(f"{OWN_WORDS}: " + "; ".join(f"\u201c{escape(q)}\u201d" for q in row.quoted))
    if not reference.rows:
        if reference.quoted:
            words.append(f"{OWN_WORDS}: " + "; ".join(f"\u201c{escape(q)}\u201d" for q in reference.quoted))
        if reference.summary:
            words.append(f"{OUR_SUMMARY[:1].upper()}{OUR_SUMMARY[1:]}: {escape(reference.summary)}")
    for quote in reference.adapted:
        words.append(
            "Our wording after this page, not its own words: CONTENT-SOURCES.md puts "
            f"\u201c{escape(quote)}\u201d in quotes, but \u201cthe local number\u201d stands for each "
            "locale's emergency number; the page's own words are not given"
        )
    if not rows or every_row:
        words += [f"{escape(topic)}: {OUR_SUMMARY}: {escape(said)}" for topic, said in reference.prose]
    if not any(text.startswith(OWN_WORDS) for text in words):
        words.append("CONTENT-SOURCES.md quotes none of its words" + (" for this line" if muscle else ""))
    title = reference.text if every_row else reference.text.split(" [", 1)[0]  # its notes are other rows'
    return f'<span class="ref">{escape(title)}</span><span class="where">{urls}; {read}</span>' + "".join(
        f'<span class="quote">{text}</span>' for text in words
    )


def _line_row(entry: Entry) -> str:
    flags = "".join(f'<span class="flag">\u26a0 {escape(flag)}</span>' for flag in entry.flags)
    where = f'<span class="where">{escape(entry.where)}</span>' if entry.where else ""
    return (
        f'<tr id="key-{escape(entry.key)}"><td class="key">{escape(entry.key)}'
        f"{' (list)' if entry.is_list else ''}</td>"
        f'<td class="said">{_rendered(entry)}{where}</td>'
        f'<td class="source">{_source_cell(entry)}{flags}</td></tr>'
    )


def _undated_sources(used: list[str]) -> list[str]:
    """Outside sources the content uses whose date read CONTENT-SOURCES.md does not give, or whose page it
    names only by its site: each line from one rests on a page nobody recorded reading, or can find."""
    refs = references()
    outside = [key for key in used if key in refs and key != "seed"]
    out = []
    undated = [key for key in outside if not refs[key].read_on]
    if undated:
        out.append(
            "<p>Outside sources with no date read in CONTENT-SOURCES.md (see Sources): "
            + ", ".join(f"<code>{escape(key)}</code>" for key in undated)
            + ".</p>"
        )
    site_only = [key for key in outside if refs[key].site_only()]
    if site_only:
        out.append(
            "<p>Outside sources CONTENT-SOURCES.md names by their site only, not the page's address (see "
            "Sources): " + ", ".join(f"<code>{escape(key)}</code>" for key in site_only) + ".</p>"
        )
    return out


def render_page(catalogue: Catalogue, version: str) -> str:
    """The whole document."""
    entries = catalogue.entries
    flagged = [entry for entry in entries if entry.flags]
    sentence_count = sum(entry.sentence_count for entry in entries)
    used_sources = sorted({entry.source for entry in entries})
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Cramp Coach: content for clinical review ({escape(version)})</title>",
        f"<style>{CSS}</style></head><body>",
        "<header><h1>Cramp Coach: everything the skill says, for clinical review</h1>",
        f'<p>Content version <span class="version">{escape(version)}</span>: a hash of the content files '
        "and the interaction models. The signed version must match the one the running skill logs at "
        "start (see the deploy guide).</p></header><main>",
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
        f"<p>{len(entries)} keys ({sentence_count} sentences and list items), from {len(used_sources)} "
        f"sources, in {len(catalogue.groups)} groups, across {len(load_locales().locales)} locales. "
        f"{len(flagged)} lines are flagged for a closer read.</p>",
        "<p>How to review: read each group in the order of a conversation. Beside each line is its "
        "source: for the seed page, the seed's own sentence it paraphrases; for an allowed addition, "
        "the full reference. Then tick the decisions, and sign.</p>",
        f"<p>What is flagged: a source marked \u201cto confirm\u201d in CONTENT-SOURCES.md; a word that "
        f"CONTENT-SOURCES.md writes in capitals and the line leaves out; and a seed line whose "
        f"<em>overlap</em> is under {DRIFT_THRESHOLD:.2f}: the share of its content words (small words "
        f"left out, endings cut, \u201cspasm\u201d and \u201ccramp\u201d as one word) that the seed "
        f"sentence also uses. Not counted against a line, because they add no claim: the frame of a "
        f"question and the skill's own words ({escape(', '.join(sorted(FRAME_WORDS)))}), and the muscle "
        f"being coached ({escape(', '.join(sorted(muscle_words())))}, from CONTENT-SOURCES.md's stretch "
        "table, for the seed's \u201cthe muscle\u201d). Counted as the seed's own word, the ear's plain "
        "word for it: "
        + escape(
            "; ".join(f"\u201c{plain}\u201d for \u201c{seed}\u201d" for plain, seed in PLAIN_WORDS.items())
        )
        + ". A flag asks for a read; it does not say the line is wrong.</p>",
        "<ul>",
    ]
    out += [
        f'<li><a href="#key-{escape(entry.key)}"><code>{escape(entry.key)}</code></a>: '
        f"{escape('; '.join(entry.flags))}</li>"
        for entry in flagged
    ]
    out.append("</ul>")
    out += _undated_sources(used_sources)
    out.append("</section>")
    out += routing_section()
    out += _conversation_section(catalogue)
    out.append(
        '<section id="lines" aria-labelledby="lines-h"><h2 id="lines-h">Every line, by where it is said</h2>'
    )
    for group, group_entries in catalogue.groups:
        out.append(f'<h3 id="group-{group.id}">{escape(group.title)}</h3>')
        if group.note:
            out.append(f'<p class="note">{escape(group.note)}</p>')
        for example in catalogue.examples.get(group.id, []):
            label = (
                "As heard"
                if example.locales.count(",") + 1 == len(load_locales().locales)
                else f"As heard in {example.locales}"
            )
            said = " \u2192 ".join(f"\u201c{escape(words)}\u201d" for words in example.said)
            out.append(
                f'<p class="heard"><strong>{escape(label)}</strong> (played from the launch: the person says '
                f"{said}), the last answer: {escape(example.heard)}</p>"
            )
        out.append(
            '<table class="lines"><thead><tr><th scope="col">Key</th><th scope="col">What is said or shown'
            '</th><th scope="col">Source</th></tr></thead><tbody>'
        )
        out += [_line_row(entry) for entry in group_entries]
        out.append("</tbody></table>")
    out.append("</section>")
    out += sources_section(catalogue, used_sources)
    out += listing_section()
    out += decisions_section()
    out += sign_off_section(catalogue, version)
    out.append("</main></body></html>")
    return "\n".join(out)


def _conversation_section(catalogue: Catalogue) -> list[str]:
    flow = conversation_flow()
    content = load_content()
    out = [
        '<section id="conversation" aria-labelledby="conversation-h"><h2 id="conversation-h">The '
        "conversation</h2><p>Drawn from the skill's transition table at build time. Boxes are where the "
        "person is (what they were last asked); arrows are what moves them on.</p>",
        conversation_svg(flow),
        '<h3>The arrows in words</h3><table><thead><tr><th scope="col">No.</th><th scope="col">From'
        '</th><th scope="col">To</th><th scope="col">When the person says or does</th></tr></thead><tbody>',
    ]
    for number, (source, target, labels) in enumerate(arrows(flow), start=1):
        out.append(
            f"<tr><td>{number}</td><td>{escape(source.replace('_', ' '))}</td>"
            f"<td>{escape(target.replace('_', ' '))}</td><td>{escape(', '.join(labels))}</td></tr>"
        )
    out.append("</tbody></table><p>From anywhere: ")
    out.append(
        "; ".join(
            f"{escape(event)} \u2192 {escape(' or '.join(sorted(t.replace('_', ' ') for t in targets)))}"
            for event, targets in sorted(flow.anywhere.items())
        )
        + ".</p>"
    )
    out.append(
        '<h3>The four red flags and the questions that ask them</h3><table><thead><tr><th scope="col">'
        'Seed\'s reason to call</th><th scope="col">Questions (key: wording)</th></tr></thead><tbody>'
    )
    red_flags = content.item_list("red_flags").items
    for index, red_flag in enumerate(red_flags):
        asked = [q for q in CHECK_QUESTIONS if q.red_flag == index]
        cells = []
        for question in asked:
            keys = sorted(
                k
                for k in content.lines
                if k == f"check.{question.name}" or k.startswith(f"check.{question.name}.")
            )
            cells.append(
                "<br>".join(f"<code>{escape(k)}</code>: {escape(content.line(k).text)}" for k in keys)
            )
        out.append(f"<tr><td>{index + 1}. {escape(red_flag)}</td><td>{'<hr>'.join(cells)}</td></tr>")
    out.append("</tbody></table></section>")
    return out
