"""The sign-off as a record a machine can check: what is signed (the wording, the routing, the store
listing, and each decision left to the clinician, with the choice taken and a note, required for
"other"), and for each of the wording, the routing and the store listing its own verdict (approve, approve
with conditions, each listed, or reject) with its reasons, and who signed (name, role, date), for one
content version. A part may be left without a verdict (not reviewed yet); any verdict needs the signer.

``make review`` writes ``sign-off.json`` beside the page: the record to fill in, for the version just
built. A filled-in record is committed as ``sources/sign-off.json``; ``make review`` then checks it
against what runs: the content version the skill logs (``skill.content.version.content_version``), the
routing as the conversation gives it now, and the listing. A record for another version, or one that is
incomplete, fails ``make review`` with what to do; no record at all says "not signed" and passes, so a
fresh clone builds its document.

The routing digest is needed because the routing comes from code (``skill/conversation``,
``skill/handlers/slots.py`` over ``skill/places.py``) as well as from the models: the content version
alone would not notice a change to where a safety event leads.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tooling.review.ladders import checks_orders, miss_ladders
from tooling.review.listing import listing_digest
from tooling.review.raised import open_decisions
from tooling.review.routing import routes, safety_lines
from tooling.review.sources import REPO

RECORD = "sign-off.json"
SIGNED_RECORD = REPO / "sources" / RECORD
FORMAT = "cramp-coach-sign-off/3"  # /3: a verdict for each part signed, and a signer
# What is approved or rejected, each on its own: the words, where each safety event leads, the store text.
PARTS = {"wording": "Wording", "routing": "Routing", "listing": "Store listing"}
SIGNER = ("name", "role", "date")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Approve, approve only once the conditions listed are met, or reject; a record approving with
# conditions must list them, and no other verdict may carry any.
APPROVE_WITH_CONDITIONS = "approve_with_conditions"
VERDICTS = ("approve", APPROVE_WITH_CONDITIONS, "reject")
VERDICT_WORDS = {  # said of each part signed: the wording, the routing, the store listing
    "approve": "Approve: this part may be published as it is",
    APPROVE_WITH_CONDITIONS: "Approve with conditions: this part may be published only once each condition "
    "listed for it is met",
    "reject": "Reject: this part is not to be published; its reasons say what must change",
}
DIGITS = 12


@dataclass(frozen=True)
class Choice:
    """One way to settle a decision."""

    id: str
    words: str


def choices(decision: str, keep: str) -> tuple[Choice, ...]:
    """The ways to settle a decision, by how it is asked: "whether ..." is a yes or a no, "how ..." is kept
    or written, anything else is taken up or kept; each can also be "other". ``keep`` is what the skill
    does now for this very decision (``Decision.keep``), so that every choice describes its decision."""
    kept = Choice("keep", f"Keep what the skill does now: {keep or 'what is heard above'}")
    other = Choice("other", "Other: written in the note (required)")
    lowered = decision[:1].lower() + decision[1:]
    if lowered.startswith("whether "):
        asked = lowered.removeprefix("whether ").removeprefix("to ")
        return (Choice("yes", f"Yes: {asked} (a content change to make and review)"), kept, other)
    if lowered.startswith("how "):
        return (
            kept,
            Choice("other", "Other: the answer written in the note (required; a content change to review)"),
        )
    return (Choice("adopt", f"Adopt: {lowered} (a content change to make and review)"), kept, other)


def routing_digest() -> str:
    """A short hash of every route the page shows: each safety event, where, what it says, and whether
    the session ends; the red-flag questions in their order, with what a yes says; and the misses."""
    shown: list[Any] = [
        [route.kind.value, [[list(row.shape[0]), row.ends, row.shape[2], row.modes] for row in route.rows]]
        for route in routes()
    ]
    shown.append(
        [[step.question, step.yes.speech, step.no.ends] for c in checks_orders() for step in c.steps]
    )
    shown.append([[list(lines), ends] for ladder in miss_ladders() for lines, ends in ladder.misses])
    return hashlib.sha256(json.dumps(shown).encode("utf-8")).hexdigest()[:DIGITS]


def blank_record(version: str, wording_lines: int) -> dict[str, Any]:
    """The record to fill in for this build: what is signed, and empty fields for the clinician."""
    return {
        "format": FORMAT,
        "content_version": version,
        "routing_digest": routing_digest(),
        "listing_digest": listing_digest(),
        "signs": {
            "wording": f"every line of content version {version} ({wording_lines} keys), against its source",
            "routing": f"what leads to each of the {len(safety_lines())} safety lines, from {len(routes())} "
            "kinds of event, the red-flag questions in their order and the misses, each played from the "
            "launch, and whether the session ends",
            "listing": "the store listing of every locale (interaction_model/skill.json)",
        },
        "decisions": [
            {
                "decision": decision.text,
                "from": decision.origin,
                "choices": {choice.id: choice.words for choice in choices(decision.text, decision.keep)},
                "choice": None,
                "note": "",
            }
            for decision in open_decisions()
        ],
        "verdict_choices": dict(VERDICT_WORDS),
        "verdicts": {part: {"verdict": None, "conditions": [], "reasons": ""} for part in PARTS},
        "signer": dict.fromkeys(SIGNER, ""),
    }


def write_blank_record(folder: Path, version: str, wording_lines: int) -> Path:
    path = folder / RECORD
    path.write_text(json.dumps(blank_record(version, wording_lines), indent=1) + "\n", encoding="utf-8")
    return path


def problems(record: dict[str, Any], version: str) -> list[str]:
    """What keeps a signed record from standing for what runs now (empty when it stands)."""
    found: list[str] = []
    if record.get("format") != FORMAT:
        found.append(f"format is not {FORMAT!r}")
    current = {
        "content_version": version,
        "routing_digest": routing_digest(),
        "listing_digest": listing_digest(),
    }
    for field, now in current.items():
        if record.get(field) != now:
            found.append(f"{field} {record.get(field)!r} was signed; what runs now is {now!r}")
    signed = [d.get("decision") for d in record.get("decisions", [])]
    open_now = [decision.text for decision in open_decisions()]
    if signed != open_now:
        found.append(
            "the decisions signed are not the decisions open now (CONTENT-SOURCES.md's and the review's)"
        )
    verdicts = record.get("verdicts")
    if not isinstance(verdicts, dict) or set(verdicts) != set(PARTS):
        return [*found, f"verdicts must hold one entry for each of {sorted(PARTS)}"]
    given = [part for part in PARTS if isinstance(verdicts[part], dict) and verdicts[part].get("verdict")]
    if not given:
        found.append(f"no verdict is given: approve, approve with conditions or reject {', '.join(PARTS)}")
    for part in PARTS:
        found += [f"{part}: {problem}" for problem in _verdict_problems(verdicts[part])]
    if set(given) & {"wording", "routing"}:  # the decisions change what is said or where it leads
        for number, decision in enumerate(record.get("decisions", []), start=1):
            if decision.get("choice") not in decision.get("choices", {}):
                found.append(f"decision {number} has no choice among {sorted(decision.get('choices', {}))}")
            elif decision["choice"] == "other" and not str(decision.get("note", "")).strip():
                found.append(f"decision {number} is 'other' without a note saying what")
    signer = record.get("signer")
    if given:
        if not isinstance(signer, dict):
            found.append("a verdict is given but there is no signer (name, role, date)")
        else:
            found += [
                f"signer {field} is empty" for field in SIGNER if not str(signer.get(field, "")).strip()
            ]
            date = str(signer.get("date", "")).strip()
            if date and not ISO_DATE.fullmatch(date):
                found.append(f"signer date {date!r} is not a date written YYYY-MM-DD")
    return found


def _verdict_problems(entry: Any) -> list[str]:
    """What is wrong with one part's verdict (none given is not wrong: that part is not signed yet)."""
    if not isinstance(entry, dict):
        return ["not a verdict with its conditions and reasons"]
    verdict = entry.get("verdict")
    conditions = entry.get("conditions", [])
    found: list[str] = []
    if verdict is not None and verdict not in VERDICTS:
        found.append(f"verdict is {verdict!r}, not one of {VERDICTS}")
    if not isinstance(conditions, list) or not all(isinstance(c, str) and c.strip() for c in conditions):
        found.append("conditions must be a list of conditions, each written out")
    elif verdict == APPROVE_WITH_CONDITIONS and not conditions:
        found.append(f"verdict is {APPROVE_WITH_CONDITIONS!r} but no condition is listed")
    elif verdict != APPROVE_WITH_CONDITIONS and conditions:
        found.append(
            f"conditions are listed but the verdict is {verdict!r}: choose {APPROVE_WITH_CONDITIONS!r} "
            "or remove them"
        )
    if verdict is not None and not str(entry.get("reasons", "")).strip():
        found.append("reasons are empty")
    return found


