"""Cramp Coach, the skill. Importing it first keeps the ASK SDK's unused service clients out of the cold
start (``skill/service_clients.py``): every entry point imports the SDK through this package."""

from skill.service_clients import defer_service_clients

defer_service_clients()
