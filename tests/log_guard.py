"""What must never reach a log line: the pattern every test's logs are checked against (``conftest.py``)."""

from __future__ import annotations

import re

from skill.conversation.events import HEALTH_ANSWER_INTENTS

# What must never be logged: the ids and tokens of tooling.envelopes' requests (real Alexa ids share these
# prefixes), and the name of any intent that tells something about health (the events declare which; the
# request log says "answer" for all of them).
PERSONAL_DATA_IN_LOGS = re.compile(
    r"amzn1\.ask\.account\.|amzn1\.ask\.person\.|amzn1\.ask\.device\.|amzn1\.echo-api\.session\."
    r"|amzn1\.echo-api\.request\.|TEST\.TOKEN\."
    + "".join(f"|{re.escape(intent)}" for intent in sorted(HEALTH_ANSWER_INTENTS))
)
