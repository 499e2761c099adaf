"""AWS Lambda entry point: handler `lambda_function.lambda_handler`; SKILL_ID limits it to one skill."""

import os

from skill.builder import build_skill, lambda_handler_for

lambda_handler = lambda_handler_for(build_skill(skill_id=os.environ.get("SKILL_ID") or None))
