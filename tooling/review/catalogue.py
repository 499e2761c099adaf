"""Every line of the content, grouped by where in the conversation it is said, as heard, with its source
and the flags a reviewer should look at.

Groups are matched in order, by key; the muscles, the red-flag questions and the topics make groups of
their own from the conversation's data (``CHECK_QUESTIONS``, ``TOPIC_BODIES``), and a key that no group
claims (a prefix someone adds later) lands in "Other lines", never nowhere: ``catalogue()`` places every
key of the content exactly once, and ``tests/test_review.py`` proves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from skill.content import Content, load_content, load_locales
from skill.conversation import CHECK_QUESTIONS, Event, EventKind, Topic
from skill.conversation.say import TOPIC_BODIES
from skill.reply import Reply, Say, SayList
from skill.speech import readable, render, shown_text
from tooling.review.played import NOT_UNDERSTOOD, play_utterances, utterance
from tooling.review.said import Said, describe_where, walk_conversation
from tooling.review.sources import (
    SeedMatch,
    match_seed,
    red_flag_sentences,
    references,
    sentences,
    stressed_words,
)

MUSCLE_NAMES = {
    "calf": "calf",
    "foot": "foot or toes",
    "hamstring": "back of thigh",
    "quadriceps": "front of thigh",
    "hand": "hand or fingers",
    "other": "any other",
}
MUSCLE_ORDER = list(MUSCLE_NAMES)
# Sources that are not references but the rules of CONTENT-SOURCES.md (their text is en.toml's [sources]).
# What a person calls the muscle a stretch is worded for ("other": any muscle without its own stretch).
SAID_FOR_WORDING = {"other": "neck"}
GUIDANCE_SOURCES = frozenset({"red-flag-guidance", "stretch-rule", "safety", "skill"})


@dataclass(frozen=True)
class Group:
    """Where in the conversation its lines are said."""

    id: str
    title: str
    note: str
    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    # A conversation to show as heard: what the person says, from the launch, played through the skill
    # (``played.py``); its last turn is the one shown.
    example: tuple[str, ...] = ()

    def claims(self, key: str) -> bool:
        return key in self.exact or key.startswith(self.prefixes)


@dataclass(frozen=True)
class Rendering:
    """How a line sounds and reads in some locales."""

    locales: tuple[str, ...]
    heard: str
    shown: str


@dataclass
class Entry:
    """One key of the content: a line, or a list spoken as one sentence."""

    key: str
    is_list: bool
    source: str
    renderings: list[Rendering]
    where: str
    seed_matches: list[SeedMatch] = field(default_factory=list)
    reference: str = ""
    flags: list[str] = field(default_factory=list)
    source_row: str = ""  # the muscle of CONTENT-SOURCES.md's stretch table row the line says

    @property
    def sentence_count(self) -> int:
        return len(sentences(self.renderings[0].shown)) if not self.is_list else len(self.items)

    @property
    def items(self) -> list[str]:
        return self.renderings[0].shown.split("\n") if self.is_list else []


@dataclass
class Catalogue:
    """The content, grouped, with what was found about it."""

    groups: list[tuple[Group, list[Entry]]]
    examples: dict[str, list[Example]]  # group id -> its turn as played, per locale where it differs
    said: Said
    sources: dict[str, str]  # source key -> its full reference

    @property
    def entries(self) -> list[Entry]:
        return [entry for _, entries in self.groups for entry in entries]


def groups(content: Content) -> list[Group]:
    """The groups in the order of a conversation, the catch-all last."""
    stretch_wordings = sorted(
        {key.split(".")[2] for key in content.lines if key.startswith("guide.stretch.")},
        key=lambda w: (MUSCLE_ORDER.index(w) if w in MUSCLE_ORDER else len(MUSCLE_ORDER), w),
    )
    found = [
        Group(
            "opening",
            "Opening: where is the cramp?",
            "Said when the skill opens, and when the person is asked where the cramp is.",
            frozenset({"welcome", "back_to_start", "take_your_time"}),
            (
                "ask_cramping",
                "ask_where",
                "ask_thigh_side",
                *(
                    f"screen.touch.{t}"
                    for t in (
                        "calf",
                        "foot",
                        "thigh",
                        "hand",
                        "somewhere_else",
                        "not_cramping",
                        "front",
                        "back",
                    )
                ),
            ),
            ("open cramp coach",),
        ),
    ]
    for wording in stretch_wordings:
        name = MUSCLE_NAMES.get(wording, wording)
        found.append(
            Group(
                f"stretch-{wording}",
                f"Stretch and massage: {name}",
                f"The first instruction once the person names the {name} muscle, and its massage.",
                frozenset({f"guide.stretch.{wording}", f"guide.massage.{wording}"}),
                example=("open cramp coach", f"my {SAID_FOR_WORDING.get(wording, wording)}"),
            )
        )
    found += [
        Group(
            "hold",
            "Holding the stretch",
            "Said after every stretch instruction, between the pauses of the hold (about 30 seconds).",
            frozenset({"guide.stop_if_it_hurts", "screen.hold"}),
            ("guide.hold.",),
        ),
        Group(
            "massage",
            "Massage",
            "After the stretch: the massage of the named muscle, paced by pauses.",
            frozenset({"screen.massage"}),
            ("guide.massage.",),
            ("open cramp coach", "my calf", "next"),
        ),
        Group(
            "rest",
            "Rest",
            "After the massage, before the red-flag questions.",
            frozenset({"guide.rest", "guide.come_and_go", "guide.gone"}),
            example=("open cramp coach", "my calf", "next", "next"),
        ),
        Group(
            "guide",
            "Through the guide: next, it still hurts, it hurts more",
            "How the person moves through the steps, and what is said when the cramp does not ease or "
            "hurts more (the seed's reasons to call).",
            prefixes=("guide.",),
        ),
        Group(
            "checks",
            "The red-flag questions: how they are introduced",
            "Before the first question, and when a question is asked again.",
            frozenset({"check.plainer_intro"}),
            ("checks.",),
        ),
    ]
    for question in CHECK_QUESTIONS:
        found.append(
            Group(
                f"check-{question.name}",
                f"Red-flag question: {question.name.replace('_', ' ')}",
                f"Asks about the seed's reason to call no. {question.red_flag + 1}; the plainer form "
                'follows an answer of "not sure".',
                frozenset({f"check.{question.name}"}),
                (f"check.{question.name}.",),
            )
        )
    found += [
        Group("check-other", "Red-flag questions: other wordings", "", prefixes=("check.",)),
        Group(
            "outcome-call",
            "Outcome: call your healthcare provider",
            'After any yes (or "not sure" twice): the reason, the advice, and the card.',
            frozenset(
                {
                    "outcome.call_provider",
                    "outcome.not_sure",
                    "outcome.card_sent",
                    "card.call_provider.title",
                    "provider_reasons",
                }
            ),
            example=("open cramp coach", "my calf", "it's gone", "yes"),
        ),
        Group(
            "outcome-clear",
            "Outcome: no reason to call found",
            "After a no to every question: rest, and when to call if that changes.",
            frozenset(
                {
                    "outcome.no_red_flags",
                    "outcome.rest",
                    "outcome.call_if_that_changes",
                    "outcome.call_if_any",
                    "card.all_clear.title",
                }
            ),
            # A cramp gone is not asked whether it eased: one question fewer than every question.
            example=("open cramp coach", "my calf", "it's gone", *["no"] * (len(CHECK_QUESTIONS) - 1)),
        ),
        Group(
            "endings",
            "Endings",
            "When the person stops or thanks the skill.",
            frozenset({"goodbye", "thanks.goodbye", "outcome.take_care"}),
        ),
        Group("outcome-other", "Outcomes: other lines", "", prefixes=("outcome.",)),
    ]
    for topic in Topic:
        lists = frozenset(part.key for part in TOPIC_BODIES[topic] if isinstance(part, SayList))
        found.append(
            Group(
                f"topic-{topic.value}",
                f"Topic: {content.line(f'card.{topic.value}.title').text}",
                "Said when asked, any time (also one-shot), and shown on a card and a screen.",
                lists | {f"card.{topic.value}.title", f"offer.{topic.value}", f"topic.{topic.value}"},
                (f"topic.{topic.value}.",),
                (f"ask cramp coach {utterance(Event(EventKind.INFO, topic=topic))}",),
            )
        )
    found += [
        Group("topics", "Topics: the menu and the offers", "", prefixes=("info.", "offer.", "topic.")),
        Group(
            "emergency",
            "Emergencies",
            "Said at once, in any mode, on the first hearing.",
            frozenset({"emergency"}),
            ("emergency.",),
            ("open cramp coach", "it's an emergency"),
        ),
        Group("scope", "Scope: what the skill does not coach", "", prefixes=("scope.",)),
        Group("care", "Questions asked mid-cramp", "", prefixes=("care.",)),
        Group(
            "safety",
            "Safety lines",
            "Once per session, where the conversation turns; the emergency "
            "line also ends the provider advice.",
            prefixes=("safety.",),
        ),
        Group("help", "Help", "What the person can say, by where they are.", prefixes=("help.",)),
        Group(
            "fallbacks",
            "Not understood, and errors",
            "Once: a short apology and the question again; twice in a row: what can be said here; "
            "three times: a kind goodbye with the safety lines.",
            frozenset({"say_yes_or_no", "apology"}),
            ("didnt_catch",),
            ("ask cramp coach should i see a gp", NOT_UNDERSTOOD, NOT_UNDERSTOOD),
        ),
        Group(
            "screens",
            "Screens: touch targets and labels",
            "Shown on devices with a screen.",
            prefixes=("screen.", "card."),
        ),
        Group(
            "other",
            "Other lines",
            "Lines no group above claims: new keys land here until a group is made for them.",
            prefixes=("",),
        ),
    ]
    return found


def group_of(key: str, all_groups: Iterable[Group]) -> Group:
    return next(group for group in all_groups if group.claims(key))


def _renderings(key: str, is_list: bool) -> list[Rendering]:
    """The line in each locale, merged where the locales agree."""
    by_text: dict[tuple[str, str], list[str]] = {}
    part = SayList(key) if is_list else Say(key)
    for locale in load_locales().locales:
        heard = readable(render(Reply(speech=(part,)), locale).speech_ssml)
        shown = "\n".join(shown_text(part, locale))
        by_text.setdefault((heard, shown), []).append(locale)
    return [Rendering(tuple(locales), heard, shown) for (heard, shown), locales in by_text.items()]


def catalogue() -> Catalogue:
    """Every key of the content, placed in its group, rendered, sourced and flagged."""
    content = load_content()
    said = walk_conversation()
    all_groups = groups(content)
    refs = references()
    placed: dict[str, list[Entry]] = {group.id: [] for group in all_groups}
    question_flag = {q.name: q.red_flag for q in CHECK_QUESTIONS}
    keys = [(key, False) for key in content.lines] + [(key, True) for key in content.lists]
    for key, is_list in keys:
        source = content.lists[key].source if is_list else content.line(key).source
        entry = Entry(
            key,
            is_list,
            source,
            _renderings(key, is_list),
            describe_where(said.where[key]) if key in said.where else "",
        )
        if key not in said.where:
            entry.flags.append("never said: no conversation reaches this line")
        if source == "seed":
            candidates = None
            parts = key.split(".")
            if parts[0] == "check" and parts[1] in question_flag:
                candidates = (red_flag_sentences()[question_flag[parts[1]]],)
            pieces = list(content.lists[key].items) if is_list else sentences(content.line(key).text)
            entry.seed_matches = [match_seed(piece, candidates) for piece in pieces]
            drifted = [match for match in entry.seed_matches if match.drifted]
            if drifted:
                entry.flags.append(
                    f"wording drifted from the seed: {len(drifted)} sentence(s) share under half their words "
                    "with the seed sentence"
                )
        elif source in refs:
            reference = refs[source]
            entry.reference = reference.text
            if reference.to_confirm:
                entry.flags.append("source to confirm (CONTENT-SOURCES.md: not re-verified)")
            wording = key.split(".")[2] if key.startswith("guide.stretch.") else None
            for muscle, what_to_say in reference.what_to_say:
                if wording is not None and MUSCLE_NAMES.get(wording) == muscle:
                    entry.source_row = muscle
                    entry.reference += f" — what to say, in short: {what_to_say}"
                    text = content.line(key).text.lower()
                    for word in stressed_words(what_to_say):
                        if word.lower() not in text:
                            entry.flags.append(
                                f"CONTENT-SOURCES.md stresses \u201c{word}\u201d; the line does not say it"
                            )
        else:
            entry.reference = content.sources.get(source, "")
        if not entry.reference and not entry.seed_matches:
            entry.flags.append(f"no source: {source!r} has no reference")
        placed[group_of(key, all_groups).id].append(entry)
    examples = {group.id: _example(group) for group in all_groups if group.example}
    sources = {key: refs[key].text if key in refs else text for key, text in content.sources.items()}
    return Catalogue([(g, placed[g.id]) for g in all_groups if placed[g.id]], examples, said, sources)


@dataclass(frozen=True)
class Example:
    """A group's conversation as played in some locales: what the person said, and the last answer."""

    locales: str
    said: tuple[str, ...]
    heard: str


def _example(group: Group) -> list[Example]:
    """The group's conversation played from the launch in each locale, merged where it sounds the same."""
    by_heard: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for locale in load_locales().locales:
        turns = play_utterances(group.example, locale).turns
        by_heard.setdefault((tuple(t.said for t in turns), turns[-1].speech), []).append(locale)
    return [Example(", ".join(locales), said, heard) for (said, heard), locales in by_heard.items()]
