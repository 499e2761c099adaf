"""The developers' tools around the skill, kept apart from what runs on Lambda and in the web service.

- ``simulator``: resolves typed utterances against the interaction model, as strictly as Alexa's test
  tools; ``speaker``: a device that carries the session between turns; ``chat``: the terminal speaker;
- ``envelopes``: real-shaped request envelopes for the chat, the tests and the benchmarks;
- ``packaging``: the Lambda zip; ``model_grammar``: the interaction model from its grammar;
- ``local_server`` and ``signing_chain``: a child web server and a throwaway request-signing chain (and the
  settings hook that makes the real server trust it) for tests, benchmarks and the load test.

Nothing in ``skill`` imports from here but its command line, ``python -m skill``.
"""
