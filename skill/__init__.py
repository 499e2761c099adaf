"""Cramp Coach, the skill. Importing it first keeps what no request uses out of the cold start: the
standard library's ``pprint`` (``skill/deferred_imports.py``) and the ASK SDK's unused service clients
(``skill/service_clients.py``). Every entry point imports the SDK through this package."""

from skill.deferred_imports import defer_unused_imports
from skill.service_clients import defer_service_clients

defer_unused_imports()  # first: the SDK's models import pprint, and defer_service_clients imports them
defer_service_clients()
