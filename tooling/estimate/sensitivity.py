"""``fallbackIntentSensitivity``: how readily Alexa sends a phrase to AMAZON.FallbackIntent, LOW (Amazon's
default, when the model names none), MEDIUM or HIGH, and the reject threshold each stands for here
(``tooling.estimate.calibration`` finds them on the Snips 2017 benchmark)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

SENSITIVITIES = ("LOW", "MEDIUM", "HIGH")
DEFAULT_SENSITIVITY = "LOW"


class Thresholds(NamedTuple):
    """The least nearness to a sample that a phrase needs to be taken as an intent, by sensitivity."""

    low: float
    medium: float
    high: float

    def of(self, sensitivity: str) -> float:
        if sensitivity not in SENSITIVITIES:
            raise ValueError(
                f"fallbackIntentSensitivity is one of {', '.join(SENSITIVITIES)}: {sensitivity!r}"
            )
        return float(self[SENSITIVITIES.index(sensitivity)])


def sensitivity_of(language_model: Mapping[str, Any]) -> str | None:
    """The level the model sets (``modelConfiguration.fallbackIntentSensitivity.level``), or None."""
    configuration = language_model.get("modelConfiguration") or {}
    level = (configuration.get("fallbackIntentSensitivity") or {}).get("level")
    return str(level).upper() if level else None
