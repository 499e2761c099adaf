"""AWS Lambda entry point: handler `lambda_function.lambda_handler`; SKILL_ID limits it to one skill.

At cold start it logs the content version once (skill/content/version.py), so that what runs can be
checked against what a clinician signed."""

import os

from skill.builder import build_skill, lambda_handler_for
from skill.content.version import log_content_version

lambda_handler = lambda_handler_for(build_skill(skill_id=os.environ.get("SKILL_ID") or None))
log_content_version()
