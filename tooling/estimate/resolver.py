"""The estimate of how Alexa hears a phrase: the grammar first, exactly as ``tooling.simulator`` matches it
(Alexa's first layer, the one a sample decides), then the statistical layer for what the grammar does not
hold, and the out-of-domain reject, which makes a phrase too far from every sample of the intent it is
most like an ``AMAZON.FallbackIntent``.

``EstimatedResolver`` is an ``UtteranceResolver``: it returns the same ``Resolution``, so the speaker, the
chat and the measurements take either. Training takes seconds a locale, so each model is trained once a
process (keyed by the digest of its contents) and kept under ``build/estimate/`` between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from skill.conversation.events import FALLBACK_INTENT
from tooling.estimate.layer import Guess, StatisticalLayer
from tooling.estimate.sensitivity import DEFAULT_SENSITIVITY, Thresholds, sensitivity_of
from tooling.estimate.training import SlotFinder, training_examples
from tooling.simulator import Resolution, UtteranceResolver, normalise

BUILD_CACHE = Path(__file__).resolve().parent.parent.parent / "build" / "estimate"
_SOURCES = ("features.py", "layer.py", "training.py")


class Reading(NamedTuple):
    """How one phrase was heard: by the grammar alone (the floor) and by the estimate, with the statistical
    layer's guess when the grammar had none."""

    strict: Resolution
    estimated: Resolution
    guess: Guess | None
    threshold: float

    @property
    def layer(self) -> str:
        if self.guess is None:
            return "grammar"
        return "rejected" if self.estimated.intent_name == FALLBACK_INTENT else "statistical"


class EstimatedResolver(UtteranceResolver):
    """Resolves as Alexa's two layers might: the grammar, then the statistical layer and its reject."""

    def __init__(
        self,
        language_model: Mapping[str, Any],
        thresholds: Thresholds | None = None,
        *,
        disk_cache: bool = True,
    ) -> None:
        super().__init__(language_model)
        if thresholds is None:
            from tooling.estimate.calibration import calibrated_thresholds  # trains on the benchmark

            thresholds = calibrated_thresholds()
        self.sensitivity = sensitivity_of(language_model) or DEFAULT_SENSITIVITY
        self.threshold = thresholds.of(self.sensitivity)
        self._layer = trained_layer(language_model, disk_cache=disk_cache)
        self._slots = SlotFinder(language_model)

    def resolve_in_session(self, text: str) -> Resolution:
        return self.read(text).estimated

    def read(self, text: str) -> Reading:
        """Both readings of what is said inside the session: the grammar's, and the estimate's."""
        return self.read_all([text])[0]

    def read_all(self, texts: Sequence[str]) -> list[Reading]:
        """``read`` for many phrases, the statistical layer asked once for all the grammar did not hold."""
        stricts = [super(EstimatedResolver, self).resolve_in_session(text) for text in texts]
        unheard = [index for index, strict in enumerate(stricts) if strict.intent_name == FALLBACK_INTENT]
        guesses = dict(zip(unheard, self._layer.guess([normalise(texts[i]) for i in unheard]), strict=True))
        readings = []
        for index, (text, strict) in enumerate(zip(texts, stricts, strict=True)):
            guess = guesses.get(index)
            estimated = strict
            if guess is not None and guess.nearness >= self.threshold:
                slots = self._slots.slots(guess.intent_name, text)
                estimated = Resolution("IntentRequest", guess.intent_name, slots)
            readings.append(Reading(strict, estimated, guess, self.threshold))
        return readings


_TRAINED: dict[str, StatisticalLayer] = {}


def trained_layer(language_model: Mapping[str, Any], *, disk_cache: bool = True) -> StatisticalLayer:
    """The statistical layer for this model, trained once: in this process, and (with ``disk_cache``) under
    ``build/estimate/``, keyed by the model's contents and this package's code."""
    code = _code_digest()
    key = f"{code}-{_model_digest(language_model)}"
    if key in _TRAINED:
        return _TRAINED[key]
    path = BUILD_CACHE / f"{key}.pickle"
    layer = None
    if disk_cache and path.exists():
        try:
            layer = pickle.loads(path.read_bytes())  # our own build output, written below
        except Exception:  # an unreadable cache (another library version) is trained again
            layer = None
    if not isinstance(layer, StatisticalLayer):
        examples = training_examples(language_model)
        layer = StatisticalLayer(examples.texts, examples.intents)
        if disk_cache:
            path.parent.mkdir(parents=True, exist_ok=True)
            for stale in path.parent.glob("*.pickle"):  # some 30 MB each: those of older code go
                if not stale.name.startswith(f"{code}-"):
                    stale.unlink(missing_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(pickle.dumps(layer))
            partial.replace(path)
    _TRAINED[key] = layer
    return layer


def _model_digest(language_model: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(language_model, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def _code_digest() -> str:
    """What a trained layer depends on besides the model: the code that trains it, and scikit-learn's."""
    import sklearn

    digest = hashlib.sha256(sklearn.__version__.encode())
    for source in _SOURCES:
        digest.update((Path(__file__).parent / source).read_bytes())
    return digest.hexdigest()[:12]
