"""The review document's closing sections: the sources with their own words, the store listing, the
decisions left to the clinician with a choice for each, and the sign-off, which names what is signed and
offers approve or reject, beside the record a machine checks (``signoff.py``)."""

from __future__ import annotations

from html import escape

from skill.content import load_content
from tooling.review.catalogue import Catalogue
from tooling.review.listing import FIELDS, SKILL_JSON, listing, listing_digest, testing_instructions
from tooling.review.played import Played
from tooling.review.raised import FROM_CONTENT_SOURCES, KEEP_HEARD, Decision, open_decisions
from tooling.review.routing import routes, safety_lines
from tooling.review.signoff import PARTS, RECORD, SIGNED_RECORD, VERDICT_WORDS, choices, routing_digest
from tooling.review.sources import REPO, references

BOX = '<span class="box" aria-hidden="true"></span>'
NOTE = '<table class="signature"><tbody><tr><th scope="row">Note</th><td></td></tr></tbody></table>'


def sources_section(catalogue: Catalogue, used_sources: list[str]) -> list[str]:
    from tooling.review.page import provenance

    content = load_content()
    entries = catalogue.entries
    refs = references()
    out = [
        '<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Sources</h2>',
        "<p>An outside source is shown with its full address (or, where CONTENT-SOURCES.md names only the "
        "site, that said), the date CONTENT-SOURCES.md says it was read (or that it gives none), and its own "
        "words where CONTENT-SOURCES.md quotes them. This document was made without opening any web page: "
        "the words are as CONTENT-SOURCES.md quotes them, not checked against the live page. What "
        "CONTENT-SOURCES.md gives only in short is labelled \u201cour summary\u201d: those are our words "
        "about the source, never the source's. A quotation in CONTENT-SOURCES.md that is our own wording "
        "(\u201cthe local number\u201d, which no one country's page says) is labelled as ours.</p>",
        '<table><thead><tr><th scope="col">Key</th><th scope="col">Reference</th>'
        '<th scope="col">Lines</th></tr></thead><tbody>',
    ]
    for key in used_sources:
        count = sum(1 for entry in entries if entry.source == key)
        if key in refs and key != "seed":
            cell = provenance(refs[key])
        else:
            cell = escape(catalogue.sources.get(key, content.sources.get(key, "")))
        out.append(f"<tr><td><code>{escape(key)}</code></td><td>{cell}</td><td>{count}</td></tr>")
    out.append("</tbody></table></section>")
    return out


def listing_section() -> list[str]:
    out = [
        '<section id="listing" aria-labelledby="listing-h"><h2 id="listing-h">The store listing</h2>',
        f"<p>What the Alexa skill store shows before anyone enables the skill, from "
        f"<code>{escape(SKILL_JSON.relative_to(REPO).as_posix())}</code>, in every locale (merged where the "
        f'text is the same). Listing digest <span class="version">{listing_digest()}</span>: the sign-off '
        "record carries it beside the content version.</p>",
        '<table><thead><tr><th scope="col">Field</th><th scope="col">Locales</th><th scope="col">Text</th>'
        "</tr></thead><tbody>",
    ]
    for text in listing():
        shown = (
            "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in text.text) + "</ul>"
            if isinstance(text.text, tuple)
            else f'<span class="listing">{escape(text.text)}</span>'
        )
        out.append(
            f"<tr><td>{escape(FIELDS[text.field])}</td><td>{escape(', '.join(text.locales))}</td>"
            f"<td>{shown}</td></tr>"
        )
    out.append(
        f"</tbody></table><p>Testing instructions for Amazon's reviewers: "
        f"\u201c{escape(testing_instructions())}\u201d</p></section>"
    )
    return out


def _conversation(turns: tuple[Played, ...]) -> str:
    rows = "".join(
        f"<li><strong>The person:</strong> \u201c{escape(turn.said)}\u201d "
        f'<span class="where">heard as {escape(turn.heard_as)}</span>'
        f"<strong>Cramp Coach:</strong> \u201c{escape(turn.speech)}\u201d"
        + (' <span class="where"><strong>the session ends</strong></span>' if turn.ends else "")
        + "</li>"
        for turn in turns
    )
    return f'<ol class="heard-now">{rows}</ol>'


def _until(decision: Decision) -> str:
    """What holds until the decision is taken, in the decision's own terms (CONTENT-SOURCES.md's one
    sentence for all of its decisions is about urgency, which most of them are not)."""
    return decision.until if decision.keep == KEEP_HEARD else f"Until decided: {decision.keep}."


