"""The settings hook of the web service: extra ``create_app`` arguments named as ``module:function``.

Kept apart from the server so that the command line can name it without importing waitress or Flask.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

SETTINGS_ENVIRONMENT_VARIABLE = "CRAMP_COACH_WEB_SETTINGS"


def load_settings(spec: str | None) -> dict[str, Any]:
    """Keyword arguments for ``create_app`` from ``module:function`` (the function returns a dict)."""
    if not spec:
        return {}
    module_name, _, function_name = spec.partition(":")
    if not module_name or not function_name:
        raise ValueError(f"settings must look like module:function, not {spec!r}")
    settings = getattr(importlib.import_module(module_name), function_name)()
    if not isinstance(settings, Mapping):
        raise TypeError(f"{spec} returned {type(settings).__name__}, not a dict of create_app arguments")
    return dict(settings)
