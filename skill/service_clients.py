"""Keeps the ASK SDK's eleven service clients out of the cold start, until a skill really uses one.

``ask_sdk_core.skill`` imports ``ServiceClientFactory`` and ``ApiConfiguration`` from the package
``ask_sdk_model.services``, whose ``__init__`` imports all of its modules, among them
``service_client_factory``, which imports every service client the SDK has (device address, lists,
reminders, timers, monetization, ...), their models, and through the LWA client ``dateutil.tz``; and
``base_service_client``, which imports ``urllib.parse`` and ``ipaddress``. On Python 3.13 that was about
25 ms of a 70 ms Lambda cold start, for a factory the SDK builds only for a skill that has an
``ApiClient``. This skill has none.

``defer_service_clients()`` registers the package before anything imports it, as the very same package
(its spec, its folder, its files) with one change: its ``__init__`` is not run. Each name the
``__init__`` would have imported is imported from its own module when first asked for, as PEP 562's
module ``__getattr__`` allows, so ``from ask_sdk_model.services import Serializer`` gets the SDK's real
class, loading only ``serializer.py``. The one exception is ``ServiceClientFactory``, which
``ask_sdk_core.skill`` binds when it is imported: that name gets ``DeferredServiceClientFactory``, which
imports the real factory module and returns the SDK's real factory when a skill with an ``ApiClient``
first builds one, and from then on the package hands out the real class. No file of the SDK is changed.

Checked by ``tests/test_service_clients.py``: the names stay those of the SDK's ``__init__`` (the test
fails, saying what to re-check, if a new SDK version changes them or how ``ask_sdk_core`` imports the
factory), and a skill with an ``ApiClient`` still gets the SDK's real service clients; and by the package
tests: answering every kind of request on Lambda imports no service client.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from typing import Any

SERVICES_PACKAGE = "ask_sdk_model.services"
FACTORY_MODULE = f"{SERVICES_PACKAGE}.service_client_factory"
# What the package's __init__ imports, name by module: the same lines as in ask-sdk-model 1.82.0.
SERVICES_EXPORTS = {
    "BaseServiceClient": "base_service_client",
    "ApiConfiguration": "api_configuration",
    "ApiResponse": "api_response",
    "ServiceClientResponse": "service_client_response",
    "ApiClient": "api_client",
    "ServiceClientFactory": "service_client_factory",
    "ApiClientResponse": "api_client_response",
    "ServiceException": "service_exception",
    "Serializer": "serializer",
    "ApiClientMessage": "api_client_message",
    "AuthenticationConfiguration": "authentication_configuration",
    "ApiClientRequest": "api_client_request",
}


class _StandInForTheRealFactory(type):
    """Makes the stand-in behave as the SDK's class wherever a class is used, not only when called:
    ``isinstance`` and ``issubclass`` ask the real class, and a class written with the stand-in as its
    base gets the real class as its base instead."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if any(isinstance(base, _StandInForTheRealFactory) for base in bases):
            real = real_service_client_factory()
            bases = tuple(real if isinstance(base, _StandInForTheRealFactory) else base for base in bases)
            return type(real)(name, bases, namespace)
        return super().__new__(mcls, name, bases, namespace)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, real_service_client_factory())

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, real_service_client_factory())


class DeferredServiceClientFactory(metaclass=_StandInForTheRealFactory):
    """Stands for the SDK's ``ServiceClientFactory`` until one is built: building it builds the real one."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return real_service_client_factory()(*args, **kwargs)


def real_service_client_factory() -> Any:
    """The SDK's ``ServiceClientFactory`` class, importing its module (and every client) if not yet done."""
    real = importlib.import_module(FACTORY_MODULE).ServiceClientFactory
    services = sys.modules.get(SERVICES_PACKAGE)
    if services is not None:
        services.ServiceClientFactory = real  # type: ignore[attr-defined]
    return real


def _services_attribute(name: str) -> Any:
    """The deferred package's ``__getattr__``: a name of its ``__init__``, from the module defining it."""
    if name == "ServiceClientFactory" and FACTORY_MODULE not in sys.modules:
        return DeferredServiceClientFactory
    module = SERVICES_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {SERVICES_PACKAGE!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{SERVICES_PACKAGE}.{module}"), name)
    setattr(sys.modules[SERVICES_PACKAGE], name, value)  # asked once: a plain attribute from now on
    return value


def defer_service_clients() -> bool:
    """Register ``ask_sdk_model.services`` without running its ``__init__``; False (and nothing done)
    when it is already imported or cannot be found."""
    if SERVICES_PACKAGE in sys.modules:
        return False
    import ask_sdk_model  # the request and response models: every request needs them anyway

    spec = importlib.machinery.PathFinder.find_spec(SERVICES_PACKAGE, ask_sdk_model.__path__)
    if spec is None or not spec.submodule_search_locations:
        return False
    services = importlib.util.module_from_spec(spec)  # the package as found; its __init__ is not run
    services.__getattr__ = _services_attribute  # type: ignore[method-assign]
    services.__all__ = list(SERVICES_EXPORTS)  # type: ignore[attr-defined]  # a star import's names
    sys.modules[SERVICES_PACKAGE] = services
    ask_sdk_model.services = services  # type: ignore[attr-defined]  # as an import would have set it
    return True
