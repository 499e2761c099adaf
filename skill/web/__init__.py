"""The skill as an HTTPS web service (Flask), for operators who host the endpoint themselves."""

from skill.web.app import create_app

__all__ = ["create_app"]
