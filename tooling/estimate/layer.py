"""The statistical layer: an intent classifier over word and character n-grams (scikit-learn's linear
support-vector machine, its scores made probabilities by sigmoid calibration), and the measure the
out-of-domain reject uses, how near the phrase is to the nearest training sample of the intent chosen.

The probability says which of the skill's intents a phrase is most like; it cannot say that a phrase is
none of them, since every class was trained only on the skill's own samples. The nearness can: a phrase
whose words the samples never held is far from all of them (``tooling.estimate.features``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import LinearSVC

from tooling.estimate.features import NgramSpace

# Folds of the probability calibration: three where every intent has three samples (the built-in intents
# Alexa knows from a few phrases of its own may have only two).
CALIBRATION_FOLDS = 3


class Guess(NamedTuple):
    """The layer's reading of one phrase: the intent, its calibrated probability, and the cosine between
    the phrase and the nearest training sample of that intent (0 to 1)."""

    intent_name: str
    probability: float
    nearness: float


class StatisticalLayer:
    """Trained once on a skill's examples; guesses an intent for any phrase, never rejects by itself."""

    def __init__(self, texts: Sequence[str], intents: Sequence[str]) -> None:
        if not texts or len(texts) != len(intents):
            raise ValueError("the layer needs one intent for each of at least one training text")
        self._space = NgramSpace(texts)
        # Single precision: the nearness needs no more, and the matrix kept under build/ is half the size.
        self._samples = self._space.vectors(texts).astype(np.float32)
        self._intents = np.array(intents)
        counts = Counter(intents)
        self._only_intent = next(iter(counts)) if len(counts) == 1 else None
        self._classifier: CalibratedClassifierCV | None = None
        if self._only_intent is None:
            folds = min(CALIBRATION_FOLDS, min(counts.values()))
            if folds < 2:
                raise ValueError(f"an intent needs two samples at least: {counts.most_common()[-1][0]}")
            self._classifier = CalibratedClassifierCV(LinearSVC(), method="sigmoid", cv=folds)
            self._classifier.fit(self._samples, self._intents)

    def guess(self, texts: Sequence[str]) -> list[Guess]:
        if not texts:
            return []
        vectors = self._space.vectors(texts)
        if self._classifier is None:
            chosen = [str(self._only_intent)] * len(texts)
            probabilities = [1.0] * len(texts)
        else:
            table = self._classifier.predict_proba(vectors)
            classes = self._classifier.classes_
            chosen = [str(classes[row.argmax()]) for row in table]
            probabilities = [float(row.max()) for row in table]
        cosines = (vectors @ self._samples.T).tocsr()
        guesses = []
        for row, (intent_name, probability) in enumerate(zip(chosen, probabilities, strict=True)):
            own = cosines[row].toarray().ravel()[self._intents == intent_name]
            guesses.append(Guess(intent_name, probability, float(own.max()) if own.size else 0.0))
        return guesses
