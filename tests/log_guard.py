"""What must never reach a log line: the pattern every test's logs are checked against (``conftest.py``),
and the rules for the one line written outside the logging module, the metric line of a turn."""

from __future__ import annotations

import json
import re

from skill.content import load_locales
from skill.conversation.events import HEALTH_ANSWER_INTENTS
from skill.conversation.state import Mode

# What must never be logged: the ids and tokens of tooling.envelopes' requests (real Alexa ids share these
# prefixes), and the name of any intent that tells something about health (the events declare which; the
# request log says "answer" for all of them).
PERSONAL_DATA_IN_LOGS = re.compile(
    r"amzn1\.ask\.account\.|amzn1\.ask\.person\.|amzn1\.ask\.device\.|amzn1\.echo-api\.session\."
    r"|amzn1\.echo-api\.request\.|TEST\.TOKEN\."
    + "".join(f"|{re.escape(intent)}" for intent in sorted(HEALTH_ANSWER_INTENTS))
)

# The only members a metric line may have (skill/handlers/turn_metrics.py), and every other string its
# metadata may hold. Written out here, not read from the code: a new member of the line is a privacy
# decision, to be made in this list as well as in the code.
METRIC_LINE_KEYS = frozenset({"_aws", "Locale", "Mode", "Turns", "Fallbacks"})
EMF_MEMBERS = frozenset(
    {"Timestamp", "CloudWatchMetrics", "Namespace", "Dimensions", "Metrics", "Name", "Unit"}
)
METRIC_METADATA_STRINGS = EMF_MEMBERS | {"CrampCoach", "Count"}
OTHER_LOCALE = "other"


def identifiers_of(request: dict) -> set[str]:
    """The ids of a request envelope that no log line may carry: session, user, device, token, request."""
    system = request["context"]["System"]
    return {
        request["session"]["sessionId"],
        request["session"]["user"]["userId"],
        system["device"]["deviceId"],
        system["apiAccessToken"],
        request["request"]["requestId"],
    }


def _strings_in(value: object) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_strings_in(item))]
    if isinstance(value, list):
        return [text for item in value for text in _strings_in(item)]
    return []


def metric_line_leaks(line: str) -> list[str]:
    """Why one metric line could tell more than the request log may (empty: it cannot). Its members are
    exactly the allowed ones; the locale is one the skill is published in (or "other"), the mode one of
    the conversation's modes, the counts one turn and at most one fallback; its metadata names nothing
    else; and nothing in it matches the pattern every log line is checked against."""
    problems = []
    if PERSONAL_DATA_IN_LOGS.search(line):
        problems.append("an id, a token or a health answer")
    document = json.loads(line)
    if set(document) != METRIC_LINE_KEYS:
        problems.append(f"members {sorted(set(document) ^ METRIC_LINE_KEYS)} differ from the allowed ones")
    if document.get("Locale") not in {*load_locales().locales, OTHER_LOCALE}:
        problems.append(f"locale {document.get('Locale')!r} is not a published one")
    if document.get("Mode") not in {mode.value for mode in Mode}:
        problems.append(f"mode {document.get('Mode')!r} is not a conversation mode")
    if document.get("Turns") != 1 or document.get("Fallbacks") not in (0, 1):
        problems.append("counts other than one turn and at most one fallback")
    unexpected = set(_strings_in(document.get("_aws"))) - METRIC_LINE_KEYS - METRIC_METADATA_STRINGS
    if unexpected:
        problems.append(f"metadata holds {sorted(unexpected)}")
    return problems
