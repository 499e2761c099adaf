"""``skill/service_clients.py``: the SDK's service clients stay unimported until used, and are real then.

The deferral relies on how the SDK is written (what ``ask_sdk_model.services`` exports, and that
``ask_sdk_core.skill`` imports the factory by name from that package). These tests read the installed
SDK and fail, saying what to re-check, when a new version changes either.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from skill.service_clients import SERVICES_EXPORTS

# The SDK versions the deferral was checked against; the pins of pyproject.toml and the Lambda package.
CHECKED_VERSIONS = {"ask-sdk-model": "1.82.0", "ask-sdk-core": "1.19.0"}
RECHECK = "re-check skill/service_clients.py against the new SDK, then update this test"


def sdk_source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).read_text(encoding="utf-8")


def test_the_sdk_is_the_version_the_deferral_was_checked_against() -> None:
    lambda_pins = (Path(__file__).resolve().parent.parent / "lambda" / "requirements.txt").read_text()
    for distribution, version in CHECKED_VERSIONS.items():
        assert importlib.metadata.version(distribution) == version, f"{distribution} changed: {RECHECK}"
        assert f"{distribution}=={version}\n" in lambda_pins, f"the Lambda zip's {distribution}: {RECHECK}"


def test_a_star_import_of_the_services_package_gets_the_sdks_own_names() -> None:
    assert "__getattr__" in vars(sys.modules["ask_sdk_model.services"]), "the deferred package, here too"
    namespace: dict[str, object] = {}
    exec("from ask_sdk_model.services import *", namespace)
    assert set(SERVICES_EXPORTS) <= namespace.keys()
    assert namespace["Serializer"].__module__ == "ask_sdk_model.services.serializer"  # type: ignore[attr-defined]


def test_the_deferred_names_are_exactly_those_of_the_sdks_services_init() -> None:
    tree = ast.parse(sdk_source("ask_sdk_model.services"))
    exported = {
        alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names
    }
    assert exported == SERVICES_EXPORTS, f"ask_sdk_model.services exports other names: {RECHECK}"
    others = [node for node in tree.body if not isinstance(node, ast.ImportFrom | ast.Expr)]
    assert others == [], f"ask_sdk_model/services/__init__.py does more than import: {RECHECK}"


def test_the_sdk_imports_the_factory_by_name_and_builds_it_only_with_an_api_client() -> None:
    skill_module = sdk_source("ask_sdk_core.skill")
    import_line = "from ask_sdk_model.services import ServiceClientFactory, ApiConfiguration"
    assert import_line in skill_module, RECHECK
    assert "if self.api_client is not None:" in skill_module, RECHECK
    assert "factory = ServiceClientFactory(api_configuration=api_configuration)" in skill_module, RECHECK


# Runs in a fresh interpreter: the deferral must happen before anything imports the SDK's services.
ANSWER_THEN_USE_A_SERVICE_CLIENT = """
import json, sys
from skill.builder import answer_envelope, build_skill
from tooling.envelopes import envelope, launch_request

answer = answer_envelope(build_skill(), envelope(launch_request()))
watched = ("ask_sdk_model.services", "dateutil")
loaded_before = sorted(name for name in sys.modules if name.startswith(watched))

from ask_sdk_core.api_client import DefaultApiClient
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import CustomSkillBuilder

class ReportServiceClient(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        client = handler_input.service_client_factory.get_ups_service()
        kind = type(client)
        return handler_input.response_builder.speak(f"{kind.__module__}.{kind.__qualname__}").response

builder = CustomSkillBuilder(api_client=DefaultApiClient())
builder.add_request_handler(ReportServiceClient())
with_client = answer_envelope(builder.create(), envelope(launch_request()))

import ask_sdk_model.services
from ask_sdk_model.services.service_client_factory import ServiceClientFactory
print(json.dumps({
    "answered": "outputSpeech" in answer["response"],
    "loaded_before": loaded_before,
    "client": with_client["response"]["outputSpeech"]["ssml"],
    "package_factory_is_real": ask_sdk_model.services.ServiceClientFactory is ServiceClientFactory,
}))
"""


def report_of_a_fresh_interpreter(script: str) -> dict:
    """What ``script`` printed as JSON, run where nothing has imported the SDK yet."""
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode == 0, finished.stderr
    return dict(json.loads(finished.stdout))


@pytest.mark.slow
def test_no_service_client_is_imported_until_a_skill_with_an_api_client_uses_one() -> None:
    report = report_of_a_fresh_interpreter(ANSWER_THEN_USE_A_SERVICE_CLIENT)
    assert report["answered"]
    assert report["loaded_before"] == [
        "ask_sdk_model.services",
        "ask_sdk_model.services.api_configuration",
        "ask_sdk_model.services.serializer",
    ], "only what ask_sdk_core itself uses: no service client, no dateutil"
    assert "ask_sdk_model.services.ups.ups_service_client.UpsServiceClient" in report["client"]
    assert report["package_factory_is_real"], "after first use the package hands out the SDK's own class"


# Runs in a fresh interpreter, before anything has built a real factory: the stand-in the package hands
# out must behave as the SDK's class for type checks and subclassing too, not only when called.
USE_THE_STAND_IN_AS_A_CLASS = """
import json
import skill  # defers the services package
from ask_sdk_model.services import ServiceClientFactory as Factory
from ask_sdk_model.services import ApiConfiguration

stand_in = Factory.__name__
built = Factory(api_configuration=ApiConfiguration())

class Mine(Factory):
    def marker(self):
        return "mine"

from ask_sdk_model.services.service_client_factory import ServiceClientFactory as Real
print(json.dumps({
    "stand_in": stand_in,
    "instance": isinstance(built, Factory),
    "real_is_subclass": issubclass(Real, Factory),
    "mine_base_is_real": Mine.__mro__[1] is Real,
    "mine_keeps_its_methods": Mine(api_configuration=ApiConfiguration()).marker() == "mine",
}))
"""


@pytest.mark.slow
def test_the_stand_in_factory_behaves_as_the_sdks_class_for_isinstance_and_subclassing() -> None:
    report = report_of_a_fresh_interpreter(USE_THE_STAND_IN_AS_A_CLASS)
    assert report["stand_in"] == "DeferredServiceClientFactory", "the test must exercise the stand-in"
    assert report == {**report, "instance": True, "real_is_subclass": True}
    assert report["mine_base_is_real"] and report["mine_keeps_its_methods"]
