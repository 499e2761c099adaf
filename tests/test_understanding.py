"""How much of what people say mid-cramp is understood: phrase corpora and scripted conversations.

The corpora and conversations in ``tests/data`` were written for the tests by people who did not read the
interaction model (see ``tooling/understanding.py`` for which set is which). Each is measured strictly
(the grammar alone, the floor) and estimated (the grammar, then the local estimate of Alexa's statistical
layer, ``tooling.estimate``); the shares are printed with the test run, the phrases the estimate sends to
a wrong intent first; the thresholds keep them from sliding back, and hold the estimate to the same.
"""

from __future__ import annotations

import pytest

from skill.conversation.events import EVENT_BY_INTENT
from tooling.danger_hearing import hear_dangers
from tooling.simulator import FALLBACK_INTENT, UtteranceResolver
from tooling.understanding import (
    CONVERSATION_SETS,
    PHRASE_CORPORA,
    CorpusReport,
    measure_conversations,
    measure_corpus,
)
from tooling.understanding import resolver as strict_resolver

# Lowest share of each phrase corpus that must resolve, and highest share of fallbacks per conversation
# set (see tooling/understanding.py for which set was written when). The sets the grammar was widened with
# meet the 5% goal, but "sixth", the most dialect-heavy; these bounds keep them from sliding back.
MIN_CORPUS_SHARE = {"dev": 0.97, "second": 0.95, "eighth": 0.95, "ninth": 0.97}
MAX_FALLBACK_SHARE = {
    "dev": 0.05,
    "second": 0.05,
    "third": 0.05,
    "fourth": 0.05,
    "fifth": 0.05,
    "sixth": 0.16,
    "seventh": 0.05,
    "eighth": 0.05,
    "ninth": 0.05,
}


@pytest.mark.parametrize("name", list(PHRASE_CORPORA))
def test_the_phrase_corpus_resolves_to_the_intended_intents(
    name: str, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    report = measure_corpus(PHRASE_CORPORA[name], resolver)
    assert len(report.results) >= 150
    with capsys.disabled():
        print(
            f"\n  phrase corpus {name}: {report.resolved}/{len(report.results)} resolve ({report.share:.1%})"
        )
    wrong = [result for result in report.wrong_intent if "(" not in result.heard]
    assert wrong == [], "a phrase that reaches another intent is worse than one not understood"
    assert report.share >= MIN_CORPUS_SHARE[name], [r for r in report.results if r.heard != r.expected]


@pytest.mark.parametrize("name", list(CONVERSATION_SETS))
def test_scripted_conversations_are_rarely_not_understood(
    name: str, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    report = measure_conversations(CONVERSATION_SETS[name], resolver)
    assert report.turns >= 80
    with capsys.disabled():
        fell_back = f"{len(report.fallbacks)}/{report.turns}"
        print(f"\n  conversations {name}: {fell_back} turns fell back ({report.share:.1%})")
    assert report.share <= MAX_FALLBACK_SHARE[name], report.fallbacks


# The goal for what the estimate sends to a wrong intent (or muscle) on untouched speech.
MAX_ESTIMATED_WRONG_SHARE = 0.03
# What a life may hang on: a phrase meant as one of these is heard as nothing else by the estimate. By the
# kind of event, so that an intent added for one (or a kind added, as a fall) is held too.
SAFETY_KINDS = {"emergency", "fall", "red_flag", "chest", "out_of_scope"}
SAFETY_INTENTS = {intent for intent, event in EVENT_BY_INTENT.items() if event.kind in SAFETY_KINDS}


def _wrong_first(name: str, strict: CorpusReport, estimated: CorpusReport) -> str:
    lines = [
        f"\n  phrase corpus {name}: strict {strict.resolved}/{len(strict.results)} ({strict.share:.1%}), "
        f"wrong intent {len(strict.wrong_intent)}; estimated {estimated.resolved}/{len(estimated.results)} "
        f"({estimated.share:.1%}), wrong intent {len(estimated.wrong_intent)}"
    ]
    lines += [f"    wrong: {r.text!r} heard as {r.heard}, not {r.expected}" for r in estimated.wrong_intent]
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PHRASE_CORPORA))
def test_the_estimate_hears_every_phrase_the_grammar_does_and_rarely_a_wrong_intent(
    name: str, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    strict = measure_corpus(PHRASE_CORPORA[name], resolver)
    estimated = measure_corpus(PHRASE_CORPORA[name], estimated=True)
    with capsys.disabled():
        print(_wrong_first(name, strict, estimated))
    for floor, estimate in zip(strict.results, estimated.results, strict=True):
        if floor.heard == floor.expected != FALLBACK_INTENT:  # a fallback is where the estimate may guess
            assert estimate.heard == estimate.expected, f"the grammar comes first: {floor.text!r}"
    assert estimated.share >= MIN_CORPUS_SHARE[name]
    assert len(estimated.wrong_intent) / len(estimated.results) <= MAX_ESTIMATED_WRONG_SHARE, (
        estimated.wrong_intent
    )
    misheard = [r for r in estimated.wrong_intent if r.expected.split(" ")[0] in SAFETY_INTENTS]
    assert misheard == [], "an emergency, chest pain or a cramp out of scope heard as something else"


@pytest.mark.parametrize("name", list(CONVERSATION_SETS))
def test_scripted_conversations_are_rarely_not_understood_by_the_estimate(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = measure_conversations(CONVERSATION_SETS[name], estimated=True)
    assert report.turns >= 80
    with capsys.disabled():
        fell_back = f"{len(report.fallbacks)}/{report.turns}"
        print(
            f"\n  conversations {name}, estimated: {fell_back} turns fell back ({report.share:.1%}); "
            f"{len(report.guessed)} heard by the statistical layer alone"
        )
        for conversation, said, intent in report.guessed:
            print(f"    {conversation}: {said!r} heard as {intent}")
    assert report.share <= MAX_FALLBACK_SHARE[name], report.fallbacks


# The dangers the role-players of issue 23 volunteered (tests/data/roleplay_dangers.toml): said once,
# mid-stretch; the share answered for what it is must not slide back, and whatever is not, is a miss that
# names the emergency number (never a stretch or a massage taken as the answer).
MIN_DANGERS_HEARD_STRICT = 28


def test_dangers_in_peoples_own_words_are_heard_on_the_first_hearing_or_missed_safely(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hearings = hear_dangers(strict_resolver)
    heard = [hearing for hearing in hearings if hearing.heard]
    with capsys.disabled():
        print(f"\n  role-play dangers heard on the first hearing, strict: {len(heard)}/{len(hearings)}")
    assert len(hearings) == 111
    assert len(heard) >= MIN_DANGERS_HEARD_STRICT
    wrong = [hearing for hearing in hearings if not hearing.heard and hearing.answer != "miss"]
    assert wrong == [], "the grammar alone never answers a danger as something else"
