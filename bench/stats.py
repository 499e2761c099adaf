"""The one percentile every benchmark reports: nearest rank, in the unit of the samples."""

from __future__ import annotations

from collections.abc import Sequence


def percentile(samples: Sequence[int], q: float) -> int:
    """The nearest-rank ``q``-th percentile (``q`` in 0..100) of a non-empty list of samples."""
    ordered = sorted(samples)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
