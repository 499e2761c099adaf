"""Runs the web service under waitress, a production WSGI server (never Flask's development server).

Why waitress rather than gunicorn's threaded workers: waitress reads every request whole (headers and
body) in its I/O loop before handing it to a worker thread, and closes connections that go quiet. A
client that sends half a request and stalls therefore holds only a socket, never a worker; under
gunicorn's threaded workers four such clients froze a four-thread server (tests/test_web_abuse.py
proves it no longer happens). Waitress also refuses an oversized body itself, before reading it.

Operators and the load test can pass extra ``create_app`` arguments (a certificate fetcher, trust roots)
through a settings hook, ``--settings module:function``, instead of editing code.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import Any

from waitress import create_server

from skill.content.version import content_version
from skill.web.app import MAX_BODY_BYTES, create_app
from skill.web.settings import load_settings

DEV_WARNING = (
    "\n!!! Alexa request verification is OFF (no signature or timestamp checks).\n"
    "!!! Anyone who can reach this port can talk to the skill. Use it on your own machine only.\n"
)
NO_SKILL_ID_WARNING = "SKILL_ID is not set: requests signed by Alexa for any skill will be answered."
IDLE_CONNECTION_SECONDS = 10  # Alexa sends a whole request at once; a connection idle this long is dropped


class ServeError(RuntimeError):
    """The service cannot start (the port is taken, the address is not this machine's): one clear line."""


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    dev: bool,
    skill_id: str | None,
    settings: str | None,
) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM); says where it listens, or raises ``ServeError``."""
    app_arguments: dict[str, Any] = {"skill_id": skill_id, **load_settings(settings)}
    if dev:
        app_arguments.update(verify_signature=False, verify_timestamp=False)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" notes under load
    try:
        server = create_server(
            create_app(**app_arguments),
            host=host,
            port=port,
            threads=workers,
            channel_timeout=IDLE_CONNECTION_SECONDS,
            max_request_body_size=MAX_BODY_BYTES,
            connection_limit=1000,
            ident="cramp-coach",
            expose_tracebacks=False,
            clear_untrusted_proxy_headers=True,
        )
    except OSError as error:  # binding: the port is in use, or the address is not this machine's
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    # Warn from the final arguments, so a settings hook cannot turn the checks off silently either.
    if not app_arguments.get("verify_signature", True) or not app_arguments.get("verify_timestamp", True):
        print(DEV_WARNING, file=sys.stderr, flush=True)
    if not app_arguments.get("skill_id"):
        print(NO_SKILL_ID_WARNING, file=sys.stderr, flush=True)
    listening = getattr(server, "effective_port", port)
    print(f"Cramp Coach web service on http://{host}:{listening}/ (Ctrl-C to stop)", flush=True)
    # What runs, to check against the signed review document (docs/deploy.md), as Lambda logs it.
    print(f"content version {content_version()}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
