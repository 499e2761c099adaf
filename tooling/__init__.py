"""The developers' tools around the skill, kept apart from what runs on Lambda and in the web service.

- ``simulator``: resolves typed utterances against the interaction model, as strictly as Alexa's test
  tools; ``estimate``: that grammar and then a local estimate of Alexa's statistical layer (scikit-learn,
  a developers' tool), calibrated on Alexa's published recall; ``speaker``: a device that carries the
  session between turns (with a screen, it can touch); ``chat``: the terminal speaker;
- ``envelopes``: real-shaped request envelopes, and the devices that send them, for the chat, the tests
  and the benchmarks;
- ``screen_samples``: every screen of whole conversations on an Echo Show, for Amazon's APL validator,
  which ``apl/validate.js`` runs (``make apl``);
- ``packaging``: the Lambda zip; ``model_grammar``: the interaction model from its grammar;
- ``local_server`` and ``signing_chain``: a child web server and a throwaway request-signing chain (and the
  settings hook that makes the real server trust it) for tests, benchmarks and the load test.

Nothing in ``skill`` imports from here but its command line, ``python -m skill``.
"""
