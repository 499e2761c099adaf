"""How much of what people say mid-cramp is understood: phrase corpora and scripted conversations.

The corpora and conversations in ``tests/data`` were written for the tests by people who did not read the
interaction model (see ``tooling/understanding.py`` for which set is which). Each is measured strictly
(the grammar alone, the floor) and estimated (the grammar, then the local estimate of Alexa's statistical
layer, ``tooling.estimate``); the shares are printed with the test run, the phrases the estimate sends to
a wrong intent first; the thresholds keep them from sliding back, and hold the estimate to the same.
"""

from __future__ import annotations

import tomllib

import pytest

from skill.conversation.events import CRAMP_INTENT, EVENT_BY_INTENT, MUSCLE_SLOT
from tooling.danger_hearing import hear_dangers
from tooling.simulator import FALLBACK_INTENT, UtteranceResolver
from tooling.understanding import (
    CONVERSATION_SETS,
    DATA,
    INTENT_OF_PLACE,
    PHRASE_CORPORA,
    CorpusReport,
    measure_conversations,
    measure_corpus,
)
from tooling.understanding import resolver as strict_resolver

# What the estimate (the grammar, then the local estimate of Alexa's statistical layer) must meet: the
# lowest share of each phrase corpus that resolves, and the highest share of fallbacks per conversation
# set. These were the grammar's own bounds until the model was rebuilt to Amazon's practice (issue 25):
# the estimate must meet what the grammar met ("sixth", the most dialect-heavy, held to 16%).
MIN_CORPUS_SHARE = {"dev": 0.97, "second": 0.95, "eighth": 0.95, "ninth": 0.97, "tenth": 0.97}
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
# The phrases of each corpus the estimate sent to a wrong intent or muscle before the rebuild (on
# 0c96a85): a model of fewer samples must not misroute more. The "tenth", written for the rebuild, after
# it was widened for the kinds of phrasing it showed (first, untouched: 23 wrong on the old model, 22 on
# the rebuilt one).
MAX_ESTIMATED_WRONG = {"dev": 0, "second": 1, "eighth": 4, "ninth": 3, "tenth": 2}
# The strict floor's own bounds, a ratchet: the grammar alone after the rebuild (issue 25), where it
# holds a few thousand diverse samples, not 24,700 permutations. Before it, the grammar resolved 100%,
# 97.5%, 95.2% and 98.2% of the corpora and fell back on 0 to 15% of turns; what the floor lost is stated
# here, not hidden, and the emergency, chest, fall, red-flag and scope phrases keep resolving exactly
# (tests/data/strict_floor.toml, below).
MIN_STRICT_CORPUS_SHARE = {"dev": 0.82, "second": 0.76, "eighth": 0.81, "ninth": 0.84, "tenth": 0.57}
MAX_STRICT_FALLBACK_SHARE = {
    "dev": 0.14,
    "second": 0.19,
    "third": 0.16,
    "fourth": 0.14,
    "fifth": 0.18,
    "sixth": 0.36,
    "seventh": 0.17,
    "eighth": 0.20,
    "ninth": 0.13,
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
    assert report.share >= MIN_STRICT_CORPUS_SHARE[name], [r for r in report.results if r.heard != r.expected]


@pytest.mark.parametrize("name", list(CONVERSATION_SETS))
def test_scripted_conversations_are_rarely_not_understood(
    name: str, resolver: UtteranceResolver, capsys: pytest.CaptureFixture[str]
) -> None:
    report = measure_conversations(CONVERSATION_SETS[name], resolver)
    assert report.turns >= 80
    with capsys.disabled():
        fell_back = f"{len(report.fallbacks)}/{report.turns}"
        print(f"\n  conversations {name}: {fell_back} turns fell back ({report.share:.1%})")
    assert report.share <= MAX_STRICT_FALLBACK_SHARE[name], report.fallbacks


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
    assert len(estimated.wrong_intent) <= MAX_ESTIMATED_WRONG[name], estimated.wrong_intent
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
# mid-stretch. These, by their words and locale, were answered for what they are by the grammar alone on
# 0c96a85, before the model was rebuilt (issue 25): each must still be, on the first hearing; the others
# are a miss that names the emergency number (never a stretch or a massage taken as the answer).
DANGERS_HEARD_STRICT = frozenset(
    {
        ("en-IN", "i am pregnant"),
        ("en-IN", "it is swollen"),
        ("en-IN", "she is breathless"),
        ("en-IN", "should we go to hospital now itself"),
        ("en-IN", "she is having trouble breathing"),
        ("en-IN", "are cramps normal in pregnancy"),
        ("en-IN", "yes it is paining too much"),
        ("en-AU", "she fainted"),
        ("en-AU", "she cant feel her toes"),
        ("en-AU", "i cant sit down im on a ladder"),
        ("en-AU", "yeah"),
        ("en-AU", "can i give her a panadol"),
        ("en-AU", "yes"),
        ("en-US", "im on the roof"),
        ("en-US", "my leg is going numb"),
        ("en-US", "my buddy fell"),
        ("en-US", "im driving"),
        ("en-US", "what about tonic water"),
        ("en-US", "it keeps coming back"),
        ("en-CA", "she fell"),
        ("en-CA", "it does not stop already twenty minutes"),
        ("en-CA", "the cramp is not stopping twenty minutes already"),
        ("en-CA", "stroke"),
        ("en-GB", "help i've fallen and i can't get up"),
        ("en-GB", "it still hurts it won't stop"),
        ("en-GB", "my foot is numb"),
        ("en-GB", "my ankles are swollen"),
        ("en-GB", "my leg is swollen"),
    }
)


def test_dangers_in_peoples_own_words_are_heard_on_the_first_hearing_or_missed_safely(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hearings = hear_dangers(strict_resolver)
    heard = {(hearing.locale, hearing.text) for hearing in hearings if hearing.heard}
    with capsys.disabled():
        print(f"\n  role-play dangers heard on the first hearing, strict: {len(heard)}/{len(hearings)}")
    assert len(hearings) == 111
    assert sorted(DANGERS_HEARD_STRICT - heard) == [], "a danger the grammar heard is no longer heard"
    wrong = [hearing for hearing in hearings if not hearing.heard and hearing.answer != "miss"]
    assert wrong == [], "the grammar alone never answers a danger as something else"


STRICT_FLOOR = DATA / "strict_floor.toml"


def heard_strictly(understanding: UtteranceResolver, said: str) -> str:
    """The intent the grammar alone hears, a cramp placed in the chest or the stomach counted as the
    intent the skill answers it as (chest pain, out of scope)."""
    resolution = understanding.resolve(said)
    fill = (resolution.slots or {}).get(MUSCLE_SLOT)
    place = fill.resolved_id if fill is not None and fill.matched else None
    if resolution.intent_name == CRAMP_INTENT and place in INTENT_OF_PLACE:
        return INTENT_OF_PLACE[place]
    return str(resolution.intent_name)


def test_every_safety_phrase_the_grammar_held_before_the_rebuild_still_resolves_exactly() -> None:
    """The floor that must not fall (tests/data/strict_floor.toml): each emergency, chest-pain, fall,
    red-flag and scope phrase or turn people wrote that the grammar resolved exactly before the model was
    rebuilt, in its locale, by its words."""
    floor = tomllib.loads(STRICT_FLOOR.read_text(encoding="utf-8"))["phrase"]
    assert len(floor) >= 105
    resolvers = {locale: strict_resolver(locale) for locale in {entry["locale"] for entry in floor}}
    lost = [
        (entry["locale"], entry["text"], entry["intent"], heard)
        for entry in floor
        if (heard := heard_strictly(resolvers[entry["locale"]], entry["text"])) != entry["intent"]
    ]
    assert lost == []
