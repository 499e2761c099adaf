"""Where each sentence comes from: the seed page's own sentences, the references of CONTENT-SOURCES.md,
the decisions it leaves to the clinician, and how far a line's wording is from its seed sentence.

How far is measured, not judged: a line's *seed overlap* is the share of its content words (lower case,
contractions opened, small words such as "the", "is", "your" left out, plural and tense endings cut, and
"spasm" and "cramp" counted as one word, as the seed says they are) that the matched seed sentence also
uses. A paraphrase for the ear keeps most of the seed's words; a line below ``DRIFT_THRESHOLD`` (half of
its content words new) is flagged for the reviewer as drifted from the seed. The measure is blind to
meaning: a flag asks a person to read, it does not say the line is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SEED = REPO / "sources" / "muscle-spasm.txt"
CONTENT_SOURCES = REPO / "sources" / "CONTENT-SOURCES.md"

DRIFT_THRESHOLD = 0.5
_STOP_WORDS = (
    "a an the and or but of to in on at for with by as is are was were be been it its this that "
    "these those you your yours i me my we us our they them their he she his her if so do does did "
    "not no yes can could may might will would have has had any some there here what which who how "
    "when where about into from up out than then very "
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
SAME_WORD = {"spasm": "cramp"}  # the seed: "A muscle spasm (also called a cramp)"
CONTRACTIONS = {
    "can't": "can not",
    "n't": " not",
    "'s": " is",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'m": " am",
}
# Words CONTENT-SOURCES writes in capitals are the ones it insists on ("SIT", "FIRST").
STRESSED_WORD = re.compile(r"\b[A-Z]{2,}\b")
NOT_A_STRESSED_WORD = frozenset({"NHS", "GP", "URL", "NOT"})
TO_CONFIRM = re.compile(r"NOT re-verified|to confirm|could not be found", re.IGNORECASE)


def content_words(text: str) -> set[str]:
    """The words that carry meaning, reduced to a common form (see the module docstring)."""
    text = text.lower().replace("\u2019", "'")
    for contraction, opened in CONTRACTIONS.items():
        text = text.replace(contraction, opened)
    text = re.sub(r"\b1\b", "one", text)
    return {_stem(word) for word in re.findall(r"[a-z]+", text) if word not in STOP_WORDS}


def _stem(word: str) -> str:
    for suffix in ("ing", "ful", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return SAME_WORD.get(word, word)


def seed_overlap(line: str, seed_sentence: str) -> float:
    """The share of the line's content words that the seed sentence uses (1.0 for a line without any)."""
    words = content_words(line)
    if not words:
        return 1.0
    return len(words & content_words(seed_sentence)) / len(words)


def sentences(text: str) -> list[str]:
    """A text cut into sentences (after ., ? or ! and a space)."""
    return [part.strip() for part in re.split(r"(?<=[.?!:])\s+(?=[A-Z])", text.strip()) if part.strip()]


@dataclass(frozen=True)
class SeedSentence:
    """One sentence of the seed page, or one item of its lists, with the section it is under."""

    text: str
    section: str
    list_item: bool = False


@cache
def seed_sentences() -> tuple[SeedSentence, ...]:
    """Every sentence and list item of the seed page (its one empty list item left out)."""
    found: list[SeedSentence] = []
    section = "Muscle Spasm"
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line == "-":
            continue
        if line.startswith("-"):
            found.append(SeedSentence(line[1:].strip(), section, list_item=True))
        elif not line.endswith((".", ":", "?")) or (line.endswith("?") and len(line) < 40):
            section = line  # a heading
        else:
            found += [SeedSentence(sentence, section) for sentence in sentences(line)]
    return tuple(found)


def red_flag_sentences() -> tuple[SeedSentence, ...]:
    return tuple(s for s in seed_sentences() if s.list_item and s.section.startswith("When to call"))


@dataclass(frozen=True)
class SeedMatch:
    """A sentence of a line, the seed sentence it paraphrases, and their overlap."""

    line_sentence: str
    seed: SeedSentence
    overlap: float

    @property
    def drifted(self) -> bool:
        return self.overlap < DRIFT_THRESHOLD


def match_seed(line_sentence: str, candidates: tuple[SeedSentence, ...] | None = None) -> SeedMatch:
    """The seed sentence a line's sentence paraphrases: the one it shares most words with (the first
    of equals), among ``candidates`` when the conversation knows which (a red-flag question's flag)."""
    pool = candidates or seed_sentences()
    best = max(pool, key=lambda seed: seed_overlap(line_sentence, seed.text))
    return SeedMatch(line_sentence, best, seed_overlap(line_sentence, best.text))


# ---------------------------------------------------------------------------------------------------------
# CONTENT-SOURCES.md


@dataclass(frozen=True)
class Reference:
    """A source key's full reference, as CONTENT-SOURCES.md gives it."""

    key: str
    text: str
    to_confirm: bool
    what_to_say: tuple[tuple[str, str], ...] = ()  # (muscle, what to say in short), from its table rows


@cache
def references() -> dict[str, Reference]:
    """The references of the allowed additions: the table's rows and the ``key `name``` notes in prose."""
    text = CONTENT_SOURCES.read_text(encoding="utf-8")
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if (
            line.startswith("|")
            and len(cells) == 4
            and re.fullmatch(r"[a-z][a-z-]+", cells[0])
            and cells[0] != "key"
        ):
            rows.setdefault(cells[0], []).append((cells[1], cells[2], cells[3]))
    found: dict[str, Reference] = {}
    for key, key_rows in rows.items():
        full = next(ref for _, _, ref in key_rows if "as above" not in ref)
        notes = [ref for _, _, ref in key_rows if ref != full]
        found[key] = Reference(
            key,
            full + "".join(f" [{note}]" for note in notes),
            bool(TO_CONFIRM.search(full)),
            tuple((muscle, say) for muscle, say, _ in key_rows),
        )
    flat = re.sub(r"\s*\n\s*", " ", text)
    for match in re.finditer(r"\(([^()]*(?:\([^()]*\)[^()]*)*?);\s*key `([a-z-]+)`\)", flat):
        found.setdefault(match.group(2), Reference(match.group(2), match.group(1).strip(), False))
    for match in re.finditer(r"Source: (.*?);\s*key `([a-z-]+)`", flat):
        found.setdefault(match.group(2), Reference(match.group(2), match.group(1).strip(), False))
    return found


def stressed_words(what_to_say: str) -> list[str]:
    """The words CONTENT-SOURCES writes in capitals, the ones a line must keep ("SIT", "FIRST")."""
    return [word for word in STRESSED_WORD.findall(what_to_say) if word not in NOT_A_STRESSED_WORD]


@cache
def clinician_decisions() -> tuple[tuple[str, ...], str]:
    """The decisions CONTENT-SOURCES leaves to the clinician, one each, and what holds until then."""
    flat = re.sub(r"\s*\n\s*", " ", CONTENT_SOURCES.read_text(encoding="utf-8"))
    paragraph = re.search(r"Decisions for the clinician.*?silently\):\s*(.*?)(?= Safety lines \()", flat)
    if paragraph is None:
        raise LookupError("CONTENT-SOURCES.md has no paragraph 'Decisions for the clinician ...:'")
    body = paragraph.group(1).strip()
    until = ""
    if " Until decided, " in body:
        body, until = body.split(" Until decided, ", 1)
        until = "Until decided, " + until
    decisions, depth, current = [], 0, ""
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            decisions.append(current.strip())
            current = ""
        else:
            current += char
    decisions.append(current.strip().rstrip("."))
    return tuple(_capitalise(decision) for decision in decisions if decision), until


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
