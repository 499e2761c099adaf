"""What must never reach a log line: the pattern every test's logs are checked against (``conftest.py``)."""

from __future__ import annotations

import re

# What must never be logged: the ids and tokens of tooling.envelopes' requests (real Alexa ids share these
# prefixes), and what was answered about health (the request log says "answer" for all of these).
PERSONAL_DATA_IN_LOGS = re.compile(
    r"amzn1\.ask\.account\.|amzn1\.ask\.person\.|amzn1\.ask\.device\.|amzn1\.echo-api\.session\."
    r"|amzn1\.echo-api\.request\.|TEST\.TOKEN\.|AMAZON\.(?:Yes|No)Intent"
    r"|StillHurtsIntent|WorseIntent|BetterIntent|NotReadyIntent|EmergencyIntent|UnsureIntent"
)
