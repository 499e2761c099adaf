"""Where each sentence comes from: the seed page's own sentences, the references of CONTENT-SOURCES.md,
the decisions it leaves to the clinician, and how far a line's wording is from its seed sentence.

How far is measured, not judged: a line's *seed overlap* is the share of its content words (lower case,
contractions opened, small words such as "the", "is", "your" left out, plural and tense endings cut, and
"spasm" and "cramp" counted as one word, as the seed says they are) that the matched seed sentence also
uses. Two kinds of words are not counted against a line, because saying them adds no claim: the words of
a question's frame and of the skill itself (``FRAME_WORDS``: "still", "apart from", "Alexa app"), and
the muscle being coached (the muscles of CONTENT-SOURCES.md's stretch table: "your calf" for the seed's
"the muscle"). And the ear's plain word for a seed word counts as the seed's word (``PLAIN_WORDS``: "rub"
for "massage", "very bad" for "severe"); the page lists both tables, so the reader sees what was counted
as the same. A sentence with no content word left ("I'm still here.") carries no medical content and is
matched to nothing. A paraphrase for the ear keeps most of the seed's words; a line below
``DRIFT_THRESHOLD`` (half of its content words new) is flagged for the reviewer as drifted from the
seed. The measure is blind to meaning: a flag asks a person to read, it does not say the line is wrong.
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
    "when where about into from up out than then very am "
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
SAME_WORD = {"spasm": "cramp"}  # the seed: "A muscle spasm (also called a cramp)"
# The ear's plain words for the seed's own (each: what the line says -> the seed's word it stands for).
PLAIN_WORDS = {
    "pins and needles": "tingling",
    "very bad": "severe",
    "tingle": "tingling",
    "rub": "massage",
    "rubbing": "massage",
    "hurt": "pain",
    "hurts": "pain",
    "weak": "weakness",
    "stay": "go away",
}
# A question's frame and the skill's own words: they carry no medical claim.
FRAME_WORDS = frozenset(
    [
        "still",
        "even",
        "after",
        "apart",
        "counting",
        "like",
        "now",
        "just",
        "keep",
        "doing",
        "here",
        "alexa",
        "app",
        "steps",
        "step",
        "okay",
        "good",
        "again",
        "been",
        "reason",
    ]
)
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


def content_words(text: str, *, frame: bool = True) -> set[str]:
    """The words that carry meaning, reduced to a common form (see the module docstring); ``frame=False``
    keeps a question's frame words (for the seed's own sentences, whose every word counts)."""
    text = text.lower().replace("\u2019", "'")
    for contraction, opened in CONTRACTIONS.items():
        text = text.replace(contraction, opened)
    text = re.sub(r"\b1\b", "one", text)
    for plain, seed_word in PLAIN_WORDS.items():
        text = re.sub(rf"\b{plain}\b", seed_word, text)
    left_out = STOP_WORDS | (FRAME_WORDS if frame else frozenset()) | (muscle_words() if frame else set())
    return {_stem(word) for word in re.findall(r"[a-z]+", text) if word not in left_out} | (
        {"muscle"} if frame and set(re.findall(r"[a-z]+", text)) & muscle_words() else set()
    )


@cache
def muscle_words() -> frozenset[str]:
    """The words of the muscles CONTENT-SOURCES.md's stretch table names ("calf", "back of thigh", ...)."""
    words: set[str] = set()
    for reference in references().values():
        for muscle, _ in reference.what_to_say:
            words.update(word for word in re.findall(r"[a-z]+", muscle.lower()) if word not in STOP_WORDS)
    return frozenset(words - {"other", "any"})


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
    return len(words & (content_words(seed_sentence, frame=False) | {"muscle"})) / len(words)


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
    seed: SeedSentence | None  # None: the sentence carries no medical content (nothing to match)
    overlap: float

    @property
    def drifted(self) -> bool:
        return self.overlap < DRIFT_THRESHOLD


def match_seed(line_sentence: str, candidates: tuple[SeedSentence, ...] | None = None) -> SeedMatch:
    """The seed sentence a line's sentence paraphrases: the one it shares most words with (the first
    of equals), among ``candidates`` when the conversation knows which (a red-flag question's flag);
    none for a sentence without a content word."""
    if not content_words(line_sentence):
        return SeedMatch(line_sentence, None, 1.0)
    pool = candidates or seed_sentences()
    best = max(
        pool, key=lambda seed: (seed_overlap(line_sentence, seed.text), _coverage(line_sentence, seed.text))
    )
    return SeedMatch(line_sentence, best, seed_overlap(line_sentence, best.text))


