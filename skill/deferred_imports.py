"""Keeps two standard-library modules that the ASK SDK imports, and no request of the skill uses, out of
the cold start until something really uses them.

- ``pprint``: every model module of ``ask_sdk_model`` starts with ``import pprint``, for ``to_str()`` and
  ``__repr__`` alone, which no request calls. On Python 3.13 ``pprint`` imports ``dataclasses``, which
  imports ``inspect``, which imports ``ast``, ``dis`` and ``tokenize``: about 8 ms of a 45 ms Lambda
  cold start (``python -X importtime``).
- ``decimal`` (with ``_decimal`` and ``numbers``, about 1 ms): ``ask_sdk_core.serialize`` imports it for
  one ``isinstance(obj, decimal.Decimal)`` that only a Decimal value reaches, and the skill has none.

``defer_import(name)`` registers the module before anything imports it, as the very same module (its
spec, its file) with its code not yet run. An ``import pprint`` then finds it in ``sys.modules`` and
binds it as it is; the first attribute asked of it that it lacks (``pprint.pformat``) runs the module's
own code into that same object, through its own loader, and returns the attribute: from then on it is
the standard library's module, the same object everywhere it was bound. Unlike
``importlib.util.LazyLoader``, whose module loads on *any* attribute access, the import system's own
look-ups (``__spec__``, ``__name__``) find plain attributes and load nothing, so the SDK's ``import``
statements stay free.

Checked by ``tests/test_deferred_imports.py`` (a deferred module runs once, threads or not, and then
answers as an ordinary module; a model's ``repr`` gets the real ``pprint``, a ``Decimal`` the real
class) and by the package tests (answering every kind of request on Lambda runs neither).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from typing import Any

# Standard-library modules, not packages, that the SDK imports at start-up and no request of the skill uses.
DEFERRED_MODULES = ("pprint", "decimal")


def defer_import(name: str) -> bool:
    """Register module ``name`` unexecuted, to run on its first missing attribute; False (and nothing
    done) when it is already imported or cannot be found."""
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is not None:
        return False  # a package would need its submodules handled too: not deferred
    module = importlib.util.module_from_spec(spec)
    loader = spec.loader
    lock = threading.RLock()  # two web workers asking at once: one runs the code, the other waits for it
    state = {"loaded": False, "loading": False}

    def load_then_get(attribute: str) -> Any:
        with lock:
            if state["loading"]:  # asked by the module's own code as it runs: not there yet
                raise AttributeError(f"partially initialized module {name!r} has no attribute {attribute!r}")
            if not state["loaded"]:
                state["loading"] = True
                try:
                    loader.exec_module(module)
                finally:
                    state["loading"] = False
                state["loaded"] = True
                if vars(module).get("__getattr__") is load_then_get:
                    del module.__getattr__  # unless the module's own code defined its own (PEP 562)
        return getattr(module, attribute)  # an ordinary module's look-up from now on

    module.__getattr__ = load_then_get  # type: ignore[method-assign]
    sys.modules[name] = module
    return True


def defer_unused_imports() -> list[str]:
    """Defer every module of ``DEFERRED_MODULES`` not yet imported; the names deferred."""
    return [name for name in DEFERRED_MODULES if defer_import(name)]