@dataclass(frozen=True)
class Status:
    """What ``make review`` says about the sign-off, and whether it may pass."""

    passes: bool
    message: str


def check_signed_record(version: str, path: Path = SIGNED_RECORD) -> Status:
    if not path.exists():
        return Status(True, f"not signed: no {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return Status(False, f"{path.name} cannot be read: {error}")
    if not isinstance(record, dict):
        return Status(False, f"{path.name} is not a record")
    found = problems(record, version)
    if found:
        return Status(
            False,
            f"{path.name} does not stand for what runs (review again and sign a new record):\n  "
            + "\n  ".join(found),
        )
    said = {
        "approve": "approved",
        APPROVE_WITH_CONDITIONS: "approved WITH CONDITIONS",
        "reject": "REJECTED",
        None: "not signed",
    }
    verdicts = record["verdicts"]
    parts = "; ".join(f"{PARTS[part].lower()} {said[verdicts[part]['verdict']]}" for part in PARTS)
    signer = record["signer"]
    who = f"{signer['name']} ({signer['role']}) on {signer['date']}"
    details = "".join(
        f"\n  {part}: {verdicts[part]['reasons']}"
        + "".join(f"\n  {part} condition: {condition}" for condition in verdicts[part]["conditions"])
        for part in PARTS
        if verdicts[part]["verdict"]
    )
    return Status(True, f"{parts}, by {who}{details}")
