"""``python -m bench.understanding``: how much of what people say the skill understands, and how soon a
person mid-cramp is holding their stretch, printed beside the shares each conversation set had when it
was first measured. Every figure twice: strict (the grammar alone, a floor) and estimated (the grammar,
then the local estimate of Alexa's statistical layer); the phrases the estimate sends to a wrong intent
come first, because a wrong intent is worse than a fallback. The measuring (and which phrase corpus or
conversation set is which) lives in ``tooling/understanding.py``, shared with the tests.
"""

from __future__ import annotations

import sys

from tooling.danger_hearing import FIRST_HEARD, hear_dangers
from tooling.understanding import (
    CONVERSATION_SETS,
    FIRST_MEASURED,
    FIRST_RESOLVED,
    PHRASE_CORPORA,
    WORDS_PER_MINUTE,
    estimated_resolver,
    measure_conversations,
    measure_corpus,
    resolver,
    seconds_for,
    words_before_first_hold,
)


def main() -> int:
    understanding = resolver()
    strict = {name: measure_corpus(path, understanding) for name, path in PHRASE_CORPORA.items()}
    estimated = {name: measure_corpus(path, estimated=True) for name, path in PHRASE_CORPORA.items()}
    print(
        "phrases the estimate sends to a wrong intent or muscle (first: a wrong one is worse than a fallback)"
    )
    for name, report in estimated.items():
        floor_wrong = {result.text for result in strict[name].wrong_intent}
        for result in report.wrong_intent:
            also = "   (the grammar alone too)" if result.text in floor_wrong else ""
            print(f"  {name:<7} {result.text!r}: {result.heard}, not {result.expected}{also}")
    print("\nphrase corpora (resolved to the intended intent and muscle): strict, then estimated")
    for name in PHRASE_CORPORA:
        floor, estimate = strict[name], estimated[name]
        line = (
            f"  {name:<7} {floor.resolved:>4}/{len(floor.results):<4} {floor.share:6.1%}   "
            f"wrong intent: {len(floor.wrong_intent)}   "
            f"estimated: {estimate.resolved:>4} {estimate.share:6.1%}   "
            f"wrong intent: {len(estimate.wrong_intent)}"
        )
        if name in FIRST_RESOLVED:
            resolved, phrases = FIRST_RESOLVED[name]
            line += f"    first, untouched: {resolved:>3}/{phrases:<4} {resolved / phrases:6.1%}"
        print(line)
    print(
        "\nscripted conversations (turns heard as AMAZON.FallbackIntent): strict, estimated, first measured"
    )
    for name, path in CONVERSATION_SETS.items():
        heard = measure_conversations(path, understanding)
        guessed = measure_conversations(path, estimated=True)
        line = (
            f"  {name:<7} {len(heard.fallbacks):>4}/{heard.turns:<4} {heard.share:6.1%}   "
            f"estimated: {len(guessed.fallbacks):>3}/{guessed.turns:<4} {guessed.share:6.1%}   "
            f"by the statistical layer: {len(guessed.guessed):>3}"
        )
        if name in FIRST_MEASURED:
            fell_back, turns = FIRST_MEASURED[name]
            line += f"    first, untouched: {fell_back:>3}/{turns:<4} {fell_back / turns:6.1%}"
        print(line)
    print(
        "\ndangers the role-players volunteered, answered for what they are on the first hearing, mid-stretch"
    )
    for name, resolver_for in (("strict", resolver), ("estimated", estimated_resolver)):
        hearings = hear_dangers(resolver_for)
        answered = sum(hearing.heard for hearing in hearings)
        first, of = FIRST_HEARD[name]
        print(
            f"  {name:<9} {answered:>3}/{len(hearings):<4} {answered / len(hearings):6.1%}"
            f"    first, untouched: {first:>3}/{of:<4} {first / of:6.1%}"
        )
    print(f"\nfrom the cramp named to the first hold ({WORDS_PER_MINUTE} words a minute)")
    for muscle in ("calf", "foot", "hand", "hamstring", "front of my thigh", "neck"):
        words = words_before_first_hold(f"my {muscle} is cramping", understanding)
        print(f"  {muscle:<18} {words:>3} words {seconds_for(words):5.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
