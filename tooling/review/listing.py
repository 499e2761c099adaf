"""The store listing as a clinician signs it: the name, summary, description, example phrases and keywords
that ``interaction_model/skill.json`` publishes in each locale (what people read before they enable the
skill), with locales merged where their text is the same, and a digest of it for the sign-off record.

The content version (``skill/content/version.py``) hashes the listing with the content and the models;
the record also carries the listing's own digest, so a failed check says which of them changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from tooling.review.sources import REPO

SKILL_JSON = REPO / "interaction_model" / "skill.json"
# The fields a person reads, in the order the store shows them, with the words the page uses for them.
FIELDS = {
    "name": "Name",
    "summary": "One-sentence summary",
    "description": "Description",
    "examplePhrases": "Example phrases",
    "keywords": "Keywords",
}
DIGITS = 12


@dataclass(frozen=True)
class ListingText:
    """One field of the listing, the same in these locales."""

    field: str
    locales: tuple[str, ...]
    text: str | tuple[str, ...]


def manifest() -> dict[str, Any]:
    return dict(json.loads(SKILL_JSON.read_text(encoding="utf-8"))["manifest"])


def listing() -> list[ListingText]:
    """Every field a person reads, per locale, merged where the text is the same."""
    publishing = manifest()["publishingInformation"]
    found: list[ListingText] = []
    for name in FIELDS:
        by_text: dict[str | tuple[str, ...], list[str]] = {}
        for locale, info in publishing["locales"].items():
            value = info.get(name, "")
            key = tuple(value) if isinstance(value, list) else str(value)
            by_text.setdefault(key, []).append(locale)
        found += [ListingText(name, tuple(locales), text) for text, locales in by_text.items()]
    return found


def testing_instructions() -> str:
    return str(manifest()["publishingInformation"].get("testingInstructions", ""))


def listing_digest() -> str:
    """A short hash of everything the listing publishes (the whole publishing information)."""
    published = json.dumps(manifest()["publishingInformation"], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(published.encode("utf-8")).hexdigest()[:DIGITS]
