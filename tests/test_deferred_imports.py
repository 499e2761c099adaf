"""``skill/deferred_imports.py``: a deferred module runs nothing when imported, and is the real module, run
once, from its first missing attribute on.

The generic behaviour is shown on a module written for the test, which counts its own runs; ``pprint`` and
``decimal`` themselves in a fresh interpreter, where nothing has imported them yet (pytest has, here).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

from skill.deferred_imports import defer_import

COUNTED_MODULE = """
import sys
sys.modules["counted_runs"].runs.append(__name__)
ANSWER = 42

def __getattr__(name):
    if name == "LATE":
        return "made by the module's own __getattr__"
    raise AttributeError(name)
"""


class Counted(NamedTuple):
    name: str  # the module's name, not yet imported
    runs: list[str]  # one entry each time its code ran


@pytest.fixture
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counted]:
    """A module on the path that records each run of its code in a list the test holds."""
    name = f"counted_{tmp_path.name}".replace("-", "_")
    (tmp_path / f"{name}.py").write_text(COUNTED_MODULE.replace("counted_runs", f"{name}_runs"))
    monkeypatch.syspath_prepend(str(tmp_path))
    runs_module = ModuleType(f"{name}_runs")
    runs_module.runs = []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, runs_module.__name__, runs_module)
    yield Counted(name, runs_module.runs)  # type: ignore[attr-defined]
    sys.modules.pop(name, None)


def test_importing_a_deferred_module_runs_none_of_its_code(counted: Counted) -> None:
    name = counted.name
    assert defer_import(name)
    exec(f"import {name}")
    assert counted.runs == []


def test_its_first_missing_attribute_runs_it_once_into_the_same_object(counted: Counted) -> None:
    name = counted.name
    defer_import(name)
    bound = sys.modules[name]
    namespace: dict[str, object] = {}
    exec(f"from {name} import ANSWER", namespace)
    assert namespace["ANSWER"] == 42
    assert bound.ANSWER == 42 and sys.modules[name] is bound
    assert counted.runs == [name]


def test_once_run_it_answers_as_an_ordinary_module(counted: Counted) -> None:
    name = counted.name
    defer_import(name)
    module = sys.modules[name]
    assert module.LATE == "made by the module's own __getattr__"
    with pytest.raises(AttributeError):
        module.NOT_THERE  # noqa: B018
    assert counted.runs == [name]


def test_threads_asking_at_once_run_it_once(counted: Counted) -> None:
    name = counted.name
    defer_import(name)
    module = sys.modules[name]
    start = threading.Barrier(8)
    answers: list[int] = []

    def ask() -> None:
        start.wait()
        answers.append(module.ANSWER)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 8
    assert counted.runs == [name]


def test_a_module_already_imported_is_left_as_it_is() -> None:
    real = sys.modules["json"]
    assert not defer_import("json")
    assert sys.modules["json"] is real


# Runs in a fresh interpreter: importing the skill and the SDK leaves the deferred modules' code unrun;
# then a model's repr and a Decimal use them.
IMPORT_THEN_USE = """
import json, sys
import skill.builder
from ask_sdk_model import RequestEnvelope
import ask_sdk_model.request_envelope as model_module
import ask_sdk_core.serialize as sdk_serialize
watched = ("pprint", "dataclasses", "inspect", "ast", "dis", "decimal", "numbers")
ran = sorted(name for name in watched if name in sys.modules and "__getattr__" not in vars(sys.modules[name]))
text = repr(RequestEnvelope(version="1.0", session=None))
pprint, decimal = sys.modules["pprint"], sys.modules["decimal"]
print(json.dumps({"ran_before_use": ran, "repr": text, "file": pprint.__file__,
                  "same_objects": model_module.pprint is pprint and sdk_serialize.decimal is decimal,
                  "pformat": pprint.pformat({"b": [1] * 30, "a": "x" * 70}),
                  "decimal": [str(decimal.Decimal("1.10") * 3), decimal.__file__,
                              decimal.Decimal.__module__]}))
"""
PLAIN_IMPORTS = """
import decimal, json, pprint
print(json.dumps({"pformat": pprint.pformat({"b": [1] * 30, "a": "x" * 70}), "file": pprint.__file__,
                  "decimal": [str(decimal.Decimal("1.10") * 3), decimal.__file__,
                              decimal.Decimal.__module__]}))
"""


def run_fresh(code: str) -> dict[str, object]:
    finished = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    return json.loads(finished.stdout)


def test_the_skill_defers_pprint_and_a_models_repr_gets_the_real_one() -> None:
    deferred, plain = run_fresh(IMPORT_THEN_USE), run_fresh(PLAIN_IMPORTS)
    assert deferred["ran_before_use"] == [], "pprint, decimal or what they import ran at import"
    assert deferred["repr"] == "{'context': None, 'request': None, 'session': None, 'version': '1.0'}"
    assert deferred["same_objects"] is True
    assert deferred["file"] == plain["file"]
    assert deferred["pformat"] == plain["pformat"]


def test_the_skill_defers_decimal_and_a_decimal_is_the_real_one() -> None:
    deferred, plain = run_fresh(IMPORT_THEN_USE), run_fresh(PLAIN_IMPORTS)
    assert deferred["decimal"] == plain["decimal"]
    assert plain["decimal"][0] == "3.30"
