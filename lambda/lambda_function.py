"""AWS Lambda entry point: handler `lambda_function.lambda_handler`; SKILL_ID limits it to one skill.

At cold start it logs the content version once (skill/content/version.py), so that what runs can be
checked against what a clinician signed. CRAMP_COACH_METRICS=emf (set by template.yaml) adds one
CloudWatch metric line per spoken turn (skill/handlers/turn_metrics.py), for the fallback-share alarm."""

import os

from skill.builder import build_skill, lambda_handler_for
from skill.content.version import log_content_version
from skill.handlers.turn_metrics import metrics_switched_on

lambda_handler = lambda_handler_for(
    build_skill(
        skill_id=os.environ.get("SKILL_ID") or None,
        turn_metrics=metrics_switched_on(os.environ),
    )
)
log_content_version()
