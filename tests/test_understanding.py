"""How much of what people say mid-cramp is understood: phrase corpora and scripted conversations.

The corpora and conversations in ``tests/data`` were written for the tests by people who did not read the
interaction model (see ``tooling/understanding.py`` for which set is which). The shares are printed with
the test run; the thresholds keep them from sliding back.
"""

from __future__ import annotations

import pytest

from tooling.simulator import UtteranceResolver
from tooling.understanding import (
    CONVERSATION_SETS,
    PHRASE_CORPORA,
    measure_conversations,
    measure_corpus,
    seconds_for,
    words_before_first_hold,
)

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


def test_the_first_hold_of_a_calf_stretch_starts_within_eight_seconds(resolver: UtteranceResolver) -> None:
    words = words_before_first_hold("my calf is cramping", resolver)
    assert seconds_for(words) <= 8.0, f"{words} words before the hold"