def decisions_section() -> list[str]:
    decisions = open_decisions()
    listed = sum(1 for decision in decisions if decision.origin == FROM_CONTENT_SOURCES)
    out = [
        '<section id="decisions" aria-labelledby="decisions-h"><h2 id="decisions-h">Decisions for the '
        f"clinician</h2><p>{listed} from CONTENT-SOURCES.md, and {len(decisions) - listed} raised by a "
        "clinician's read of this document. The skill decides none of these silently: until one is "
        "decided, the skill keeps what it does now, and where a conversation shows that, it is played "
        "from the launch below, as heard. Tick one choice for each, and write a note (required for "
        "\u201cOther\u201d); the sign-off covers them.</p><ol>",
    ]
    for number, decision in enumerate(decisions, start=1):
        options = "".join(
            f"<li>{BOX}{escape(choice.words)}.</li>" for choice in choices(decision.text, decision.keep)
        )
        raised = f'<p class="note">Found in review: {escape(decision.raised)}</p>' if decision.raised else ""
        heard = "".join(
            f"<p><strong>As heard now</strong> (played from the launch):</p>{_conversation(turns)}"
            for turns in decision.heard()
        )
        out.append(
            f'<li id="decision-{number}"><p>{escape(decision.text)}. <span class="where">From '
            f"{escape(decision.origin)}. {escape(_until(decision))}</span></p>{raised}{heard}"
            f'<ul class="choices">{options}</ul>'
            f"{NOTE}</li>"
        )
    out.append("</ol></section>")
    return out


def sign_off_section(catalogue: Catalogue, version: str) -> list[str]:
    decisions = open_decisions()
    signed = [
        f'<strong>Wording</strong>: every line of content version <span class="version">{escape(version)}'
        f"</span> ({len(catalogue.entries)} keys), each against its source.",
        f"<strong>Routing</strong>: what leads to each of the {len(safety_lines())} safety lines, from "
        f"{len(routes())} kinds of event, the red-flag questions in their order and the misses, and "
        f'whether the session ends (routing digest <span class="version">{routing_digest()}</span>).',
        "<strong>Store listing</strong>: every locale (listing digest "
        f'<span class="version">{listing_digest()}</span>).',
        f"<strong>Decisions</strong>: the {len(decisions)} above, each with the choice ticked and its note.",
    ]
    verdicts = "".join(f"<li>{BOX}{escape(words)}.</li>" for words in VERDICT_WORDS.values())
    conditions = "".join(f'<tr><th scope="row">Condition {n}</th><td></td></tr>' for n in range(1, 3))
    parts = [
        f'<h3 id="verdict-{part}">Verdict on the {escape(title.lower())}</h3>'
        f'<p>(tick one, or leave this part unticked if it is not reviewed yet)</p><ul class="choices">'
        f'{verdicts}</ul><table class="signature"><tbody>{conditions}'
        '<tr><th scope="row">Reasons</th><td></td></tr></tbody></table>'
        for part, title in PARTS.items()
    ]
    signer = "".join(
        f'<tr><th scope="row">{label}</th><td></td></tr>' for label in ("Name", "Role", "Date", "Signature")
    )
    return [
        '<section id="sign-off" aria-labelledby="sign-off-h"><h2 id="sign-off-h">Sign-off</h2>',
        "<p>I have reviewed, and sign for:</p><ul>"
        + "".join(f"<li>{item}</li>" for item in signed)
        + "</ul>",
        "<p>The wording, the routing and the store listing are approved or rejected each on its own: a "
        "verdict on one does not sign the others. Conditions are required when approving with conditions "
        "(add lines as needed); the decisions above are part of the wording and the routing.</p>",
        *parts,
        '<h3 id="signer">Signed by</h3>'
        f'<p>Required for any verdict given.</p><table class="signature"><tbody>{signer}</tbody></table>',
        f"<p>The same sign-off, for a machine: <code>{RECORD}</code> beside this page holds this version, "
        "both digests, the decisions with their choices and notes, a verdict for each part "
        f"({', '.join(f'<code>{part}</code>' for part in PARTS)}: "
        f"{', '.join(f'<code>{v}</code>' for v in VERDICT_WORDS)}, or <code>null</code> while not "
        "reviewed) with its conditions and reasons, and the <code>signer</code> (name, role, date "
        f"written YYYY-MM-DD); filled in and committed as "
        f"<code>{escape(SIGNED_RECORD.relative_to(REPO).as_posix())}</code>, "
        "<code>make review</code> checks it against the content version the running skill logs, and fails "
        "when they differ, when no verdict is given, when a verdict is given and the signer is not filled "
        "in, when a decision answered \u201cOther\u201d has no note, or when a part approved with "
        "conditions lists none.</p></section>",
    ]
