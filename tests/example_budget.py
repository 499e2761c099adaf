"""How many examples each property test runs: a repeatable few in `make test`, many in `make fuzz`.

Hypothesis lets a test's own ``@settings(max_examples=...)`` win over the loaded profile, so the tests
ask this module instead of hard-coding their counts.
"""

from __future__ import annotations

import os

FUZZ_EXAMPLES = 20_000


def examples(in_make_test: int) -> int:
    """``in_make_test`` normally; 20,000 under ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``)."""
    return FUZZ_EXAMPLES if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else in_make_test