def _coverage(line: str, seed_sentence: str) -> float:
    """Of equally close seed sentences, the one the line says most of is the one it paraphrases."""
    seed_words = content_words(seed_sentence, frame=False)
    return len(content_words(line) & seed_words) / len(seed_words) if seed_words else 0.0


# ---------------------------------------------------------------------------------------------------------
# CONTENT-SOURCES.md


@dataclass(frozen=True)
class SourceRow:
    """One row of CONTENT-SOURCES.md's stretch table for a source: the muscle, our summary of what to say
    (CONTENT-SOURCES.md's words, not the source's), and the source's words that row quotes, if any."""

    muscle: str
    summary: str
    quoted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A source key's full reference, as CONTENT-SOURCES.md gives it: where the page is, when it was read,
    and the words CONTENT-SOURCES.md quotes from it (the page itself is not fetched: none of this is
    checked against the live page)."""

    key: str
    text: str
    to_confirm: bool
    what_to_say: tuple[tuple[str, str], ...] = ()  # (muscle, what to say in short), from its table rows
    urls: tuple[str, ...] = ()
    read_on: str = ""  # the date CONTENT-SOURCES.md says the page was read ("" when it gives none)
    quoted: tuple[str, ...] = ()  # the source's own words, as CONTENT-SOURCES.md quotes them
    summary: str = ""  # CONTENT-SOURCES.md's own summary of what to say (not the source's words)
    rows: tuple[SourceRow, ...] = ()  # the stretch table's rows for it, each with its own quoted words
    adapted: tuple[str, ...] = ()  # quoted in CONTENT-SOURCES.md, but our wording (``ADAPTED``)
    page_dated: str = ""  # the year the page itself carries ("2024"), not when it was read
    prose: tuple[tuple[str, str], ...] = ()  # (topic, our summary) of the answers that cite it

    def addresses(self) -> tuple[str, ...]:
        """Each address as a full URL (CONTENT-SOURCES.md writes them without the scheme)."""
        return tuple(url if url.startswith("http") else f"https://{url}" for url in self.urls)

    def site_only(self) -> tuple[str, ...]:
        """The addresses that name only a site, not the page: the page is still to be found."""
        return tuple(url for url in self.urls if "/" not in url)


URL = re.compile(r"\b(?:www\.)?[a-z]+(?:\.[a-z]+)*\.(?:org|uk|com|gov|edu)(?:/[\w./-]*)?")
READ_ON = re.compile(r"\bre-?read on (\d{4}-\d{2}-\d{2})|\bread (\d{4}-\d{2}-\d{2})")
NOT_READ = re.compile(r"NOT re-verified", re.IGNORECASE)
# Quotations CONTENT-SOURCES.md gives as someone else's words (the seed's, its own marks): not the source's.
ATTRIBUTED_ELSEWHERE = re.compile(r"(seed's|marks it|the guide says|document marks it)\s*$")
QUOTE = re.compile(r"\"([^\"]+)\"")
# Words no single-country source uses: the skill's own for each locale's number. CONTENT-SOURCES.md puts
# "if you've fallen and you're hurt or can't get up, call the local number" in quotes beside the NHS's
# "Falls" page, but the NHS says 999: a quotation holding these is our wording after the source, and is
# shown as such, never as the source's words.
ADAPTED = re.compile(r"\blocal (?:emergency )?number\b", re.IGNORECASE)
PAGE_YEAR = re.compile(r"\",\s*(\d{4}),\s*[a-z]+\.[a-z]")
# A quotation that is a page's title: right after a publisher's name, or right before the page's address.
TITLE = re.compile(r"(?:NHS|Mayo Clinic|Cleveland Clinic|Harvard Health Publishing|and),\s*\"([^\"]+)\"|"
                   r"\"([^\"]+)\",\s*(?:\d{4},\s*)?[a-z]+\.[a-z]")  # fmt: skip


def _quotes(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the source's words, our wording in quotes) of a reference's text: see ``ADAPTED``."""
    _, _, quoted = _provenance(text, "")
    return (
        tuple(q for q in quoted if not ADAPTED.search(q)),
        tuple(q for q in quoted if ADAPTED.search(q)),
    )


