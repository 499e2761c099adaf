"""Runs the web service under gunicorn, a production WSGI server (never Flask's development server).

Each gunicorn worker builds its own app after the fork, so nothing is shared between processes but the
settings. Operators and the load test can pass extra ``create_app`` arguments (a certificate fetcher,
trust roots) through a settings hook, ``--settings module:function``, instead of editing code.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from skill.web.app import create_app
from skill.web.settings import load_settings

DEV_WARNING = (
    "\n!!! --dev: Alexa request verification is OFF (no signature or timestamp checks).\n"
    "!!! Anyone who can reach this port can talk to the skill. Use it on your own machine only.\n"
)


class GunicornServer(BaseApplication):  # type: ignore[misc]
    """gunicorn, configured in code rather than from a config file."""

    def __init__(self, app_arguments: Mapping[str, Any], options: Mapping[str, Any]) -> None:
        self.app_arguments = dict(app_arguments)
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app(**self.app_arguments)


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    dev: bool,
    skill_id: str | None,
    settings: str | None,
) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM)."""
    app_arguments: dict[str, Any] = {"skill_id": skill_id, **load_settings(settings)}
    if dev:
        print(DEV_WARNING, file=sys.stderr, flush=True)
        app_arguments.update(verify_signature=False, verify_timestamp=False)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 30,
        "graceful_timeout": 5,
        "accesslog": None,  # access logs would record client addresses; the skill logs what it needs
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "cramp-coach",
    }
    GunicornServer(app_arguments, options).run()
