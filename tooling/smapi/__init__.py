"""Measure the skill on Alexa itself, with Amazon's Skill Management API (SMAPI) through its own Python
packages (``ask-smapi-sdk``, ``ask-smapi-model``): ``python -m skill nlu-profile | simulate | history``.

The simulator (``tooling.simulator``) is exact, so its figures are lower bounds; these commands ask the
deployed development stage what Alexa's own language understanding makes of the same corpora and
conversations, and what real people said after launch.

- ``client``: credentials (environment or the ASK CLI's profile), the service client with its Login with
  Amazon token refresh, and every call made through one place that backs off on throttling and turns
  SMAPI's and LWA's failures into one line;
- ``nlu_profile``, ``simulate``, ``history``: the three commands, each printing its report;
- ``commands``: what ``skill/__main__.py`` calls with its parsed arguments.

The packages are developers' tools (``pyproject.toml``'s ``dev`` extras), never in the Lambda zip.
"""
