"""The n-gram space the statistical layer works in: TF-IDF over words (one and two) and characters (two to
five, inside word boundaries), each half of a unit vector.

One thing here is not scikit-learn's default, and it is why the module exists: an n-gram the training
samples never held is not dropped, it counts against the phrase. A vectoriser fitted on a skill's samples
ignores unknown words, so "what's the weather in paris" would look like the short in-domain phrase
"what's the ... in"; here "weather" and "paris" weigh as much as the rarest n-gram the samples do hold,
and the phrase sits far from every sample. That distance is the out-of-domain reject's measure
(``tooling.estimate.layer``): a model trained only on the skill's samples has no other evidence that a
phrase is about something else.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction.text import TfidfVectorizer

# Words as the simulator normalises them: lowercase, apostrophes kept.
WORD_TOKENS = r"[a-z0-9']+"


class NgramSpace:
    """Word and character n-grams of a skill's samples, weighted by TF-IDF, unknown n-grams counted."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._vectorizers = (
            TfidfVectorizer(
                analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKENS, sublinear_tf=True, norm=None
            ),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, norm=None),
        )
        for vectorizer in self._vectorizers:
            vectorizer.fit(texts)

    def vectors(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """One row a text, of unit length once the unknown n-grams' weight is counted in: the known part
        of a text full of unknown words is short, so its cosine with every sample is small."""
        halves = []
        for vectorizer in self._vectorizers:
            known = vectorizer.transform(texts).tocsr()
            unknown = np.array([self._unknown_weight(vectorizer, text) for text in texts])
            squared = np.asarray(known.multiply(known).sum(axis=1)).ravel() + unknown**2
            length = np.sqrt(squared)
            length[length == 0] = 1.0
            halves.append(sparse.diags(math.sqrt(0.5) / length) @ known)
        return sparse.hstack(halves).tocsr()

    @staticmethod
    def _unknown_weight(vectorizer: TfidfVectorizer, text: str) -> float:
        """The TF-IDF length of the text's unknown n-grams, each weighted as the rarest known one."""
        vocabulary = vectorizer.vocabulary_
        counts = Counter(gram for gram in vectorizer.build_analyzer()(text) if gram not in vocabulary)
        rarest = float(vectorizer.idf_.max())
        return math.sqrt(sum((1 + math.log(count)) ** 2 for count in counts.values())) * rarest
