"""``python -m bench.understanding``: how much of what people say the skill understands, and how soon a
person mid-cramp is holding their stretch, printed beside the shares each conversation set had when it
was first measured. The measuring (and which phrase corpus or conversation set is which) lives in
``tooling/understanding.py``, shared with the tests.
"""

from __future__ import annotations

import sys

from tooling.understanding import (
    CONVERSATION_SETS,
    FIRST_MEASURED,
    FIRST_RESOLVED,
    PHRASE_CORPORA,
    WORDS_PER_MINUTE,
    measure_conversations,
    measure_corpus,
    resolver,
    seconds_for,
    words_before_first_hold,
)


def main() -> int:
    understanding = resolver()
    print("phrase corpora (resolved to the intended intent and muscle, through the simulator)")
    for name, path in PHRASE_CORPORA.items():
        report = measure_corpus(path, understanding)
        line = (
            f"  {name:<7} {report.resolved:>4}/{len(report.results):<4} {report.share:6.1%}   "
            f"wrong intent: {len(report.wrong_intent)}"
        )
        if name in FIRST_RESOLVED:
            resolved, phrases = FIRST_RESOLVED[name]
            line += f"    first, untouched: {resolved:>3}/{phrases:<4} {resolved / phrases:6.1%}"
        print(line)
    print("\nscripted conversations (turns heard as AMAZON.FallbackIntent): now, and when first measured")
    for name, path in CONVERSATION_SETS.items():
        heard = measure_conversations(path, understanding)
        line = f"  {name:<7} {len(heard.fallbacks):>4}/{heard.turns:<4} {heard.share:6.1%}"
        if name in FIRST_MEASURED:
            fell_back, turns = FIRST_MEASURED[name]
            line += f"    first, untouched: {fell_back:>3}/{turns:<4} {fell_back / turns:6.1%}"
        print(line)
    print(f"\nfrom the cramp named to the first hold ({WORDS_PER_MINUTE} words a minute)")
    for muscle in ("calf", "foot", "hand", "hamstring", "front of my thigh", "neck"):
        words = words_before_first_hold(f"my {muscle} is cramping", understanding)
        print(f"  {muscle:<18} {words:>3} words {seconds_for(words):5.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
