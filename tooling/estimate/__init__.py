"""A local estimate of Alexa's second, statistical layer of understanding, beside the first (the grammar,
``tooling.simulator``): never shipped, never Alexa, and no more generous than Alexa was where Amazon's
figures can be checked.

```
interaction model  --training-->  examples (samples, slots filled)  -->  layer (n-grams, linear model)
phrase --> grammar (exact, the floor) --else--> layer's guess --nearness >= threshold--> intent, slots
                                                              --below----------------> FallbackIntent
threshold <-- fallbackIntentSensitivity <-- calibration on the Snips 2017 benchmark (Alexa's recall)
```

- ``training``: what the model gives Alexa to learn from, and the slot finder (entity resolution);
- ``features``: the word and character n-gram space, unknown words counted against a phrase;
- ``layer``: the calibrated classifier and the nearness the reject uses;
- ``sensitivity``: ``fallbackIntentSensitivity`` and its thresholds; ``calibration``: finding them;
- ``resolver``: ``EstimatedResolver``, an ``UtteranceResolver`` that reads both ways.
"""

from tooling.estimate.resolver import EstimatedResolver, Reading

__all__ = ["EstimatedResolver", "Reading"]