@cache
def prose_summaries() -> dict[str, tuple[tuple[str, str], ...]]:
    """Source key -> the answers CONTENT-SOURCES.md gives from it in its lists ("- Painkillers: they act too
    slowly ... (`nhs-leg-cramps`)"): our summary of what it says, never its words."""
    text = CONTENT_SOURCES.read_text(encoding="utf-8")
    found: dict[str, list[tuple[str, str]]] = {}
    for chunk in re.split(r"\n- ", text):
        bullet = re.sub(r"\s*\n\s*", " ", chunk.split("\n\n")[0]).strip()
        match = re.fullmatch(r"([^:]{2,40}): (.*) \(`([a-z0-9-]+)`\)\.?", bullet)
        if match:
            found.setdefault(match.group(3), []).append((match.group(1), match.group(2)))
    return {key: tuple(items) for key, items in found.items()}


def _provenance(text: str, table_read_on: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """(urls, date read, quoted words) of a reference's text."""
    urls = tuple(dict.fromkeys(URL.findall(text)))
    read = READ_ON.search(text)
    read_on = (
        "" if NOT_READ.search(text) else (next(g for g in read.groups() if g) if read else table_read_on)
    )
    titles = {title for pair in TITLE.findall(text) for title in pair if title}
    quoted = tuple(
        match.group(1)
        for match in QUOTE.finditer(text)
        if match.group(1) not in titles and not ATTRIBUTED_ELSEWHERE.search(text[: match.start()][-24:])
    )
    return urls, read_on, quoted


@cache
def references() -> dict[str, Reference]:
    """The references of the allowed additions: the table's rows and the ``key `name``` notes in prose."""
    text = CONTENT_SOURCES.read_text(encoding="utf-8")
    header = re.search(r"Each source was re-read on (\d{4}-\d{2}-\d{2})", re.sub(r"\s+", " ", text))
    table_read_on = header.group(1) if header else ""
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
        urls, read_on, _ = _provenance(" ".join(ref for _, _, ref in key_rows), table_read_on)
        found[key] = Reference(
            key,
            full + "".join(f" [{note}]" for note in notes),
            bool(TO_CONFIRM.search(full)),
            tuple((muscle, say) for muscle, say, _ in key_rows),
            urls,
            read_on,
            _quotes(" ".join(ref for _, _, ref in key_rows))[0],
            "; ".join(f"{muscle}: {say}" for muscle, say, _ in key_rows),
            tuple(SourceRow(muscle, say, _quotes(ref)[0]) for muscle, say, ref in key_rows),
            _quotes(" ".join(ref for _, _, ref in key_rows))[1],
            _page_year(full),
            prose_summaries().get(key, ()),
        )
    flat = re.sub(r"\s*\n\s*", " ", text)
    for match in re.finditer(r"\(([^()]*(?:\([^()]*\)[^()]*)*?);\s*key `([a-z0-9-]+)`\)", flat):
        found.setdefault(
            match.group(2), _prose_reference(match.group(2), match.group(1), flat, match.start())
        )
    for match in re.finditer(r"Source: (.*?);\s*key `([a-z0-9-]+)`", flat):
        found.setdefault(
            match.group(2), _prose_reference(match.group(2), match.group(1), flat, match.start())
        )
    return found


def _prose_reference(key: str, reference: str, flat: str, at: int) -> Reference:
    """A reference given in prose: its words are the quotations of the sentence it closes."""
    start = max(
        flat.rfind(". ", 0, at), flat.rfind(": ", 0, flat.rfind(" (", 0, at) + 1), flat.rfind("- ", 0, at)
    )
    sentence = flat[start + 2 : at] + reference
    urls, read_on, _ = _provenance(reference + " " + sentence, "")
    own, adapted = _quotes(reference + " " + sentence)
    unquoted = re.findall(r"\(([^()]+)\)", reference)  # "Source: NHS, ... (what it says, in short)"
    return Reference(
        key,
        reference.strip(),
        False,
        (),
        urls,
        read_on,
        own,
        "; ".join(unquoted),
        (),
        adapted,
        _page_year(reference),
        prose_summaries().get(key, ()),
    )


def _page_year(reference: str) -> str:
    year = PAGE_YEAR.search(reference)
    return year.group(1) if year else ""


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
